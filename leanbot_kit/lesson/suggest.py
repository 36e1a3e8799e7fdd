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


# Words teachers reach for, and the step that does it (English and Vietnamese without marks).
_STEP_WORDS = {
    "beep": ("tone", "melody"), "buzz": ("tone",), "sound": ("tone", "melody"), "play": ("melody", "tone"),
    "music": ("melody",), "song": ("melody",), "note": ("tone",), "go": ("forward",), "move": ("forward", "run"),
    "drive": ("forward", "run"), "ahead": ("forward",), "back": ("backward",), "reverse": ("backward",),
    "left": ("turn_left",), "right": ("turn_right",), "rotate": ("turn",), "spin": ("turn",),
    "delay": ("wait",), "sleep": ("wait",), "pause": ("wait",), "halt": ("stop", "end"),
    "led": ("leds",), "light": ("leds",), "lights": ("leds",), "color": ("leds",), "colour": ("leds",),
    "say": ("print",), "log": ("print",), "echo": ("print",), "show": ("print",),
    "loop": ("repeat", "forever", "while"), "for": ("repeat",), "until": ("while", "wait_until"),
    "grab": ("gripper",), "grip": ("gripper",), "claw": ("gripper",), "arm": ("gripper",),
    "touch": ("wait_touch",), "line": ("follow_line",), "var": ("set",), "let": ("set",),
    "chay": ("forward", "run"), "lui": ("backward",), "quay": ("turn",), "cho": ("wait",), "dung": ("stop",),
    "den": ("leds",), "coi": ("tone",), "lap": ("repeat",), "in": ("print",),
}


def step_hint(word: object, steps: Iterable[str]) -> str:
    """For an unknown step: the closest steps (by spelling or by meaning), else every step."""
    options = sorted(steps)
    text = str(word).strip().lower() if isinstance(word, (str, int, float)) else ""
    close = difflib.get_close_matches(text, options, n=3, cutoff=0.6)
    meant = [s for s in _STEP_WORDS.get(text, ()) if s in options]
    if close and difflib.SequenceMatcher(None, text, close[0]).ratio() >= 0.8:
        close = close[:1]  # one obvious misspelling: name only it
    elif not close and not meant:
        close = difflib.get_close_matches(text, options, n=3, cutoff=0.45)
    near = list(dict.fromkeys(meant + close))[:3]
    if near:
        return _("did you mean {choices}?").format(choices=_(" or ").join(repr(s) for s in near))
    return _("the steps are: {choices}").format(choices=", ".join(options))
