"""What a student handout says, gathered from a lesson in one language (no HTML here)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from leanbot_kit.i18n import N_, gettext_for
from leanbot_kit.lesson.model import Expectation, Lesson, Step

CODE_LINES_MAX = 120  # more than this does not fit the page: the rest is left to `leanbot generate`

GOAL_KIND = {
    "within": N_("by {seconds} s:"),
    "always": N_("all the time:"),
    "never": N_("never:"),
    "at_end": N_("at the end:"),
}
START_TOUCH = N_("Touch {pads} together: the robot counts down 3-2-1 and starts.")
START_NOW = N_("The robot starts as soon as it is switched on.")
TEMPLATE = N_("This lesson uses the ready-made program “{name}”: {description}")
PARAM = N_("{name} = {value}: {description}")
PRINTED = N_("{step}: “{text}”")
CHALLENGE_TASK = N_("You write this program yourself: start from {starter} and do its TODOs.")
CHALLENGE_GRADE = N_("Check it on the simulated robot: leanbot check YOUR-SKETCH.ino --lesson {lesson}")
NOTE_LABELS = {"timing": N_("Timing"), "mistakes": N_("Common mistakes"), "say": N_("What to say")}


@dataclass(frozen=True)
class StepLine:
    """One step of the program told in words, indented by how deep it sits in blocks."""

    depth: int
    text: str
    note: str = ""


@dataclass(frozen=True)
class Goal:
    """One expectation as a checklist item: when, the condition, and its name when it reads well."""

    when: str
    condition: str
    name: str
    sim_only: bool


def t(lang: str, message: str, **values: object) -> str:
    """`message` in `lang`, filled in."""
    text = gettext_for(lang, message)
    return text.format(**values) if values else text


def program_lines(lesson: Lesson, lang: str) -> list[StepLine]:
    """The program in plain words, step by step (the generator's own phrases)."""
    if lesson.challenge is not None:
        return [StepLine(0, t(lang, CHALLENGE_TASK, starter=lesson.challenge.starter.name)),
                StepLine(0, t(lang, CHALLENGE_GRADE, lesson=lesson.path.name))]
    if lesson.program is None:
        return _template_lines(lesson, lang)
    pads = " + ".join(lesson.program.start_pads)
    lines = [StepLine(0, t(lang, START_TOUCH, pads=pads) if pads else t(lang, START_NOW))]
    for step in lesson.program.steps:
        lines += _step_lines(step, lang, 0)
    return lines


def _step_lines(step: Step, lang: str, depth: int) -> list[StepLine]:
    from leanbot_kit.generate import phrases

    speed = step.args.get("speed") if step.kind in ("forward", "backward", "turn", "turn_left",
                                                     "turn_right", "follow_line") else 0
    note = step.note.get(lang) if step.note is not None else ""
    line = phrases.describe(step, lang, abs(int(speed or 1000)))
    if step.kind == "print" and step.args.get("texts") is not None:
        line = t(lang, PRINTED, step=line, text=step.args["texts"].get(lang))
    out = [StepLine(depth, line, note)]
    for child in step.body:
        out += _step_lines(child, lang, depth + 1)
    if step.orelse:
        out.append(StepLine(depth, phrases.text(lang, phrases.ELSE, n=step.number)))
        for child in step.orelse:
            out += _step_lines(child, lang, depth + 1)
    return out


def _template_lines(lesson: Lesson, lang: str) -> list[StepLine]:
    from leanbot_kit.lesson.templates import template_catalog

    use = lesson.template
    if use is None:
        return []
    spec = template_catalog().get(use.name)
    if spec is None:
        return [StepLine(0, use.name)]
    lines = [StepLine(0, t(lang, TEMPLATE, name=use.name, description=spec.description.get(lang)))]
    for name, param in spec.params.items():
        value = use.params.get(name, param.default)
        lines.append(StepLine(1, t(lang, PARAM, name=name, value=value,
                                   description=param.description.get(lang))))
    return lines


def goals(lesson: Lesson, lang: str) -> list[Goal]:
    """The lesson's expectations as checklist items, in `lang`."""
    return [_goal(exp, lang) for exp in lesson.expect]


def _goal(exp: Expectation, lang: str) -> Goal:
    seconds = f"{(exp.within_ms or 0) / 1000:g}"
    when = t(lang, GOAL_KIND.get(exp.kind, exp.kind), seconds=seconds)
    source = exp.cond.source
    if exp.names is not None and getattr(exp.names, lang):
        name = getattr(exp.names, lang)
    else:  # a name in one language only: shown when it looks written in the handout's language
        name = exp.name if exp.name != source and _written_in(exp.name) == lang else ""
    return Goal(when, source, name, exp.sim_only)


def goal_name(exp: Expectation, lang: str) -> str:
    """How a goal is named to a student: its name in `lang` (else the other language), else its condition."""
    return exp.label(lang) or exp.cond.source


def _written_in(text: str) -> str:
    """A guess at the language of a lesson's one-language text: Vietnamese has letters beyond ASCII."""
    return "vi" if any(ord(c) > 127 and c.isalpha() for c in text) else "en"


def names_used(lesson: Lesson, lang: str) -> list[tuple[str, str]]:
    """The telemetry names the goals read, each with what it means in `lang`."""
    from leanbot_kit.lesson.fields import FIELDS, GROUND_TRUTH

    seen: list[str] = []
    for exp in lesson.expect:
        seen += [n for n in sorted(exp.cond.names) if n not in seen]
    out = []
    for name in seen:
        doc = FIELDS[name].doc if name in FIELDS else GROUND_TRUTH.get(name)
        if doc:
            out.append((name, t(lang, doc)))
    return out


def teacher_notes(lesson: Lesson, lang: str) -> list[tuple[str, tuple[str, ...]]]:
    """The lesson's teacher notes in `lang`: (label, items) for timing, mistakes and what to say."""
    notes = lesson.teacher_notes
    if notes is None:
        return []
    parts = ((key, getattr(notes, key).get(lang)) for key in NOTE_LABELS)
    return [(t(lang, NOTE_LABELS[key]), items) for key, items in parts if items]


def code_excerpt(ino: str) -> tuple[str, bool]:
    """The part of the sketch a student reads (the lesson's steps); True when it was cut short."""
    text = _function_with_comment(ino, "void run_lesson() {\n")
    if text is None:
        match = re.search(r"^void (setup|loop)\(\)", ino, re.M)
        text = ino[match.start():] if match else ino
    lines = text.rstrip("\n").splitlines()
    if len(lines) <= CODE_LINES_MAX:
        return "\n".join(lines), False
    return "\n".join(lines[:CODE_LINES_MAX]), True


def _function_with_comment(ino: str, head: str) -> str | None:
    """The function starting with the line `head`, with the `//` lines just above it (linear time)."""
    at = ino.find(head)
    if at < 0 or (at > 0 and ino[at - 1] != "\n"):
        return None
    end = ino.find("\n}\n", at)
    end = len(ino) if end < 0 else end + 3
    start = at
    while start > 0:
        above = ino.rfind("\n", 0, start - 1) + 1
        if not ino.startswith("//", above):
            break
        start = above
    return ino[start:end]


def wrap_code(line: str, width: int) -> list[str]:
    """A long code line cut at spaces into pieces of at most `width`, continued 4 columns further in."""
    lead = len(line) - len(line.lstrip())
    # a comment goes on as a comment; code goes on 4 columns further in
    indent = " " * lead + "// " if line.lstrip().startswith("//") else " " * (lead + 4)
    pieces: list[str] = []
    while len(line) > width:
        cut = line.rfind(" ", len(indent), width)
        if cut <= len(indent):
            cut = width
        pieces.append(line[:cut].rstrip())
        line = indent + line[cut:].lstrip()
    pieces.append(line)
    return pieces
