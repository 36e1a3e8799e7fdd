"""Quantities with units: distances, angles, times and speeds, converted to their base unit."""

from __future__ import annotations

import math
import re

from leanbot_kit.i18n import N_, _

# kind -> (base unit, {unit: factor to the base unit}, what a plain number means)
UNITS: dict[str, dict[str, float]] = {
    "distance": {"mm": 1, "cm": 10, "m": 1000},
    "angle": {"deg": 1},
    "time": {"ms": 1, "s": 1000, "min": 60_000},
    "speed": {},
}
BASE = {"distance": "mm", "angle": "deg", "time": "ms", "speed": "steps/s"}
KIND_TEXT = {
    "distance": N_("a distance"),
    "angle": N_("an angle"),
    "time": N_("a time"),
    "speed": N_("a speed"),
}
_QUANTITY = re.compile(r"\s*([-+]?(?:\d+(?:\.\d*)?|\.\d+))\s*([A-Za-z/]+)\s*")


class QuantityError(ValueError):
    """A value that is not a quantity of the wanted kind; the message says what is accepted."""


def accepted_forms(kind: str) -> str:
    """How a quantity of `kind` may be written, e.g. `a number (mm) or a text like 20cm (mm, cm, m)`."""
    units = UNITS[kind]
    if not units:
        return _("a whole number of steps per second, like 1000")
    example = {"distance": "20cm", "angle": "90deg", "time": "1.5s"}[kind]
    return _("a number ({base}) or a text like {example} (units: {units})").format(
        base=BASE[kind], example=example, units=", ".join(units)
    )


def pattern(kind: str) -> str:
    """A regular expression for the text form of a quantity of `kind` (for the JSON Schema)."""
    units = "|".join(UNITS[kind]) or "steps/s"
    return rf"^\s*[-+]?(\d+(\.\d*)?|\.\d+)\s*({units})\s*$"


def to_base(value: object, kind: str) -> int:
    """`value` (a number in the base unit, or a text with a unit) in the base unit, rounded."""
    if isinstance(value, bool) or value is None:
        raise QuantityError(
            _("expected {what}: {forms}").format(
                what=_(KIND_TEXT[kind]), forms=accepted_forms(kind)
            )
        )
    if isinstance(value, float) and not math.isfinite(value):
        raise QuantityError(_("{value} is not a finite number").format(value=value))
    if isinstance(value, (int, float)):
        return round(value)
    match = _QUANTITY.fullmatch(str(value))
    if not match:
        raise QuantityError(
            _("{value!r} is not {what}; expected {forms}").format(
                value=value, what=_(KIND_TEXT[kind]), forms=accepted_forms(kind)
            )
        )
    number, unit = float(match.group(1)), match.group(2)
    factors = dict(UNITS[kind])
    if kind == "speed":
        factors = {"steps/s": 1}
    if unit not in factors:
        raise QuantityError(
            _("unit {unit!r} is not a unit of {what}; expected {forms}").format(
                unit=unit, what=_(KIND_TEXT[kind]), forms=accepted_forms(kind)
            )
        )
    if not math.isfinite(number * factors[unit]):
        raise QuantityError(_("{value!r} is too large").format(value=value))
    return round(number * factors[unit])
