"""Serial ports a robot may be on: pyserial's list merged with arduino-cli's `board list`, with the
USB chip, the arduino-cli board match, busy/free, and the robot's name when it was seen before.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, replace

from leanbot_kit.arduino.robots import known_robot_ids
from leanbot_kit.errors import LeanbotError
from leanbot_kit.ports.usb import chip_for

SIM_CHIP = "simulated"


@dataclass(frozen=True)
class PortInfo:
    """One serial port: where, which USB chip, what arduino-cli matched, busy or free, robot name."""

    device: str
    description: str = ""
    vid: str = ""
    pid: str = ""
    chip: str = ""
    serial_number: str = ""
    board: str = ""
    status: str = "unknown"  # free, busy, no-permission, missing, unknown
    holder: str = ""
    robot_id: str = ""

    @property
    def is_robot(self) -> bool:
        """True for a USB serial chip a Leanbot uses (or a simulated robot)."""
        return bool(self.chip)

    def to_json(self) -> dict:
        """A JSON-ready view."""
        return asdict(self)


def _hex4(value: int | str | None) -> str:
    if value in (None, ""):
        return ""
    return f"{value:04x}" if isinstance(value, int) else str(value).lower().removeprefix("0x")


def system_ports() -> list[PortInfo]:
    """Ports pyserial finds on this computer."""
    from serial.tools import list_ports

    found = []
    for p in list_ports.comports():
        vid, pid = _hex4(p.vid), _hex4(p.pid)
        desc = p.description if p.description and p.description != "n/a" else ""
        found.append(PortInfo(p.device, desc, vid, pid, chip_for(vid, pid), p.serial_number or ""))
    return found


def cli_ports(cli: object | None) -> list[PortInfo]:
    """Ports arduino-cli's `board list` reports (none when arduino-cli is missing or fails)."""
    from leanbot_kit.arduino.cli_runner import ArduinoCli

    try:
        cli = cli or ArduinoCli()
        detected = cli.board_list()
    except LeanbotError:
        return []
    return [PortInfo(d.address, d.label, d.vid, d.pid, chip_for(d.vid, d.pid), d.serial_number,
                     ", ".join(f"{name} ({fqbn})" if fqbn else name for name, fqbn in d.boards))
            for d in detected if d.protocol == "serial"]


def merge(first: Iterable[PortInfo], second: Iterable[PortInfo]) -> list[PortInfo]:
    """Ports of both lists by device; arduino-cli's board match and ids fill pyserial's gaps."""
    merged: dict[str, PortInfo] = {p.device: p for p in first}
    for p in second:
        old = merged.get(p.device)
        if old is None:
            merged[p.device] = p
            continue
        merged[p.device] = replace(old, board=old.board or p.board, vid=old.vid or p.vid,
                                   pid=old.pid or p.pid, chip=old.chip or p.chip,
                                   serial_number=old.serial_number or p.serial_number,
                                   description=old.description or p.description)
    return sorted(merged.values(), key=lambda p: p.device)


def list_ports(*, sim: Sequence[str] = (), cli: object | None = None, use_cli: bool = True,
               probe: Callable[[str], tuple[str, str]] | None = None,
               system: Callable[[], list[PortInfo]] = system_ports) -> list[PortInfo]:
    """Every serial port with chip, board match, status and robot name; `sim://` URLs only if given."""
    from leanbot_kit.arduino.busy import probe_status

    probe = probe or probe_status
    ports = merge(system(), cli_ports(cli) if use_cli else [])
    names = known_robot_ids()
    result = []
    for p in ports:
        status, holder = probe(p.device)
        robot = names.get(p.device) or (names.get(p.serial_number) if p.serial_number else "")
        result.append(replace(p, status=status, holder=holder, robot_id=robot or ""))
    result += [PortInfo(url, "simulated Leanbot", chip=SIM_CHIP, status="free",
                        robot_id=names.get(url, "")) for url in sim]
    return result


def is_builtin(port: PortInfo) -> bool:
    """A serial port of the computer itself (`/dev/ttyS0`, `COM1`, Bluetooth): no USB id, so never a robot."""
    return not port.vid and port.chip != SIM_CHIP


def shown_ports(ports: Iterable[PortInfo], show_all: bool = False) -> tuple[list[PortInfo], list[PortInfo]]:
    """(the ports to show, the built-in ones hidden): robots first, then other USB serial devices."""
    ports = list(ports)
    hidden = [] if show_all else [p for p in ports if is_builtin(p)]
    shown = [p for p in ports if p not in hidden]
    shown.sort(key=lambda p: (not p.is_robot, is_builtin(p)))  # stable: by device within each group
    return shown, hidden


def robot_ports(ports: Iterable[PortInfo]) -> list[PortInfo]:
    """The ports that look like robots (a known USB serial chip, or simulated)."""
    return [p for p in ports if p.is_robot]


def is_windows() -> bool:
    """True on Windows (COM ports, no /proc)."""
    return sys.platform.startswith("win") or os.name == "nt"
