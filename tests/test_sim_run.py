"""Running sketches and lessons: Serial output, touches, auto start, crashes, hangs, expectations."""

from __future__ import annotations

import pytest

from leanbot_kit.errors import SimError
from leanbot_kit.sim.config import Touch
from leanbot_kit.sim.run import parse_touch, simulate
from tests.sim_fixtures import (  # noqa: F401 - fixtures
    leanbot_sketch,
    needs_cxx,
    sim_cache,
    sim_cache_dir,
    write_sketch,
)
from tests.test_sim_physics import lesson

pytestmark = [needs_cxx, pytest.mark.usefixtures("sim_cache")]

MISSION = leanbot_sketch('  LbMission.begin();\n  Serial.print("started at ");\n'
                         '  Serial.println(millis());\n  LbMission.end();')


def test_serial_output_is_exactly_what_the_sketch_prints(tmp_path):
    sketch = leanbot_sketch('  Serial.print("a=");\n  Serial.println(42);\n  Serial.print(3.5, 2);\n'
                            "  Serial.write((uint8_t)0);\n  LbMission.end();")
    run = simulate(write_sketch(tmp_path / "prints", sketch))
    assert run.serial.endswith(b"a=42\r\n3.50\x00")
    assert run.end_reason == "end"


def test_mission_auto_starts_after_half_a_second(tmp_path):
    run = simulate(write_sketch(tmp_path / "auto", MISSION))
    started = run.trace.event_time("mission_start")
    assert started is not None and started >= 500


def test_without_auto_start_a_scripted_touch_starts_the_mission(tmp_path):
    ino = write_sketch(tmp_path / "touch", MISSION)
    run = simulate(ino, auto_start=False, touches=[parse_touch("3s:TB1A+TB1B")], duration_ms=10_000)
    assert run.trace.event_time("mission_start") >= 3000
    waiting = simulate(ino, auto_start=False, duration_ms=4000)
    assert waiting.end_reason == "duration"
    assert waiting.trace.event_time("mission_start") is None


def test_a_crashing_sketch_is_reported_with_its_last_lines(tmp_path):
    # Native: a null pointer write crashes the process (on the chip, address 0 is register r0).
    sketch = leanbot_sketch('  Serial.println("about to crash");\n  LbDelay(5);\n'
                            "  volatile int *p = 0;\n  *p = 1;")
    with pytest.raises(SimError) as caught:
        simulate(write_sketch(tmp_path / "crash", sketch), cpu="native")
    assert "crashed" in caught.value.message
    assert "about to crash" in caught.value.message


@pytest.mark.parametrize("cpu", ["native", "avr"])
def test_a_hung_sketch_stops_at_the_wall_limit(tmp_path, cpu):
    # Natively a loop without calls never moves the clock; on the chip it does, at tens of times real
    # time, so a ten-minute run of it is still cut by a one-second wall-clock limit.
    if cpu == "avr":
        from leanbot_kit.sim.backend import falls_back

        if falls_back():
            pytest.skip("no AVR compiler")
    sketch = leanbot_sketch("  volatile long n = 0;\n  while (true) { n++; }")
    run = simulate(write_sketch(tmp_path / "hung", sketch), wall_limit_s=1, duration_ms=600_000, cpu=cpu)
    assert run.end_reason == "wall_limit"


def test_a_busy_loop_still_advances_the_clock(tmp_path):
    sketch = leanbot_sketch("", "  millis();")
    run = simulate(write_sketch(tmp_path / "busy", sketch), duration_ms=5000)
    assert (run.end_reason, run.sim_ms) == ("duration", 5000)


def test_same_seed_same_run(tmp_path):
    ino = write_sketch(tmp_path / "noise", leanbot_sketch(
        "  for (int i = 0; i < 5; i++) Serial.println(random(1000));\n  LbMission.end();"))
    assert simulate(ino, seed=3).serial == simulate(ino, seed=3).serial


@pytest.mark.parametrize(("text", "touch"), [
    ("1s:TB1A+TB1B", Touch(1000, ("TB1A", "TB1B"), 200)),
    ("1.5s:TB2A:300ms", Touch(1500, ("TB2A",), 300)),
    ("250:TB1B", Touch(250, ("TB1B",), 200)),
])
def test_parse_touch(text, touch):
    assert parse_touch(text) == touch


@pytest.mark.parametrize("text", ["1s", "1s:TB9", "soon:TB1A", "1s:TB1A:2s:x"])
def test_bad_touch_is_a_clear_error(text):
    with pytest.raises(SimError) as caught:
        parse_touch(text)
    assert "TB1A" in caught.value.hint


# --- expectations graded on the run: each kind passes, and fails when the lesson misses it ---

STEPS = "    - forward: {mm}mm\n    - end\n"
EXPECT = {
    "within": '  - {within: 5s, that: "dist_mm >= 150", name: "within"}\n',
    "always": '  - {always: "dist_mm < 180", name: "always"}\n',
    "never": '  - {never: "dist_mm > 180", name: "never"}\n',
    "at_end": '  - {at_end: "x_mm >= 140", name: "at_end", sim_only: true}\n',
}


@pytest.mark.parametrize("kind", list(EXPECT))
def test_expectation_passes_on_the_lesson(tmp_path, kind):
    run = simulate(lesson(tmp_path, "exp-ok", STEPS.format(mm=160), EXPECT[kind]))
    assert [(r.name, r.status) for r in run.expectations] == [(kind, "passed")]
    assert run.passed and run.frames > 0


@pytest.mark.parametrize(("kind", "mm"), [("within", 100), ("always", 250), ("never", 250),
                                          ("at_end", 100)])
def test_expectation_fails_when_the_lesson_misses_it(tmp_path, kind, mm):
    run = simulate(lesson(tmp_path, "exp-bad", STEPS.format(mm=mm), EXPECT[kind]))
    assert [(r.name, r.status) for r in run.expectations] == [(kind, "failed")]
    assert not run.passed


@pytest.mark.slow
def test_checking_build_stops_an_out_of_bounds_write_at_its_line(tmp_path):
    from leanbot_kit.sim.build import check_sanitizer
    from leanbot_kit.sim.compiler import current_compiler

    try:
        check_sanitizer(current_compiler())
    except SimError:
        pytest.skip("this compiler cannot build with the sanitizers")
    sketch = leanbot_sketch("  for (int i = 0; i <= 4; i++) {\n    readings[i] = i;\n  }\n"
                            "  Serial.println(readings[1]);\n  LbMission.end();",
                            extra="int readings[4];")
    ino = write_sketch(tmp_path / "oob", sketch)
    assert simulate(ino, cpu="native").end_reason == "end"  # unchecked, the bug goes unnoticed
    with pytest.raises(SimError) as caught:
        simulate(ino, sanitize=True)
    assert f"{ino}:6:" in caught.value.message and "out of bounds" in caught.value.message
