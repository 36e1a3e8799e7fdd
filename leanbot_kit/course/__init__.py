"""A course: units of lessons in teaching order (`lessons/course.yaml`), its booklet and its tracks."""

from leanbot_kit.course.load import default_course_path, load_course
from leanbot_kit.course.model import Course, CourseLesson, Unit

__all__ = ["Course", "CourseLesson", "Unit", "default_course_path", "load_course"]
