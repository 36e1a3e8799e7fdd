"""Lessons built from the model, and the compilers the generator tests run (avr-g++, g++)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from leanbot_kit.lesson.expr import parse_expr
from leanbot_kit.lesson.model import Lesson, Program, Step, Telemetry, TemplateUse, Text, TextList
from leanbot_kit.resources import templates_dir

HARNESS = Path(__file__).with_name("generate_harness.cpp")


def step(kind: str, number: int, body=(), orelse=(), note=None, **args) -> Step:
    """One program step with its normalised arguments."""
    return Step(
        kind=kind,
        number=number,
        line=number,
        args=args,
        body=tuple(body),
        orelse=tuple(orelse),
        note=note,
    )


def every_step_lesson(lang: str = "en", note: Text | None = None) -> Lesson:
    """A lesson that uses every step kind of the v1 vocabulary once."""
    e = parse_expr
    steps = (
        step("forward", 1, mm=200, speed=1200, note=note),
        step("backward", 2, mm=100, speed=800),
        step("turn_left", 3, deg=-90, speed=600),
        step("turn_right", 4, deg=90, speed=600),
        step("turn", 5, deg=-45, speed=None),
        step("run", 6, left=500, right=-500, ms=1000),
        step("run", 7, left=300, right=300, ms=None),
        step("stop", 8),
        step("wait", 9, ms=500),
        step("wait_until", 10, cond=e("ping_mm < 150"), timeout_ms=None),
        step("wait_until", 11, cond=e("TB1A"), timeout_ms=3000),
        step("wait_touch", 12, pads=("TB1A", "TB1B")),
        step("gripper", 13, left=0, right=0, ms=None),
        step("gripper", 14, left=90, right=80, ms=700),
        step("leds", 15, color=("name", "Red"), shape=None),
        step("leds", 16, color=("rgb", 0x12AB34), shape=("ledA", "ledC", "ledO")),
        step("leds", 17, color=None, shape=None),
        step("tone", 18, hz=880, ms=200),
        step(
            "melody",
            19,
            notes=((262, 200), (0, 100), (330, 200), (392, 400), (523, 400)),
            source="C4:200 R:100 E4:200 G4:400 C5:400",
        ),
        step("print", 20, text="Xin chào, Leanbot!"),
        step(
            "set", 21, assign=(("count", e("count + 1")), ("total", e("count * 2 / (count - 1)")))
        ),
        step("repeat", 22, times=3, body=(step("forward", 23, mm=50, speed=1000),)),
        step(
            "while",
            24,
            cond=e("count < 5 and not TB2A"),
            body=(step("set", 25, assign=(("count", e("count + 1")),)),),
        ),
        step(
            "if",
            26,
            cond=e("abs(rot_deg) > 10 or line == 0b0110"),
            body=(step("print", 27, text="turned"),),
            orelse=(step("print", 28, text="straight"),),
        ),
        step("follow_line", 29, speed=900, threshold=300, until=e("dist_mm >= 800")),
        step("forever", 30, body=(step("wait", 31, ms=100),)),
        step("end", 32),
    )
    return Lesson(
        id="every-step",
        path=Path("every-step.yaml"),
        lang=lang,
        title=Text(vi="Mọi bước", en="Every step"),
        grade="6-9",
        duration_min=45,
        summary=Text(en="Uses every step.", vi="Dùng mọi bước."),
        objectives=TextList(en=("Know the steps",), vi=("Biết các bước",)),
        vars={"count": 0, "total": -7},
        program=Program(start_pads=("TB1A", "TB1B"), steps=steps),
        telemetry=Telemetry(
            rate_hz=20, fields=("line", "ping_mm", "dist_mm", "rot_deg", "vl", "vr")
        ),
    )


def template_lesson(name: str, params: dict) -> Lesson:
    """A lesson built from firmware template `name`."""
    return Lesson(
        id=name.replace("_", "-"),
        path=Path(f"{name}.yaml"),
        lang="vi",
        title=Text(vi="Mẫu", en="Template"),
        template=TemplateUse(name=name, params=params),
        telemetry=Telemetry(rate_hz=10, fields=("line", "ping_mm", "vl", "vr")),
    )


def need(tool: str) -> str:
    """The path of `tool`; skipped when missing, but a failure when the CI variable is set."""
    path = shutil.which(tool)
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(f"{tool} is needed in CI (install gcc-avr avr-libc arduino-core-avr)")
        pytest.skip(f"{tool} is not installed")
    return path


def avr_compile(ino: Path, out: Path) -> subprocess.CompletedProcess:
    """Compile a sketch for the robot (no link), warnings as errors; fails on a compile error."""
    from leanbot_kit.generate.footprint import compile_command, find_toolchain

    need("avr-g++")
    toolchain = find_toolchain()
    if toolchain is None:
        if os.environ.get("CI"):
            pytest.fail(
                "avr-size and the Arduino AVR core headers are needed in CI (arduino-core-avr)"
            )
        pytest.skip("avr-size or arduino-core-avr is not installed")
    cmd = compile_command(toolchain, ino, out, ("-Wall", "-Wextra", "-Werror"))
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, f"{ino} does not compile:\n{result.stderr}"
    return result


def build_harness(tmp: Path) -> Path:
    """Compile the host harness around lbk_runtime.h with g++; returns the program."""
    gxx = need("g++")
    exe = tmp / "harness"
    cmd = [
        gxx,
        "-std=gnu++11",
        "-Wall",
        "-Wextra",
        "-Werror",
        f"-I{templates_dir()}",
        str(HARNESS),
        "-o",
        str(exe),
    ]
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return exe
