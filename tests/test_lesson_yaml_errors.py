"""YAML mistakes told as their likely cause, at the line of the mistake, in Vietnamese too; unknown steps
get the closest valid steps; every problem of a step shows in one run."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from leanbot_kit.i18n import gettext_for, set_language
from tests.conftest import LESSONS
from tests.english_text import english_sentences
from tests.lesson_fixtures import check, only_problem

HEAD = "format: leanbot-lesson/1\nid: yaml-test\ntitle: T\nprogram: {steps: [stop]}\n"

# text after HEAD, (line, column) of the mistake, the English message it gets (placeholders filled)
CASES = [
    ("telemetry:\n  rate_hz 20\n  fields: [dist_mm]\n", (6, 10), "the ':' after the key 'rate_hz' is missing"),
    ("telemetry:\n  fields: [dist_mm]\n  rate_hz 20\nsim: {}\n", (7, 10),
     "the ':' after the key 'rate_hz' is missing"),
    ("telemetry:\n  rate_hz:20\n  fields: [dist_mm]\n", (6, 11), "no space after the ':' of the key 'rate_hz'"),
    ("telemetry:\n\trate_hz: 20\n", (6, 1), "a tab character in the indentation: YAML indents with spaces only"),
    ("telemetry:\n  rate_hz: 20\n\tfields: [dist_mm]\n", (7, 1),
     "a tab character in the indentation: YAML indents with spaces only"),
    ('grade: "6-9\nduration: 45min\n', (5, 8), 'the quote " opened here is never closed'),
    ("grade: '6-9\nduration: 45min\n", (5, 8), "the quote ' opened here is never closed"),
    ("telemetry: {rate_hz: 20, fields: [dist_mm, rot_deg}\nsim: {}\n", (5, 51),
     "} here does not match the [ at column 34"),
    ("telemetry: {rate_hz: 20, fields: [dist_mm, rot_deg\nsim: {}\n", (5, 34),
     "the [ opened here is not closed with ]"),
    ("sim: {duration: 10s\nexpect: []\n", (5, 6), "the { opened here is not closed with }"),
    ("telemetry:\n    rate_hz: 20\n  fields: [dist_mm]\n", (7, 3),
     "this line is indented 2 spaces, which does not fit the lines above it"),
    ('grade: "6-9" years\n', (5, 14), "more text after the closing quote"),
]


@pytest.mark.parametrize(("text", "where", "message"), CASES, ids=[c[2][:30] for c in CASES])
def test_a_yaml_mistake_is_named_at_its_own_line(text: str, where: tuple[int, int], message: str):
    problem = only_problem(HEAD + text)
    assert (problem.line, problem.col) == where
    assert problem.message == message
    assert problem.hint


@pytest.mark.parametrize(("text", "where", "message"), CASES, ids=[c[2][:30] for c in CASES])
def test_yaml_mistakes_are_told_in_vietnamese(text: str, where: tuple[int, int], message: str):
    set_language("vi")
    try:
        problem = only_problem(HEAD + text)
    finally:
        set_language(None)
    assert problem.message != message
    assert english_sentences(str(problem)) == []


def test_rate_hz_without_colon_as_the_only_key_gets_a_hint():
    problem = only_problem(HEAD + "telemetry:\n  rate_hz 20\n")
    assert problem.line == 6
    assert problem.hint == "write the key, a colon, a space, then the value: 'rate_hz: …'"


@pytest.mark.parametrize(("word", "expected"), [
    ("beep", "did you mean 'tone' or 'melody'?"),
    ("forwad", "did you mean 'forward'?"),
    ("sleep", "did you mean 'wait'?"),
])
def test_an_unknown_step_lists_the_closest_steps(word: str, expected: str):
    problem = only_problem(HEAD.replace("program: {steps: [stop]}\n", f"program:\n  steps:\n    - {word}: 200\n"))
    assert problem.message == f"unknown step {word!r}"
    assert problem.hint == expected


def test_a_step_nothing_like_any_step_lists_them_all():
    from leanbot_kit.lesson.steps import STEPS

    problem = only_problem(HEAD.replace("program: {steps: [stop]}\n", "program:\n  steps:\n    - xyzzy: 1\n"))
    assert problem.hint.startswith("the steps are: ")
    assert all(step in problem.hint for step in STEPS)
    vi = gettext_for("vi", "the steps are: {choices}").split("{")[0]
    assert vi and vi != "the steps are: "


def test_every_problem_of_a_step_is_reported_in_one_run():
    program = ("program:\n  steps:\n"
               "    - forwad: 10 parsecs\n      sped: 3\n"
               "    - run: {left: 9999, rigth: 5}\n      for: 5 parsecs\n"
               "    - forward: 10 furlongs\n      speed: 99999\n      sped: 3\n")
    _lesson, problems = check(HEAD.replace("program: {steps: [stop]}\n", program))
    paths = [p.path for p in problems]
    assert "program.steps[0].forwad" in paths and "program.steps[0].sped" in paths
    assert sum(1 for p in paths if p == "program.steps[0].forwad") == 2   # unknown step + its bad unit
    assert {"program.steps[1].run", "program.steps[1].run.left", "program.steps[1].run.rigth",
            "program.steps[1].for"} <= set(paths)
    assert {"program.steps[2].forward", "program.steps[2].speed", "program.steps[2].sped"} <= set(paths)
    assert len(problems) == 10  # 3 + 4 + 3: nothing left for a second run


SAMPLE = (LESSONS / "square-dance.yaml").read_text(encoding="utf-8")


@settings(max_examples=150, deadline=None)
@given(st.integers(0, len(SAMPLE) - 1), st.sampled_from(["", ":", " ", "\t", '"', "'", "[", "{", "]", "-", "\n  "]),
       st.integers(0, 2))
def test_any_typing_mistake_gets_a_problem_on_a_line_of_the_file(pos: int, char: str, cut: int):
    text = SAMPLE[:pos] + char + SAMPLE[pos + cut:]
    _lesson, problems = check(text)
    lines = text.count("\n") + 1
    for problem in problems:
        assert 1 <= problem.line <= lines, problem
        assert problem.message and "Traceback" not in problem.message
