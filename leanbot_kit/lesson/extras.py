"""The `teacher_notes` and `challenge` sections of a lesson (added for the course, see docs/lessons.md)."""

from __future__ import annotations

import os
from pathlib import Path

from leanbot_kit.i18n import _
from leanbot_kit.lesson.checker import Checker, join
from leanbot_kit.lesson.model import Challenge, TeacherNotes
from leanbot_kit.lesson.source import YNode

NOTE_KEYS = ("timing", "mistakes", "say")
STARTER_MAX = 64 * 1024  # a starter sketch is a page or two of C++, never a big file


def read_teacher_notes(ck: Checker, node: YNode, lang: str) -> TeacherNotes | None:
    """`teacher_notes: {timing, mistakes, say}`, each a list of texts or `{vi: [...], en: [...]}`."""
    keys = ck.mapping(node, "teacher_notes", NOTE_KEYS)
    if keys is None:
        return None
    if not node.keys:
        ck.report(node, "teacher_notes", _("teacher_notes is empty"),
                  _("give at least one of timing, mistakes, say"))
        return None
    lists = {key: ck.text_list(value, join("teacher_notes", key), lang) for key, value in keys.items()}
    return TeacherNotes(**lists)


def read_challenge(ck: Checker, node: YNode) -> Challenge | None:
    """`challenge: {starter: FILE.ino}`: the sketch students start from, next to the lesson."""
    keys = ck.mapping(node, "challenge", ("starter",), ("starter",))
    if not keys or "starter" not in keys:
        return None
    text = ck.text(keys["starter"], "challenge.starter")
    if text is None:
        return None
    path = Path(os.path.normpath(ck.base_dir.absolute() / text))
    where = keys["starter"]
    if path.suffix != ".ino":
        ck.report(where, "challenge.starter", _("the starter must be an Arduino sketch (.ino), found {name!r}")
                  .format(name=text), _("for example starter: square-starter.ino"))
        return None
    try:
        size = path.stat().st_size if path.is_file() else None
    except (OSError, ValueError):
        size = None
    if size is None:
        ck.report(where, "challenge.starter", _("starter sketch not found: looked for {path}").format(path=path),
                  _("the path is relative to the lesson file"))
        return None
    if size > STARTER_MAX:
        ck.report(where, "challenge.starter", _("the starter sketch is {n} bytes, over the limit of {limit}")
                  .format(n=size, limit=STARTER_MAX))
        return None
    return Challenge(path)
