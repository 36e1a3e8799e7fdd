"""Hand-written Leanbot sketches, unchanged, run on the simulated robot: what each one visibly does."""

from __future__ import annotations

import math
import shutil
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.sim_cpp_fixtures import MM_PER_STEP, OVAL, SKETCHES, build, run_binary, use_session_cache

pytestmark = pytest.mark.skipif(shutil.which("g++") is None and shutil.which("c++") is None,
                                reason="needs a C++ compiler")


@pytest.fixture(scope="module", params=["native", "avr"])
def sim(request, tmp_path_factory):
    """run(name, **config) -> Run: builds tests/sketches/<name> once, runs it in a fresh folder.

    Every test runs twice: on the native backend and on the AVR backend (the same robot model,
    the sketch compiled for the ATmega328P and run on the emulator)."""
    use_session_cache(tmp_path_factory)
    cache = tmp_path_factory.mktemp("sim-cpp-cache")
    names = sorted(p.name for p in SKETCHES.iterdir() if p.is_dir())
    if request.param == "avr":
        from leanbot_kit.sim.avr_sketch import build_avr_sketch
        from tests.avr_sim_fixtures import require_avr_toolchain

        tc = require_avr_toolchain()
        build_avr_sketch(SKETCHES / "hung_loop", tc)  # the core and the host once
        with ThreadPoolExecutor(max_workers=2) as pool:
            builds = pool.map(lambda n: build_avr_sketch(SKETCHES / n, tc).binary, names)
            binaries = dict(zip(names, builds, strict=True))
    else:
        build("hung_loop", cache)  # the runtime once, then the sketches two at a time
        with ThreadPoolExecutor(max_workers=2) as pool:
            binaries = dict(zip(names, pool.map(lambda n: build(n, cache), names), strict=True))

    def run(name: str, **cfg):
        return run_binary(binaries[name], tmp_path_factory.mktemp(name), **cfg)

    return run


def test_line_follow_completes_a_lap_of_the_oval_on_the_line(sim):
    r = sim("line_follow", world=OVAL, duration_ms=90000)
    assert r.end[1] == "end"
    assert r.lines[0] == "Follow line"
    assert r.lines[-1].startswith("Lap done in ")
    assert math.hypot(r.final["x"], r.final["y"]) < 40
    assert abs(r.final["h"]) < 10 and r.final["rot_deg"] <= -340  # counter-clockwise lap
    on_line = sum(1 for row in r.rows if row["line"] != 0)
    assert on_line / len(r.rows) > 0.98
    # the LEDs show the sensors: the two middle ones (ledB, ledC) while centred on the line
    assert ["000000", "008B8B", "008B8B", "000000", "000000", "000000", "000000"] in [
        a for _, a in r.of("leds")]


def test_square_dance_waits_for_touch_counts_down_and_returns_home(sim):
    r = sim("square_dance", duration_ms=60000, auto_start_ms=-1, touches=[(1000, 200, 3)])
    assert r.lines[:4] == ["side 1", "side 2", "side 3", "side 4"]
    start = r.of("mission_start")[0][0]
    beeps = [t for t, a in r.of("tone") if t < start]
    assert len(beeps) == 3 and beeps[0] >= 1000 and start >= beeps[-1]
    assert r.end[1] == "end"
    assert math.hypot(r.final["x"], r.final["y"]) < 15
    assert abs(r.final["h"]) < 6
    assert int(r.lines[4].split(": ")[1]) == pytest.approx(r.end[0] - start, abs=2)


def test_square_dance_never_starts_without_the_touch(sim):
    r = sim("square_dance", duration_ms=5000, auto_start_ms=-1, touches=[(1000, 200, 1)])
    assert r.end == (5000, "duration")
    assert r.of("mission_start") == [] and r.serial == b""
    assert r.final["x"] == 0


def test_wait_until_rotation_is_absolute_since_the_origin(sim):
    r = sim("waituntil_spin", duration_ms=30000)
    assert r.lines[:10] == ["0", "90", "180", "270", "360", "0", "-90", "-180", "-270", "-360"]
    assert [a for _, a in r.of("tone")] == [["1760", "25"]] * 10
    assert 150 <= int(r.lines[10].split(": ")[1]) <= 155
    assert r.end[1] == "end"
    assert r.final["x"] == pytest.approx(150, abs=6)


def test_run_rotation_deg_turns_and_stops(sim):
    r = sim("rotation_deg")
    right, left, steps = (dict(p.split("=") for p in line.split()[1:]) for line in r.lines[1:4])
    assert 90 <= int(right["deg"]) <= 92
    assert -182 <= int(left["deg"]) <= -180
    assert 1750 <= int(steps["steps"]) <= 1770  # waitRotation(1750) plus the stop ramp
    assert r.final["vl"] == 0 and r.final["vr"] == 0


def test_rpm_and_steps_give_the_distance_the_robot_constants_predict(sim):
    r = sim("rpm_distance", duration_ms=12000)
    out = dict(line.split(": ") for line in r.lines)
    assert out["moving before"] == "0" and out["moving"] == "1" and out["stopped"] == "1"
    assert int(out["steps"]) == pytest.approx(2037.9, abs=20)  # 30 rpm for 2 s: one turn
    assert int(out["mm"]) == pytest.approx(30 * math.pi, abs=2)
    assert int(out["mm2"]) == pytest.approx(2000 * MM_PER_STEP, abs=2)
    assert int(out["back"]) == pytest.approx(-50, abs=2)
    assert r.end == (12000, "duration")  # an empty loop() runs until the end of the run


def test_mission_end_halts_for_good_and_elapsed_counts_from_the_start(sim):
    r = sim("mission_touch", auto_start_ms=-1, touches=[(3000, 300, 3)])
    assert r.lines[0] == "Touch TB1A + TB1B to start"
    started = int(r.lines[1].split()[-1])
    # touch + countdown; on the chip millis() runs up to 2 ms behind (Timer0 ticks every 1.024 ms)
    assert started == pytest.approx(r.of("mission_start")[0][0], abs=2)
    assert r.of("mission_start")[0][0] >= 4500
    assert "never printed" not in r.text
    assert int(r.lines[2].split()[-1]) == pytest.approx(r.end[0] - started, abs=2)
    assert r.end[1] == "end" and r.of("mission_end")
    assert r.final["x"] == pytest.approx(100, abs=3)


def test_mission_auto_start_releases_the_wait(sim):
    r = sim("mission_touch", auto_start_ms=500)
    assert r.of("mission_start")[0][0] == pytest.approx(2000, abs=5)


def test_digital_twin_mission_announces_its_id(sim):
    r = sim("mission_digital_twin")
    assert r.of("mission_id") == [(0, ["ms1.1"])]
    assert r.lines == ["ok"]
    assert r.final["h"] == pytest.approx(45, abs=2)


def test_gripper_arms_move_at_servo_speed(sim):
    r = sim("gripper_demo")
    arms = {line.split()[0]: line for line in r.lines}
    assert arms["close"] == "close L=90 R=90 ms=301"  # 90 degrees at 300 deg/s
    assert arms["open"].startswith("open L=0 R=0")
    assert arms["moveTo45"].startswith("moveTo45 L=45 R=45 ms=15")
    assert arms["moveToLR"].startswith("moveToLR L=30 R=60 ms=150")
    assert arms["shake"].startswith("shake L=100 R=100")
    assert int(arms["shake"].split("ms=")[1]) > 4 * 2 * 30 * 2  # 4 wiggles of 30 deg at 2 ms/deg
    assert r.lines[-2] == "right after writeLR: 100"
    assert (r.final["grip_l"], r.final["grip_r"]) == (10, 20)


def test_rgb_shapes_colours_and_brightness(sim):
    r = sim("rgb_shapes")
    shows = [a for _, a in r.of("leds")]
    assert shows[0] == ["FF0000", "000000", "000000", "0000FF", "000000", "000000", "00FF00"]
    assert shows[1] == ["008000"] * 4 + ["FFD700"] * 2 + ["000000"]
    assert shows[2] == ["C71585"] * 7
    assert shows[3] == ["000000"] * 7
    assert r.of("brightness") == [(1000, ["50"])]
    assert r.lines == ["smiley=1111 eyes=110000"]
    assert r.leds[len(r.leds) // 2] == ["008000"] * 4 + ["FFD700"] * 2 + ["000000"]


def test_random_colours_are_the_same_for_a_seed(sim):
    a, b, c = sim("rgb_random", seed=7), sim("rgb_random", seed=7), sim("rgb_random", seed=8)
    assert a.serial == b.serial and a.of("leds") == b.of("leds")
    assert a.of("leds") != c.of("leds")
    assert len(a.of("leds")) == 5 and len(a.lines) == 5


def test_on_press_fires_once_per_press(sim):
    r = sim("touch_counter", touches=[(1000, 100, 1), (2000, 100, 1), (3000, 400, 1), (5000, 100, 12)])
    assert [line for line in r.lines if line.startswith("press")] == ["press 1", "press 2", "press 3"]
    assert r.lines.count("bits 1") == 3 and r.lines.count("bits 0") == 3
    assert r.lines[-1] == "total 3"
    assert [t for t, _ in r.of("tone")] == [1000, 2000, 3000]


def test_line_calibration_threshold_and_display(sim):
    r = sim("line_calibration", world=["tape polyline 20 700 -100 0 300 0"])
    assert r.lines[1] == "calibrated"
    assert r.lines[2] == "state 0110 black=1"
    assert r.lines[3] == "raw 700 700 40 40"  # ir0L ir1R ir2L ir3R (white floor reads 40)
    assert r.lines[4] == "low threshold 1111"
    assert r.lines[5] == "read(800) 0000"
    assert r.lines[6] == "value 0"
    shows = [a for _, a in r.of("leds")]
    assert ["000000", "0000FF", "0000FF", "000000"] in [s[:4] for s in shows]
    assert shows[-1][:4] == ["FFA500", "000000", "000000", "FFA500"]


def test_line_calibration_waits_for_three_touches(sim):
    touches = [(2000, 100, 1), (4000, 100, 1), (6000, 100, 1)]
    r = sim("line_calibration", world=["tape polyline 20 700 -100 0 300 0"], auto_start_ms=-1,
            touches=touches)
    assert [t for t, _ in r.of("tone")] == [2000, 4000]
    assert r.end[0] >= 6000 and r.end[1] == "end"


def test_ultrasonic_stops_before_the_wall(sim):
    r = sim("ultrasonic_stop", world=["wall 600 -300 600 300"])
    assert r.lines[0] == "first ping cm: 55"
    assert r.end[1] == "end"
    assert 100 < r.final["ping_mm"] < 150
    assert r.final["x"] < 600 - 50 - 100
    pings = [int(x) for x in r.lines[1:-1]]
    assert pings == sorted(pings, reverse=True)


def test_ultrasonic_sees_nothing_in_an_empty_world(sim):
    r = sim("ultrasonic_stop", duration_ms=1000)
    assert r.lines[0] == "first ping cm: 1000"
    assert set(r.lines[1:]) == {"10000"}
    assert 15 <= len(r.lines) - 1 <= 21  # one ping per 50 ms at most


def test_buzzer_tones_are_recorded(sim):
    r = sim("buzzer_melody")
    assert [a for _, a in r.of("tone")] == [["262", "200"], ["294", "200"], ["330", "200"],
                                           ["349", "200"], ["392", "400"], ["440", "0"], ["0", "0"]]
    tones = {int(row["t"]): int(row["tone"]) for row in r.rows}
    assert tones[100] == 262 and tones[240] == 0 and tones[2000] == 440
    assert r.lines == ["done"]


def test_dc_motor_power_is_constrained(sim):
    r = sim("dc_motor")
    assert [a[0] for _, a in r.of("dcmotor")] == ["50", "100", "150", "200", "250", "-255", "0"]
    assert r.lines == ["0", "50", "100", "150", "200", "250"]


def test_serial_prints_every_type_like_the_arduino_core(sim):
    r = sim("serial_types")
    assert r.lines[:20] == [
        "hello", "from flash", "A", "200", "-1234", "65535", "-2000000000", "4000000000", "FF",
        "377", "101", "FFFFFFFF", "3.14", "3.1416", "-1", "0.333333", "1", "String 42",
        "no newline|Write", r.lines[19]]
    assert int(r.lines[19].split(": ")[1]) > 0
    assert r.lines[20] == "Serial is ready"
    assert r.serial.count(b"\r\n") == 21


def test_string_and_eeprom(sim):
    r = sim("string_eeprom")
    assert r.lines == ["boots 1", "cell2 99", "loaded 800 123456 leanbot", "length 1024", "751", "18",
                       "s", "SPEED=750;DIST=200", "starts", "different", "a1c2.50", "ff 3.142",
                       "speed:750;dist:200", "speed:750;dist:200"]


def test_serial_input_reaches_the_sketch(sim):
    # paced (3 s simulated take 0.6 s) so the bytes arrive while the sketch still listens
    r = sim("serial_echo", stdin=b"fxp\ns", speed=5)
    assert r.lines == ["ready", "forward", "echo x", "10000", "stop"]
    assert r.final["x"] > 0


def test_edge_guard_stops_at_the_table_edge(sim):
    r = sim("edge_guard", world=["table -200 -300 400 300"])
    # Both edge sensors cross the edge in the same millisecond: the second read may see it first.
    edge = r.lines[0].split()
    assert edge[0] == "edge" and max(int(edge[1]), int(edge[2])) == 768, r.lines
    assert r.lines[1] == "side 768 768"
    assert 340 < r.final["x"] < 400 - 55 + 5


def test_api_tour_calls_everything_and_ends(sim):
    r = sim("api_tour", world=["wall 1000 -200 1000 200"])
    assert r.end[1] == "end"
    assert r.lines[:3] == ["950", "95", "1"]  # pingMm, pingCm, stopped after runRotationDeg
    assert r.lines[8:10] == ["000001011010", "0000"]  # LbIRLine.print(), print(5), println(10), println()
    first = r.of("leds")[0][1]
    # FairyLightNCC on the BITMAP(ledA, ledC, ledE) shape, AliceBlue, CHSV red and green
    assert first == ["FF9D2A", "F0F8FF", "FF9D2A", "FF0000", "FF9D2A", "03FF00", "000000"]
    assert r.of("brightness") == [(r.of("leds")[0][0], ["128"])]
    assert [a for _, a in r.of("tone")] == [["440", "0"], ["880", "50"], ["0", "0"]]
    assert r.of("dcmotor")[0][1] == ["100"]


# ---- through the simulator's own runner (leanbot_kit.sim.run) with the shipped worlds ----

def _simulate(name: str, **kwargs):
    run = pytest.importorskip("leanbot_kit.sim.run")
    return run.simulate(SKETCHES / name, **kwargs)


def test_runner_line_follow_laps_the_shipped_oval():
    r = _simulate("line_follow", world="oval", duration_ms=90000)
    assert r.end_reason == "end"
    assert math.hypot(r.final.x_mm, r.final.y_mm) < 40


def test_runner_pick_and_place_carries_the_object():
    touch = pytest.importorskip("leanbot_kit.sim.config").Touch(1000, ("TB1A", "TB1B"), 200)
    r = _simulate("pick_and_place", world="table-pick", duration_ms=40000, touches=[touch],
                  auto_start=False)
    assert r.serial_lines() == ["grabbed", "placed"]
    events = {e.kind: e for e in r.trace.events}
    assert [e.kind for e in r.trace.events].count("grab") == 1
    grab_x = float(events["grab"].args[1])
    x, y = (float(v) for v in events["release"].args[1:])
    # grabbed 75 mm ahead of the wheels, turned round, carried 150 mm: 300 mm back from where it was
    assert x == pytest.approx(grab_x - 300, abs=20) and abs(y) < 15
    assert events["mission_start"].t_ms >= 2500


def test_runner_obstacle_stop_in_the_arena():
    r = _simulate("ultrasonic_stop", world="arena")
    assert r.end_reason == "end"
    assert 750 - 50 - 150 < r.final.x_mm < 750 - 50 - 100


def test_threshold_50_line_following_on_a_light_floor(sim):
    r = sim("follow_line_speeds", world=["floor_white 40", *OVAL], duration_ms=40000)
    assert r.end == (40000, "duration")
    assert set(r.lines) <= {"0110", "0100", "0010", "1100", "0011"}
    assert sum(1 for row in r.rows if row["line"] != 0) / len(r.rows) > 0.98
    assert r.final["dist_mm"] > 1600 and r.final["rot_deg"] < -180  # round both bends so far


def test_serial_parse_int_and_read_string_until(sim):
    r = sim("serial_parse", stdin=b"300 -300\n500 500\nstop\n", speed=5, duration_ms=5000)
    assert r.lines == ["speeds?", "run 300 -300", "run 500 500", "stopped"]
    assert r.end[1] == "end" and r.final["vl"] == 0 == r.final["vr"]


def test_blink_builtin_led_and_pull_up(sim):
    r = sim("blink_builtin")
    assert r.lines == ["pin 2 high", "blinks: 1", "blinks: 2", "blinks: 3", "micros > 6 s: 1"]
    assert [(t // 100, a) for t, a in r.of("pin")] == [
        (0, ["13", "1"]), (10, ["13", "0"]), (20, ["13", "1"]), (30, ["13", "0"]),
        (40, ["13", "1"]), (50, ["13", "0"])]
    assert r.end[0] == pytest.approx(6000, abs=5)
