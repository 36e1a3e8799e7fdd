"""Bad lessons: each problem is found, placed at its line:col, and explained (with a did-you-mean)."""

from __future__ import annotations

import pytest

from leanbot_kit.errors import LessonError
from leanbot_kit.lesson import load_lesson
from tests.lesson_fixtures import HEAD, check, only_problem, with_steps

# (name, lesson text, line, col, key path, words of the message, words of the hint or None)
CASES = [
    (
        "yaml-syntax",
        HEAD + "program:\n  steps: [forward: 20cm\n",
        5,
        10,
        "",
        "the [ opened here is not closed with ]",
        "close it with ]",
    ),
    (
        "yaml-bad-indent",
        HEAD + "program:\n  steps:\n    - stop\n   - end\n",
        7,
        4,
        "",
        "this line is indented 3 spaces, which does not fit the lines above it",
        "the line above is '- stop'",
    ),
    ("empty-file", "", 1, 1, "", "the file is empty", "leanbot new"),
    ("only-comments", "# nothing yet\n\n", 1, 1, "", "the file is empty", None),
    ("not-a-mapping", "- forward: 20cm\n- stop\n", 1, 1, "", "expected a mapping", None),
    ("scalar-document", "hello\n", 1, 1, "", "expected a mapping", None),
    (
        "wrong-format",
        HEAD.replace("/1", "/2") + "program: {steps: [stop]}\n",
        1,
        9,
        "format",
        "unknown format 'leanbot-lesson/2'; expected leanbot-lesson/1",
        None,
    ),
    (
        "id-not-slug",
        HEAD.replace("test-lesson", "Square Dance") + "program: {steps: [stop]}\n",
        2,
        5,
        "id",
        "'Square Dance' is not a slug",
        "square-dance",
    ),
    (
        "id-too-long",
        HEAD.replace("test-lesson", "a" * 41) + "program: {steps: [stop]}\n",
        2,
        5,
        "id",
        "is not a slug",
        None,
    ),
    (
        "misspelt-top-key",
        HEAD + "titel: x\nprogram: {steps: [stop]}\n",
        4,
        1,
        "titel",
        "unknown key 'titel'",
        "did you mean 'title'?",
    ),
    (
        "misspelt-step",
        with_steps("- forwad: 20cm"),
        6,
        7,
        "program.steps[0].forwad",
        "unknown step 'forwad'",
        "did you mean 'forward'?",
    ),
    (
        "unknown-bare-step",
        with_steps("- stpo"),
        6,
        7,
        "program.steps[0]",
        "unknown step 'stpo'",
        "did you mean 'stop'?",
    ),
    (
        "misspelt-step-key",
        with_steps("- forward: 20cm", "  sped: 800"),
        7,
        7,
        "program.steps[0].sped",
        "unknown key 'sped'",
        "did you mean 'speed'?",
    ),
    (
        "two-steps-in-one",
        with_steps("- forward: 20cm", "  tone: {hz: 440, ms: 100}"),
        7,
        7,
        "program.steps[0].tone",
        "one step per list item",
        "'- '",
    ),
    (
        "wrong-type-repeat",
        with_steps("- repeat: four", "  steps: [stop]"),
        6,
        15,
        "program.steps[0].repeat",
        "expected a whole number, found 'four'",
        None,
    ),
    (
        "wrong-type-steps",
        HEAD + "program:\n  steps: forward\n",
        5,
        10,
        "program.steps",
        "expected a list, found 'forward'",
        None,
    ),
    (
        "speed-out-of-range",
        with_steps("- forward: 20cm", "  speed: 2500"),
        7,
        14,
        "program.steps[0].speed",
        "2500 is out of range: expected 1…2000 steps/s",
        None,
    ),
    (
        "wheel-speed-out-of-range",
        with_steps("- run: {left: -2100, right: 0}"),
        6,
        19,
        "program.steps[0].run.left",
        "-2100 is out of range: expected -2000…2000",
        None,
    ),
    (
        "angle-out-of-range",
        with_steps("- turn_left: 4000deg"),
        6,
        18,
        "program.steps[0].turn_left",
        "4000deg (= 4000 deg) is out of range: expected 1…3600 deg",
        None,
    ),
    (
        "gripper-out-of-range",
        with_steps("- gripper: {left: 130, right: 0}"),
        6,
        23,
        "program.steps[0].gripper.left",
        "130 is out of range: expected -30…120 deg",
        None,
    ),
    (
        "gripper-word",
        with_steps("- gripper: shut"),
        6,
        16,
        "program.steps[0].gripper",
        "'shut' is not an angle",
        None,
    ),
    (
        "delay-out-of-range",
        with_steps("- wait: 11min"),
        6,
        13,
        "program.steps[0].wait",
        "11min (= 660000 ms) is out of range: expected 0…600000 ms",
        None,
    ),
    (
        "tone-hz-out-of-range",
        with_steps("- tone: {hz: 25000, ms: 100}"),
        6,
        18,
        "program.steps[0].tone.hz",
        "25000 is out of range: expected 31…20000 Hz",
        None,
    ),
    (
        "tone-ms-out-of-range",
        with_steps("- tone: {hz: 440, ms: 70s}"),
        6,
        27,
        "program.steps[0].tone.ms",
        "70s (= 70000 ms) is out of range: expected 1…65535 ms",
        None,
    ),
    (
        "bad-unit",
        with_steps("- forward: 20km"),
        6,
        16,
        "program.steps[0].forward",
        "unit 'km' is not a unit of a distance; expected a number (mm) or a text like 20cm (units: mm, cm, m)",
        None,
    ),
    (
        "bad-time-unit",
        with_steps("- wait: 2h"),
        6,
        13,
        "program.steps[0].wait",
        "unit 'h' is not a unit of a time",
        None,
    ),
    (
        "bad-condition-syntax",
        with_steps("- wait_until: ping_mm < < 3"),
        6,
        29,
        "program.steps[0].wait_until",
        "bad expression 'ping_mm < < 3'",
        None,
    ),
    (
        "c-style-condition",
        with_steps('- wait_until: "TB1A && TB1B"'),
        6,
        25,
        "program.steps[0].wait_until",
        "write 'and' instead",
        None,
    ),
    (
        "unknown-field",
        with_steps("- while: pingmm > 100", "  steps: [stop]"),
        6,
        14,
        "program.steps[0].while",
        "unknown name 'pingmm'",
        "did you mean 'ping_mm'?",
    ),
    (
        "unknown-field-later-in-quotes",
        with_steps('- if: "ping_mm > 1 and lien == 0"', "  then: [stop]"),
        6,
        28,
        "program.steps[0].if",
        "unknown name 'lien'",
        "did you mean 'line'?",
    ),
    (
        "program-and-template",
        HEAD + "program: {steps: [stop]}\ntemplate: {name: line_follow}\n",
        5,
        11,
        "template",
        "either `program` or `template`, found both",
        None,
    ),
    ("neither-program-nor-template", HEAD, 1, 1, "program", "needs `program`", None),
    (
        "unknown-template",
        HEAD + "template: {name: line_folow}\n",
        4,
        18,
        "template.name",
        "unknown template 'line_folow'",
        "did you mean 'line_follow'?",
    ),
    (
        "template-param-out-of-range",
        HEAD + "template: {name: line_follow, params: {speed: 100}}\n",
        4,
        47,
        "template.params.speed",
        "100 is out of range: expected 200…2000",
        None,
    ),
    (
        "template-param-unknown",
        HEAD + "template: {name: line_follow, params: {treshold: 300}}\n",
        4,
        40,
        "template.params.treshold",
        "unknown key 'treshold'",
        "did you mean 'threshold'?",
    ),
    (
        "colour-misspelt",
        with_steps("- leds: Redd"),
        6,
        13,
        "program.steps[0].leds",
        "expected a colour",
        "did you mean 'Red'?",
    ),
    (
        "colour-unquoted-hash",
        with_steps("- leds: #FF0000"),
        6,
        12,
        "program.steps[0].leds",
        "found nothing",
        "quote #RRGGBB",
    ),
    (
        "led-name-misspelt",
        with_steps("- leds: {color: Red, shape: [ledA, ledG]}"),
        6,
        40,
        "program.steps[0].leds.shape[1]",
        "unknown LED 'ledG'",
        None,
    ),
    (
        "pad-misspelt",
        with_steps("- wait_touch: [TB1C]"),
        6,
        20,
        "program.steps[0].wait_touch[0]",
        "unknown touch pad 'TB1C'",
        "did you mean 'TB1B'?",
    ),
    (
        "melody-bad-note",
        with_steps('- melody: "C4:200 H4:100"'),
        6,
        23,
        "program.steps[0].melody",
        "'H4:100' is not a note",
        None,
    ),
    (
        "print-too-long",
        with_steps("- print: " + "x" * 101),
        6,
        14,
        "program.steps[0].print",
        "text of 101 characters; at most 100 fit",
        None,
    ),
    (
        "set-undeclared-var",
        with_steps("- set: {cnt: 1}"),
        6,
        13,
        "program.steps[0].set.cnt",
        "'cnt' is not declared in vars",
        None,
    ),
    (
        "bare-step-needing-value",
        with_steps("- forward"),
        6,
        7,
        "program.steps[0]",
        "step 'forward' needs a value, like `forward: 20cm`",
        None,
    ),
    (
        "duplicate-key",
        HEAD + "title: Again\nprogram: {steps: [stop]}\n",
        4,
        1,
        "title",
        "duplicate key 'title' (first at line 3)",
        None,
    ),
    (
        "start-bad-pad",
        HEAD + "program:\n  start: touch(TB1A, TB3A)\n  steps: [stop]\n",
        5,
        10,
        "program.start",
        "unknown touch pad 'TB3A'",
        None,
    ),
    (
        "var-is-a-field",
        HEAD + "vars: {line: 0}\nprogram: {steps: [stop]}\n",
        4,
        8,
        "vars.line",
        "'line' is a telemetry field",
        None,
    ),
    (
        "var-is-cpp-keyword",
        HEAD + "vars: {int: 0}\nprogram: {steps: [stop]}\n",
        4,
        8,
        "vars.int",
        "'int' is a reserved word",
        None,
    ),
    (
        "var-too-big",
        HEAD + "vars: {n: 3000000000}\nprogram: {steps: [stop]}\n",
        4,
        11,
        "vars.n",
        "out of range",
        None,
    ),
    (
        "telemetry-unknown-field",
        HEAD + "program: {steps: [stop]}\ntelemetry: {fields: [dist_mm, pingmm]}\n",
        5,
        31,
        "telemetry.fields[1]",
        "unknown field 'pingmm'",
        "did you mean 'ping_mm'?",
    ),
    (
        "expect-ground-truth-not-sim-only",
        HEAD + "program: {steps: [stop]}\nexpect:\n  - at_end: x_mm > 10\n",
        6,
        13,
        "expect[0].at_end",
        "'x_mm' is known only in simulation",
        "sim_only: true",
    ),
    (
        "expect-field-not-streamed",
        HEAD + "program: {steps: [stop]}\nexpect:\n  - always: line == 0\n",
        6,
        13,
        "expect[0].always",
        "'line' is not streamed by the robot",
        "telemetry.fields",
    ),
    (
        "expect-two-kinds",
        HEAD + "program: {steps: [stop]}\nexpect:\n  - {always: t_ms > 0, never: t_ms < 0}\n",
        6,
        5,
        "expect[0]",
        "exactly one of within/always/never/at_end",
        None,
    ),
    (
        "non-utf8",
        (HEAD + "summary: caf\xe9\n").encode("latin-1"),
        4,
        13,
        "",
        "byte 0xE9 at offset 65 is not UTF-8",
        "UTF-8",
    ),
    ("control-character", HEAD + "summary: a\x07b\n", 4, 11, "", "control character U+0007", None),
    (
        "two-documents",
        HEAD + "program: {steps: [stop]}\n---\nid: x\n",
        5,
        1,
        "",
        "more than one YAML document",
        None,
    ),
]


@pytest.mark.parametrize(
    "text, line, col, path, message, hint", [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_bad_lesson_is_reported_precisely(text, line, col, path, message, hint):
    problem = only_problem(text)
    assert problem.message.find(message) >= 0, problem.message
    assert (problem.line, problem.col, problem.path) == (line, col, path), str(problem)
    if hint is not None:
        assert hint in (problem.hint or ""), problem.hint
    assert str(problem).startswith(f"lesson.yaml:{line}:{col}: ")


def test_at_least_25_distinct_bad_lessons():
    assert len({c[0] for c in CASES}) >= 25


def test_every_problem_is_reported_not_only_the_first():
    text = with_steps(
        "- forwad: 20cm",
        "- wait: 11min",
        "- leds: Redd",
        "- tone: {hz: 10, ms: 5}",
        tail="titel: x\n",
    )
    lesson, problems = check(text)
    assert lesson is None
    assert [p.line for p in problems] == [6, 7, 8, 9, 10]


def test_load_lesson_raises_lesson_error_listing_every_problem(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(with_steps("- forwad: 20cm", "- wait: 11min"), encoding="utf-8")
    with pytest.raises(LessonError) as info:
        load_lesson(path)
    assert len(info.value.problems) == 2
    assert f"{path}:6:7: program.steps[0].forwad: unknown step 'forwad'" in str(info.value)
    assert info.value.hint


def test_missing_file_is_a_lesson_error(tmp_path):
    with pytest.raises(LessonError, match="cannot read"):
        load_lesson(tmp_path / "nope.yaml")


def test_file_over_one_megabyte_is_refused_before_parsing():
    text = HEAD + "summary: '" + "x" * 1_000_001 + "'\n"
    problem = only_problem(text)
    assert "a lesson may be at most 1000000 bytes" in problem.message
    assert (problem.line, problem.col) == (1, 1)


def test_alias_bomb_is_refused():
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    problem = only_problem("\n".join(lines) + "\n")
    assert "aliases here expand to more than" in problem.message
    assert "billion laughs" in problem.hint
    assert problem.line == 5  # where the expansion crossed the budget


def test_recursive_alias_is_refused():
    problem = only_problem("a: &a [1, *a]\n")
    assert "alias *a has no complete anchor" in problem.message


def test_step_nested_100_deep_gets_its_own_message():
    lines, indent = [], "    "
    for _ in range(100):
        lines += [f"{indent}- repeat: 2", f"{indent}  steps:"]
        indent += "    "
    lines.append(f"{indent}- stop")
    text = HEAD + "program:\n  steps:\n" + "\n".join(lines) + "\n"
    problem = only_problem(text)
    assert "blocks are nested more than 12 deep" in problem.message
    assert problem.line == 6 + 2 * 12


def test_yaml_nested_deeper_than_the_parser_allows():
    problem = only_problem("a: " + "[" * 300 + "]" * 300 + "\n")
    assert "nested more than 256 levels" in problem.message


def test_world_that_does_not_exist_says_where_it_looked(tmp_path):
    lesson_file = tmp_path / "lesson.yaml"
    problem = only_problem(
        HEAD + "program: {steps: [stop]}\nsim: {world: ../worlds/moon.yaml}\n", str(lesson_file)
    )
    assert problem.message == (
        f"no world '../worlds/moon.yaml': no such file next to the lesson "
        f"({tmp_path.parent / 'worlds' / 'moon.yaml'}) and no shipped world of that name")
    assert "arena" in problem.hint and "oval" in problem.hint
    assert (problem.line, problem.col) == (5, 14)


def test_a_missing_world_file_falls_back_to_the_shipped_world_of_that_name(tmp_path):
    lesson, problems = check(HEAD + "program: {steps: [stop]}\nsim: {world: ../worlds/oval.yaml}\n",
                             str(tmp_path / "lesson.yaml"))
    assert problems == [] and lesson.sim.world.name == "oval.yaml"


def test_too_many_telemetry_fields_say_how_many_to_drop():
    fields = "[t_ms, mission_ms, dist_mm, rot_deg, ping_mm, ir0, ir1, ir2, ir3, ir4, ir5, ir6, ir7, line, touch, TB1A, TB1B, grip_l, vl, vr]"
    problem = only_problem(HEAD + f"program: {{steps: [stop]}}\ntelemetry: {{fields: {fields}}}\n")
    assert (
        problem.message
        == "a telemetry line could be 132 bytes, over the limit of 120; drop 2 field(s)"
    )
    assert (problem.line, problem.col, problem.path) == (5, 21, "telemetry.fields")


def test_numbers_too_large_for_the_robot_or_for_python():
    assert "not a finite number" in only_problem(with_steps("- forward: 1e400")).message
    assert "too large" in only_problem(with_steps("- forward: " + "9" * 400 + "mm")).message
    assert "is not a distance" in only_problem(with_steps("- forward: " + "9" * 5000)).message
    assert (
        "text of 5000 characters; at most 500 fit"
        in only_problem(
            HEAD + "program: {steps: [stop]}\nsim: {world: " + "a" * 5000 + "}\n"
        ).message
    )


def test_bare_block_step_says_it_needs_its_steps():
    problem = only_problem(with_steps("- forever"))
    assert (
        problem.message
        == "step 'forever' needs `steps:` with its steps, like `forever:` + `steps: [...]`"
    )


def test_block_without_its_steps():
    problem = only_problem(with_steps("- repeat: 3"))
    assert (problem.line, problem.col, problem.message) == (6, 7, "missing key 'steps'")


def test_duplicate_key_deep_inside_names_its_full_path():
    problem = only_problem(with_steps("- stop", "- forward: 10cm", "  speed: 100", "  speed: 200"))
    assert (problem.line, problem.col) == (9, 7)
    assert problem.path == "program.steps[1].speed"
    assert problem.message == "duplicate key 'speed' (first at line 8)"
