"""`leanbot doctor`: check this computer for everything flashing and simulating need, with exact fixes.

Every check returns data (name, ok, detail, fix, blocking); what it looks at comes from a `Machine`,
so tests can describe any computer (groups, processes, udev folders, ports) without touching this one.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from leanbot_kit.arduino import advice
from leanbot_kit.arduino.pinned import pinned
from leanbot_kit.errors import LeanbotError
from leanbot_kit.i18n import N_, _

UDEV_DIRS = (Path("/etc/udev/rules.d"), Path("/lib/udev/rules.d"), Path("/usr/lib/udev/rules.d"))
UDEV_RULE = ('SUBSYSTEM=="tty", ATTRS{idVendor}=="1a86", ATTRS{idProduct}=="7523", '
             'MODE="0660", GROUP="dialout", ENV{ID_MM_DEVICE_IGNORE}="1"')
SERIAL_GROUPS = ("dialout", "uucp")
# Check names: stable ids in JSON, translated when printed.
PYTHON = N_("python")
ARDUINO_CLI = N_("arduino-cli")
CORE = N_("core")
LIBRARY = N_("library")
COMPILER = N_("c++ compiler")
AVR_COMPILER = N_("AVR compiler")
PORTS = N_("serial ports")
BUSY = N_("busy ports")
DIALOUT = N_("dialout group")
MODEM_MANAGER = N_("ModemManager")
UDEV = N_("udev rules")
SANDBOX = N_("simulator confinement")


@dataclass(frozen=True)
class Check:
    """One line of the doctor's report."""

    name: str
    ok: bool
    detail: str
    fix: str = ""
    blocking: bool = False

    def to_json(self) -> dict:
        """A JSON-ready view."""
        return {"name": self.name, "ok": self.ok, "detail": self.detail, "fix": self.fix,
                "blocking": self.blocking}


def _process_groups() -> list[str]:
    import grp

    return sorted({grp.getgrgid(g).gr_name for g in os.getgroups()})


def _configured_groups() -> list[str]:
    import grp
    import pwd

    user = pwd.getpwuid(os.getuid()).pw_name
    return [g.gr_name for g in grp.getgrall() if user in g.gr_mem]


def _processes() -> list[str]:
    names = []
    for comm in Path("/proc").glob("[0-9]*/comm"):
        try:
            names.append(comm.read_text().strip())
        except OSError:
            continue
    return names


def _service_state(name: str) -> str | None:
    try:
        done = subprocess.run(["systemctl", "is-active", name], capture_output=True, text=True,
                              timeout=5)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout.strip() or None


def _cli():
    from leanbot_kit.arduino.cli_runner import ArduinoCli

    return ArduinoCli()


def _compiler() -> str:
    try:
        from leanbot_kit.sim.compiler import find_compiler
    except ImportError:  # the simulator is not part of this installation: look on our own
        return _compiler_on_path()
    found = find_compiler()
    return f"{' '.join(found.command)} ({found.version})"


def _avr_toolchain() -> str | None:
    from leanbot_kit.sim.avr_toolchain import current_avr_toolchain

    found = current_avr_toolchain()
    return found.describe() if found else None


def _compiler_on_path() -> str:
    import importlib.util
    import shutil

    for name in (os.environ.get("CXX", ""), "c++", "g++", "clang++"):
        if name and shutil.which(name):
            return str(shutil.which(name))
    if importlib.util.find_spec("ziglang") is not None:
        return "ziglang"
    raise LeanbotError(_("no C++ compiler found for the simulator"),
                       _("install g++ or clang++, or 'pip install ziglang'"))


def _sandbox():
    try:
        from leanbot_kit.sim.sandbox import layers
    except ImportError:
        return None
    return layers()


def _ports():
    from leanbot_kit.arduino.ports import list_ports

    return list_ports()


@dataclass(frozen=True)
class Machine:
    """What the doctor looks at; every part can be replaced in tests."""

    platform: str = sys.platform
    python: tuple[int, ...] = tuple(sys.version_info[:3])
    is_root: bool = field(default_factory=lambda: hasattr(os, "geteuid") and os.geteuid() == 0)
    cli: Callable[[], object] = _cli
    compiler: Callable[[], str] = _compiler
    avr: Callable[[], str | None] = _avr_toolchain
    ports: Callable[[], list] = _ports
    sandbox: Callable[[], object] = _sandbox
    groups: Callable[[], list[str]] = _process_groups
    configured_groups: Callable[[], list[str]] = _configured_groups
    processes: Callable[[], list[str]] = _processes
    service_state: Callable[[str], str | None] = _service_state
    udev_dirs: tuple[Path, ...] = UDEV_DIRS


def check_python(m: Machine) -> Check:
    """Python 3.10 or newer."""
    text = ".".join(str(n) for n in m.python)
    if tuple(m.python[:2]) >= (3, 10):
        return Check(PYTHON, True, text)
    return Check(PYTHON, False, _("Python {version} is too old").format(version=text),
                 _("install Python 3.10 or newer"), True)


def check_toolchain(m: Machine) -> list[Check]:
    """arduino-cli present, the arduino:avr core and the Leanbot library installed."""
    pins = pinned()
    try:
        cli = m.cli()
        version = cli.version
    except LeanbotError as exc:
        why = _("needs arduino-cli")
        return [Check(ARDUINO_CLI, False, exc.message, exc.hint or advice.install_hint(), True),
                Check(CORE, False, why, _("install arduino-cli first"), True),
                Check(LIBRARY, False, why, _("install arduino-cli first"), True)]
    checks = [Check(ARDUINO_CLI, True, f"{version.text} ({' '.join(cli.command)})")]
    try:
        cores, libs = cli.installed_cores(), cli.installed_libraries()
    except LeanbotError as exc:
        return checks + [Check(CORE, False, exc.message, exc.hint or "", True)]
    core = cores.get(pins.core)
    checks.append(Check(CORE, True, f"{pins.core} {core}") if core else Check(
        CORE, False, _("the {core} core is not installed").format(core=pins.core),
        _("run 'leanbot setup'"), True))
    for name, _version in pins.libraries:
        have = libs.get(name)
        checks.append(Check(LIBRARY, True, f"{name} {have}") if have else Check(
            LIBRARY, False, _("the {name} library is not installed").format(name=name),
            _("run 'leanbot setup'"), True))
    return checks


def check_compiler(m: Machine) -> Check:
    """A C++ compiler for the simulator."""
    try:
        return Check(COMPILER, True, m.compiler())
    except LeanbotError as exc:
        return Check(COMPILER, False, exc.message, exc.hint or "")


def check_avr(m: Machine) -> Check:
    """The AVR compiler and Arduino core the simulator runs sketches on the robot's chip with."""
    found = m.avr()
    if found:
        return Check(AVR_COMPILER, True, found)
    return Check(AVR_COMPILER, False, _("none: the simulator runs sketches on this computer's CPU "
                                        "(int is 32 bits there, RAM is not limited)"),
                 _("install gcc-avr, avr-libc and arduino-core-avr (or the arduino:avr core)"))


def check_sandbox(m: Machine) -> Check | None:
    """How far a sketch running on the native simulator is kept away from this computer."""
    layers = m.sandbox()
    if layers is None:
        return None
    missing = [_(text) for ok, text in (
        (layers.limits, N_("resource limits")), (layers.no_processes, N_("no new processes")),
        (layers.no_network, N_("no network")), (layers.no_writes, N_("no writes outside its folder")))
        if not ok]
    if not missing:
        return Check(SANDBOX, True, _("resource limits, no new processes, no network, no writes "
                                      "outside its folder (Landlock ABI {abi})").format(
            abi=layers.landlock_abi))
    if not m.platform.startswith("linux"):
        fix = _("check sketches you do not trust on Linux, or with the AVR backend")
    else:
        fix = _("allow unprivileged user namespaces (Ubuntu: 'sudo sysctl "
                "kernel.apparmor_restrict_unprivileged_userns=0') and use a kernel with Landlock "
                "(5.13 or newer); the simulator still runs meanwhile")
    return Check(SANDBOX, False, _("a sketch on the native simulator runs without: {missing}").format(
        missing=", ".join(missing)), fix)


def check_ports(m: Machine) -> list[Check]:
    """Robots visible on USB, and none held by another program."""
    ports = [p for p in m.ports() if p.is_robot]
    if not ports:
        return [Check(PORTS, False, _("no robot is connected"),
                      _("plug the robot in with a data USB cable (not a charge-only one) and "
                        "switch it on; on Windows and macOS install the CH340 driver"))]
    listed = ", ".join(f"{p.device} ({p.chip})" for p in ports)
    checks = [Check(PORTS, True, listed)]
    busy = [p for p in ports if p.status == "busy"]
    if busy:
        held = ", ".join(f"{p.device}" + (f" by {p.holder}" if p.holder else "") for p in busy)
        checks.append(Check(BUSY, False, _("held: {ports}").format(ports=held),
                            _("close the serial monitor, Arduino IDE or 'leanbot monitor' that "
                              "holds it")))
    else:
        checks.append(Check(BUSY, True, _("none")))
    return checks


def check_dialout(m: Machine) -> Check:
    """Linux: the user may open serial ports (root, or in the dialout/uucp group)."""
    if m.is_root or set(SERIAL_GROUPS) & set(m.groups()):
        return Check(DIALOUT, True, _("serial ports may be opened"))
    if set(SERIAL_GROUPS) & set(m.configured_groups()):
        return Check(DIALOUT, False, _("you were added to 'dialout', but this login "
                                               "does not know it yet"),
                     _("log out and in again (or restart the computer)"), True)
    return Check(DIALOUT, False, _("you are not in the 'dialout' group"),
                 _("run 'sudo usermod -aG dialout $USER', then log out and in"), True)


def check_modem_manager(m: Machine) -> Check:
    """Linux: ModemManager is not running (it grabs new serial ports for seconds)."""
    active = m.service_state("ModemManager") == "active" or "ModemManager" in m.processes()
    if not active:
        return Check(MODEM_MANAGER, True, _("not running"))
    return Check(MODEM_MANAGER, False, _("ModemManager is running and may grab the robot's port"),
                 _("run 'sudo systemctl disable --now ModemManager' (or add the udev rule "
                   "shown by the udev check)"))


def check_udev(m: Machine) -> Check:
    """Linux: a udev rule gives USB serial ports to the dialout group."""
    for folder in m.udev_dirs:
        for rule in sorted(folder.glob("*.rules")) if folder.is_dir() else []:
            try:
                text = rule.read_text(errors="replace").lower()
            except OSError:
                continue
            if "1a86" in text or "ttyusb" in text or 'subsystem=="tty"' in text:
                return Check(UDEV, True, str(rule))
    return Check(UDEV, False, _("no udev rule for USB serial ports was found"),
                 _("write this line to /etc/udev/rules.d/99-leanbot.rules, then run "
                   "'sudo udevadm control --reload': {rule}").format(rule=UDEV_RULE))


def run_checks(machine: Machine | None = None) -> list[Check]:
    """Every check, in the order a person fixes them."""
    m = machine or Machine()
    checks = [check_python(m), *check_toolchain(m), check_compiler(m), check_avr(m)]
    confinement = check_sandbox(m)
    if confinement is not None:
        checks.append(confinement)
    if m.platform.startswith("linux"):
        checks += [check_dialout(m), check_modem_manager(m), check_udev(m)]
    return checks + check_ports(m)


def blocks_flashing(checks: list[Check]) -> bool:
    """True when a failed check would stop `leanbot flash`."""
    return any(c.blocking and not c.ok for c in checks)
