"""A loaded course as frozen data: units in order, each with its validated lessons."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from leanbot_kit.lesson.model import Lesson, Text, TextList

COURSE_FORMAT = "leanbot-course/1"


@dataclass(frozen=True)
class CourseLesson:
    """One lesson of the course: its file and the validated lesson."""

    path: Path
    lesson: Lesson

    @property
    def challenge(self) -> bool:
        """True for a challenge (students write the sketch; goals grade it)."""
        return self.lesson.challenge is not None

    @property
    def starter(self) -> Path | None:
        """The starter sketch of a challenge, else None."""
        return self.lesson.challenge.starter if self.lesson.challenge else None


@dataclass(frozen=True)
class Unit:
    """A unit: a title, what the classroom needs for it, and its lessons in teaching order."""

    id: str
    title: Text
    needs: TextList
    lessons: tuple[CourseLesson, ...]


@dataclass(frozen=True)
class Course:
    """A whole course: title, grades, summary and its units in order."""

    path: Path
    title: Text
    grade: str | None
    summary: Text | None
    units: tuple[Unit, ...]

    def lessons(self) -> list[CourseLesson]:
        """Every lesson of the course in teaching order."""
        return [item for unit in self.units for item in unit.lessons]
