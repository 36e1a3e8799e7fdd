"""`leanbot report` tells robot time (from the frames) and wall time apart; the plot's step labels never
overlap, on the recordings of every sample lesson."""

from __future__ import annotations

import json
from itertools import combinations
from pathlib import Path

import pytest
from click.testing import CliRunner

from leanbot_kit.cli import cli
from leanbot_kit.telemetry.plot import STEP_LABEL, recording_figure
from leanbot_kit.telemetry.recording import read_recording
from leanbot_kit.telemetry.report import robot_seconds_spanned
from tests.conftest import sample_lessons
from tests.sim_fixtures import sim_cache, sim_cache_dir  # noqa: F401
from tests.telemetry_fixtures import robot_lines, write_recording


def test_robot_time_comes_from_the_frames_and_wall_time_from_the_computer(tmp_path: Path):
    # 200 frames 50 ms apart on the robot (9.95 s of robot time), received in a burst of 0.2 s of wall time
    lines = [(t / 50, line) for t, line in robot_lines(200)]
    rec = write_recording(tmp_path / "burst.jsonl", lines)
    res = CliRunner().invoke(cli, ["report", str(rec), "--json"])
    data = json.loads(res.stdout)
    assert data["robot_s"] == pytest.approx(9.95)
    assert data["wall_s"] == pytest.approx(0.199, abs=0.01)
    res = CliRunner().invoke(cli, ["report", str(rec)])
    assert "robot time 9.9 s" in res.stdout or "robot time 10.0 s" in res.stdout
    assert "wall time 0.2 s" in res.stdout


def test_a_robot_reset_starts_a_new_run_of_robot_time(tmp_path: Path):
    first = robot_lines(100, robot_id=None)                                # 0 … 4.95 s
    second = [(t + 10, line) for t, line in robot_lines(41, robot_id=None)]  # boots again: 0 … 2.0 s
    rec = write_recording(tmp_path / "reset.jsonl", first + second)
    assert robot_seconds_spanned(read_recording(rec).entries) == pytest.approx(4.95 + 2.0)


def _overlaps(a, b) -> bool:
    return a.x0 < b.x1 and b.x0 < a.x1 and a.y0 < b.y1 and b.y0 < a.y1


@pytest.mark.parametrize("lesson", sample_lessons(), ids=lambda p: p.stem)
def test_step_labels_never_overlap_on_the_sample_lessons(tmp_path: Path, lesson: Path, request):
    request.getfixturevalue("sim_cache")
    import matplotlib.pyplot as plt

    rec = tmp_path / "run.jsonl"
    res = CliRunner().invoke(cli, ["sim", str(lesson), "--record", str(rec)])
    assert rec.is_file(), res.output
    fig = recording_figure(read_recording(rec))
    try:
        fig.canvas.draw()
        renderer = fig.canvas.get_renderer()
        labels = [t for t in fig.axes[0].texts if t.get_gid() == STEP_LABEL]
        steps = [e for e in read_recording(rec).entries if e.get("kind") == "step"]
        assert labels or not steps
        boxes = [t.get_window_extent(renderer) for t in labels]
        for (i, a), (j, b) in combinations(enumerate(boxes), 2):
            assert not _overlaps(a, b), (labels[i].get_text(), labels[j].get_text())
        title = fig._suptitle.get_window_extent(renderer)
        figure = fig.bbox
        for label, box in zip(labels, boxes, strict=True):
            assert not _overlaps(box, title), label.get_text()
            assert figure.x0 <= box.x0 and box.x1 <= figure.x1 and box.y1 <= figure.y1, label.get_text()
    finally:
        plt.close(fig)
