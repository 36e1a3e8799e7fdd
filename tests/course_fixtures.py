"""The shipped course and its challenge test cases, for the course tests."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from tests.conftest import ROOT

CHALLENGES = ROOT / "tests" / "challenges"


@lru_cache(maxsize=1)
def shipped_course():
    """The course in lessons/course.yaml, loaded once."""
    from leanbot_kit.course import load_course

    return load_course(ROOT / "lessons" / "course.yaml")


def challenge_cases() -> list[tuple[str, Path, Path, list[str]]]:
    """(challenge id, challenge lesson, sketch, goals it must fail) for every sketch in tests/challenges/."""
    out = []
    for cases in sorted(CHALLENGES.glob("*/cases.yaml")):
        data = yaml.safe_load(cases.read_text(encoding="utf-8"))
        for sketch, fails in data["sketches"].items():
            out.append((cases.parent.name, ROOT / data["challenge"], cases.parent / sketch, list(fails)))
    return out
