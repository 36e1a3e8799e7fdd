""" "Did you mean …?" hints for misspelt keys, steps, names and values."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from leanbot_kit.i18n import _


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The choice closest to `word` (case-insensitive), or None if nothing is close."""
    options = list(choices)
    lowered = {c.lower(): c for c in options}
    if word.lower() in lowered:
        return lowered[word.lower()]
    found = difflib.get_close_matches(word.lower(), list(lowered), n=1, cutoff=0.6)
    return lowered[found[0]] if found else None


def did_you_mean(word: object, choices: Iterable[str]) -> str | None:
    """A hint `did you mean 'x'?`, or one listing the choices when none is close (None if no choices)."""
    options = sorted(choices)
    best = closest(str(word), options) if isinstance(word, (str, int, float)) else None
    if best is not None:
        return _("did you mean {choice!r}?").format(choice=best)
    if 0 < len(options) <= 12:
        return _("expected one of: {choices}").format(choices=", ".join(options))
    return None
