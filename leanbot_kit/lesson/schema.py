"""The JSON Schema (draft 2020-12) of `leanbot-lesson/1`, built from the validator's own tables.

Editors (the VS Code YAML extension, JetBrains) use it to complete keys, step words, colours and pads.
The validator stays the authority on ranges and names; the schema is deliberately a little looser
(e.g. colour names in any case) so that it never rejects a lesson the validator accepts.
"""

from __future__ import annotations

from typing import Any

from leanbot_kit.i18n import _
from leanbot_kit.lesson import steps as S
from leanbot_kit.lesson.colors import CRGB_NAMES, LED_NAMES
from leanbot_kit.lesson.fields import FIELDS, GROUND_TRUTH, TOUCH_PADS
from leanbot_kit.lesson.model import FORMAT
from leanbot_kit.lesson.quantities import accepted_forms, pattern
from leanbot_kit.lesson.sections import EXPECT_KINDS, RATE_MAX
from leanbot_kit.lesson.templates import template_catalog
from leanbot_kit.lesson.validate import ID_PATTERN, TOP_KEYS

VAR_PATTERN = "^[a-z][a-z0-9_]{0,19}$"
START_PATTERN = r"^\s*(now|touch\s*\([A-Za-z0-9_,\s]*\))\s*$"


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/$defs/{name}"}


def _obj(props: dict[str, Any], required: tuple[str, ...] = (), doc: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {"type": "object", "properties": props, "additionalProperties": False}
    if required:
        out["required"] = list(required)
    if doc:
        out["description"] = doc
    return out


def _quantity(kind: str, low: int | None = None, high: int | None = None) -> dict[str, Any]:
    number: dict[str, Any] = {"type": "number"}
    if low is not None:
        number |= {"minimum": low, "maximum": high}
    forms = [number, {"type": "string", "pattern": pattern(kind)}] if kind != "speed" else [number]
    return {"anyOf": forms, "description": accepted_forms(kind)}


def _defs() -> dict[str, Any]:
    text = {
        "anyOf": [
            {"type": ["string", "number"]},
            _obj({"vi": {"type": "string"}, "en": {"type": "string"}}),
        ]
    }
    strings = {"type": "array", "items": {"type": ["string", "number"]}}
    pad = {"enum": list(TOUCH_PADS), "description": _("a touch pad")}
    return {
        "text": text | {"description": _("a text, or {vi: ..., en: ...}")},
        "textList": {"anyOf": [strings, _obj({"vi": strings, "en": strings})]},
        "distance": _quantity("distance"),
        "angle": _quantity("angle"),
        "time": _quantity("time"),
        "speed": _quantity("speed", 1, S.SPEED_MAX),
        "wheelSpeed": _quantity("speed", -S.SPEED_MAX, S.SPEED_MAX),
        "condition": {
            "type": ["string", "integer", "boolean"],
            "maxLength": 200,
            "description": _('a condition like "ping_mm < 150 and line != 0"'),
        },
        "pad": pad,
        "pads": {"anyOf": [pad, {"type": "array", "items": pad, "minItems": 1}]},
        "colour": {
            "anyOf": [
                {"enum": [*CRGB_NAMES, "off"]},
                {"const": False},
                {"type": "string", "pattern": "^(#[0-9A-Fa-f]{6}|[A-Za-z_ ]+)$"},
            ],
            "description": _('a FastLED colour name (Red, DarkOrange …), "#RRGGBB" or off'),
        },
        "led": {
            "anyOf": [
                {"enum": list(LED_NAMES)},
                {"type": "string", "pattern": "^[lL][eE][dD][A-Fa-fOo]$"},
            ]
        },
        "steps": {"type": "array", "items": _ref("step"), "minItems": 1},
        "step": {"anyOf": [{"enum": list(S.BARE_STEPS)}, *(_ref(f"step_{n}") for n in S.STEPS)]},
        **{f"step_{name}": _step(spec) for name, spec in S.STEPS.items()},
    }


def _value(kind: str) -> dict[str, Any]:
    grip = _quantity("angle", S.GRIP_LOW, S.GRIP_HIGH)
    table: dict[str, dict[str, Any]] = {
        "distance": _ref("distance"),
        "angle": _ref("angle"),
        "signed_angle": _ref("angle"),
        "wheels": _obj(
            {"left": _ref("wheelSpeed"), "right": _ref("wheelSpeed")}, ("left", "right")
        ),
        "none": {"type": "null"},
        "time": _ref("time"),
        "cond": _ref("condition"),
        "pads": _ref("pads"),
        "gripper": {
            "anyOf": [
                {"enum": ["open", "close"]},
                grip,
                _obj({"left": grip, "right": grip, "ms": _ref("time")}, ("left", "right")),
            ]
        },
        "leds": {
            "anyOf": [
                _ref("colour"),
                _obj(
                    {
                        "color": _ref("colour"),
                        "shape": {
                            "anyOf": [
                                _ref("led"),
                                {"type": "array", "items": _ref("led"), "minItems": 1},
                            ]
                        },
                    },
                    ("color",),
                ),
            ]
        },
        "tone": _obj(
            {
                "hz": {"type": "integer", "minimum": S.HZ_LOW, "maximum": S.HZ_HIGH},
                "ms": _ref("time"),
            },
            ("hz", "ms"),
        ),
        "melody": {"type": "string", "pattern": r"^\s*(([A-Ga-g][#b]?[1-8]|[Rr]):\d+\s*)+$"},
        "text": {"anyOf": [{"type": ["string", "number"], "maxLength": S.PRINT_MAX},
                           _obj({lang: {"type": ["string", "number"], "maxLength": S.PRINT_MAX}
                                 for lang in ("vi", "en")})]},
        "assign": {
            "type": "object",
            "propertyNames": {"pattern": VAR_PATTERN},
            "additionalProperties": _ref("condition"),
            "minProperties": 1,
        },
        "count": {"type": "integer", "minimum": 1, "maximum": S.REPEAT_MAX},
        "forever": {"enum": [None, True]},
        "follow_line": {
            "anyOf": [
                {"type": "null"},
                _obj(
                    {
                        "speed": _ref("speed"),
                        "threshold": {"type": "integer", "minimum": 0, "maximum": S.THRESHOLD_MAX},
                        "until": _ref("condition"),
                    }
                ),
            ]
        },
    }
    return table[kind]


_EXTRA = {
    "speed": "speed",
    "for": "time",
    "timeout": "time",
    "steps": "steps",
    "then": "steps",
    "else": "steps",
}


def _step(spec: S.StepSpec) -> dict[str, Any]:
    props = {spec.name: _value(spec.value) | {"description": _(spec.doc) + f" — {spec.example}"}}
    props |= {key: _ref(_EXTRA[key]) for key in spec.extras}
    props["note"] = _ref("text")
    return _obj(props, (spec.name, *spec.required))


def _template() -> dict[str, Any]:
    catalog = template_catalog()
    rules = []
    for name, spec in catalog.items():
        params = {p: _param(ps) for p, ps in spec.params.items()}
        rules.append(
            {
                "if": {"properties": {"name": {"const": name}}},
                "then": {"properties": {"params": _obj(params)}},
            }
        )
    out = _obj(
        {"name": {"enum": list(catalog)}, "params": {"type": "object"}},
        ("name",),
        _(TOP_KEYS["template"]),
    )
    return out | {"allOf": rules} if rules else out


def _param(spec: Any) -> dict[str, Any]:
    if spec.type == "bool":
        out: dict[str, Any] = {"type": "boolean"}
    elif spec.type == "int":
        out = {"type": "integer", "minimum": spec.low, "maximum": spec.high}
    else:
        out = _quantity(spec.type)
    out = {k: v for k, v in out.items() if v is not None}
    return out | {"description": spec.description.get("en"), "default": spec.default}


def lesson_json_schema() -> dict[str, Any]:
    """The JSON Schema of a lesson plan file."""
    doc = {key: {"description": _(text)} for key, text in TOP_KEYS.items()}
    props = {**_meta_properties(), **_run_properties()}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"Leanbot lesson plan ({FORMAT})",
        "type": "object",
        "properties": {key: value | doc[key] for key, value in props.items()},
        "required": ["format", "id", "title"],
        "oneOf": [{"required": ["program"]}, {"required": ["template"]}, {"required": ["challenge"]}],
        "additionalProperties": False,
        "$defs": _defs(),
    }


def _meta_properties() -> dict[str, Any]:
    duration = {"anyOf": [{"type": "integer"}, {"type": "string", "pattern": pattern("time")}]}
    return {
        "format": {"const": FORMAT},
        "id": {"type": "string", "pattern": ID_PATTERN},
        "lang": {"enum": ["vi", "en"], "default": "en"},
        "title": _ref("text"),
        "summary": _ref("text"),
        "grade": {"type": ["string", "number"]},
        "duration": duration,
        "objectives": _ref("textList"),
        "materials": _ref("textList"),
        "exercises": _ref("textList"),
        "teacher_notes": _obj({key: _ref("textList") for key in ("timing", "mistakes", "say")}),
        "challenge": _obj({"starter": {"type": "string", "pattern": "[.]ino$"}}, ("starter",)),
        "vars": {
            "type": "object",
            "propertyNames": {"pattern": VAR_PATTERN},
            "additionalProperties": {"type": "integer"},
        },
    }


def _run_properties() -> dict[str, Any]:
    start = {"type": "string", "pattern": START_PATTERN, "default": "touch(TB1A, TB1B)"}
    fields = {"anyOf": [{"enum": list(FIELDS)}, {"type": "string", "pattern": VAR_PATTERN}]}
    pose = _obj({"x": _ref("distance"), "y": _ref("distance"), "heading": _ref("angle")})
    event = _obj({"at": _ref("time"), "touch": _ref("pads"), "for": _ref("time")}, ("at", "touch"))
    return {
        "program": _obj({"start": start, "steps": _ref("steps")}, ("steps",)),
        "template": _template(),
        "telemetry": _obj(
            {
                "rate_hz": {"type": "integer", "minimum": 1, "maximum": RATE_MAX, "default": 10},
                "fields": {"type": "array", "items": fields, "uniqueItems": True},
            }
        ),
        "sim": _obj(
            {
                "world": {"type": "string"},
                "start": pose,
                "duration": _ref("time"),
                "events": {"type": "array", "items": event},
            }
        ),
        "expect": _expect(),
    }


def _expect() -> dict[str, Any]:
    common = {"name": _ref("text"), "sim_only": {"type": "boolean"}}
    within = {"within": _ref("time"), "that": _ref("condition")} | common
    kinds = [_obj(within, ("within", "that"))]
    kinds += [_obj({k: _ref("condition")} | common, (k,)) for k in EXPECT_KINDS if k != "within"]
    names = ", ".join(GROUND_TRUTH)
    doc = _("names usable: telemetry fields, vars; with sim_only also {names}").format(names=names)
    return {"type": "array", "items": {"anyOf": kinds}, "description": doc}
