"""Load and validate a `leanbot-course/1` file and every lesson it lists; report every problem."""

from __future__ import annotations

import os
from pathlib import Path

from leanbot_kit.course.model import COURSE_FORMAT, Course, CourseLesson, Unit
from leanbot_kit.errors import CourseError, LessonError, Problem
from leanbot_kit.i18n import _
from leanbot_kit.lesson.checker import Checker, found, join
from leanbot_kit.lesson.source import SourceError, YNode, read_yaml

TOP_KEYS = ("format", "title", "grade", "summary", "units")
UNIT_KEYS = ("id", "title", "needs", "lessons")
COURSE_FILE = "course.yaml"


def default_course_path() -> Path:
    """The course shipped with leanbot-kit."""
    from leanbot_kit.resources import lessons_dir

    return lessons_dir() / COURSE_FILE


def is_course_file(path: Path) -> bool:
    """True for a file named course.yaml (the lesson commands leave it out of a folder's lessons)."""
    return path.name == COURSE_FILE


def load_course(path: str | Path | None = None) -> Course:
    """Read a course and load every lesson it names; CourseError lists every problem found."""
    path = Path(path) if path is not None else default_course_path()
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CourseError([Problem(str(path), 1, 1, "", _("cannot read the file: {error}").format(
            error=exc.strerror or exc))], hint=_("check the path")) from exc
    try:
        root, problems = read_yaml(data, str(path))
    except SourceError as exc:
        raise CourseError([exc.problem]) from exc
    ck = Checker(str(path))
    ck.problems.extend(problems)
    course = _course(ck, root, path)
    if ck.problems or course is None:
        raise CourseError(sorted(ck.problems, key=lambda p: (p.file != str(path), p.line, p.col)),
                          hint=_("fix the problems above, then run `leanbot course` again"))
    return course


def _course(ck: Checker, root: YNode, path: Path) -> Course | None:
    keys = ck.mapping(root, "", TOP_KEYS, ("format", "title", "units"))
    if keys is None:
        return None
    if "format" in keys and keys["format"].text != COURSE_FORMAT:
        ck.report(keys["format"], "format", _("unknown format {found}; expected {format}").format(
            found=found(keys["format"]), format=COURSE_FORMAT))
    title = ck.bilingual(keys["title"], "title", "en") if "title" in keys else None
    summary = ck.bilingual(keys["summary"], "summary", "en") if "summary" in keys else None
    grade = ck.text(keys["grade"], "grade") if "grade" in keys else None
    seen: dict[Path, str] = {}
    units = [_unit(ck, node, f"units[{i}]", seen) for i, node in enumerate(ck.items(keys.get("units", root), "units") or [])]
    if not units and "units" in keys:
        ck.report(keys["units"], "units", _("a course needs at least one unit"))
    if title is None or any(u is None for u in units):
        return None
    _check_ids(ck, [item for unit in units for item in unit.lessons], root)
    return Course(path.resolve(), title, grade, summary, tuple(units))


def _unit(ck: Checker, node: YNode, path: str, seen: dict[Path, str]) -> Unit | None:
    keys = ck.mapping(node, path, UNIT_KEYS, ("id", "title", "lessons"))
    if not keys or not {"id", "title", "lessons"} <= set(keys):
        return None
    unit_id = ck.text(keys["id"], join(path, "id")) or ""
    title = ck.bilingual(keys["title"], join(path, "title"), "en")
    needs = ck.text_list(keys["needs"], join(path, "needs"), "en") if "needs" in keys else None
    lessons = []
    for i, item in enumerate(ck.items(keys["lessons"], join(path, "lessons")) or []):
        lesson = _lesson(ck, item, f"{path}.lessons[{i}]", seen)
        if lesson is not None:
            lessons.append(lesson)
    if title is None:
        return None
    from leanbot_kit.lesson.model import TextList

    return Unit(unit_id, title, needs or TextList(), tuple(lessons))


def _lesson(ck: Checker, node: YNode, path: str, seen: dict[Path, str]) -> CourseLesson | None:
    from leanbot_kit.lesson import load_lesson

    text = ck.text(node, path)
    if text is None:
        return None
    file = Path(os.path.normpath(ck.base_dir.absolute() / text))
    if file in seen:
        ck.report(node, path, _("{file} is listed twice (first at {where})").format(file=text, where=seen[file]))
        return None
    seen[file] = path
    if not file.is_file():
        ck.report(node, path, _("lesson file not found: looked for {path}").format(path=file),
                  _("the path is relative to the course file"))
        return None
    try:
        return CourseLesson(file, load_lesson(file))
    except LessonError as exc:
        ck.report(node, path, _("the lesson {file} is not valid").format(file=text))
        ck.problems.extend(exc.problems)
        return None


def _check_ids(ck: Checker, lessons: list[CourseLesson], root: YNode) -> None:
    ids: dict[str, Path] = {}
    for item in lessons:
        other = ids.setdefault(item.lesson.id, item.path)
        if other != item.path:
            ck.report(root, "units", _("two lessons have the id {id!r}: {a} and {b}").format(
                id=item.lesson.id, a=other.name, b=item.path.name), _("give every lesson its own id"))
