"""A validated lesson plan as frozen data: what the generator, the simulator and the graders read.

Every quantity is already in its base unit (mm, deg, ms, steps/s) and every condition already parsed.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from leanbot_kit.lesson.expr import Expr

FORMAT = "leanbot-lesson/1"


@dataclass(frozen=True)
class Text:
    """Text a person reads, in Vietnamese and/or English."""

    vi: str | None = None
    en: str | None = None

    def get(self, lang: str) -> str:
        """The text in `lang`, else in the other language, else empty."""
        first, second = (self.vi, self.en) if lang == "vi" else (self.en, self.vi)
        return first if first is not None else (second or "")


@dataclass(frozen=True)
class TextList:
    """A list of texts (objectives, materials, exercises) in Vietnamese and/or English."""

    vi: tuple[str, ...] = ()
    en: tuple[str, ...] = ()

    def get(self, lang: str) -> tuple[str, ...]:
        """The items in `lang`, else in the other language."""
        first, second = (self.vi, self.en) if lang == "vi" else (self.en, self.vi)
        return first or second


@dataclass(frozen=True)
class Step:
    """One program step.

    `kind` is the step word of the lesson (`forward`, `repeat`, `if` …); `number` counts steps in document
    order from 1 and is what the robot sends in its `step` events; `args` holds the normalised values:

    forward/backward  {mm, speed}          turn_left/turn_right/turn  {deg (right +), speed}
    run               {left, right, ms|None}   stop / end  {}          wait  {ms}
    wait_until        {cond, timeout_ms|None}  wait_touch  {pads}
    gripper           {left, right, ms|None}   (degrees; open = 0, close = 90)
    leds              {color: None | ("name", "Red") | ("rgb", 0xRRGGBB), shape: tuple[led] | None}
    tone              {hz, ms}             melody  {notes: ((hz or 0 for a rest, ms), …), source}
    print             {text}               set  {assign: ((var, Expr), …)}
    repeat            {times} + body       forever  {} + body      while  {cond} + body
    if                {cond} + body (then) + orelse (else)
    follow_line       {speed, threshold, until: Expr | None}
    """

    kind: str
    number: int
    line: int
    args: Mapping[str, Any] = field(default_factory=dict)
    body: tuple[Step, ...] = ()
    orelse: tuple[Step, ...] = ()
    note: Text | None = None

    def walk(self) -> Iterator[Step]:
        """This step and every step inside it, in document order."""
        yield self
        for child in (*self.body, *self.orelse):
            yield from child.walk()


@dataclass(frozen=True)
class Program:
    """A lesson's own program: how it starts and its steps."""

    start_pads: tuple[str, ...]  # () = start at once; else the touch pads that start the mission
    steps: tuple[Step, ...]

    def walk(self) -> Iterator[Step]:
        """Every step of the program in document order."""
        for step in self.steps:
            yield from step.walk()


@dataclass(frozen=True)
class TemplateUse:
    """A lesson built from a named firmware template and its typed parameters."""

    name: str
    params: Mapping[str, Any]


@dataclass(frozen=True)
class Telemetry:
    """What the robot streams: frames per second and the fields of each frame."""

    rate_hz: int = 10
    fields: tuple[str, ...] = ("dist_mm", "rot_deg")

    @property
    def period_ms(self) -> int:
        """Milliseconds between frames."""
        return max(1, round(1000 / self.rate_hz))


@dataclass(frozen=True)
class TouchEvent:
    """A scripted touch in the simulator: pads pressed at `at_ms` for `ms`."""

    at_ms: int
    pads: tuple[str, ...]
    ms: int = 200


@dataclass(frozen=True)
class SimSpec:
    """How the simulator runs the lesson: world file, start pose, duration and scripted touches."""

    world: Path | None = None
    x_mm: int = 0
    y_mm: int = 0
    heading_deg: int = 0
    duration_ms: int = 30_000
    events: tuple[TouchEvent, ...] = ()


@dataclass(frozen=True)
class Expectation:
    """A goal a correct run meets: `within` (true by a time), `always`, `never` or `at_end`."""

    kind: str
    cond: Expr
    name: str
    within_ms: int | None = None
    sim_only: bool = False
    line: int = 0
    names: Text | None = None  # the name in both languages when the lesson gives them

    def label(self, lang: str) -> str:
        """The goal's name in `lang` (else in the other language), else its condition."""
        return (self.names.get(lang) if self.names else "") or self.name


@dataclass(frozen=True)
class TeacherNotes:
    """What the teacher reads and students do not: timing, common mistakes, what to say."""

    timing: TextList = field(default_factory=TextList)
    mistakes: TextList = field(default_factory=TextList)
    say: TextList = field(default_factory=TextList)


@dataclass(frozen=True)
class Challenge:
    """A lesson graded on a student's own sketch; `starter` is the sketch students begin from."""

    starter: Path


@dataclass(frozen=True)
class Lesson:
    """A validated lesson plan."""

    id: str
    path: Path
    lang: str
    title: Text
    grade: str | None = None
    duration_min: int | None = None
    summary: Text | None = None
    objectives: TextList = field(default_factory=TextList)
    materials: TextList = field(default_factory=TextList)
    exercises: TextList = field(default_factory=TextList)
    vars: Mapping[str, int] = field(default_factory=dict)
    program: Program | None = None
    template: TemplateUse | None = None
    telemetry: Telemetry = field(default_factory=Telemetry)
    sim: SimSpec = field(default_factory=SimSpec)
    expect: tuple[Expectation, ...] = ()
    format: str = FORMAT
    teacher_notes: TeacherNotes | None = None
    challenge: Challenge | None = None
