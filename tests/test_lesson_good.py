"""Good lessons: values normalised to base units, steps numbered, signs and notes right."""

from __future__ import annotations

import pytest

from leanbot_kit.lesson import load_lesson
from leanbot_kit.lesson.melody import note_hz
from leanbot_kit.lesson.model import Text, TextList
from leanbot_kit.lesson.templates import template_catalog
from tests.lesson_fixtures import HEAD, full_lesson_dir, good, with_steps


@pytest.fixture
def full(tmp_path):
    return load_lesson(full_lesson_dir(tmp_path))


def test_metadata_and_bilingual_text(full):
    assert (full.id, full.lang, full.grade, full.duration_min) == ("square-dance", "vi", "6-9", 45)
    assert full.title == Text(vi="Vũ điệu hình vuông", en="Square dance")
    assert full.summary == Text(vi="Drive a square")  # plain text belongs to the lesson's language
    assert full.objectives == TextList(vi=("Đi thẳng", "Quay"), en=("Drive", "Turn"))
    assert full.materials.get("en") == ("One robot",)
    assert full.vars == {"count": 0}


def test_steps_are_numbered_in_document_order_nested_included(full):
    steps = list(full.program.walk())
    assert [s.number for s in steps] == list(range(1, len(steps) + 1))
    kinds = [s.kind for s in steps]
    assert kinds[:5] == ["repeat", "forward", "turn_right", "set", "turn_left"]
    forever = next(s for s in steps if s.kind == "forever")
    inner_if = forever.body[0]
    assert (inner_if.kind, inner_if.body[0].kind, inner_if.orelse[0].kind) == (
        "if",
        "stop",
        "follow_line",
    )
    assert (
        inner_if.number == forever.number + 1 and inner_if.orelse[0].number == inner_if.number + 2
    )


def test_quantities_in_base_units_and_turn_signs(full):
    by_kind = {}
    for step in full.program.walk():
        by_kind.setdefault(step.kind, []).append(step)
    assert dict(by_kind["forward"][0].args) == {"mm": 200, "speed": 1200}
    assert dict(by_kind["backward"][0].args) == {"mm": 100, "speed": 1000}
    assert by_kind["turn_right"][0].args["deg"] == 90
    assert by_kind["turn_left"][0].args["deg"] == -90
    assert by_kind["turn"][0].args["deg"] == -45
    assert dict(by_kind["run"][0].args) == {"left": 800, "right": -800, "ms": 1500}
    assert by_kind["wait"][0].args == {"ms": 2000}
    assert by_kind["wait_until"][0].args["timeout_ms"] == 5000
    assert by_kind["tone"][0].args == {"hz": 880, "ms": 200}
    assert by_kind["gripper"][0].args == {"left": 0, "right": 0, "ms": None}
    assert by_kind["gripper"][1].args == {"left": 45, "right": 30, "ms": 500}
    assert by_kind["follow_line"][1].args == {"speed": 1000, "threshold": 300, "until": None}
    assert by_kind["repeat"][0].note == Text(en="four sides")


def test_leds_colours_are_normalised(full):
    leds = [s.args for s in full.program.walk() if s.kind == "leds"]
    assert leds[0] == {"color": None, "shape": None}
    assert leds[1] == {"color": ("name", "DarkOrange"), "shape": None}
    assert leds[2] == {"color": ("rgb", 0xFF8800), "shape": ("ledA", "ledO")}


def test_melody_notes_equal_temperament(full):
    melody = next(s for s in full.program.walk() if s.kind == "melody")
    assert melody.args["notes"] == (
        (262, 200),
        (330, 200),
        (392, 400),
        (0, 100),
        (440, 100),
        (233, 50),
        (554, 10),
    )
    assert (note_hz("A", "", 4), note_hz("C", "", 8), note_hz("C", "", 1)) == (440, 4186, 33)


def test_conditions_are_parsed_expressions(full):
    step = next(s for s in full.program.walk() if s.kind == "if")
    assert step.args["cond"].evaluate({"TB1A": 1, "count": 3}) == 1
    assert step.args["cond"].names == {"TB1A", "count"}


def test_start_telemetry_sim_and_expectations(full, tmp_path):
    assert full.program.start_pads == ("TB1A", "TB1B")
    assert (full.telemetry.rate_hz, full.telemetry.period_ms) == (20, 50)
    assert full.telemetry.fields == ("line", "ping_mm", "dist_mm", "rot_deg", "count")
    assert full.sim.world == (tmp_path / "worlds" / "oval.yaml").resolve()
    assert (full.sim.x_mm, full.sim.y_mm, full.sim.heading_deg, full.sim.duration_ms) == (
        0,
        100,
        90,
        60_000,
    )
    assert [(e.at_ms, e.pads, e.ms) for e in full.sim.events] == [
        (1000, ("TB1A", "TB1B"), 200),
        (5000, ("TB2A",), 1000),
    ]
    kinds = [(e.kind, e.name, e.within_ms, e.sim_only) for e in full.expect]
    assert kinds == [
        ("within", "drives 80 cm", 25_000, False),
        ("always", "ping_mm > 30", None, False),
        ("never", "mission_ms > 100000", None, False),
        ("at_end", "abs(x_mm) < 50 and abs(y_mm) < 50", None, True),
    ]


def test_defaults_of_a_minimal_lesson():
    lesson = good(HEAD + "program:\n  start: now\n  steps: [stop, end]\n")
    assert (lesson.lang, lesson.program.start_pads) == ("en", ())
    assert [s.kind for s in lesson.program.steps] == ["stop", "end"]
    assert lesson.telemetry.fields == ("dist_mm", "rot_deg") and lesson.sim.world is None


@pytest.mark.parametrize(
    "text, mm", [("5", 5), ("2.5cm", 25), ("1.2m", 1200), ("0.05 m", 50), ("7.6mm", 8)]
)
def test_distance_units(text, mm):
    lesson = good(with_steps(f"- forward: {text}"))
    assert lesson.program.steps[0].args["mm"] == mm


def test_yaml_core_schema_keeps_off_and_yes_as_text():
    lesson = good(with_steps("- leds: off", "- print: yes"))
    assert lesson.program.steps[0].args["color"] is None
    assert lesson.program.steps[1].args["text"] == "yes"


def test_template_lesson_takes_defaults_and_units():
    lesson = good(HEAD + "template:\n  name: obstacle_stop\n  params: {stop_mm: 20cm}\n")
    assert lesson.program is None
    assert lesson.template.name == "obstacle_stop"
    assert dict(lesson.template.params) == {"speed": 1000, "stop_mm": 200}


def test_template_catalogue_declares_types_defaults_ranges_and_both_languages():
    catalog = template_catalog()
    assert {"line_follow", "obstacle_stop"} <= set(catalog)
    speed = catalog["line_follow"].params["speed"]
    assert (speed.type, speed.default, speed.low, speed.high) == ("speed", 1000, 200, 2000)
    threshold = catalog["line_follow"].params["threshold"]
    assert (threshold.default, threshold.low, threshold.high) == (300, 0, 768)
    for spec in catalog.values():
        assert spec.description.vi and spec.description.en
        for param in spec.params.values():
            assert param.description.vi and param.description.en


def test_aliases_within_budget_are_fine():
    lesson = good(HEAD + "program:\n  steps:\n    - &go {forward: 10cm}\n    - *go\n    - *go\n")
    assert [s.number for s in lesson.program.steps] == [1, 2, 3]


def test_sample_lessons_validate(repo_root):
    for path in sorted(p for p in (repo_root / "lessons").glob("*.yaml") if p.name != "course.yaml"):
        load_lesson(path)


def test_the_example_in_the_docs_validates(repo_root):
    doc = (repo_root / "docs" / "lessons.md").read_text(encoding="utf-8")
    example = doc.split("## A complete example", 1)[1].split("```yaml\n", 1)[1].split("```", 1)[0]
    lesson = good(example, repo_root / "lessons" / "docs-example.yaml")
    assert lesson.id == "square-dance" and len(list(lesson.program.walk())) == 6
