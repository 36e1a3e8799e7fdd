"""Lesson plans: the `leanbot-lesson/1` format, its loader and validator, and the data it yields."""
