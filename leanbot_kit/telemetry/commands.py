"""Host → robot lines of protocol v1: `?<word>*HH` (docs/protocol.md, "Lines from the computer").

A generated sketch reads them in `lbk_tick()` without waiting; a robot ignores a line it does not know,
so sending a command to an older sketch is harmless.
"""

from __future__ import annotations

from leanbot_kit.errors import TelemetryError
from leanbot_kit.i18n import _
from leanbot_kit.telemetry.wire import checksum

COMMANDS = ("stop", "start")  # what v1 sketches act on
COMMAND_MAX = 10  # bytes of a command line without its '\n' that a sketch reads ("?start*HH" is 9)


def encode_command(word: str) -> bytes:
    """The line (with its newline) that asks the robot to `word`: `stop` or `start`."""
    if word not in COMMANDS:
        raise TelemetryError(
            _("unknown robot command {word!r}").format(word=word),
            _("the robot knows: {known}").format(known=", ".join(COMMANDS)))
    body = word.encode("ascii")
    return b"?%s*%02X\n" % (body, checksum(body))


def decode_command(line: bytes) -> str | None:
    """The word of a well-formed command line (newline optional), else None: what a robot would act on."""
    line = line.rstrip(b"\r\n")
    if not (5 <= len(line) <= COMMAND_MAX and line[:1] == b"?" and line[-3:-2] == b"*"):
        return None
    body = line[1:-3]
    if line[-2:] != b"%02X" % checksum(body):
        return None
    word = body.decode("ascii", "replace")
    return word if word in COMMANDS else None
