"""Lesson text made safe for a sketch: `//` comments that cannot end early, ASCII string literals.

No text from a lesson reaches the sketch any other way. Comments keep the teacher's words
(UTF-8 letters, Vietnamese included) but lose every character that could end the comment or the
line: line breaks, backslashes (a trailing one would continue the comment onto the next line),
`??` (trigraphs), and invisible or direction-changing characters. String literals are plain
ASCII with only `\\\\` and `\\"` escapes, and a printed line never starts with a telemetry sigil
(`#`, `$`, `!`, `?`).
"""

from __future__ import annotations

import re
import unicodedata

SIGILS = ("#", "$", "!", "?")
MAX_COMMENT = 300
MAX_PRINT = 100
# Unicode categories that may appear in a comment: letters, marks, numbers, punctuation, symbols.
_KEPT = ("L", "M", "N", "P", "S")
_ASCII_FOLD = {
    "đ": "d",
    "Đ": "D",
    "ð": "d",
    "Ð": "D",
    "ø": "o",
    "Ø": "O",
    "ß": "ss",
    "æ": "ae",
    "Æ": "AE",
    "œ": "oe",
    "Œ": "OE",
    "ł": "l",
    "Ł": "L",
}


class _CharMap(dict):
    """A `str.translate` table filled in on first sight of each character (and kept small)."""

    def __init__(self, rule) -> None:
        super().__init__()
        self.rule = rule

    def __missing__(self, code: int) -> str:
        out = self.rule(chr(code))
        if len(self) < 20_000:  # a text may hold any characters; the table need not keep them all
            self[code] = out
        return out


def _comment_char(ch: str) -> str:
    if ch == "\\":
        return "/"
    if ch.isascii():
        return ch if ch.isprintable() else " "
    return ch if unicodedata.category(ch)[0] in _KEPT else " "


def _ascii_char(ch: str) -> str:
    if ch in _ASCII_FOLD:
        return _ASCII_FOLD[ch]
    base = "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))
    if base.isascii():
        return base if base.isprintable() else " "
    return "?"


_COMMENT_MAP = _CharMap(_comment_char)
_ASCII_MAP = _CharMap(_ascii_char)
_SPACES = re.compile(r"\s+")


def _head(text: str, keep: int) -> str:
    """The start of `text` that can still matter for a result of `keep` characters.

    Work stays proportional to the result, not to the text: runs of blanks count as one, so the
    cut happens after `keep` non-blank-separated characters (a long run of spaces cannot hide the
    words after it, and a megabyte of text costs no more than a line).
    """
    if len(text) <= 4 * keep:
        return text
    return " ".join(_SPACES.split(text[: 64 * keep], maxsplit=4 * keep))[: 4 * keep]


def comment_text(text: object) -> str:
    """`text` as one line that is safe after `// ` (may keep non-ASCII letters)."""
    line = _head(str(text), MAX_COMMENT).translate(_COMMENT_MAP)
    line = line.replace("??", "? ?").replace("*/", "* /").replace("/*", "/ *")
    line = _SPACES.sub(" ", line).strip()
    if len(line) > MAX_COMMENT:
        line = line[: MAX_COMMENT - 3].rstrip() + "..."
    return line


def comment_lines(text: object) -> list[str]:
    """`text` split at its line breaks, each line made safe for `// `; blank lines dropped."""
    return [safe for raw in str(text).splitlines() if (safe := comment_text(raw))]


def ascii_text(text: object) -> str:
    """`text` in printable ASCII: Vietnamese letters lose their marks (đ → d), others become `?`."""
    return unicodedata.normalize("NFC", str(text)).translate(_ASCII_MAP)


def cpp_string(text: object, max_len: int = MAX_PRINT) -> str:
    """The inside of a C++ string literal that prints `text` as one safe ASCII line."""
    head = _head(unicodedata.normalize("NFC", str(text)), max_len)
    line = _SPACES.sub(" ", head.translate(_ASCII_MAP)).strip()[:max_len]
    if line.startswith(SIGILS):
        line = " " + line
    line = line.replace("\\", "\\\\").replace('"', '\\"').replace("??", "?\\?")
    return line
