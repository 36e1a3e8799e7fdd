"""How long each text of a lesson (or world) may be, by the key that holds it (docs/lessons.md).

Whatever the key, a text is at most `TEXT_MAX` characters, and all the text of a file after its
aliases are expanded is at most `source.MAX_CHARS`: so what a lesson costs to generate, print or
show is bounded by what `validate` accepted.
"""

from __future__ import annotations

import re

MAX_STEPS = 1000  # steps of a program, nested ones included (a sketch this long still builds fast)
TEXT_MAX = 1000  # any text not named below
TEXT_LIMITS = {
    "title": 120,
    "summary": 1000,
    "grade": 20,
    "objectives": 300,
    "materials": 300,
    "exercises": 500,
    "note": 300,  # a step's note
    "name": 100,  # an expectation's name, a world's name
    "description": 300,  # a template's description
    "world": 500,  # sim.world: a path
}
_INDEX = re.compile(r"\[[0-9]+\]")


def text_limit(path: str) -> int:
    """The longest text allowed at key path `path` (`objectives.vi[2]` → the limit of objectives)."""
    parts = _INDEX.sub("", path).split(".")
    while len(parts) > 1 and parts[-1] in ("vi", "en"):
        parts.pop()
    return TEXT_LIMITS.get(parts[-1], TEXT_MAX)
