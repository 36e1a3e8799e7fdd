"""LED names and the colour names of FastLED's `CRGB` (what `CRGB::Name` accepts on the robot)."""

from __future__ import annotations

_CRGB_NAMES_TEXT = """
AliceBlue Amethyst AntiqueWhite Aqua Aquamarine Azure Beige Bisque Black BlanchedAlmond Blue BlueViolet
Brown BurlyWood CadetBlue Chartreuse Chocolate Coral CornflowerBlue Cornsilk Crimson Cyan DarkBlue
DarkCyan DarkGoldenrod DarkGray DarkGrey DarkGreen DarkKhaki DarkMagenta DarkOliveGreen DarkOrange
DarkOrchid DarkRed DarkSalmon DarkSeaGreen DarkSlateBlue DarkSlateGray DarkSlateGrey DarkTurquoise
DarkViolet DeepPink DeepSkyBlue DimGray DimGrey DodgerBlue FireBrick FloralWhite ForestGreen Fuchsia
Gainsboro GhostWhite Gold Goldenrod Gray Grey Green GreenYellow Honeydew HotPink IndianRed Indigo Ivory
Khaki Lavender LavenderBlush LawnGreen LemonChiffon LightBlue LightCoral LightCyan LightGoldenrodYellow
LightGreen LightGrey LightPink LightSalmon LightSeaGreen LightSkyBlue LightSlateGray LightSlateGrey
LightSteelBlue LightYellow Lime LimeGreen Linen Magenta Maroon MediumAquamarine MediumBlue MediumOrchid
MediumPurple MediumSeaGreen MediumSlateBlue MediumSpringGreen MediumTurquoise MediumVioletRed
MidnightBlue MintCream MistyRose Moccasin NavajoWhite Navy OldLace Olive OliveDrab Orange OrangeRed
Orchid PaleGoldenrod PaleGreen PaleTurquoise PaleVioletRed PapayaWhip PeachPuff Peru Pink Plaid Plum
PowderBlue Purple Red RosyBrown RoyalBlue SaddleBrown Salmon SandyBrown SeaGreen Seashell Sienna Silver
SkyBlue SlateBlue SlateGray SlateGrey Snow SpringGreen SteelBlue Tan Teal Thistle Tomato Turquoise Violet
Wheat White WhiteSmoke Yellow YellowGreen FairyLight FairyLightNCC
"""
CRGB_NAMES: tuple[str, ...] = tuple(_CRGB_NAMES_TEXT.split())

_BY_LOWER = {name.lower(): name for name in CRGB_NAMES}

LED_NAMES: tuple[str, ...] = ("ledA", "ledB", "ledC", "ledD", "ledE", "ledF", "ledO")
_LED_BY_LOWER = {name.lower(): name for name in LED_NAMES}


def crgb_name(text: str) -> str | None:
    """The CRGB spelling of a colour name given in any case (`darkorange` -> `DarkOrange`), or None."""
    return _BY_LOWER.get(text.replace(" ", "").replace("_", "").lower())


def led_name(text: str) -> str | None:
    """The spelling of an LED name given in any case (`leda` -> `ledA`), or None."""
    return _LED_BY_LOWER.get(text.lower())
