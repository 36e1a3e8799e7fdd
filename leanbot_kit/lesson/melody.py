"""Melodies written as `C4:200 E4:200 R:100 G#4:400`: note name, octave, duration in ms."""

from __future__ import annotations

import re

from leanbot_kit.i18n import _
from leanbot_kit.lesson import steps as S
from leanbot_kit.lesson.checker import Checker, found
from leanbot_kit.lesson.conditions import column_in
from leanbot_kit.lesson.source import YNode

_NOTE = re.compile(r"(?:([A-Ga-g])([#b]?)([1-8])|([Rr])):(\d{1,6})")
_SEMITONE = {"c": 0, "d": 2, "e": 4, "f": 5, "g": 7, "a": 9, "b": 11}
_TOKEN = re.compile(r"\S+")


def note_hz(letter: str, accidental: str, octave: int) -> int:
    """The equal-temperament frequency (A4 = 440 Hz) of a note, rounded to whole Hz."""
    midi = 12 * (octave + 1) + _SEMITONE[letter.lower()] + {"#": 1, "b": -1, "": 0}[accidental]
    return round(440 * 2 ** ((midi - 69) / 12))


def melody(ck: Checker, node: YNode, path: str) -> tuple[tuple[int, int], ...] | None:
    """The notes of a melody as ((hz, ms), …), a rest having hz 0; every bad note is reported."""
    if node.kind != "scalar" or not isinstance(node.value, str) or not node.value.strip():
        message = _('expected notes like "C4:200 E4:200 G4:400", found {found}')
        ck.report(node, path, message.format(found=found(node)))
        return None
    notes = [_note(ck, node, path, token) for token in _TOKEN.finditer(node.value)]
    if len(notes) > S.MELODY_MAX_NOTES:
        message = _("{n} notes; a melody holds at most {limit}")
        hint = _("split it into several melody steps")
        ck.report(node, path, message.format(n=len(notes), limit=S.MELODY_MAX_NOTES), hint)
        return None
    return None if None in notes else tuple(notes)


def _note(ck: Checker, node: YNode, path: str, token: re.Match) -> tuple[int, int] | None:
    col = column_in(node, token.start() + 1)
    match = _NOTE.fullmatch(token.group())
    if not match:
        message = _(
            "{token!r} is not a note; write NOTE:MS like C4:200, G#5:100, Bb3:300 or R:200 for a rest"
        )
        ck.report(node, path, message.format(token=token.group()), col=col)
        return None
    letter, accidental, octave, rest, ms = match.groups()
    if not 1 <= int(ms) <= S.CALL_MS_MAX:
        message = _("note {token!r} lasts {ms} ms; expected 1…{high} ms")
        ck.report(
            node, path, message.format(token=token.group(), ms=int(ms), high=S.CALL_MS_MAX), col=col
        )
        return None
    return (0 if rest else note_hz(letter, accidental, int(octave)), int(ms))
