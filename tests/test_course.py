"""The shipped course: units, lessons, bilingual texts, teacher notes, every step kind; `leanbot course`."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from leanbot_kit.cli import cli
from leanbot_kit.course import load_course
from leanbot_kit.errors import CourseError
from leanbot_kit.lesson.steps import STEPS
from tests.conftest import ROOT
from tests.course_fixtures import CHALLENGES, shipped_course


@pytest.fixture(autouse=True)
def _english():
    """Messages in English whatever an earlier test of this worker chose (`--lang` is process-wide)."""
    from leanbot_kit.i18n import set_language

    set_language("en")


def test_the_course_has_six_units_of_lessons_for_grades_6_to_9():
    course = shipped_course()
    assert len(course.units) == 6 and len(course.lessons()) >= 24
    assert course.grade == "6-9" and course.title.vi and course.title.en
    for unit in course.units:
        assert len(unit.lessons) >= 4 and unit.title.vi and unit.title.en
        assert unit.needs.vi and len(unit.needs.vi) == len(unit.needs.en)
        assert unit.lessons[-1].challenge, f"unit {unit.id} does not end with a challenge"


@pytest.mark.parametrize("item", shipped_course().lessons(), ids=lambda i: i.lesson.id)
def test_every_lesson_is_complete_in_both_languages(item):
    lesson = item.lesson
    assert lesson.title.vi and lesson.title.en and lesson.summary.vi and lesson.summary.en
    assert lesson.duration_min and lesson.grade and lesson.sim.world is not None
    for texts in (lesson.objectives, lesson.materials, lesson.exercises):
        assert texts.vi and len(texts.vi) == len(texts.en)
    notes = lesson.teacher_notes
    assert notes is not None
    for part in (notes.timing, notes.mistakes, notes.say):
        assert part.vi and len(part.vi) == len(part.en)
    assert lesson.expect, "a lesson without goals cannot be checked"


def test_every_step_kind_of_the_format_is_used_in_the_course():
    used = {step.kind for item in shipped_course().lessons() if item.lesson.program
            for step in item.lesson.program.walk()}
    assert used == set(STEPS), f"not used: {sorted(set(STEPS) - used)}"
    assert any(item.lesson.template for item in shipped_course().lessons())


def test_every_course_lesson_matches_the_json_schema():
    from leanbot_kit.lesson.schema import lesson_json_schema
    from leanbot_kit.lesson.source import read_yaml, to_python

    validator = jsonschema.Draft202012Validator(lesson_json_schema())
    for item in shipped_course().lessons():
        data = to_python(read_yaml(item.path.read_bytes(), str(item.path))[0])
        assert not list(validator.iter_errors(data)), item.path


def test_every_challenge_has_a_starter_and_test_sketches():
    for item in shipped_course().lessons():
        if item.challenge:
            assert item.starter.is_file() and item.starter.parent == item.path.parent
            assert "TODO" in item.starter.read_text(encoding="utf-8")
            assert (CHALLENGES / item.lesson.id / "cases.yaml").is_file(), item.lesson.id


def test_course_json_lists_units_and_lessons_with_absolute_paths():
    res = CliRunner().invoke(cli, ["course", "--json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.output)
    assert [u["title"] for u in data["units"]][0] == "Moving and turning"
    lessons = [lesson for unit in data["units"] for lesson in unit["lessons"]]
    assert len(lessons) == len(shipped_course().lessons())
    for lesson in lessons:
        assert set(lesson) >= {"id", "path", "challenge", "starter"}
        assert Path(lesson["path"]).is_absolute() and Path(lesson["path"]).is_file()
        if lesson["challenge"]:
            assert Path(lesson["starter"]).is_absolute() and lesson["starter"].endswith(".ino")
        else:
            assert lesson["starter"] is None


def test_course_lists_units_and_lessons_in_the_chosen_language():
    res = CliRunner().invoke(cli, ["--lang", "vi", "course"])
    assert res.exit_code == 0, res.output
    assert "Di chuyển và quay" in res.output and "Thử thách: Đỗ xe vào ô" in res.output
    assert "parking-starter.ino" in res.output


def _course_file(tmp_path: Path, lessons: str, extra: str = "") -> Path:
    path = tmp_path / "course.yaml"
    path.write_text("format: leanbot-course/1\ntitle: My course\n" + extra +
                    f"units:\n  - id: one\n    title: One\n    lessons: {lessons}\n", encoding="utf-8")
    return path


def test_a_missing_lesson_file_is_a_clear_error(tmp_path: Path):
    path = _course_file(tmp_path, "[nowhere.yaml]")
    with pytest.raises(CourseError) as err:
        load_course(path)
    problem = err.value.problems[0]
    assert problem.line == 6 and problem.path == "units[0].lessons[0]"
    assert "lesson file not found" in problem.message and str(tmp_path / "nowhere.yaml") in problem.message
    res = CliRunner().invoke(cli, ["course", "--course", str(path)])
    assert res.exit_code == 1 and "Traceback" not in res.output
    assert "lesson file not found" in res.output


def test_course_problems_are_all_reported(tmp_path: Path):
    sample = ROOT / "lessons" / "square-dance.yaml"
    path = _course_file(tmp_path, f"[{sample}, {sample}, bad.yaml]", "colour: red\n")
    (tmp_path / "bad.yaml").write_text("format: leanbot-lesson/1\nid: x\n", encoding="utf-8")
    with pytest.raises(CourseError) as err:
        load_course(path)
    text = str(err.value)
    assert "unknown key 'colour'" in text and "listed twice" in text and "is not valid" in text
    assert "bad.yaml" in text and "title" in text  # the lesson's own problem is shown too


def test_two_lessons_with_one_id_are_an_error(tmp_path: Path):
    sample = (ROOT / "lessons" / "hello-robot.yaml").read_text(encoding="utf-8")
    (tmp_path / "a.yaml").write_text(sample.replace("../worlds/", str(ROOT / "worlds") + "/"), encoding="utf-8")
    (tmp_path / "b.yaml").write_text(sample.replace("../worlds/", str(ROOT / "worlds") + "/"), encoding="utf-8")
    with pytest.raises(CourseError, match="two lessons have the id 'hello-robot'"):
        load_course(_course_file(tmp_path, "[a.yaml, b.yaml]"))


def test_validate_and_check_skip_the_course_file_in_a_folder():
    from leanbot_kit.cli.output import lesson_files

    assert ROOT / "lessons" / "course.yaml" not in lesson_files((ROOT / "lessons",))
