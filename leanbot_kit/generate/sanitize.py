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


def comment_text(text: object) -> str:
    """`text` as one line that is safe after `// ` (may keep non-ASCII letters)."""
    chars = []
    for ch in str(text):
        if ch == "\\":
            chars.append("/")
        elif ch.isascii():
            chars.append(ch if ch.isprintable() else " ")
        elif unicodedata.category(ch)[0] in _KEPT:
            chars.append(ch)
        else:
            chars.append(" ")
    line = "".join(chars)
    line = line.replace("??", "? ?").replace("*/", "* /").replace("/*", "/ *")
    line = re.sub(r"\s+", " ", line).strip()
    if len(line) > MAX_COMMENT:
        line = line[: MAX_COMMENT - 3].rstrip() + "..."
    return line


def comment_lines(text: object) -> list[str]:
    """`text` split at its line breaks, each line made safe for `// `; blank lines dropped."""
    return [safe for raw in str(text).splitlines() if (safe := comment_text(raw))]


def ascii_text(text: object) -> str:
    """`text` in printable ASCII: Vietnamese letters lose their marks (đ → d), others become `?`."""
    out = []
    for ch in unicodedata.normalize("NFC", str(text)):
        if ch in _ASCII_FOLD:
            out.append(_ASCII_FOLD[ch])
            continue
        base = "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))
        if base.isascii():
            out.append(base if base.isprintable() else " ")
        else:
            out.append("?")
    return "".join(out)


def cpp_string(text: object, max_len: int = MAX_PRINT) -> str:
    """The inside of a C++ string literal that prints `text` as one safe ASCII line."""
    line = re.sub(r"\s+", " ", ascii_text(text)).strip()[:max_len]
    if line.startswith(SIGILS):
        line = " " + line
    line = line.replace("\\", "\\\\").replace('"', '\\"').replace("??", "?\\?")
    return line
