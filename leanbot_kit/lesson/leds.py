"""The `leds` step: FastLED colour names, "#RRGGBB" or off, and shapes made of LED names."""

from __future__ import annotations

from typing import Any

from leanbot_kit.i18n import _
from leanbot_kit.lesson.checker import Checker, found, join
from leanbot_kit.lesson.colors import CRGB_NAMES, LED_NAMES, crgb_name, led_name
from leanbot_kit.lesson.source import YNode
from leanbot_kit.lesson.suggest import did_you_mean


def _colour(ck: Checker, node: YNode, path: str) -> tuple[bool, Any]:
    text = node.text if node.kind == "scalar" else ""
    if node.kind == "scalar" and node.value is False or text.lower() == "off":
        return True, None
    if len(text) == 7 and text.startswith("#"):
        try:
            return True, ("rgb", int(text[1:], 16))
        except ValueError:
            pass
    name = crgb_name(text) if text else None
    if name:
        return True, ("name", name)
    hint = (
        did_you_mean(text, CRGB_NAMES)
        if text
        else _("quote #RRGGBB colours, like '#FF8800': in YAML a # starts a comment")
    )
    ck.report(
        node,
        path,
        _('expected a colour (a CRGB name like Red, "#RRGGBB" or off), found {found}').format(
            found=found(node)
        ),
        hint,
    )
    return False, None


def read_leds(ck: Checker, node: YNode, path: str) -> dict[str, Any] | None:
    """The `leds` step: a colour (or off) and optionally the LEDs of a shape."""
    if node.kind != "map":
        ok, colour = _colour(ck, node, path)
        return {"color": colour, "shape": None} if ok else None
    parts = ck.mapping(node, path, ("color", "shape"), ("color",))
    if parts is None or "color" not in parts:
        return None
    ok, colour = _colour(ck, parts["color"], join(path, "color"))
    shape = None
    if "shape" in parts:
        items = ck.items(parts["shape"], join(path, "shape"), single=True) or []
        names = [led_name(i.text) if i.kind == "scalar" else None for i in items]
        for i, (item, name) in enumerate(zip(items, names, strict=True)):
            if name is None:
                ck.report(
                    item,
                    f"{path}.shape[{i}]",
                    _("unknown LED {found}").format(found=found(item)),
                    did_you_mean(item.text, LED_NAMES),
                )
        ok = ok and bool(items) and None not in names
        shape = tuple(dict.fromkeys(names))
    return {"color": colour, "shape": shape} if ok else None
