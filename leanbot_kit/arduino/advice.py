"""Plain advice for arduino-cli and avrdude failures: a table from real error texts to one sentence + fix.

The patterns match the texts arduino-cli 0.x/1.x and avrdude 6.3/7.x/8.x really print (see
tests/fake_arduino_cli/samples/errors-*.txt). The first matching row wins, so specific rows come first.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass

from leanbot_kit.errors import ArduinoCliError
from leanbot_kit.i18n import N_, _

OLD_BOOTLOADER_FQBN = "arduino:avr:nano:cpu=atmega328old"


@dataclass(frozen=True)
class Advice:
    """One row of the table: what kind of failure, how to recognise it, what to tell the user."""

    kind: str
    pattern: re.Pattern[str]
    message: str
    hint: str


def _row(kind: str, pattern: str, message: str, hint: str) -> Advice:
    return Advice(kind, re.compile(pattern, re.IGNORECASE | re.MULTILINE), message, hint)


TABLE: tuple[Advice, ...] = (
    _row("core-missing",
         r"Platform '?arduino:avr'? not found|platform not installed|core install arduino:avr",
         N_("the Arduino AVR core (arduino:avr) is not installed"),
         N_("run 'leanbot setup' to install it")),
    _row("library-missing",
         r"fatal error: (?P<header>[\w./+-]+\.h): No such file or directory|Library '(?P<lib>[^']+)' not found",
         N_("a library the sketch needs is not installed ({what})"),
         N_("run 'leanbot setup' to install the Leanbot libraries")),
    _row("too-big",
         r"text section exceeds available space|Sketch too big",
         N_("the sketch is too big for the ATmega328P (at most 32256 bytes of flash)"),
         N_("make the lesson shorter: fewer steps, shorter print texts or melodies")),
    _row("ram-too-big",
         r"data section exceeds available space|Not enough memory",
         N_("the sketch uses more than the 2048 bytes of RAM of the ATmega328P"),
         N_("use fewer variables and shorter texts (put fixed texts in F(\"...\"))")),
    _row("bad-fqbn",
         r"Invalid FQBN|Missing FQBN|not an FQBN",
         N_("arduino-cli does not know the board '{fqbn}'"),
         N_("leave out --fqbn to use arduino:avr:uno, or run 'leanbot setup'")),
    _row("permission",
         r"Permission denied|Cannot perform port reset: opening port: Permission",
         N_("could not open {port}: permission denied"),
         N_("add yourself to the 'dialout' group ('sudo usermod -aG dialout $USER'), "
            "then log out and in")),
    _row("busy",
         r"Device or resource busy|Resource busy|Access is denied",
         N_("{port} is busy: another program holds it"),
         N_("close the other serial monitor, Arduino IDE or 'leanbot monitor' that uses it, "
            "then try again")),
    _row("no-port",
         r"No such file or directory|port not found|no upload port provided|No new serial port",
         N_("there is no robot on {port}"),
         N_("check the USB cable, then run 'leanbot ports' to see the connected robots")),
    _row("not-in-sync",
         r"not in sync|stk500v2_ReceiveMessage\(\): timeout|timeout communicating with programmer",
         N_("the robot on {port} did not answer the upload (not in sync)"),
         N_("check that the robot is switched on and the cable carries data; if it has an old "
            "bootloader, try --fqbn {old}")),
    _row("not-responding",
         r"programmer is not responding|unable to open (?:programmer|port)",
         N_("the robot on {port} is not responding"),
         N_("switch the robot off and on, try another USB cable or port; with an old bootloader "
            "try --fqbn {old}")),
    _row("missing-artifacts",
         r"Error finding build artifacts|Compiled sketch not found",
         N_("the compiled sketch was not found"),
         N_("run 'leanbot build' again")),
    _row("compile-error",
         r"Error during build|: (?:fatal )?error: ",
         N_("the sketch does not compile"),
         N_("fix the lines shown above, then build again")),
)

TRANSIENT = frozenset({"not-in-sync", "busy", "not-responding"})


def find_advice(text: str) -> tuple[Advice | None, re.Match[str] | None]:
    """The first table row whose pattern occurs in `text`, with its match."""
    for row in TABLE:
        match = row.pattern.search(text)
        if match:
            return row, match
    return None, None


def install_hint() -> str:
    """How to install arduino-cli on this operating system."""
    if sys.platform.startswith("win"):
        return _("install it with 'winget install ArduinoSA.CLI' (or download it from "
                 "https://arduino.github.io/arduino-cli/latest/installation/), then open a new terminal")
    if sys.platform == "darwin":
        return _("install it with 'brew install arduino-cli', then open a new terminal")
    return _("install it with 'curl -fsSL https://raw.githubusercontent.com/arduino/arduino-cli/"
             "master/install.sh | BINDIR=~/.local/bin sh' (or 'snap install arduino-cli'); "
             "or set ARDUINO_CLI to its path")


def not_installed(command: list[str] | None = None) -> ArduinoCliError:
    """The error for an arduino-cli that cannot be found or started."""
    err = ArduinoCliError(_("arduino-cli is not installed (or not on PATH)"), install_hint(),
                          command=command, returncode=None)
    err.kind, err.step, err.line = "not-installed", None, None
    return err


def advise(text: str, *, command: list[str], returncode: int | None, stderr: str,
           port: str = "", fqbn: str = "", fallback: str | None = None) -> ArduinoCliError:
    """Turn a failed command's output into an ArduinoCliError carrying the matching advice."""
    row, match = find_advice(text)
    if row is None:
        first = next((line.strip() for line in text.splitlines() if line.strip()), "")
        message = fallback or _("arduino-cli failed: {reason}").format(reason=first or returncode)
        err = ArduinoCliError(message, _("run the command again with --debug to see all output"),
                              command=command, returncode=returncode, stderr=stderr)
        err.kind, err.step, err.line = "unknown", None, None
        return err
    groups = {k: v for k, v in (match.groupdict() if match else {}).items() if v}
    what = groups.get("header") or groups.get("lib") or "Leanbot"
    message = _(row.message).format(port=port or _("the port"), fqbn=fqbn, what=what)
    hint = _(row.hint).format(old=OLD_BOOTLOADER_FQBN)
    err = ArduinoCliError(message, hint, command=command, returncode=returncode,
                          stderr=stderr)
    err.kind, err.step, err.line = row.kind, None, None
    return err
