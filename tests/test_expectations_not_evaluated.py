"""A goal that could not be evaluated is *not evaluated*: a failure with its reason, never a pass; and
`leanbot check` fails a sketch over the robot's flash or RAM, saying by how much."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from leanbot_kit.cli import cli
from leanbot_kit.expectations import Grader
from leanbot_kit.i18n import gettext_for, set_language
from leanbot_kit.lesson.expr import parse_expr
from leanbot_kit.lesson.model import Expectation
from tests.arduino_fixtures import fake_cli_fixture  # noqa: F401
from tests.conftest import LESSONS
from tests.sim_fixtures import sim_cache, sim_cache_dir  # noqa: F401


def _goal(kind: str, source: str, within_ms: int | None = None) -> Expectation:
    return Expectation(kind, parse_expr(source), source, within_ms)


GOALS = [_goal("always", "ping_mm > 30"), _goal("never", "ping_mm < 80"),
         _goal("within", "ping_mm < 150", 5000), _goal("at_end", "ping_mm >= 90")]


def _grade(samples: list[dict[str, int]], goals=GOALS) -> list:
    grader = Grader(goals, simulated=False)
    for i, values in enumerate(samples):
        grader.feed(100 * i, values)
    return grader.finish()


@pytest.mark.parametrize("kind", ["always", "never", "within", "at_end"])
def test_a_field_that_never_arrived_is_not_evaluated_never_passed(kind: str):
    goal = next(g for g in GOALS if g.kind == kind)
    (result,) = _grade([{"dist_mm": d} for d in range(0, 100, 10)], [goal])
    assert result.status == "failed" and not result.passed
    assert result.evaluated is False
    assert result.detail == "not evaluated: ping_mm never arrived"


def test_no_sample_at_all_is_not_evaluated_either():
    results = _grade([])
    assert all(r.status == "failed" and not r.evaluated for r in results)
    assert {r.detail for r in results} == {"not evaluated: no sample after the mission start"}


def test_goals_that_could_be_evaluated_keep_their_verdicts():
    results = _grade([{"ping_mm": v} for v in (500, 300, 140, 100)])
    assert [(r.status, r.evaluated, r.detail) for r in results] == [
        ("passed", True, ""), ("passed", True, ""), ("passed", True, ""), ("passed", True, "")]
    results = _grade([{"ping_mm": v} for v in (500, 20)])
    assert [r.status for r in results] == ["failed", "failed", "passed", "failed"]
    assert all(r.evaluated for r in results)


def test_the_reason_is_translated():
    set_language("vi")
    try:
        (result,) = _grade([{"dist_mm": 0}], [GOALS[0]])
    finally:
        set_language(None)
    reason = gettext_for("vi", "{names} never arrived").format(names="ping_mm")
    assert result.detail == gettext_for("vi", "not evaluated: {reason}").format(reason=reason)


def test_grading_a_recording_of_another_sketch_says_not_evaluated(tmp_path: Path, request):
    request.getfixturevalue("sim_cache")
    rec = tmp_path / "hello.jsonl"
    runner = CliRunner()
    assert runner.invoke(cli, ["sim", str(LESSONS / "hello-robot.yaml"), "--record", str(rec)]).exit_code == 0
    res = runner.invoke(cli, ["report", str(rec), "--lesson", str(LESSONS / "obstacle-stop.yaml")])
    assert "never gets closer than 8 cm — not evaluated: ping_mm never arrived" in res.output, res.output
    assert "passed" not in res.output.split("never gets closer")[0].splitlines()[-1]


@pytest.mark.parametrize(("ctl", "words"), [
    ({"flash_bytes": 33000, "ram_bytes": 300}, "the sketch needs 33000 B of flash, 744 B more than the 32256 B"),
    ({"flash_bytes": 9000, "ram_bytes": 1600},
     "the globals use 1600 B of RAM, 64 B too many: 512 B of the 2048 B must stay free"),
    ({"flash_bytes": 9000, "ram_bytes": 2100},
     "the globals use 2100 B of RAM, 564 B too many: 512 B of the 2048 B must stay free"),
])
def test_check_fails_a_sketch_over_the_robots_memory_saying_by_how_much(fake_cli, tmp_path: Path, ctl, words,
                                                                        request):
    request.getfixturevalue("sim_cache")  # after fake_cli: builds are cached there, so each case has its own lesson
    lesson = tmp_path / "hello.yaml"
    text = (LESSONS / "hello-robot.yaml").read_text(encoding="utf-8")
    case = f"mem-{ctl['flash_bytes']}-{ctl['ram_bytes']}"
    lesson.write_text(text.replace("id: hello-robot", f"id: {case}", 1), encoding="utf-8")
    fake_cli.control(**ctl)
    res = CliRunner().invoke(cli, ["check", str(lesson)])
    assert res.exit_code == 1, res.output
    assert words in res.output


def test_check_passes_a_sketch_that_leaves_512_bytes_free(fake_cli, tmp_path: Path, request):
    request.getfixturevalue("sim_cache")
    lesson = tmp_path / "hello.yaml"
    text = (LESSONS / "hello-robot.yaml").read_text(encoding="utf-8")
    lesson.write_text(text.replace("id: hello-robot", "id: mem-just-fits", 1), encoding="utf-8")
    fake_cli.control(flash_bytes=32256, ram_bytes=1536)
    res = CliRunner().invoke(cli, ["check", str(lesson)])
    assert res.exit_code == 0, res.output
    assert "32256 B / 1536 B" in res.output
