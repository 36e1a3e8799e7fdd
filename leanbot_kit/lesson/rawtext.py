"""The bytes of a lesson file before YAML sees them: size, encoding and characters are checked."""

from __future__ import annotations

import re

from leanbot_kit.errors import Problem
from leanbot_kit.i18n import _

MAX_BYTES = 1_000_000
_BAD_CHAR = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


class SourceError(Exception):
    """A file that cannot be read as YAML at all; carries the one problem that stops reading."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def decode_source(data: bytes | str, filename: str) -> str:
    """The text of a lesson file; SourceError if it is too big, not UTF-8, or has control characters."""
    size = len(data.encode("utf-8", "surrogatepass")) if isinstance(data, str) else len(data)
    if size > MAX_BYTES:
        message = _("the file is {size} bytes; a lesson may be at most {limit} bytes")
        hint = _("is this really a lesson plan? split it or remove what is not needed")
        raise _error(filename, 1, 1, message.format(size=size, limit=MAX_BYTES), hint)
    text = _utf8(data, filename) if isinstance(data, bytes) else data
    text = text.removeprefix("\ufeff")
    bad = _BAD_CHAR.search(text)
    if bad:
        line = text.count("\n", 0, bad.start()) + 1
        col = bad.start() - (text.rfind("\n", 0, bad.start()) + 1) + 1
        message = _("control character U+{code:04X} is not allowed in YAML").format(
            code=ord(bad.group())
        )
        hint = _("delete it; YAML allows only printable characters, tabs and line breaks")
        raise _error(filename, line, col, message, hint)
    return text


def _utf8(data: bytes, filename: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        message = _("byte 0x{byte:02X} at offset {offset} is not UTF-8").format(
            byte=data[exc.start], offset=exc.start
        )
        hint = _("save the file as UTF-8 (most editors have this under 'Save with encoding')")
        raise _error(filename, line, col, message, hint) from exc


def _error(filename: str, line: int, col: int, message: str, hint: str) -> SourceError:
    return SourceError(Problem(filename, line, col, "", message, hint))
