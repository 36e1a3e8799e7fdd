"""`leanbot check` runs a lesson's whole path and says which stage failed."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from leanbot_kit.cli import cli
from tests.conftest import LESSONS


def test_every_sample_lesson_passes_its_own_check() -> None:
    res = CliRunner().invoke(cli, ["check", "--json", str(LESSONS)])
    assert res.exit_code == 0, res.output
    results = json.loads(res.stdout)
    assert len(results) == len([p for p in LESSONS.glob("*.yaml") if p.name != "course.yaml"])
    for result in results:
        assert result["ok"], result
        assert result["stages"]["simulate"]["status"] == "passed"
        assert all(e["passed"] for e in result["expectations"] if e["status"] != "skipped")


def test_a_missed_goal_fails_the_check(tmp_path: Path) -> None:
    text = (LESSONS / "square-dance.yaml").read_text(encoding="utf-8")
    text = text.replace("- repeat: 4", "- repeat: 3").replace("../worlds/", str(LESSONS.parent / "worlds") + "/")
    lesson = tmp_path / "square-dance.yaml"
    lesson.write_text(text, encoding="utf-8")
    res = CliRunner().invoke(cli, ["check", str(lesson)])
    assert res.exit_code == 1
    assert "goal not met: drives the four sides (80 cm)" in res.stderr
    assert "0 of 1 lessons passed every check" in res.stdout


def test_an_invalid_lesson_stops_at_validation(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: leanbot-lesson/1\nid: bad\ntitle: x\nprogram:\n  steps:\n    - forwrd: 1cm\n",
                   encoding="utf-8")
    res = CliRunner().invoke(cli, ["check", "--json", str(bad)])
    assert res.exit_code == 1
    stages = json.loads(res.stdout)[0]["stages"]
    assert stages["validate"]["status"] == "failed"
    assert "did you mean 'forward'" in stages["validate"]["detail"]
    assert set(stages) == {"validate"}
