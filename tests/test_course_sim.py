"""Every lesson of the course passes its goals on the simulated robot; a challenge's starter builds and runs."""

from __future__ import annotations

import pytest

from leanbot_kit.sim.run import simulate
from tests.course_fixtures import shipped_course


@pytest.mark.parametrize("item", shipped_course().lessons(), ids=lambda i: i.lesson.id)
def test_course_lesson_passes_on_the_simulator(item):
    run = simulate(item.path, lesson=item.lesson)
    assert run.end_reason in ("end", "duration"), run.end_reason
    statuses = {r.name: r.status for r in run.expectations}
    if item.challenge:
        # the starter ran, not a student's sketch: nothing is graded, and the run says how to grade one
        assert set(statuses.values()) == {"skipped"}
        assert all("--lesson" in r.detail for r in run.expectations)
    else:
        assert set(statuses.values()) == {"passed"}, statuses
        # a short simulated time keeps the test suite fast; the lesson ends well before its duration
        assert run.sim_ms <= 90_000
