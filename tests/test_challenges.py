"""Challenges: `leanbot check STUDENT.ino --lesson CHALLENGE.yaml` passes the reference solution of each
challenge and fails each typical wrong solution on exactly the goals a teacher would expect."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from leanbot_kit.cli import cli
from tests.conftest import ROOT
from tests.course_fixtures import challenge_cases, shipped_course

CASES = challenge_cases()


@pytest.fixture(autouse=True)
def _english():
    """Messages in English whatever an earlier test of this worker chose (`--lang` is process-wide)."""
    from leanbot_kit.i18n import set_language

    set_language("en")


def _check(*args: str):
    return CliRunner().invoke(cli, ["check", "--no-compile", *args])


@pytest.mark.parametrize(("challenge", "lesson", "sketch", "fails"), CASES,
                         ids=[f"{c[0]}-{c[2].stem}" for c in CASES])
def test_challenge_grades_the_sketch(challenge, lesson, sketch, fails):
    res = _check("--json", str(sketch), "--lesson", str(lesson))
    assert res.exit_code == (1 if fails else 0), res.output
    result = json.loads(res.output)[0]
    failed = [e["name"] for e in result["expectations"] if e["status"] == "failed"]
    assert sorted(failed) == sorted(fails)
    assert len(result["expectations"]) >= 3


def test_every_challenge_has_a_solution_and_a_wrong_solution():
    challenges = {c[0] for c in CASES}
    course = {item.lesson.id for item in shipped_course().lessons() if item.challenge}
    assert course <= challenges
    for name in course:
        sketches = [c for c in CASES if c[0] == name]
        assert any(not c[3] for c in sketches) and any(c[3] for c in sketches), name


def test_the_student_sees_each_goal_and_a_verdict():
    case = next(c for c in CASES if c[0] == "parking-challenge" and c[2].stem == "turns-right")
    res = _check(str(case[2]), "--lesson", str(case[1]))
    assert res.exit_code == 1
    assert "✗ never drives off to the right: happened at" in res.output
    assert "✓ drives the way to the bay (about 50 cm): met after" in res.output
    assert "2 of 4 goals met" in res.output
    good = next(c for c in CASES if c[0] == "parking-challenge" and not c[3])
    res = _check(str(good[2]), "--lesson", str(good[1]))
    assert res.exit_code == 0 and "All 4 goals met" in res.output


def test_the_verdict_speaks_vietnamese():
    good = next(c for c in CASES if c[0] == "siren-challenge" and not c[3])
    res = CliRunner().invoke(cli, ["--lang", "vi", "check", "--no-compile", str(good[2]), "--lesson", str(good[1])])
    assert res.exit_code == 0, res.output
    assert "Thử thách: Còi báo động" in res.output and "Well done" not in res.output


def test_a_starter_compiles_runs_and_leaves_work_to_do():
    item = next(i for i in shipped_course().lessons() if i.lesson.id == "siren-challenge")
    res = _check(str(item.starter), "--lesson", str(item.path))
    assert res.exit_code == 1 and "✗" in res.output


def test_a_sketch_folder_and_a_plain_sketch_are_checked_too(tmp_path: Path):
    folder = tmp_path / "siren"
    folder.mkdir()
    good = next(c for c in CASES if c[0] == "siren-challenge" and not c[3])
    (folder / "siren.ino").write_text(good[2].read_text(encoding="utf-8"), encoding="utf-8")
    res = _check(str(folder), "--lesson", str(good[1]))
    assert res.exit_code == 0, res.output
    res = _check(str(folder))  # no lesson: build and simulate only
    assert res.exit_code == 0 and "simulated" in res.output


def test_a_sketch_that_does_not_compile_is_reported_not_graded(tmp_path: Path):
    sketch = tmp_path / "broken.ino"
    sketch.write_text("#include <Leanbot.h>\nvoid setup() { Leanbot.begin() }\nvoid loop() {}\n", encoding="utf-8")
    lesson = ROOT / "lessons" / "u1-moving" / "parking-challenge.yaml"
    res = _check(str(sketch), "--lesson", str(lesson))
    assert res.exit_code == 1 and "Traceback" not in res.output
    assert "broken.ino" in res.output and "Not graded" in res.output


def test_a_sketch_that_never_starts_its_mission_is_told_so(tmp_path: Path):
    sketch = tmp_path / "nomission.ino"
    sketch.write_text("#include <Leanbot.h>\nvoid setup() { Leanbot.begin(); }\nvoid loop() { LbDelay(100); }\n",
                      encoding="utf-8")
    res = _check(str(sketch), "--lesson", str(ROOT / "lessons" / "u2-lights" / "siren-challenge.yaml"))
    assert res.exit_code == 1 and "LbMission.begin()" in res.output
