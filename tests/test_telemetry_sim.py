"""The monitor on a simulated robot (sim://): frames arrive with nothing lost, graded and recorded."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from leanbot_kit.cli import cli
from leanbot_kit.lesson import load_lesson
from leanbot_kit.telemetry.protocol import Event
from leanbot_kit.telemetry.session import Session, SessionOptions
from tests.sim_fixtures import needs_cxx, sim_cache, sim_cache_dir  # noqa: F401 - fixtures

pytestmark = [needs_cxx, pytest.mark.slow]


@pytest.mark.usefixtures("sim_cache")
def test_monitoring_a_simulated_lesson_loses_nothing(repo_root, tmp_path):
    lesson_path = repo_root / "lessons" / "square-dance.yaml"
    lesson = load_lesson(lesson_path)
    out = tmp_path / "sim.jsonl"
    session = Session(SessionOptions(f"sim://{lesson_path}?speed=max", lesson=lesson, record=out))
    ended = False
    for update in session.updates(duration=60):
        if any(isinstance(m, Event) and m.kind == "end" for m in update.messages):
            ended = True
            break
    stats = session.parser.stats()
    assert ended and stats.frames > 100
    assert (stats.lost, stats.corrupt) == (0, 0)
    assert session.parser.header.lesson_id == "square-dance"
    results = {r.name: r.status for r in session.final_results()}
    assert results["drives the four sides (80 cm)"] == "passed"
    assert results["ends where it started"] == "skipped"  # ground truth is not in the telemetry

    report = CliRunner().invoke(cli, ["report", str(out), "--json", "--lesson", str(lesson_path)])
    assert report.exit_code == 0, report.output
    data = json.loads(report.stdout)
    assert data["frames"] == stats.frames and data["lost"] == 0 and data["corrupt"] == 0
    assert data["fields"]["dist_mm"]["max"] >= 790
    assert {e["name"]: e["passed"] for e in data["expectations"]}["drives the four sides (80 cm)"]
