"""`leanbot sim`: summary, --json, --record, --plot, --touch, exit codes and errors."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from leanbot_kit.cli import cli
from tests.conftest import LESSONS
from tests.sim_fixtures import (  # noqa: F401 - fixtures
    leanbot_sketch,
    needs_cxx,
    sim_cache,
    sim_cache_dir,
    write_sketch,
)
from tests.test_sim_physics import lesson

pytestmark = [needs_cxx, pytest.mark.usefixtures("sim_cache")]


def run_cli(*args: str):
    return CliRunner().invoke(cli, ["sim", *map(str, args)], catch_exceptions=False)


def test_json_result_of_a_lesson():
    result = run_cli(LESSONS / "obstacle-stop.yaml", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["lesson"] == "obstacle-stop"
    assert set(data["final"]) == {"x_mm", "y_mm", "heading_deg"}
    assert data["sim_seconds"] > 1 and data["wall_seconds"] > 0 and data["frames"] > 10
    assert all(e["passed"] for e in data["expectations"]) and len(data["expectations"]) == 3


def test_summary_record_and_plot(tmp_path):
    record, plot = tmp_path / "run.jsonl", tmp_path / "run.png"
    result = run_cli(LESSONS / "square-dance.yaml", "--record", record, "--plot", plot)
    assert "ended by LbMission.end()" in result.output
    assert "final pose" in result.output
    lines = [json.loads(line) for line in record.read_text().splitlines()]
    assert lines[0]["type"] == "recording" and lines[0]["lesson"] == "square-dance"
    assert any(e["type"] == "frame" for e in lines[1:])
    assert plot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_failed_expectation_exits_1(tmp_path):
    path = lesson(tmp_path, "too-far", "    - forward: 50mm\n    - end\n",
                  '  - {within: 3s, that: "dist_mm >= 500", name: "half a metre"}\n')
    result = run_cli(path)
    assert result.exit_code == 1
    assert "✗ half a metre" in result.output


def test_sketch_with_world_duration_touch_and_no_auto_start(tmp_path):
    ino = write_sketch(tmp_path / "wait", leanbot_sketch(
        '  LbMission.begin();\n  Serial.println(Leanbot.pingMm());\n  LbMission.end();'))
    result = run_cli(ino, "--world", "arena", "--duration", "10s", "--no-auto-start",
                     "--touch", "2s:TB1A+TB1B", "--json")
    data = json.loads(result.output)
    assert data["end"] == "end" and data["sim_seconds"] > 2
    assert 600 < int(data["console"][-1]) < 750  # the sketch's own print: the wall ahead


def test_errors_are_messages_not_tracebacks(tmp_path):
    ino = write_sketch(tmp_path / "bad", "void setup() { nope(); }\nvoid loop() {}\n")
    result = CliRunner().invoke(cli, ["sim", str(ino)])
    assert result.exit_code == 1
    assert "Error: the sketch bad does not compile" in result.output
    assert "bad.ino:1:" in result.output
    result = CliRunner().invoke(cli, ["sim", str(ino), "--world", "moon"])
    assert result.exit_code == 1 and "no world file 'moon'" in result.output
    result = CliRunner().invoke(cli, ["sim", str(ino), "--speed", "fast"])
    assert result.exit_code == 2
