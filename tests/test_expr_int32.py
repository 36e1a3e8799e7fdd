"""Lesson arithmetic is 32-bit two's complement: the Python evaluator and the generated C++ (g++, with
UBSan so that no signed overflow can hide) agree on random expressions near the limits; frames with values
outside int32 are corrupt; a lesson whose variable overflows behaves the same in the simulator and grader."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from leanbot_kit.lesson.expr import ExprError, parse_expr, wrap32
from leanbot_kit.resources import templates_dir
from tests.generate_fixtures import HARNESS, need
from tests.sim_fixtures import sim_cache, sim_cache_dir  # noqa: F401

INT32_MIN, INT32_MAX = -(2**31), 2**31 - 1
EDGES = [0, 1, 2, 3, 7, 10, 255, 46341, 65535, 65536, 1_000_000, 1_073_741_824, 2_000_000_000,
         2_147_483_646, 2_147_483_647]
VALUES = st.one_of(st.sampled_from([INT32_MIN, INT32_MIN + 1, -1, 0, 1, INT32_MAX - 1, INT32_MAX,
                                    -2_000_000_000, 2_000_000_000, 46341, -46341]),
                   st.integers(INT32_MIN, INT32_MAX))
BINARY = ["+", "-", "*", "/", "%", "<", "<=", ">", ">=", "==", "!=", "and", "or"]


def _expressions() -> st.SearchStrategy[str]:
    leaf = st.one_of(st.sampled_from(["a", "b", "c"]), st.sampled_from([str(n) for n in EDGES]))

    def grow(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
        return st.one_of(
            st.tuples(inner, st.sampled_from(BINARY), inner).map(lambda t: f"{t[0]} {t[1]} {t[2]}"),
            inner.map(lambda e: f"({e})"),
            inner.map(lambda e: f"-{e}" if not e.startswith("-") else f"-({e})"),
            inner.map(lambda e: f"abs({e})"),
            inner.map(lambda e: f"not ({e})"),
        )

    return st.recursive(leaf, grow, max_leaves=8)


def _prelude() -> str:
    """The stubs of the runtime harness (Serial, clock, Leanbot parts) up to where it includes the runtime."""
    text = HARNESS.read_text(encoding="utf-8")
    return text[: text.index('#include "lbk_runtime.h"')]


def _run_cpp(tmp: Path, cases: list[tuple[str, dict[str, int]]]) -> list[int]:
    gxx = need("g++")
    body = []
    for cpp, env in cases:
        body.append("  {\n" + "".join(f"    int32_t {k} = {_c_int(v)};\n" for k, v in env.items())
                    + "    (void)a; (void)b; (void)c;\n"
                    + f"    printf(\"%ld\\n\", (long)({cpp}));\n  }}\n")
    source = (_prelude() + '#include "lbk_runtime.h"\nlong lbk_sample(uint8_t) { return 0; }\n'
              + "int main() {\n" + "".join(body) + "  return 0;\n}\n")
    src, exe = tmp / "expr.cpp", tmp / "expr"
    src.write_text(source, encoding="utf-8")
    build = subprocess.run([gxx, "-std=gnu++11", "-O1", "-fsanitize=undefined", "-fno-sanitize-recover=all",
                            "-Wno-unused-function", f"-I{templates_dir()}", str(src), "-o", str(exe)],
                           capture_output=True, text=True, timeout=300)
    assert build.returncode == 0, build.stderr[-3000:]
    done = subprocess.run([str(exe)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-3000:]   # UBSan stops on any signed overflow
    return [int(line) for line in done.stdout.split()]


def _c_int(value: int) -> str:
    return "(-2147483647L - 1)" if value == INT32_MIN else f"{value}L"


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(_expressions(), st.fixed_dictionaries({"a": VALUES, "b": VALUES, "c": VALUES})),
                min_size=40, max_size=40))
def test_python_and_the_generated_cpp_agree_near_the_limits(tmp_path: Path, cases):
    parsed = []
    for source, env in cases:
        try:
            expr = parse_expr(source)
        except ExprError:
            continue
        parsed.append((expr, env))
    assume(parsed)
    expected = [expr.evaluate(env) for expr, env in parsed]
    assert all(INT32_MIN <= v <= INT32_MAX for v in expected)
    got = _run_cpp(tmp_path, [(expr.to_cpp(lambda name: name), env) for expr, env in parsed])
    assert got == expected, [(str(e), env, x, g) for (e, env), x, g in zip(parsed, expected, got, strict=False) if x != g]


@pytest.mark.parametrize(("source", "value"), [
    ("2000000000 + 2000000000", -294967296),
    ("2000000000 + 2000000000 > 0", 0),
    ("2147483647 + 1", INT32_MIN),
    ("-2147483648", INT32_MIN),
    ("-2147483648 - 1", INT32_MAX),
    ("-2147483648 / -1", INT32_MIN),
    ("-2147483648 % -1", 0),
    ("abs(-2147483648)", INT32_MIN),
    ("65536 * 65536", 0),
    ("46341 * 46341", -2147479015),
    ("-7 / 2", -3),
    ("-7 % 2", -1),
    ("5 / 0", 0),
])
def test_known_wrapping_results(source: str, value: int):
    assert parse_expr(source).evaluate({}) == value


def test_names_are_read_as_32_bit_and_big_literals_are_refused():
    assert parse_expr("x + 0").evaluate({"x": 2**31}) == INT32_MIN
    assert wrap32(2**32 + 5) == 5
    with pytest.raises(ExprError, match="32-bit"):
        parse_expr("2147483649")
    with pytest.raises(ExprError, match="32-bit"):
        parse_expr("0x100000000")


def test_a_frame_value_outside_int32_is_corrupt():
    from leanbot_kit.telemetry.protocol import Corrupt, Frame, Parser, encode_frame

    parser = Parser()
    got = [parser.feed(encode_frame(i, 10 * i, (v,)))[0] for i, v in enumerate(
        (INT32_MAX, INT32_MAX + 1, INT32_MIN, INT32_MIN - 1, 2**63))]
    assert [type(m) for m in got] == [Frame, Corrupt, Frame, Corrupt, Corrupt]
    assert parser.stats().corrupt == 3


OVERFLOW = """\
format: leanbot-lesson/1
id: overflow
title: Overflow
vars: {x: 2000000000, y: -2147483648}
program:
  start: now
  steps:
    - set: {x: "x + x", y: "y - 1"}
    - wait: 300ms
    - end
telemetry: {rate_hz: 10, fields: [x, y]}
expect:
  - {at_end: "x == -294967296 and y == 2147483647", name: "wraps like the robot"}
  - {at_end: "y + 1 < 0", name: "the grader wraps too"}
"""


def test_a_variable_overflows_the_same_in_the_simulated_sketch_and_the_grader(tmp_path: Path, request):
    request.getfixturevalue("sim_cache")
    from leanbot_kit.sim.run import simulate

    lesson = tmp_path / "overflow.yaml"
    lesson.write_text(OVERFLOW, encoding="utf-8")
    run = simulate(lesson)
    values = [frame for frame in run.serial.decode().splitlines() if frame.startswith("$")]
    assert values and values[-1].split("*")[0].split(",")[2:] == ["-294967296", "2147483647"]
    assert [r.status for r in run.expectations] == ["passed", "passed"], run.expectations
