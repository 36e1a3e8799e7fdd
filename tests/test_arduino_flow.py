"""The whole path without hardware: lesson → sketch → build (fake arduino-cli) → flash two simulated
robots and one USB robot in one go → watch the simulated robots' telemetry."""

from __future__ import annotations

import threading

import pytest

from leanbot_kit.arduino.build import build_sketch
from leanbot_kit.arduino.flash import flash
from leanbot_kit.generate import generate_sketch
from leanbot_kit.lesson import load_lesson
from tests.arduino_fixtures import fake_cli_fixture  # noqa: F401 - fixtures
from tests.conftest import LESSONS
from tests.sim_fixtures import needs_cxx, sim_cache, sim_cache_dir  # noqa: F401 - fixtures

LESSON = LESSONS / "hello-robot.yaml"


@pytest.mark.slow
@needs_cxx
def test_lesson_to_flashed_robots_to_live_telemetry(fake_cli, tmp_path, request):
    request.getfixturevalue("sim_cache")  # after fake_cli: the simulator's shared build cache wins
    from leanbot_kit.telemetry.protocol import Frame
    from leanbot_kit.telemetry.session import Session, SessionOptions, run_sessions

    lesson = load_lesson(LESSON)
    sketch = generate_sketch(lesson, tmp_path / "sketches")
    built = build_sketch(sketch.folder)
    assert not built.cached and built.flash_bytes <= 32256

    ports = ["sim://flow-a", "sim://flow-b", "/dev/ttyUSB0"]
    results = {r.port: r for r in flash(sketch.folder, ports)}
    assert all(r.ok for r in results.values()), results
    assert len(fake_cli.calls("compile")) == 1  # the flash reused the build
    [upload] = fake_cli.calls("upload")
    assert upload[upload.index("--input-dir") + 1] == str(built.hex_dir)

    sessions = [Session(SessionOptions(port=f"{p}?speed=max", lesson=lesson, reconnect=False))
                for p in ports[:2]]
    frames: dict[str, list[Frame]] = {}
    enough = threading.Event()
    for update in run_sessions(sessions, enough, duration=10.0):
        assert update.error is None, update.detail
        frames.setdefault(update.port, []).extend(m for m in update.messages if isinstance(m, Frame))
        if len(frames) == 2 and all(len(got) >= 5 for got in frames.values()):
            enough.set()  # both robots are talking: stop watching
    for port in ports[:2]:
        got = frames.get(f"{port}?speed=max", [])
        assert len(got) >= 5, (port, len(got))
        assert got[-1].fields == tuple(lesson.telemetry.fields)
