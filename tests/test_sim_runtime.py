"""The simulated robot's runtime itself: limits, determinism, and the API header on both targets."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from tests.sim_cpp_fixtures import API, RUNTIME, SKETCHES, build, run_binary, use_session_cache

AVR_CORE = "/usr/share/arduino/hardware/arduino/avr"
AVR_FLAGS = ["-x", "c++", "-mmcu=atmega328p", "-DF_CPU=16000000L", "-DARDUINO=10819",
             "-DARDUINO_AVR_UNO", "-DARDUINO_ARCH_AVR", "-Os", "-std=gnu++11", "-Wall",
             f"-I{AVR_CORE}/cores/arduino", f"-I{AVR_CORE}/variants/standard",
             f"-I{AVR_CORE}/libraries/EEPROM/src", f"-I{API}"]
needs_gxx = pytest.mark.skipif(shutil.which("g++") is None, reason="needs g++")


@pytest.fixture(scope="module")
def binaries(tmp_path_factory):
    """name -> built robot binary, built on first use."""
    use_session_cache(tmp_path_factory)
    cache = tmp_path_factory.mktemp("sim-rt-cache")
    built: dict[str, object] = {}

    def get(name: str):
        if name not in built:
            built[name] = build(name, cache)
        return built[name]

    return get


@needs_gxx
def test_a_loop_without_any_call_is_stopped_by_the_wall_clock_limit(binaries, tmp_path):
    r = run_binary(binaries("hung_loop"), tmp_path, wall_limit_ms=300, duration_ms=60000, timeout=10)
    assert r.returncode == 0
    assert r.end is not None and r.end[1] == "wall_limit"
    assert r.of("halt") == [(r.end[0], ["wall_limit"])]
    assert r.lines == ["spinning"]  # what was printed before the hang still arrives


@needs_gxx
def test_a_busy_loop_advances_the_clock_and_ends_at_the_duration(binaries, tmp_path):
    r = run_binary(binaries("rpm_distance"), tmp_path, duration_ms=3000)
    assert r.end == (3000, "duration")
    assert r.rows[-1]["t"] == 3000
    assert [row["t"] for row in r.rows[:3]] == [0, 20, 40]


@needs_gxx
def test_runs_are_deterministic_for_a_seed_even_with_noise(binaries, tmp_path):
    runs = []
    for i, seed in enumerate((3, 3, 4)):
        (tmp_path / str(i)).mkdir()
        runs.append(run_binary(binaries("line_calibration"), tmp_path / str(i), noise=30, seed=seed,
                               world=["tape polyline 20 700 -100 0 300 0"]))
    assert runs[0].serial == runs[1].serial and runs[0].rows == runs[1].rows
    raw = [next(line for line in r.lines if line.startswith("raw")) for r in runs]
    assert raw[0] != raw[2]
    assert all(abs(int(v) - 700) <= 30 for v in raw[0].split()[1:3])


@needs_gxx
def test_real_time_pace_follows_speed(binaries, tmp_path):
    import time
    start = time.monotonic()
    r = run_binary(binaries("buzzer_melody"), tmp_path, speed=4)  # 2.45 s simulated
    assert time.monotonic() - start >= 0.5
    assert r.end[1] == "end"


@needs_gxx
def test_a_bad_config_is_reported_on_stderr(binaries, tmp_path):
    conf = tmp_path / "bad.cfg"
    conf.write_text("tape polyline 20\n")
    done = subprocess.run([str(binaries("dc_motor")), str(conf)], capture_output=True, timeout=10)
    assert done.returncode == 2 and b"line 1" in done.stderr


@pytest.mark.skipif(shutil.which("avr-g++") is None, reason="needs avr-g++")
def test_every_sketch_compiles_for_the_real_robot_against_the_api_header(tmp_path):
    from leanbot_kit.sim.preprocess import preprocess_sketch

    for folder in sorted(p for p in SKETCHES.iterdir() if p.is_dir()):
        src = tmp_path / f"{folder.name}.cpp"
        src.write_text(preprocess_sketch(folder, None))
        done = subprocess.run(["avr-g++", *AVR_FLAGS, "-fsyntax-only", str(src)],
                              capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        assert "warning" not in done.stderr, done.stderr


@needs_gxx
@pytest.mark.slow
def test_the_runtime_compiles_without_warnings():
    sources = sorted(str(p) for p in RUNTIME.glob("*.cpp"))
    done = subprocess.run(["g++", "-std=gnu++17", "-O0", "-Wall", "-Wextra", "-fsyntax-only",
                           f"-I{RUNTIME}", f"-I{API}", *sources], capture_output=True, text=True)
    assert done.returncode == 0 and done.stderr == "", done.stderr


@needs_gxx
def test_eeprom_survives_a_reset_when_the_config_names_a_file(binaries, tmp_path):
    image = tmp_path / "eeprom.bin"
    boots = []
    for i in range(3):
        (tmp_path / str(i)).mkdir()
        r = run_binary(binaries("string_eeprom"), tmp_path / str(i), world=[f"eeprom {image}"])
        boots.append(r.lines[0])
    assert boots == ["boots 1", "boots 2", "boots 3"]
    assert image.stat().st_size == 1024
    fresh = run_binary(binaries("string_eeprom"), tmp_path)  # no file: erased at every start
    assert fresh.lines[0] == "boots 1"


@needs_gxx
def test_a_wall_stops_the_body_while_the_wheels_keep_counting(binaries, tmp_path):
    r = run_binary(binaries("edge_guard"), tmp_path, world=["wall 300 -300 300 300"], duration_ms=15000)
    assert r.end == (15000, "duration")  # never reaches an edge: keeps pushing
    assert r.final["x"] == pytest.approx(300 - 55, abs=1)  # body radius 55 mm
    assert r.final["dist_mm"] > 400  # 15 s at 600 steps/s: the wheels slip on
    assert len(r.of("bump")) == 1
    assert r.final["ping_mm"] < 10
