"""Render a student handout as one self-contained HTML page (Jinja2, auto-escaped)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from leanbot_kit.handout import content
from leanbot_kit.handout.content import t
from leanbot_kit.handout.picture import Picture, run_picture
from leanbot_kit.i18n import N_, resolve_language
from leanbot_kit.lesson.model import Lesson

TEMPLATE = "handout.html.j2"
LABELS = {
    "name_line": N_("Name: ____________________  Class: ______"),
    "objectives": N_("What you will learn"),
    "materials": N_("You need"),
    "program": N_("The program, step by step"),
    "picture": N_("What the robot does in the simulator"),
    "goals": N_("Goals: tick each one your robot meets"),
    "sim_only": N_("simulator only"),
    "exercises": N_("Exercises"),
    "code": N_("The code that goes on the robot"),
    "code_cut": N_("The code is longer than this page: see all of it with `leanbot generate`."),
    "teacher": N_("For the teacher"),
    "starter": N_("The starter sketch: your program begins here"),
}
CODE_WIDTH = {1: 118, 2: 60}  # characters per line that fit a column of the A4 page
META_GRADE, META_MINUTES, META_ID = N_("Grade {grade}"), N_("{minutes} minutes"), N_("lesson {id}")


@dataclass(frozen=True)
class CodeLine:
    """One line of the sketch excerpt, and whether it is a comment (drawn in colour)."""

    text: str
    comment: bool


def _environment():
    import jinja2

    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(Path(__file__).parent)),
                              autoescape=True, undefined=jinja2.StrictUndefined,
                              trim_blocks=True, lstrip_blocks=True)


def render_handout(lesson: Lesson, lang: str | None = None, picture: Picture | None = None,
                   world: str | None = None, teacher: bool = False) -> str:
    """The handout of `lesson` in `lang` (default: the lesson's language) as HTML text.

    The picture is a simulated run in `world` (a shipped world's name or a file), else the lesson's own.
    `teacher` adds the lesson's teacher notes (the teacher's edition of a course booklet).
    """
    from leanbot_kit.generate import render_sketch

    lang = resolve_language(lang or lesson.lang)
    sketch = render_sketch(lesson, lang)
    code, cut = content.code_excerpt(sketch) if lesson.challenge is None else _starter(sketch)
    columns = 1 if len(code.splitlines()) <= 28 else 2
    lines = [CodeLine(piece, line.lstrip().startswith("//")) for line in code.splitlines()
             for piece in content.wrap_code(line, CODE_WIDTH[columns])]
    context = {
        "lang": lang,
        "t": {key: t(lang, message) for key, message in LABELS.items()},
        "title": lesson.title.get(lang),
        "meta": _meta(lesson, lang),
        "summary": lesson.summary.get(lang) if lesson.summary else "",
        "objectives": lesson.objectives.get(lang),
        "materials": lesson.materials.get(lang),
        "exercises": lesson.exercises.get(lang),
        "steps": content.program_lines(lesson, lang),
        "picture": picture or run_picture(lesson, lang, world),
        "goals": content.goals(lesson, lang),
        "names": content.names_used(lesson, lang),
        "code_lines": lines,
        "code_cut": cut,
        "challenge": lesson.challenge is not None,
        "code_columns": columns,
        "code_pt": 7 if len(lines) <= 50 else 6.5 if len(lines) <= 90 else 6,
        "teacher_notes": content.teacher_notes(lesson, lang) if teacher else [],
    }
    return _environment().get_template(TEMPLATE).render(**context)


def _starter(text: str) -> tuple[str, bool]:
    """A challenge's starter sketch, whole (students start from all of it), cut only if very long."""
    lines = text.rstrip("\n").splitlines()
    return "\n".join(lines[:content.CODE_LINES_MAX]), len(lines) > content.CODE_LINES_MAX


def _meta(lesson: Lesson, lang: str) -> str:
    parts = []
    if lesson.grade:
        parts.append(t(lang, META_GRADE, grade=lesson.grade))
    if lesson.duration_min:
        parts.append(t(lang, META_MINUTES, minutes=lesson.duration_min))
    parts.append(t(lang, META_ID, id=lesson.id))
    return " · ".join(parts)
