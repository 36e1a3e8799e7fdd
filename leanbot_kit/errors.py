"""The one family of errors leanbot-kit raises: a message a person can act on, plus a hint."""

from __future__ import annotations

from dataclasses import dataclass

from leanbot_kit.i18n import N_


class LeanbotError(Exception):
    """Base of every foreseeable failure; `cli` prints `message` and `hint`, never a traceback."""

    exit_code = 1

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class Problem:
    """One problem found in a file: where it is, which key, what was wrong, and what was expected."""

    file: str
    line: int
    col: int
    path: str
    message: str
    hint: str | None = None

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.col}"
        text = f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"
        return f"{text} ({self.hint})" if self.hint else text


class ProblemsError(LeanbotError):
    """A file with one or more problems; `problems` lists every one of them."""

    def __init__(self, problems: list[Problem], message: str | None = None, hint: str | None = None):
        self.problems = list(problems)
        super().__init__(message or "\n".join(str(p) for p in self.problems), hint)


class LessonError(ProblemsError):
    """A lesson plan that does not load or validate."""


class CourseError(ProblemsError):
    """A course file that does not load, or a lesson it lists that is missing or invalid."""


class WorldError(ProblemsError):
    """A simulator world file that does not load or validate."""


class TemplateError(LeanbotError):
    """A firmware template that is missing or broken, or a sketch that cannot be rendered."""


class SketchError(LeanbotError):
    """A sketch that does not compile or does not fit the robot."""


class SimError(LeanbotError):
    """The simulated robot could not be built or run, or the sketch crashed or hung."""


class TelemetryError(LeanbotError):
    """A recording or telemetry stream that cannot be read."""


class FileError(LeanbotError):
    """An input file that is not a regular file or is too big, or an output that cannot be written safely."""


class PortError(LeanbotError):
    """A serial port that cannot be found, opened or used (busy, permission, unplugged)."""


class ArduinoCliError(LeanbotError):
    """arduino-cli is missing or one of its commands failed."""

    def __init__(self, message: str, hint: str | None = None, *, command: list[str] | None = None,
                 returncode: int | None = None, stderr: str = "") -> None:
        super().__init__(message, hint)
        self.command = command or []
        self.returncode = returncode
        self.stderr = stderr


class FlashError(LeanbotError):
    """An upload to one or more robots failed."""


class ClassroomError(LeanbotError):
    """A class session that cannot start or go on: broker unreachable, wrong join code, bad address."""


_OS_ERRORS = {
    "ENOENT": N_("no such file or folder"),
    "EACCES": N_("permission denied"),
    "EPERM": N_("operation not permitted"),
    "EISDIR": N_("it is a folder"),
    "ENOTDIR": N_("a part of the path is not a folder"),
    "EEXIST": N_("it exists already"),
    "ENOSPC": N_("the disk is full"),
    "EROFS": N_("the disk is read-only"),
    "ENAMETOOLONG": N_("the name is too long"),
    "EBUSY": N_("it is busy"),
}


def os_error_text(exc: OSError) -> str:
    """What went wrong with a file, in the current language (the system's own text is English)."""
    import errno

    from leanbot_kit.i18n import _

    name = errno.errorcode.get(exc.errno or -1)
    if name in _OS_ERRORS:
        return _(_OS_ERRORS[name])
    return exc.strerror or str(exc)
