"""Turning a validated lesson into an Arduino sketch folder."""

from leanbot_kit.generate.sketch import Sketch, generate_sketch, render_sketch

__all__ = ["Sketch", "generate_sketch", "render_sketch"]
