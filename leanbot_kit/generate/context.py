"""What a firmware template is rendered with: every lesson value already safe for C++."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from leanbot_kit.errors import TemplateError
from leanbot_kit.generate import phrases
from leanbot_kit.generate.cppgen import identifier, touch_mask
from leanbot_kit.generate.sanitize import comment_lines, comment_text
from leanbot_kit.generate.steps import program_code
from leanbot_kit.i18n import N_, _
from leanbot_kit.lesson.fields import FIELDS, var_cpp
from leanbot_kit.lesson.model import Lesson

TEMPLATE_START_PADS = ("TB1A", "TB1B")  # template lessons start when both front pads are touched
_SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")
LESSON = N_("Lesson {id}")
GRADE = N_("grade {grade}")
DURATION = N_("{minutes} minutes")
OBJECTIVES = N_("Objectives:")
START_TOUCH = N_("Start: wait until {pads} are touched (or the computer sends ?start), then count down 3-2-1")
START_NOW = N_("Start at once")


def sketch_context(lesson: Lesson, lang: str) -> dict[str, Any]:
    """The variables of the lesson's firmware template, in language `lang`."""
    if not isinstance(lesson.id, str) or not _SLUG.match(lesson.id):
        raise TemplateError(
            _("lesson id {id!r} is not a slug").format(id=lesson.id),
            _("use lower-case letters, digits and '-', at most 40 characters"),
        )
    context = {
        "lesson_id": lesson.id,
        "header": header_lines(lesson, lang),
        "t": translator(lang),
        **telemetry_context(lesson),
        **start_context(lesson, lang),
        "vars": [
            {"cpp": var_cpp(identifier(name)), "value": _int(value, name)}
            for name, value in lesson.vars.items()
        ],
        "params": {},
    }
    if lesson.program is not None:
        code = program_code(lesson, lang)
        context.update(
            body=code.lines, globals=code.globals, uses_follow_line="follow_line" in code.uses
        )
    if lesson.template is not None:
        context["params"] = {identifier(k): _param(v, k) for k, v in lesson.template.params.items()}
    return context


def translator(lang: str) -> Callable[..., str]:
    """`t(message, **values)` for templates: translated into `lang`, safe inside a `//` comment."""

    def t(message: str, **values: Any) -> str:
        """`message` in `lang`, filled in with `values`, safe for a comment."""
        return phrases.text(lang, message, **values)

    return t


def header_lines(lesson: Lesson, lang: str) -> list[str]:
    """The comment at the top of the sketch: title, id, a do-not-edit note, summary, objectives."""
    facts = [phrases.text(lang, LESSON, id=lesson.id)]
    if lesson.grade:
        facts.append(phrases.text(lang, GRADE, grade=lesson.grade))
    if lesson.duration_min:
        facts.append(phrases.text(lang, DURATION, minutes=lesson.duration_min))
    lines = [
        comment_text(lesson.title.get(lang)) or lesson.id,
        " · ".join(facts),
        phrases.text(lang, phrases.GENERATED),
    ]
    summary = comment_lines(lesson.summary.get(lang)) if lesson.summary else []
    if summary:
        lines += ["", *summary]
    objectives = [comment_text(item) for item in lesson.objectives.get(lang)]
    if objectives:
        lines += ["", phrases.text(lang, OBJECTIVES), *(f"  - {item}" for item in objectives)]
    return lines


def telemetry_context(lesson: Lesson) -> dict[str, Any]:
    """The fields each frame carries (telemetry fields or lesson vars), their C++, the period."""
    fields = []
    for index, name in enumerate(lesson.telemetry.fields):
        if name in FIELDS:
            cpp = FIELDS[name].cpp
        elif name in lesson.vars:
            cpp = var_cpp(identifier(name))
        else:
            raise TemplateError(
                _("unknown telemetry field {name!r}").format(name=name),
                _("check the lesson with `leanbot validate`"),
            )
        fields.append({"index": index, "name": identifier(name), "cpp": cpp})
    return {
        "fields": fields,
        "field_names": ",".join(field["name"] for field in fields),
        "rate_hz": _int(lesson.telemetry.rate_hz, "rate_hz"),
        "period_ms": _int(lesson.telemetry.period_ms, "period_ms"),
    }


def start_context(lesson: Lesson, lang: str) -> dict[str, Any]:
    """How the mission starts: the touch mask for lbk_mission_begin() and a comment saying so."""
    pads = lesson.program.start_pads if lesson.program is not None else TEMPLATE_START_PADS
    mask = touch_mask(tuple(pads))
    if pads:
        comment = phrases.text(lang, START_TOUCH, pads=" + ".join(pads))
    else:
        comment = phrases.text(lang, START_NOW)
    return {"start_mask": mask, "start_comment": comment}


def _param(value: Any, name: str) -> int | str:
    """A template parameter as a C++ literal: a whole number, or `true`/`false`."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return _int(value, name)


def _int(value: Any, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TemplateError(
            _("{name} must be a whole number, not {value!r}").format(name=name, value=value),
            _("check the lesson with `leanbot validate`"),
        )
    return value
