"""A small C++ scanner for the .ino preprocessor: hide comments/strings, find top-level functions."""

from __future__ import annotations

import re
from dataclasses import dataclass

_NOT_FUNCTIONS = {"struct", "class", "union", "enum", "namespace", "typedef", "template",
                  "extern", "using", "static_assert"}
_KEYWORDS = {"if", "while", "for", "switch", "return", "sizeof", "do", "else", "case", "catch",
             "operator", "decltype", "alignof", "defined"}
_IDENT = re.compile(r"[A-Za-z_]\w*")


_INTEREST = re.compile(r"//|/\*|R\"|[\"'#\n]")
_NOT_NEWLINE = re.compile(r"[^\n]")
_BRACES = re.compile(r"[{};]")


def _blank(text: str) -> str:
    return _NOT_NEWLINE.sub(" ", text)


def mask(text: str) -> tuple[str, str]:
    """Two copies of `text`, same length: (code only, comments blanked).

    In the first, comments, string and char literals are blanked and each preprocessor directive
    becomes `;` + blanks (a boundary between top-level items); newlines always stay where they are.
    One pass that jumps from one interesting character to the next (linear in the text).
    """
    code: list[str] = []
    nocom: list[str] = []
    i, done, line_start = 0, 0, True  # text[:done] is already copied
    while (m := _INTEREST.search(text, i)) is not None:
        j, c = m.start(), m.group()
        line_start = line_start and not text[i:j].strip()
        if c == "\n":
            line_start, i = True, j + 1
            continue
        if c == "#" and not line_start:
            i = j + 1
            continue
        if c == "#":
            end = _directive_end(text, j)
            code += [text[done:j], ";", _blank(text[j + 1:end])]
            nocom.append(text[done:end])
            done = i = end
            line_start = False
            continue
        token = _token_end(text, j)
        if token is None:  # `R"` inside a name (`fooR"`): the quote after it starts a string
            line_start, i = False, j + 1
            continue
        end, kind = token
        if kind == "comment":
            blank = _blank(text[j:end])
            code += [text[done:j], blank]
            nocom += [text[done:j], blank]
        else:  # keep the quotes, so `"{"` stays an expression in the masked code
            stop = end - (kind == "string")
            code += [text[done:j + 1], _blank(text[j + 1:stop]), text[stop:end]]
            nocom.append(text[done:end])
        done = i = end
    code.append(text[done:])
    nocom.append(text[done:])
    return "".join(code), "".join(nocom)


def _token_end(text: str, i: int) -> tuple[int, str] | None:
    """Where a comment or literal starting at `i` ends, and its kind; None for anything else."""
    if text.startswith("//", i):
        j = text.find("\n", i)
        return (len(text) if j < 0 else j), "comment"
    if text.startswith("/*", i):
        j = text.find("*/", i + 2)
        return (len(text) if j < 0 else j + 2), "comment"
    if text.startswith('R"', i):
        if i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_"):
            return _raw_string_end(text, i), "raw"
        return None
    if text[i] in "\"'":
        return _quoted_end(text, i), "string"
    return None


def _directive_end(text: str, i: int) -> int:
    while True:
        j = text.find("\n", i)
        if j < 0:
            return len(text)
        if text[j - 1] != "\\" and not (text[j - 1] == "\r" and text[j - 2] == "\\"):
            return j
        i = j + 1


def _quoted_end(text: str, i: int) -> int:
    quote, j = text[i], i + 1
    while j < len(text) and text[j] != quote and text[j] != "\n":
        j += 2 if text[j] == "\\" else 1
    return min(j + 1, len(text))


def _raw_string_end(text: str, i: int) -> int:
    paren = text.find("(", i + 2)
    if paren < 0:
        return _quoted_end(text, i + 1)
    delim = text[i + 2:paren]
    end = text.find(")" + delim + '"', paren)
    return len(text) if end < 0 else end + len(delim) + 2


@dataclass(frozen=True)
class Function:
    """A function defined at file level: its signature span and its default-argument spans."""

    name: str
    start: int  # offset of the first character of the return type
    close: int  # offset of the ')' that ends the parameter list
    defaults: tuple[tuple[int, int], ...]  # (start, end) of each '= value' in the parameters


def functions(code: str) -> list[Function]:
    """Every function definition at brace depth 0 of the masked `code`, in order."""
    found, depth, item_start = [], 0, 0
    for m in _BRACES.finditer(code):
        c, i = m.group(), m.start()
        if c == "{":
            if depth == 0:
                fn = _signature(code, item_start, i)
                if fn:
                    found.append(fn)
            depth += 1
        elif c == "}":
            depth = max(0, depth - 1)
            if depth == 0:
                item_start = i + 1
        elif depth == 0:
            item_start = i + 1
    return found


def _signature(code: str, start: int, brace: int) -> Function | None:
    header = code[start:brace]
    close = header.rfind(")")
    if close < 0 or not re.fullmatch(r"\s*(?:(?:const|noexcept|override)\s*)*", header[close + 1:]):
        return None
    open_ = _matching_open(header, close)
    if open_ is None:
        return None
    before = header[:open_].rstrip()
    m = re.search(r"([A-Za-z_]\w*)$", before)
    if not m or m.group(1) in _KEYWORDS or "::" in before or "=" in before:
        return None
    ret = before[:m.start()].strip()
    words = _IDENT.findall(ret)
    if not ret or not words or words[0] in _NOT_FUNCTIONS or "operator" in words:
        return None
    lead = len(header) - len(header.lstrip())
    defaults = tuple((start + a, start + b) for a, b in _defaults(header, open_, close))
    return Function(m.group(1), start + lead, start + close, defaults)


def _matching_open(header: str, close: int) -> int | None:
    depth = 0
    for k in range(close, -1, -1):
        if header[k] == ")":
            depth += 1
        elif header[k] == "(":
            depth -= 1
            if depth == 0:
                return k
    return None


def _defaults(header: str, open_: int, close: int) -> list[tuple[int, int]]:
    spans, depth, eq = [], 0, None
    for k in range(open_ + 1, close + 1):
        c = header[k]
        if c in "([{<":
            depth += 1
        elif c in ")]}>" and k != close:
            depth -= 1
        elif c == "=" and depth == 0 and header[k + 1] != "=" and header[k - 1] not in "=!<>":
            eq = k
        if (c == "," and depth == 0) or k == close:
            if eq is not None:
                end = k
                while end > eq and header[end - 1].isspace():
                    end -= 1
                start = eq
                while start > open_ + 1 and header[start - 1].isspace():
                    start -= 1
                spans.append((start, end))
            eq = None
    return spans
