"""Printing Vietnamese on any console: letters a legacy code page lacks become look-alikes.

A Windows console in cp1258 holds Vietnamese as a base letter plus combining tone marks, not as the
precomposed letters Python writes; cp437/cp1252 consoles hold neither. The `leanbot-console-<encoding>`
codec error handlers write each letter in the closest form the encoding has (precomposed, partly
decomposed, or without its marks) and `?` only for what has no look-alike at all.
"""

from __future__ import annotations

import codecs
import contextlib
import unicodedata
from typing import Any

HANDLER = "leanbot-console"
_ASCII = {"đ": "d", "Đ": "D", "—": "-", "–": "-", "…": "...", "→": "->", "×": "x", "°": " deg",
          "±": "+/-", "≥": ">=", "≤": "<=", "“": '"', "”": '"', "‘": "'", "’": "'", "·": "-"}


def _encodable(text: str, encoding: str) -> bool:
    try:
        text.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def look_alike(char: str, encoding: str) -> str:
    """`char` as text that `encoding` can write: partly decomposed, stripped of marks, or `?`."""
    decomposed = unicodedata.normalize("NFD", char)
    base, marks = decomposed[:1], decomposed[1:]
    # ệ = e + dot below + circumflex: cp1258 has ê and a combining dot below, so try each split.
    for chosen in sorted(_subsets(marks), key=len, reverse=True):
        head = unicodedata.normalize("NFC", base + "".join(chosen))
        rest = [m for m in marks if m not in chosen]
        if _encodable(head, encoding) and all(_encodable(m, encoding) for m in rest):
            return head + "".join(rest)
    if base and _encodable(base, encoding):
        return base
    return _ASCII.get(char, "?")


def _subsets(marks: str) -> list[tuple[str, ...]]:
    out: list[tuple[str, ...]] = [()]
    for mark in marks:
        out += [(*subset, mark) for subset in out]
    return out


def handler_for(encoding: str) -> str:
    """The name of the error handler writing look-alikes in `encoding` (registered on first use)."""
    name = f"{HANDLER}-{codecs.lookup(encoding).name}"
    try:
        codecs.lookup_error(name)
    except LookupError:
        codecs.register_error(name, lambda error: _replace(error, encoding))
    return name


def _replace(error: UnicodeError, encoding: str) -> tuple[str, int]:
    # The charmap codecs report their name as "charmap", so the handler knows its encoding itself.
    if not isinstance(error, UnicodeEncodeError):
        raise error
    chunk = error.object[error.start:error.end]
    text = "".join(look_alike(c, encoding) for c in chunk)
    return "".join(c if _encodable(c, encoding) else "?" for c in text), error.end


def install_fallback(stream: Any) -> None:
    """Make `stream` write look-alikes instead of failing, when its encoding is not Unicode."""
    encoding = (getattr(stream, "encoding", None) or "").lower().replace("_", "-")
    if not encoding or encoding.startswith("utf") or not hasattr(stream, "reconfigure"):
        return
    if getattr(stream, "errors", "strict") == "strict":
        with contextlib.suppress(ValueError, OSError, LookupError):
            stream.reconfigure(errors=handler_for(encoding))
