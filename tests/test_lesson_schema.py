"""The published JSON Schema: a valid draft 2020-12 schema that accepts every good lesson."""

from __future__ import annotations

import jsonschema
import pytest

from leanbot_kit.lesson.colors import CRGB_NAMES
from leanbot_kit.lesson.scaffold import scaffold
from leanbot_kit.lesson.schema import lesson_json_schema
from leanbot_kit.lesson.source import read_yaml, to_python
from leanbot_kit.lesson.steps import STEPS
from tests.lesson_fixtures import FULL_LESSON, HEAD, with_steps


@pytest.fixture(scope="module")
def validator():
    schema = lesson_json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def data(text: str):
    return to_python(read_yaml(text, "x.yaml")[0])


def errors(validator, text: str) -> list[str]:
    return [e.message for e in validator.iter_errors(data(text))]


def test_schema_lists_steps_colours_and_pads_for_completion():
    schema = lesson_json_schema()
    defs = schema["$defs"]
    assert {f"step_{name}" for name in STEPS} <= set(defs)
    assert set(CRGB_NAMES) <= set(defs["colour"]["anyOf"][0]["enum"])
    assert defs["pad"]["enum"] == ["TB1A", "TB1B", "TB2A", "TB2B"]
    assert schema["properties"]["id"]["description"]


@pytest.mark.parametrize(
    "text",
    [
        FULL_LESSON,
        scaffold("a", "en"),
        scaffold("b", "vi"),
        HEAD + "template: {name: line_follow, params: {speed: 800, duration: 20s}}\n",
    ],
    ids=["full", "scaffold-en", "scaffold-vi", "template"],
)
def test_good_lessons_match_the_schema(validator, text):
    assert errors(validator, text) == []


def test_sample_lessons_match_the_schema(validator, repo_root):
    for path in sorted(p for p in (repo_root / "lessons").glob("*.yaml") if p.name != "course.yaml"):
        assert errors(validator, path.read_text(encoding="utf-8")) == [], path.name


@pytest.mark.parametrize(
    "text",
    [
        with_steps("- forwad: 20cm"),
        with_steps("- forward: 20cm", "  sped: 100"),
        HEAD + "program: {steps: [stop]}\ntemplate: {name: line_follow}\n",
        HEAD,
        HEAD.replace("/1", "/2") + "program: {steps: [stop]}\n",
        HEAD + "template: {name: line_follow, params: {treshold: 1}}\n",
        with_steps("- wait_touch: [TB1C]"),
    ],
    ids=["step", "extra-key", "both", "neither", "format", "template-param", "pad"],
)
def test_schema_rejects_what_an_editor_can_flag(validator, text):
    assert errors(validator, text)
