"""Load and validate a `leanbot-lesson/1` file, collecting every problem with its line and column."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from leanbot_kit.errors import FileError, LessonError, Problem
from leanbot_kit.files import LESSON_BYTES, read_input, reserved_name
from leanbot_kit.i18n import N_, _
from leanbot_kit.lesson.checker import Checker, found
from leanbot_kit.lesson.extras import read_challenge, read_teacher_notes
from leanbot_kit.lesson.fields import FIELDS
from leanbot_kit.lesson.model import FORMAT, Lesson, Text
from leanbot_kit.lesson.program import read_program
from leanbot_kit.lesson.quantities import QuantityError, to_base
from leanbot_kit.lesson.sections import read_expect, read_sim, read_telemetry, read_vars
from leanbot_kit.lesson.source import SourceError, YNode, read_yaml
from leanbot_kit.lesson.step_args import Scope
from leanbot_kit.lesson.templates import read_template

LANGS = ("vi", "en")
ID_PATTERN = r"^[a-z][a-z0-9-]{0,39}$"
TOP_KEYS: dict[str, str] = {
    "format": N_("the format of this file: always leanbot-lesson/1"),
    "id": N_("a short name: a-z, 0-9 and '-', starting with a letter, at most 40 characters"),
    "lang": N_("the language of the comments in the generated sketch: vi or en"),
    "title": N_("the lesson's title: a text, or {vi: ..., en: ...}"),
    "summary": N_("what the lesson is about: a text, or {vi: ..., en: ...}"),
    "grade": N_('the grades the lesson suits, like "6-9"'),
    "duration": N_("how long the lesson takes, like 45min"),
    "objectives": N_("what students learn: a list, or {vi: [...], en: [...]}"),
    "materials": N_("what the class needs: a list, or {vi: [...], en: [...]}"),
    "exercises": N_("tasks for students: a list, or {vi: [...], en: [...]}"),
    "vars": N_("integer variables for steps and conditions: {name: initial value}"),
    "program": N_("the robot's program: start and steps (or use template)"),
    "template": N_("a named firmware template and its parameters (or use program)"),
    "telemetry": N_("what the robot streams: rate_hz and fields"),
    "sim": N_("how the simulator runs the lesson: world, start, duration, events"),
    "expect": N_("goals a correct run meets: within/that, always, never, at_end"),
    "teacher_notes": N_("for the teacher only: timing, mistakes, say (lists of texts)"),
    "challenge": N_("students write the program: starter (a .ino next to the lesson)"),
}


def load_lesson(path: str | Path) -> Lesson:
    """Read and validate a lesson file; raise LessonError listing every problem."""
    path = Path(path)
    try:
        data = read_input(path, LESSON_BYTES)
    except FileError as exc:
        raise LessonError([Problem(str(path), 1, 1, "", exc.message)], hint=exc.hint) from exc
    lesson, problems = check_lesson_text(data, str(path))
    if problems or lesson is None:
        raise LessonError(
            problems, hint=_("fix the problems above, then run `leanbot validate` again")
        )
    return lesson


def check_lesson_text(text: bytes | str, filename: str) -> tuple[Lesson | None, list[Problem]]:
    """Validate lesson text; the lesson (None if anything is wrong) and every problem found."""
    try:
        root, problems = read_yaml(text, filename)
    except SourceError as exc:
        return None, [exc.problem]
    ck = Checker(filename)
    ck.problems.extend(problems)
    try:
        lesson = _lesson(ck, root)
    except RecursionError:
        ck.report(
            root, "", _("the lesson is nested too deeply to read"), _("flatten the structure")
        )
        lesson = None
    ck.problems.sort(key=lambda p: (p.line, p.col))
    return (lesson if not ck.problems else None), ck.problems


def _lesson(ck: Checker, root: YNode) -> Lesson | None:
    keys = ck.mapping(root, "", TOP_KEYS, ("format", "id", "title"))
    if keys is None:
        return None
    meta = _meta(ck, keys)
    lang = meta["lang"]
    vars = read_vars(ck, keys["vars"]) if "vars" in keys else {}
    scope = Scope(names=(*FIELDS, *vars), vars=tuple(vars), lang=lang)
    program = template = None
    challenge = read_challenge(ck, keys["challenge"]) if "challenge" in keys else None
    if "challenge" in keys:
        _no_program(ck, keys)
    elif ("program" in keys) == ("template" in keys):
        both = "program" in keys
        ck.report(
            keys["template"] if both else root,
            "program" if not both else "template",
            _("a lesson has either `program` or `template`, found both")
            if both
            else _("a lesson needs `program` (its own steps) or `template` (a ready-made sketch)"),
        )
    if "program" in keys:
        program = read_program(ck, keys["program"], scope)
    if "template" in keys:
        template = read_template(ck, keys["template"])
    telemetry = read_telemetry(ck, keys.get("telemetry"), vars, meta["id"] or "x" * 40)
    sim = read_sim(ck, keys.get("sim"))
    expect = (read_expect(ck, keys["expect"], vars, telemetry, scope.lang, challenge="challenge" in keys)
              if "expect" in keys else ())
    notes = read_teacher_notes(ck, keys["teacher_notes"], lang) if "teacher_notes" in keys else None
    if ck.problems or meta["id"] is None or meta["title"] is None:
        return None
    return Lesson(
        path=Path(ck.file),
        vars=vars,
        program=program,
        template=template,
        telemetry=telemetry,
        sim=sim,
        expect=expect,
        teacher_notes=notes,
        challenge=challenge,
        **meta,
    )


def _no_program(ck: Checker, keys: dict[str, YNode]) -> None:
    """A challenge's program is the student's sketch: the lesson itself has none."""
    for key in ("program", "template"):
        if key in keys:
            ck.report(keys[key], key, _("a challenge lesson has no `{key}`: students write the sketch")
                      .format(key=key), _("remove `{key}`, or remove `challenge`").format(key=key))


def _meta(ck: Checker, keys: dict[str, YNode]) -> dict[str, Any]:
    if "format" in keys and keys["format"].text != FORMAT:
        ck.report(
            keys["format"],
            "format",
            _("unknown format {found}; expected {format}").format(
                found=found(keys["format"]), format=FORMAT
            ),
            _("this version of leanbot-kit reads {format}").format(format=FORMAT),
        )
    lesson_id = None
    if "id" in keys and (text := ck.text(keys["id"], "id")) is not None:
        if reserved_name(text):
            ck.report(keys["id"], "id", reserved_id_message(text),
                      _("choose another id, like {example!r}").format(example=f"{text.lower()}-lesson"))
        elif re.fullmatch(ID_PATTERN, text):
            lesson_id = text
        else:
            ck.report(
                keys["id"],
                "id",
                _(
                    "id {id!r} is not a slug: expected a lower-case letter, then up to 39 "
                    "of a-z, 0-9 and '-'"
                ).format(id=text),
                _("for example {example!r}").format(example=_slug(text)),
            )
    lang = ck.choice(keys["lang"], "lang", LANGS, _("language")) if "lang" in keys else "en"
    lang = lang or "en"
    meta: dict[str, Any] = {"id": lesson_id, "lang": lang}
    meta["title"] = ck.bilingual(keys["title"], "title", lang) if "title" in keys else None
    if "summary" in keys:
        meta["summary"] = ck.bilingual(keys["summary"], "summary", lang)
    if "grade" in keys:
        meta["grade"] = ck.text(keys["grade"], "grade")
    if "duration" in keys:
        meta["duration_min"] = _duration(ck, keys["duration"])
    for key in ("objectives", "materials", "exercises"):
        if key in keys:
            meta[key] = ck.text_list(keys[key], key, lang)
    return meta


def _duration(ck: Checker, node: YNode) -> int | None:
    """Lesson length in minutes: `45min`, `1.5h` is not accepted; a plain number means minutes."""
    if node.kind == "scalar" and isinstance(node.value, int) and not isinstance(node.value, bool):
        return ck.in_range(node, "duration", node.value, 1, 24 * 60, "min")
    try:
        ms = to_base(node.value if node.kind == "scalar" else None, "time")
    except QuantityError as exc:
        ck.report(node, "duration", str(exc))
        return None
    return ck.in_range(node, "duration", round(ms / 60_000), 1, 24 * 60, "min")


def reserved_id_message(lesson_id: str) -> str:
    """Why `lesson_id` is refused: Windows keeps the name for a device."""
    return _("id {id!r} is a name Windows keeps for a device (con, prn, aux, nul, com1-9, lpt1-9), "
             "so its sketch folder and files could not be made there").format(id=lesson_id)


def _slug(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    slug = slug if slug[:1].isalpha() else "lesson-" + slug
    return slug[:40].rstrip("-") or "my-lesson"


__all__ = ["check_lesson_text", "load_lesson", "Text"]
