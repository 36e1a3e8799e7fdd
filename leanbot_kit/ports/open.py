"""The one place that opens serial ports: real devices and `sim://`, `replay://`, `loop://` URLs.

Every failure becomes a PortError in plain words with the fix: busy (and who holds the port),
permission denied (the `dialout` group), no such port (and what is there).
"""

from __future__ import annotations

import errno
import os
import sys
from pathlib import Path
from typing import Any

from leanbot_kit.errors import PortError
from leanbot_kit.i18n import _
from leanbot_kit.ports.usb import chip_for

BUSY_WORDS = ("device or resource busy", "could not exclusively lock", "resource temporarily unavailable")


def open_port(port: str, baud: int = 115200, timeout: float = 0.1) -> Any:
    """Open a serial device or pyserial URL for exclusive use; failures raise PortError."""
    import serial

    import leanbot_kit.ports  # noqa: F401 - registers sim:// and replay://

    try:
        return serial.serial_for_url(port, baudrate=baud, timeout=timeout, exclusive=True)
    except ValueError as e:
        if "protocol" in str(e) and "://" in port:
            raise PortError(
                _("{port}: unknown kind of port").format(port=port),
                _("use a device (/dev/ttyUSB0, COM3) or sim://, replay://, loop://")) from e
        raise PortError(_("cannot open {port}: {error}").format(port=port, error=e)) from e
    except (OSError, serial.SerialException) as e:
        raise port_error(port, e) from e


def port_error(port: str, exc: BaseException) -> PortError:
    """Turn what pyserial or the OS raised while opening `port` into a PortError with advice."""
    code = getattr(exc, "errno", None)
    text = str(exc).lower()
    windows_denied = sys.platform == "win32" and ("access is denied" in text or code == errno.EACCES)
    if code == errno.EBUSY or code == errno.EWOULDBLOCK or windows_denied \
            or any(w in text for w in BUSY_WORDS):
        return busy_error(port)
    if code in (errno.EACCES, errno.EPERM) or "permission denied" in text:
        return PortError(
            _("could not open {port}: permission denied").format(port=port),
            _("add yourself to the 'dialout' group: sudo usermod -aG dialout $USER, "
              "then log out and in") if sys.platform.startswith("linux")
            else _("check that your user may use serial ports"))
    if "://" in port:  # sim://, replay://: the handler's own words say what is wrong
        return PortError(_("could not open {port}: {error}").format(port=port, error=exc),
                         _("check the path and the options of the URL"))
    if code == errno.ENOENT or "no such file" in text or "filenotfound" in text \
            or "cannot find the file" in text:
        present = ", ".join(p for p, _desc in list_serial_ports()) or _("none")
        return PortError(_("there is no port {port}").format(port=port),
                         _("ports present: {ports}; is the robot plugged in?").format(ports=present))
    return PortError(_("could not open {port}: {error}").format(port=port, error=exc),
                     _("unplug the robot, plug it in again and retry"))


def busy_error(port: str) -> PortError:
    """The error for a port another program holds, naming the program when we can see it."""
    holders = port_holders(port)
    who = (_("it is held by {holders}").format(holders=", ".join(holders)) + "; ") if holders else ""
    return PortError(
        _("{port} is busy: another program is using it").format(port=port),
        who + _("close the other program: another `leanbot monitor`, the Arduino IDE serial "
                "monitor or plotter, or `arduino-cli monitor`"))


def port_holders(port: str) -> list[str]:
    """Programs that have `port` open ("name (pid N)"), found through /proc on Linux; [] elsewhere."""
    proc = Path("/proc")
    if not proc.is_dir() or "://" in port:
        return []
    try:
        target = os.path.realpath(port)
    except OSError:
        return []
    found = []
    for pid_dir in proc.iterdir():
        if not pid_dir.name.isdigit() or int(pid_dir.name) == os.getpid():
            continue
        try:
            fds = list((pid_dir / "fd").iterdir())
            if any(os.path.realpath(fd) == target for fd in fds):
                name = (pid_dir / "comm").read_text().strip()
                found.append(_("{name} (pid {pid})").format(name=name, pid=pid_dir.name))
        except OSError:
            continue
    return found


def list_serial_ports() -> list[tuple[str, str]]:
    """(device, description) of every serial port of this computer."""
    from serial.tools import list_ports

    return [(p.device, p.description or "") for p in sorted(list_ports.comports())]


def robot_ports() -> list[tuple[str, str]]:
    """(device, chip) of the ports whose USB id is a robot's serial chip or an Arduino board."""
    from serial.tools import list_ports

    found = []
    for p in sorted(list_ports.comports()):
        if p.vid is None:
            continue
        chip = chip_for(f"{p.vid:04x}", f"{p.pid or 0:04x}")
        if chip:
            found.append((p.device, chip))
    return found


def find_robot_port() -> str:
    """The port of the single connected robot; PortError when there is none or several."""
    found = robot_ports()
    if not found:
        raise PortError(_("no robot found on USB"),
                        _("plug the robot in (a data cable, not a charge-only one), or name the "
                          "port with --port"))
    if len(found) > 1:
        listing = ", ".join(f"{dev} ({chip})" for dev, chip in found)
        raise PortError(_("several robots are connected: {ports}").format(ports=listing),
                        _("choose one with --port, or watch them all with --all"))
    return found[0][0]
