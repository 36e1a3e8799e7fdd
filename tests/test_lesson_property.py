"""Whatever bytes or text it gets, the loader answers with problems, never with a crash."""

from __future__ import annotations

import contextlib

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from leanbot_kit.errors import LessonError
from leanbot_kit.lesson import check_lesson_text, load_lesson
from tests.lesson_fixtures import FULL_LESSON

_PIECES = st.sampled_from(
    [
        "format: leanbot-lesson/1\n",
        "id: a\n",
        "title: t\n",
        "program:\n",
        "  steps:\n",
        "    - forward: 20cm\n",
        "    - repeat: 2\n",
        "      steps: [stop]\n",
        "- ",
        ": ",
        "[",
        "]",
        "{",
        "}",
        "&a ",
        "*a",
        "'",
        '"',
        "\t",
        "#",
        "\n",
        "if: x <",
        "melody: ",
        "leds: ",
        "wait: 3s",
        "---\n",
        "~",
        "0x1F",
        "!!python/object:os.system ",
        "\x00",
    ]
)


def _assert_problems_only(data) -> None:
    lesson, problems = check_lesson_text(data, "fuzz.yaml")
    assert (lesson is None) == bool(problems)
    for p in problems:
        assert p.line >= 1 and p.col >= 1 and p.message


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400))
def test_arbitrary_bytes(data):
    _assert_problems_only(data)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_arbitrary_text(data):
    _assert_problems_only(data)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=40).map("".join))
def test_yaml_shaped_text(data):
    _assert_problems_only(data)


@settings(max_examples=200, deadline=None)
@given(st.integers(0, len(FULL_LESSON) - 1), st.integers(1, 30), st.text(max_size=8))
def test_damaged_good_lesson(at, cut, insert):
    _assert_problems_only(FULL_LESSON[:at] + insert + FULL_LESSON[at + cut :])


@settings(max_examples=50, deadline=None)
@given(st.binary(max_size=200))
def test_load_lesson_raises_only_lesson_error(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("fuzz") / "lesson.yaml"
    path.write_bytes(data)
    with contextlib.suppress(LessonError):
        load_lesson(path)
