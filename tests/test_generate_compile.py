"""Every generated sketch compiles for the robot (avr-g++, ATmega328P, -Werror) and fits."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from leanbot_kit.cli import cli
from leanbot_kit.generate import generate_sketch
from leanbot_kit.generate.footprint import find_toolchain, measure, parse_size
from leanbot_kit.resources import lessons_dir, templates_dir
from tests.generate_fixtures import avr_compile, every_step_lesson, need, template_lesson

FLASH_LIMIT = 32256
RAM_LIMIT_FOR_GLOBALS = 2048 - 512

SAMPLES = sorted(p for p in lessons_dir().glob("*.yaml") if p.name != "course.yaml")
TEMPLATES = {
    "line_follow": {"speed": 1000, "threshold": 300, "duration": 0},
    "line_follow_timed": {"speed": 2000, "threshold": 768, "duration": 60000},
    "obstacle_stop": {"speed": 1000, "stop_mm": 150},
}


@pytest.mark.parametrize("path", SAMPLES, ids=[p.stem for p in SAMPLES])
def test_every_sample_lesson_compiles_for_the_robot(path: Path, tmp_path: Path):
    from leanbot_kit.lesson import load_lesson

    sketch = generate_sketch(load_lesson(path), tmp_path)
    avr_compile(sketch.ino, tmp_path / "sketch.o")


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_lesson_with_every_step_compiles(lang: str, tmp_path: Path):
    sketch = generate_sketch(every_step_lesson(lang), tmp_path)
    avr_compile(sketch.ino, tmp_path / "sketch.o")


@pytest.mark.parametrize("name", sorted(TEMPLATES))
def test_every_template_compiles(name: str, tmp_path: Path):
    lesson = template_lesson(name.replace("_timed", ""), TEMPLATES[name])
    sketch = generate_sketch(lesson, tmp_path)
    avr_compile(sketch.ino, tmp_path / "sketch.o")


def test_footprint_of_a_sketch_fits_the_robot(tmp_path: Path):
    need("avr-g++")
    toolchain = find_toolchain()
    assert toolchain is not None
    size = measure(generate_sketch(every_step_lesson(), tmp_path).ino, toolchain)
    assert 0 < size.flash_bytes < FLASH_LIMIT
    assert 0 < size.ram_bytes < RAM_LIMIT_FOR_GLOBALS


def test_avr_size_output_is_read():
    text = (
        "   text\t   data\t    bss\t    dec\t    hex\tfilename\n"
        "   2092\t      4\t     28\t 2124\t 84c\tx.o\n"
    )
    size = parse_size(text)
    assert (size.flash_bytes, size.ram_bytes) == (2096, 32)


def test_generate_json_reports_flash_and_ram(tmp_path: Path):
    need("avr-g++")
    sample = lessons_dir() / "square-dance.yaml"
    result = CliRunner().invoke(cli, ["generate", str(sample), "-o", str(tmp_path), "--json"])
    assert result.exit_code == 0, result.output
    (entry,) = json.loads(result.stdout)
    assert entry["id"] == "square-dance" and entry["lesson"] == str(sample)
    assert Path(entry["ino"]).is_file() and Path(entry["folder"]).is_dir()
    assert entry["flash_bytes"] > 1000 and entry["ram_bytes"] > 0


RUNTIME_USER = """#include <Leanbot.h>
#include "lbk_runtime.h"
long lbk_sample(uint8_t i) {
  return lbk_ping_mm() + lbk_div(i, 2) + lbk_mod(i, 3) + lbk_abs(i) + lbk_vl;
}
const uint16_t tune[] PROGMEM = {440, 100};
void setup() {
  lbk_begin(F("x"), 50, F("a"), 1);
  lbk_mission_begin(TB1A | TB1B);
  lbk_start();
  lbk_step(1);
  lbk_run(100, 200);
  lbk_wait(10);
  lbk_stop();
  lbk_melody(tune, 1);
  lbk_event(F("mark"), 1);
  lbk_end();
}
void loop() { lbk_tick(); }
"""


def test_runtime_alone_stays_within_its_budget(tmp_path: Path):
    need("avr-g++")
    toolchain = find_toolchain()
    assert toolchain is not None
    source = tmp_path / "runtime_user.ino"
    source.write_text(RUNTIME_USER)
    (tmp_path / "lbk_runtime.h").write_bytes((templates_dir() / "lbk_runtime.h").read_bytes())
    size = measure(source, toolchain)
    # every runtime function (the command reader and the start wait included), plus this small sketch
    assert size.flash_bytes <= 1843, size  # 1.8 KB: docs/decisions.md, "Host → robot commands"

    assert size.ram_bytes <= 64, size


def test_a_long_melody_compiles(tmp_path: Path):
    from dataclasses import replace

    from leanbot_kit.lesson.model import Program
    from tests.generate_fixtures import step

    notes = tuple((262 + i, 50) for i in range(256))
    lesson = replace(
        every_step_lesson(),
        program=Program(
            start_pads=(),
            steps=(step("melody", 1, notes=notes, source="C4:50 " * 256), step("end", 2)),
        ),
    )
    sketch = generate_sketch(lesson, tmp_path)
    assert "lbk_melody(melody_1, 256);" in sketch.ino.read_text(encoding="utf-8")
    avr_compile(sketch.ino, tmp_path / "sketch.o")
