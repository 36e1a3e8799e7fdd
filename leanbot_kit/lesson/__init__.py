"""Lesson plans: the `leanbot-lesson/1` format, its loader and validator, and the data it yields."""

from leanbot_kit.lesson.validate import check_lesson_text, load_lesson

__all__ = ["check_lesson_text", "load_lesson"]
