"""Bounded memory and time on any input: hostile lessons, huge or damaged recordings, odd paths.

The cases of issue 12, kept here so they stay fixed. Time bounds are generous sanity limits (about
10× the target); the real figures come from `benchmarks/` (bench_report.py, bench_sim_memory.py,
bench_generate.py). Earlier cases of the same kind live next to the code they test:

- alias bombs, recursive aliases, YAML and step nesting: tests/test_lesson_errors.py
  (test_alias_bomb_is_refused, test_recursive_alias_is_refused, test_step_nested_100_deep_…,
  test_yaml_nested_deeper_than_the_parser_allows)
- encodings (not UTF-8, BOM, control characters): tests/test_lesson_cli.py
  (test_validate_non_utf8_and_missing_file), tests/test_lesson_property.py (any bytes → LessonError)
- C and HTML injection: tests/test_generate_hostile.py, tests/test_handout_render.py
  (test_lesson_text_is_escaped)
- path-escaping ids: tests/test_lesson_errors.py (the id slug cases)
"""

from __future__ import annotations

import json
import os
import random
import re
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from leanbot_kit.cli import cli
from leanbot_kit.errors import FileError, LeanbotError, TelemetryError
from leanbot_kit.files import read_input, reserved_name, write_output
from leanbot_kit.lesson import check_lesson_text, load_lesson
from tests.conftest import LESSONS
from tests.sim_fixtures import needs_cxx, write_sketch
from tests.telemetry_fixtures import robot_lines, write_recording

HEAD = "format: leanbot-lesson/1\nid: {id}\ntitle: A title\n"


def run(*args: str):
    return CliRunner().invoke(cli, [str(a) for a in args])


def timed(fn, *args, **kwargs):
    start = time.perf_counter()
    result = fn(*args, **kwargs)
    return result, time.perf_counter() - start


# 1. Lesson limits count what costs -------------------------------------------------------------

def test_a_long_text_aliased_many_times_is_refused_quickly(tmp_path):
    text = "x" * 800_000
    lesson = tmp_path / "bomb.yaml"
    lesson.write_text(HEAD.format(id="bomb").replace("A title", f"&t {text}")
                      + "objectives: [" + ",".join(["*t"] * 45_000) + "]\n"
                      + "program: {steps: [stop]}\n")
    assert lesson.stat().st_size < 1_000_000  # the file itself is within the size limit
    result, seconds = timed(run, "validate", lesson)
    assert result.exit_code == 1
    assert "more than 1000000 characters" in result.output
    assert seconds < 10


@pytest.mark.parametrize("key, text, limit", [
    ("title", "t" * 121, 120),
    ("summary", "s" * 1001, 1000),
    ("objectives", "[" + "o" * 301 + "]", 300),
    ("exercises", "{vi: [" + "e" * 501 + "]}", 500),
    ("grade", "g" * 21, 20),
])
def test_every_text_has_a_maximum_length(key, text, limit):
    body = HEAD.format(id="long")
    body = body.replace("title: A title\n", "") if key == "title" else body
    _lesson, problems = check_lesson_text(body + f"{key}: {text}\nprogram: {{steps: [stop]}}\n",
                                          "l.yaml")
    assert [p.message for p in problems] == [
        f"text of {limit + 1} characters; at most {limit} fit"]


def _largest_lesson(tmp_path: Path) -> Path:
    """A lesson at the limits: 1000 steps with notes and prints, long objectives, Vietnamese text."""
    note = ("Đường đi ?? */ \\\\ " * 30)[:300]
    steps = "\n".join(f"    - print: {'p?#' * 33}\n      note: \"{note}\"" for _ in range(1000))
    objectives = ",".join([f'"{"ô" * 299}/"'] * 400)
    path = tmp_path / "largest.yaml"
    path.write_text(HEAD.format(id="largest") + f"lang: vi\nobjectives: [{objectives}]\n"
                    + "program:\n  steps:\n" + steps + "\n", encoding="utf-8")
    return path


def test_generate_and_handout_of_a_lesson_at_the_limits_stay_fast(tmp_path, monkeypatch):
    import leanbot_kit.sim.run as sim_run
    from leanbot_kit.errors import SimError
    from leanbot_kit.generate import render_sketch
    from leanbot_kit.handout.page import render_handout

    lesson, seconds = timed(load_lesson, _largest_lesson(tmp_path))
    assert seconds < 10
    sketch, seconds = timed(render_sketch, lesson)
    assert seconds < 50 and len(sketch) < 2_000_000

    def no_simulator(*args, **kwargs):  # the picture is the simulator's business (its own tests)
        raise SimError("not in this test")

    monkeypatch.setattr(sim_run, "simulate", no_simulator)
    html, seconds = timed(render_handout, lesson, "vi")
    assert seconds < 50 and len(html) < 5_000_000


def test_too_many_steps_are_refused():
    steps = ", ".join(["stop"] * 1001)
    _lesson, problems = check_lesson_text(HEAD.format(id="many") + f"program: {{steps: [{steps}]}}\n",
                                          "l.yaml")
    assert any("1001 steps; at most 1000" in p.message for p in problems)


# 2. Every file read is checked for kind and size first -------------------------------------------

def _odd_inputs(tmp_path: Path) -> list[Path]:
    fifo = tmp_path / "fifo.yaml"
    os.mkfifo(fifo)
    folder = tmp_path / "folder.yaml"
    folder.mkdir()
    return [Path("/dev/zero"), fifo, folder]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_dev_zero_a_fifo_and_a_folder_are_clear_errors_at_once(tmp_path):
    for odd in _odd_inputs(tmp_path):
        with pytest.raises(FileError, match="not a file"):
            read_input(odd, 1000)
        args = [("report", odd)]
        if not odd.is_dir():  # a folder as a world is looked up among the shipped ones instead
            args.append(("sim", "--world", odd, LESSONS / "square-dance.yaml"))
        for arg in args:
            result, seconds = timed(run, *arg)
            assert result.exit_code == 1 and "not a file" in result.output, result.output
            assert "Traceback" not in result.output and seconds < 10
    result, seconds = timed(run, "validate", "/dev/zero")
    assert result.exit_code == 1 and "is a device, not a file" in result.output and seconds < 10


def test_a_file_too_big_is_refused_before_it_is_read(tmp_path):
    big = tmp_path / "big.yaml"
    with big.open("wb") as fh:
        fh.truncate(50_000_000)  # sparse: costs nothing unless read
    result, seconds = timed(run, "validate", big)
    assert result.exit_code == 1 and "too big: 50000000 bytes" in result.output and seconds < 10


# 3. and 4. Recordings: streamed, damaged entries skipped and counted ------------------------------

def _recording(tmp_path: Path, frames: int = 200) -> Path:
    return write_recording(tmp_path / "run.jsonl", robot_lines(frames))


@pytest.mark.parametrize("damage", [
    "[" * 100_000,
    '{"type":"frame","host_t":Infinity,"robot_t":0,"seq":1,"values":{"a":1}}',
    '{"type":"frame","host_t":0.1,"robot_t":0,"seq":1,"values":{"line":"NaN"}}',
    '{"type":"frame","host_t":1e400,"robot_t":0,"seq":1,"values":{}}',
    '{"type":"frame","host_t":0.1,"robot_t":' + "9" * 5000 + ',"seq":1,"values":{}}',
    '{"type":"event","host_t":0.1,"robot_t":0,"seq":1,"kind":["x"],"args":[]}',
    "x" * 200_000,
    "\x00\xff",
])
def test_a_damaged_entry_is_skipped_and_counted(tmp_path, damage):
    path = _recording(tmp_path)
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.insert(5, damage)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8", errors="surrogateescape")
    result = run("report", path)
    assert result.exit_code == 0, result.output
    assert "skipped 1 damaged entry, first at line 6" in result.output
    assert "200 frames" in result.output


def test_a_bad_header_is_a_clear_error(tmp_path):
    path = _recording(tmp_path)
    text = path.read_text()
    path.write_text("[" * 100_000 + "\n" + text.split("\n", 1)[1])
    result = run("report", path)
    assert result.exit_code == 1 and "is not a leanbot recording" in result.output


def _mutate(data: bytes, rnd: random.Random, edits: int) -> bytes:
    out = bytearray(data)
    pieces = [b"[" * 5000, b"Infinity", b'"NaN"', b"1e999", b"\n", b"{", b"}", b'"', b"\x00",
              b"-", b"9" * 40, b"null", b"\xc3", b",", b":"]
    for _ in range(edits):
        at = rnd.randrange(len(out) + 1)
        choice = rnd.random()
        if choice < 0.4:
            out[at:at] = rnd.choice(pieces)
        elif choice < 0.7:
            del out[at:at + rnd.randrange(1, 30)]
        else:
            out[at:at + 1] = bytes([rnd.randrange(256)])
    return bytes(out)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 2**32 - 1), edits=st.integers(1, 12))
def test_a_mutated_recording_gives_a_report_or_a_clear_error(tmp_path, seed, edits):
    from leanbot_kit.telemetry.plot import _collect
    from leanbot_kit.telemetry.reader import RecordingReader
    from leanbot_kit.telemetry.report import summarise

    source = tmp_path / "source.jsonl"
    if not source.exists():
        write_recording(source, robot_lines(60))
    path = tmp_path / "mutated.jsonl"
    path.write_bytes(_mutate(source.read_bytes(), random.Random(seed), edits))
    try:
        reader = RecordingReader(path)
        report = summarise(reader, load_lesson(LESSONS / "square-dance.yaml"))
        _collect(reader)
    except TelemetryError:
        return
    json.dumps(report.to_json())  # every figure is a plain, finite number
    assert report.frames + report.damaged >= 0


def test_plot_thinning_keeps_every_minimum_and_maximum():
    from leanbot_kit.telemetry.decimate import Decimator

    rnd = random.Random(4)
    values = [rnd.randrange(-5000, 5000) for _ in range(100_000)]
    dec = Decimator(target=200)
    for i, v in enumerate(values):
        dec.add(i / 50, {"ping_mm": v})
    xs, ys = dec.points("ping_mm")
    assert len(dec.buckets) <= 400 and len(ys) <= 800
    assert min(ys) == min(values) and max(ys) == max(values)
    assert xs == sorted(xs)


def test_report_and_plot_of_a_recording_with_damage(tmp_path):
    path = _recording(tmp_path, 2000)
    with path.open("a") as fh:
        fh.write('{"type":"frame","host_t":9,"robot_t":"late"}\n' + '{"type": "fr')
    png = tmp_path / "plot.png"
    result = run("report", path, "--plot", png, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["frames"] == 2000 and data["damaged"] == 1
    assert png.read_bytes()[:4] == b"\x89PNG"


# 5. The simulator: linear preprocessor, cached builds skip it, Serial output on disk --------------

def test_preprocessing_ten_thousand_functions_is_linear():
    from leanbot_kit.sim.preprocess import Tab, preprocess

    n = 10_000
    parts = [f"void setup() {{ f{n - 1}(1); }}\nvoid loop() {{}}\n"]
    parts += [f"int f{i}(int a, int b = {i}) {{ return a + b + f{(i + 1) % n}(a, 1); }}\n"
              for i in range(n)]
    out, seconds = timed(preprocess, [Tab("/s/s.ino", "".join(parts))])
    assert seconds < 20
    prototypes = re.findall(r"(?m)^int f[0-9]+\(int a, int b = [0-9]+\);$", out)
    assert len(prototypes) == n - 1  # all but f0, which f9999 uses after its definition


@needs_cxx
def test_a_cached_build_does_not_preprocess_again(tmp_path, monkeypatch):
    import leanbot_kit.sim.build as build

    ino = write_sketch(tmp_path / "cached", "void setup() {}\nvoid loop() {}\n")
    first = build.build_sketch(ino)

    def refuse(*args, **kwargs):
        raise AssertionError("the preprocessor ran for a cached build")

    monkeypatch.setattr(build, "preprocess_sketch", refuse)
    again = build.build_sketch(ino)
    assert again.cached and again.binary == first.binary


@needs_cxx
def test_serial_output_goes_to_disk_and_only_its_end_stays_in_memory(tmp_path):
    from leanbot_kit.sim.grade import CONSOLE_KEEP, TAIL_BYTES
    from leanbot_kit.sim.run import simulate

    ino = write_sketch(tmp_path / "spam", 'void setup() { Serial.begin(115200); }\nvoid loop() { Serial.println('
                       '"the quick brown fox jumps over the lazy dog 0123456789"); }\n')
    run_ = simulate(ino, duration_ms=15_000)
    assert run_.serial_size > 2 * TAIL_BYTES  # 115200 baud for 15 s: about 170 KB
    assert len(run_.serial) <= TAIL_BYTES
    assert len(run_.console) == CONSOLE_KEEP < run_.console_total
    assert run_.serial_file.stat().st_size == run_.serial_size
    assert run_.serial_lines()[-1].startswith("the quick brown fox")
    path = run_.serial_file
    del run_
    assert not path.exists()  # the whole output is removed with the run


# 6. Outputs are written safely ------------------------------------------------------------------

def test_generate_replaces_a_planted_symlink_and_refuses_a_symlinked_folder(tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    out = tmp_path / "out"
    (out / "square-dance").mkdir(parents=True)
    (out / "square-dance" / "square-dance.ino").symlink_to(victim)
    result = run("generate", "-o", out, LESSONS / "square-dance.yaml")
    assert result.exit_code == 0, result.output
    assert victim.read_text() == "keep me"
    assert not (out / "square-dance" / "square-dance.ino").is_symlink()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    out2 = tmp_path / "out2"
    out2.mkdir()
    (out2 / "square-dance").symlink_to(elsewhere, target_is_directory=True)
    result = run("generate", "-o", out2, LESSONS / "square-dance.yaml")
    assert result.exit_code == 1 and "symbolic link" in result.output
    assert list(elsewhere.iterdir()) == []


def test_report_plot_and_recordings_never_write_through_a_symlink(tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    plot = tmp_path / "plot.png"
    plot.symlink_to(victim)
    assert run("report", _recording(tmp_path), "--plot", plot).exit_code == 0
    assert victim.read_text() == "keep me" and not plot.is_symlink()
    record = tmp_path / "rec.jsonl"
    record.symlink_to(victim)
    result = run("monitor", "--port", f"replay://{_recording(tmp_path)}?speed=max",
                 "--duration", "1", "--plain", "--record", record)
    assert result.exit_code == 1 and "symbolic link" in result.output
    assert victim.read_text() == "keep me"


def test_write_output_stays_inside_its_folder(tmp_path):
    with pytest.raises(FileError, match="outside the output folder"):
        write_output(tmp_path / "out" / ".." / "escaped.txt", "x", folder=tmp_path / "out")
    assert not (tmp_path / "escaped.txt").exists()


@pytest.mark.parametrize("name", ["con", "NUL", "Aux", "prn", "com1", "COM9", "lpt1", "LpT9",
                                  "con.yaml", "nul.tar.gz", "aux."])
def test_names_windows_keeps_for_devices_are_refused(name, tmp_path):
    assert reserved_name(name)
    with pytest.raises(FileError, match="Windows keeps for a device"):
        write_output(tmp_path / name, "x")


@pytest.mark.parametrize("name", ["console", "com10", "lpt0", "nully", "a-con", "com"])
def test_names_that_only_look_reserved_are_fine(name):
    assert not reserved_name(name)


@pytest.mark.parametrize("lesson_id", ["con", "nul", "aux", "prn", "com1", "lpt9"])
def test_a_reserved_lesson_id_is_refused_with_the_reason(lesson_id):
    _lesson, problems = check_lesson_text(HEAD.format(id=lesson_id) + "program: {steps: [stop]}\n",
                                          "l.yaml")
    assert [p.path for p in problems] == ["id"]
    assert "Windows keeps for a device" in problems[0].message
    assert run("new", lesson_id).exit_code == 1


# 7. sim.world must be a world file; no message quotes more than a line of another file -------------

def test_sim_world_that_is_not_a_world_file_is_refused_without_quoting_it(tmp_path):
    secret = tmp_path / "passwd"
    secret.write_text("root:x:0:0:root:/root:/bin/bash\nsecond:line:that:must:not:show\n" * 50)
    lesson = tmp_path / "l.yaml"
    lesson.write_text(HEAD.format(id="w") + f"program: {{steps: [stop]}}\nsim: {{world: {secret}}}\n")
    for result in (run("validate", lesson), run("sim", "--world", secret, lesson),
                   run("validate", secret)):
        assert result.exit_code == 1
        assert "second:line" not in result.output
        assert "Traceback" not in result.output
    assert "not a leanbot world file" in run("validate", lesson).output


def test_a_world_file_without_its_format_line_is_refused(tmp_path):
    from leanbot_kit.errors import WorldError
    from leanbot_kit.sim.world import load_world

    world = tmp_path / "w.yaml"
    world.write_text("name: w\n")
    with pytest.raises(WorldError, match="format: leanbot-world/1"):
        load_world(world)
    world.write_text("format: leanbot-world/1\nname: w\n")
    assert load_world(world).name == "w"


def test_every_error_is_a_leanbot_error():
    assert issubclass(FileError, LeanbotError)
