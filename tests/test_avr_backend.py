"""The AVR backend as a student and a teacher meet it: the robot's arithmetic and RAM, faults said
as the student's error (with the .ino line, no traceback), --cpu / cpu= / "cpu", the fallback
warning, doctor, and no Serial line lost when a run is stopped."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import serial
from click.testing import CliRunner

import leanbot_kit.ports  # noqa: F401 - registers sim://
from leanbot_kit.cli import cli
from tests.avr_sim_fixtures import require_avr_toolchain
from tests.conftest import sample_lessons
from tests.sim_fixtures import sim_cache, sim_cache_dir, write_sketch  # noqa: F401 - fixtures

pytestmark = pytest.mark.usefixtures("sim_cache")

ISSUE_TABLE = """
void setup() {
  Serial.begin(115200);
  int a = 300;
  int b = a * 200;
  Serial.println(b);
  Serial.print(sizeof(int)); Serial.print(' '); Serial.print(sizeof(long)); Serial.print(' ');
  Serial.print(sizeof(void*)); Serial.print(' '); Serial.println(sizeof(double));
  unsigned int u = 65535;
  u++;
  Serial.println(u);
  delay(40000);
  int start = millis();
  Serial.println(start < 0 ? "negative" : "positive");
}
void loop() {}
"""


@pytest.fixture(autouse=True)
def _toolchain():
    require_avr_toolchain()


def sim(*args) -> object:
    return CliRunner().invoke(cli, ["sim", *map(str, args)])


def test_the_robots_arithmetic_where_the_computer_differs(tmp_path):
    ino = write_sketch(tmp_path / "table", ISSUE_TABLE)
    result = sim(ino, "--cpu", "avr", "--json", "--duration", "45s")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["cpu"] == "avr"
    assert data["console"] == ["-5536", "2 4 2 4", "0", "negative"]
    native = json.loads(sim(ino, "--cpu", "native", "--json", "--duration", "45s").output)
    assert native["cpu"] == "native" and native["console"][0] == "60000"


def test_avr_is_the_default_when_its_compiler_is_found(tmp_path):
    ino = write_sketch(tmp_path / "plain", "void setup() { Serial.begin(115200); "
                       "Serial.println(sizeof(int)); }\nvoid loop() {}\n")
    result = sim(ino, "--json", "--duration", "1s")
    assert json.loads(result.output)["cpu"] == "avr" and "warning" not in result.output


def test_without_an_avr_compiler_native_runs_with_a_one_line_warning(tmp_path, monkeypatch):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in ("c++", "g++", "cc", "gcc", "as", "ld"):
        if Path("/usr/bin", tool).exists():
            (bin_dir / tool).symlink_to(Path("/usr/bin", tool))
    monkeypatch.setenv("PATH", str(bin_dir))
    monkeypatch.setenv("ARDUINO_DIRECTORIES_DATA", str(tmp_path / "no-arduino"))
    monkeypatch.delenv("LEANBOT_AVR_GXX", raising=False)
    ino = write_sketch(tmp_path / "plain", "void setup() { Serial.begin(115200); "
                       "Serial.println(sizeof(int)); }\nvoid loop() {}\n")
    result = CliRunner().invoke(cli, ["sim", str(ino), "--json", "--duration", "1s"])
    assert result.exit_code == 0, result.output
    warning = [line for line in result.output.splitlines() if line.startswith("warning:")]
    assert len(warning) == 1 and "32 bits" in warning[0] and "2048" in warning[0]
    data = json.loads(result.output[result.output.index("{"):])
    assert data["cpu"] == "native" and data["console"] == ["4"]
    result = CliRunner().invoke(cli, ["sim", str(ino), "--cpu", "avr"])
    assert result.exit_code == 1 and "no AVR compiler" in result.output


def test_no_operating_system_calls_compile(tmp_path):
    ino = write_sketch(tmp_path / "escape", "void setup() {\n  system(\"touch /tmp/x\");\n"
                       "  FILE* f = fopen(\"/etc/passwd\", \"r\");\n  fork();\n}\nvoid loop() {}\n")
    result = sim(ino, "--cpu", "avr")
    assert result.exit_code == 1
    for line, call in ((2, "system()"), (3, "fopen()"), (4, "fork()")):
        assert f"escape.ino:{line}:" in result.output
        assert f"{call} does not exist on the robot" in result.output
    assert "Traceback" not in result.output and "no operating system" in result.output


def test_globals_over_2048_bytes_are_refused_before_running(tmp_path):
    ino = write_sketch(tmp_path / "bigram", "int readings[1500];\nvoid setup() { readings[3] = 1; }\n"
                       "void loop() {}\n")
    result = sim(ino, "--cpu", "avr")
    assert result.exit_code == 1
    assert "global variables use 3" in result.output and "bytes of RAM of 2048" in result.output


def test_a_program_over_32256_bytes_is_refused(tmp_path):
    ino = write_sketch(tmp_path / "bigflash", "const char a[17000] PROGMEM = {1};\n"
                       "const char b[17000] PROGMEM = {2};\nvoid setup() { Serial.begin(9600);\n"
                       "  Serial.println(pgm_read_byte(&a[millis()]) + pgm_read_byte(&b[millis()])); }\n"
                       "void loop() {}\n")
    result = sim(ino, "--cpu", "avr")
    assert result.exit_code == 1 and "bytes of program storage space of 32256" in result.output


def test_endless_recursion_stops_naming_ram_and_function_with_the_last_lines(tmp_path):
    ino = write_sketch(tmp_path / "deep", """long depth(long n) {
  volatile char pad[16];
  pad[0] = n;
  return n > 5000 ? n : depth(n + 1) + pad[0];
}
void setup() {
  Serial.begin(115200);
  Serial.println("one");
  Serial.println("two");
  Serial.println(depth(0));
}
void loop() {}
""")
    result = sim(ino, "--cpu", "avr")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "ran out of RAM" in result.output and "depth(long)" in result.output
    assert "of 2048" in result.output
    assert result.output.index("one") < result.output.index("two")  # every line sent before


@pytest.mark.parametrize(("body", "words"), [
    ("  volatile uint8_t* p = (volatile uint8_t*)0x1200;\n  Serial.println(*p);\n",
     "past the end of the robot's RAM"),
    ("  void (*f)() = (void (*)())0x3000;\n  f();\n  Serial.println(\"after\");\n",
     "jumped outside its program"),
])
def test_memory_faults_name_the_ino_line(tmp_path, body, words):
    ino = write_sketch(tmp_path / "fault", "void setup() {\n  Serial.begin(115200);\n"
                       "  Serial.println(\"before the fault\");\n" + body + "}\nvoid loop() {}\n")
    result = sim(ino, "--cpu", "avr")
    assert result.exit_code == 1
    assert words in result.output and "fault.ino:5" in result.output
    assert "before the fault" in result.output  # the queued Serial bytes were handed over


def test_a_fault_run_is_not_run_twice_and_keeps_every_line(tmp_path, monkeypatch):
    from leanbot_kit.errors import SimError
    from leanbot_kit.sim import run as run_module

    calls = []
    real = run_module._execute
    monkeypatch.setattr(run_module, "_execute", lambda *a: calls.append(a) or real(*a))
    lines = "".join(f"  Serial.println(\"line {i}\");\n" for i in range(30))
    ino = write_sketch(tmp_path / "late", "void setup() {\n  Serial.begin(115200);\n" + lines +
                       "  ((void (*)())0x3000)();\n}\nvoid loop() {}\n")
    with pytest.raises(SimError) as caught:
        run_module.simulate(ino, cpu="avr")
    assert len(calls) == 1
    assert "line 29" in caught.value.message


def test_a_wall_clock_stop_keeps_every_serial_line(tmp_path):
    from leanbot_kit.sim.run import simulate

    ino = write_sketch(tmp_path / "busy", "long n = 0;\nvoid setup() { Serial.begin(115200); }\n"
                       "void loop() { Serial.println(n++); }\n")
    run = simulate(ino, cpu="avr", duration_ms=10_000_000, wall_limit_s=1.0)
    assert run.end_reason == "wall_limit"
    text = run.serial_file.read_text(encoding="utf-8")  # all of it (`serial` is its tail)
    every_line = text.splitlines() if text.endswith("\n") else text.splitlines()[:-1]  # stopped mid-line
    numbers = [int(line) for line in every_line if line.isdigit()]
    assert len(numbers) > 100 and numbers == list(range(len(numbers)))


def test_sim_url_runs_on_the_chosen_cpu(tmp_path):
    ino = write_sketch(tmp_path / "size", "void setup() { Serial.begin(115200); "
                       "Serial.println(sizeof(int)); }\nvoid loop() {}\n")
    for cpu, size in (("avr", b"2"), ("native", b"4")):
        with serial.serial_for_url(f"sim://{ino}?speed=max&cpu={cpu}", timeout=5) as port:
            assert port.readline().strip() == size


def test_check_reports_the_cpu(tmp_path):
    lesson = Path(__file__).resolve().parent.parent / "lessons" / "hello-robot.yaml"
    result = CliRunner().invoke(cli, ["check", str(lesson), "--no-compile", "--json", "--cpu", "avr"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)[0]["cpu"] == "avr"


def test_doctor_names_the_avr_compiler():
    from leanbot_kit.arduino.doctor import AVR_COMPILER, Machine, check_avr

    found = check_avr(Machine())
    assert found.name == AVR_COMPILER and found.ok and "avr-g++" in found.detail
    missing = check_avr(Machine(avr=lambda: None))
    assert not missing.ok and "32 bits" in missing.detail
    assert os.sep in found.detail


@pytest.mark.parametrize("lesson", sample_lessons(), ids=lambda p: p.stem)
def test_every_sample_lesson_passes_on_the_avr_backend(lesson):
    from leanbot_kit.sim.run import simulate

    run = simulate(lesson, cpu="avr")
    assert run.cpu == "avr"
    assert run.end_reason in ("end", "duration")
    assert run.expectations and run.passed, [(r.name, r.status) for r in run.expectations]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_hostile_lesson_runs_on_the_avr_backend(lang):
    from leanbot_kit.sim.run import simulate
    from tests.test_generate_hostile import hostile_lesson

    lesson = hostile_lesson(lang)
    run = simulate(lesson=lesson, cpu="avr", duration_ms=20_000)
    native = simulate(lesson=lesson, cpu="native", duration_ms=20_000)
    assert run.cpu == "avr" and run.end_reason == native.end_reason
    assert [r.status for r in run.expectations] == [r.status for r in native.expectations]
    assert run.frames > 100 and abs(run.frames - native.frames) <= 2
