"""The format extensions of the course: teacher notes, challenge lessons, simulator-only goal names."""

from __future__ import annotations

from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from leanbot_kit.cli import cli
from leanbot_kit.lesson.schema import lesson_json_schema
from leanbot_kit.lesson.source import read_yaml, to_python
from tests.conftest import ROOT
from tests.lesson_fixtures import HEAD, check, good, only_problem, with_steps

STARTER = "#include <Leanbot.h>\nvoid setup() { Leanbot.begin(); LbMission.begin(0); }\nvoid loop() { LbMission.end(); }\n"
NOTES = """teacher_notes:
  timing: {vi: ["10 phút"], en: ["10 min"]}
  mistakes: ["forgetting the wait"]
  say: {en: ["computers are fast"]}
"""


@pytest.fixture(autouse=True)
def _english():
    """Messages in English whatever an earlier test of this worker chose (`--lang` is process-wide)."""
    from leanbot_kit.i18n import set_language

    set_language("en")


def _challenge(tmp_path: Path, expect: str = '  - {at_end: "dist_mm == 0", name: "stays"}\n',
               extra: str = "") -> Path:
    (tmp_path / "starter.ino").write_text(STARTER, encoding="utf-8")
    path = tmp_path / "ch.yaml"
    path.write_text(HEAD + "challenge: {starter: starter.ino}\n" + extra +
                    f"sim: {{world: {ROOT / 'worlds' / 'empty.yaml'}, duration: 3s}}\nexpect:\n" + expect,
                    encoding="utf-8")
    return path


def test_teacher_notes_are_read_in_both_languages():
    lesson = good(with_steps("- stop") + NOTES)
    notes = lesson.teacher_notes
    assert notes.timing.get("vi") == ("10 phút",) and notes.mistakes.get("en") == ("forgetting the wait",)
    assert notes.say.get("vi") == ("computers are fast",)  # falls back to the other language


def test_teacher_notes_problems_are_reported_with_a_suggestion():
    problem = only_problem(with_steps("- stop") + "teacher_notes: {timming: [a]}\n")
    assert problem.path == "teacher_notes.timming" and "timing" in problem.hint
    problem = only_problem(with_steps("- stop") + "teacher_notes: {}\n")
    assert "empty" in problem.message


def test_a_challenge_has_a_starter_and_no_program(tmp_path: Path):
    lesson = good(_challenge(tmp_path).read_text(encoding="utf-8"), tmp_path / "ch.yaml")
    assert lesson.challenge.starter == tmp_path / "starter.ino" and lesson.program is None
    text = _challenge(tmp_path).read_text(encoding="utf-8") + "program: {steps: [stop]}\n"
    problem = only_problem(text, str(tmp_path / "ch.yaml"))
    assert problem.path == "program" and "students write the sketch" in problem.message


def test_a_missing_or_wrong_starter_is_an_error(tmp_path: Path):
    text = _challenge(tmp_path).read_text(encoding="utf-8")
    problem = only_problem(text.replace("starter.ino", "nope.ino"), str(tmp_path / "ch.yaml"))
    assert "starter sketch not found" in problem.message and str(tmp_path / "nope.ino") in problem.message
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    problem = only_problem(text.replace("starter.ino", "notes.txt"), str(tmp_path / "ch.yaml"))
    assert ".ino" in problem.message


def test_challenge_goals_read_what_the_simulator_knows_of_any_sketch(tmp_path: Path):
    ok = '  - {always: "x_mm == 0 and tones == 0 and vl == 0 and mission_ms >= 0"}\n'
    good(_challenge(tmp_path, ok).read_text(encoding="utf-8"), tmp_path / "ch.yaml")
    bad = '  - {always: "TB1A == 0 and count == 0"}\n'
    _, problems = check(_challenge(tmp_path, bad, "vars: {count: 0}\n").read_text(encoding="utf-8"),
                        str(tmp_path / "ch.yaml"))
    assert [p.message for p in problems] == ["'TB1A' is not known when grading a student's sketch",
                                             "'count' is not known when grading a student's sketch"]


def test_new_ground_truth_names_need_sim_only_in_a_lesson():
    problem = only_problem(with_steps("- stop", tail='expect:\n  - {at_end: "leds_lit == 0"}\n'))
    assert "known only in simulation" in problem.message
    good(with_steps("- stop", tail='expect:\n  - {at_end: "held == 0 and leds_rgb == 0", sim_only: true}\n'))


def test_schema_accepts_notes_and_challenges(tmp_path: Path):
    validator = jsonschema.Draft202012Validator(lesson_json_schema())
    for text in (with_steps("- stop") + NOTES, _challenge(tmp_path).read_text(encoding="utf-8")):
        assert not list(validator.iter_errors(to_python(read_yaml(text, "x.yaml")[0])))
    bad = to_python(read_yaml(HEAD + "challenge: {starter: x.txt}\n", "x.yaml")[0])
    assert list(validator.iter_errors(bad))


def test_a_challenge_generates_its_starter_and_runs_it_without_grading(tmp_path: Path):
    path = _challenge(tmp_path)
    res = CliRunner().invoke(cli, ["generate", str(path), "-o", str(tmp_path / "out")])
    assert res.exit_code == 0, res.output
    assert (tmp_path / "out" / "test-lesson" / "test-lesson.ino").read_text(encoding="utf-8") == STARTER
    res = CliRunner().invoke(cli, ["check", "--no-compile", "--json", str(path)])
    assert res.exit_code == 0, res.output
    assert '"status": "skipped"' in res.output and "--lesson" in res.output
