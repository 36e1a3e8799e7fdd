"""Course benchmark: what the shipped course costs the test suite, lesson by lesson.

Run: python benchmarks/bench_course.py
Prints, for every course lesson and every challenge test sketch: the sketch build (cold, in a fresh
cache) and the simulated run (simulated seconds, wall seconds, × real time); then the totals, and the
time of a booklet's pictures. Uses a fresh temporary cache, so the figures include every build.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _timed(fn):
    start = time.perf_counter()
    value = fn()
    return value, time.perf_counter() - start


def main() -> None:
    os.environ["LEANBOT_CACHE"] = tempfile.mkdtemp(prefix="bench-course-")
    from leanbot_kit.course import load_course
    from leanbot_kit.sim.run import simulate
    from leanbot_kit.sim.source import prepare
    from tests.course_fixtures import challenge_cases

    course = load_course(ROOT / "lessons" / "course.yaml")
    _, runtime = _timed(lambda: prepare(ROOT / "lessons" / "hello-robot.yaml"))
    print(f"runtime + first sketch build: {runtime:.2f} s")
    rows = [(item.lesson.id, item.path, None) for item in course.lessons()]
    rows += [(f"{c[0]}/{c[2].name}", c[2], c[1]) for c in challenge_cases()]
    build_total = run_total = sim_total = 0.0
    print(f"{'run':44} {'build s':>8} {'sim s':>7} {'wall s':>7} {'× real':>8}")
    for name, path, challenge in rows:
        goals = None
        if challenge is not None:
            from leanbot_kit.lesson import load_lesson

            goals = load_lesson(challenge)
        _, build = _timed(lambda p=path: prepare(p))
        run, wall = _timed(lambda p=path, g=goals: simulate(p, goals=g))
        build_total, run_total, sim_total = build_total + build, run_total + wall, sim_total + run.sim_ms / 1000
        print(f"{name:44} {build:8.2f} {run.sim_ms / 1000:7.1f} {wall:7.2f} {run.speedup:8.0f}")
    print(f"{len(rows)} runs: builds {build_total:.1f} s, runs {run_total:.1f} s for {sim_total:.0f} s simulated")
    from leanbot_kit.course.booklet import render_booklet

    _, book = _timed(lambda: render_booklet(course, "en"))
    _, again = _timed(lambda: render_booklet(course, "en", teacher=True))
    print(f"booklet: {book:.1f} s (pictures drawn), teacher's edition after it: {again:.1f} s (pictures reused)")


if __name__ == "__main__":
    main()
