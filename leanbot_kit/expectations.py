"""The one engine that grades a lesson's expectations, on a simulated run, a live robot or a recording.

Feed it samples in time order: the time since the mission started (the robot's `start` event) and the
values known at that moment (telemetry fields, and in simulation the ground truth `x_mm`, `y_mm`,
`heading_deg`). Samples from before the start are not fed: the robot is still waiting to be touched.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from leanbot_kit.i18n import N_, current_language
from leanbot_kit.lesson.model import Expectation

PENDING, PASSED, FAILED, SKIPPED = "pending", "passed", "failed", "skipped"
STATUS_TEXT = {PENDING: N_("pending"), PASSED: N_("passed"), FAILED: N_("failed"), SKIPPED: N_("skipped")}


@dataclass(frozen=True)
class Result:
    """Where one expectation stands: status, and the mission time (ms) at which it was decided."""

    name: str
    kind: str
    status: str
    at_ms: int | None = None
    detail: str = ""

    @property
    def passed(self) -> bool:
        """True once the expectation is met (skipped ones count as not failed but not passed)."""
        return self.status == PASSED


class Grader:
    """Grades expectations incrementally; `results()` is the live status, `finish()` the verdict."""

    def __init__(self, expectations: Iterable[Expectation], *, simulated: bool) -> None:
        self._exps = list(expectations)
        self._simulated = simulated
        self._status: list[str] = []
        self._at: list[int | None] = []
        self._detail: list[str] = []
        for exp in self._exps:
            self._status.append(SKIPPED if exp.sim_only and not simulated else PENDING)
            self._at.append(None)
            self._detail.append("")
        self._last: tuple[int, Mapping[str, int]] | None = None
        self._finished = False

    def feed(self, mission_ms: int, values: Mapping[str, int]) -> None:
        """Grade one sample taken `mission_ms` after the start."""
        env = dict(values)
        env.setdefault("mission_ms", mission_ms)
        self._last = (mission_ms, env)
        for i, exp in enumerate(self._exps):
            if self._status[i] != PENDING or exp.kind == "at_end":
                continue
            value = self._value(i, env, mission_ms)
            if value is None:
                continue
            if exp.kind == "within":
                if value and mission_ms <= exp.within_ms:
                    self._decide(i, PASSED, mission_ms)
                elif mission_ms > exp.within_ms:
                    self._decide(i, FAILED, mission_ms)
            elif (exp.kind == "always" and not value) or (exp.kind == "never" and value):
                self._decide(i, FAILED, mission_ms)

    def _value(self, i: int, env: Mapping[str, int], mission_ms: int) -> int | None:
        try:
            return self._exps[i].cond.evaluate(env)
        except KeyError as missing:
            self._detail[i] = f"missing value {missing.args[0]}"
            return None

    def _decide(self, i: int, status: str, at_ms: int | None) -> None:
        self._status[i] = status
        self._at[i] = at_ms

    def finish(self) -> list[Result]:
        """Close the run: `always`/`never` still pending pass, `within` pending fails, `at_end` is graded."""
        if not self._finished:
            self._finished = True
            for i, exp in enumerate(self._exps):
                if self._status[i] != PENDING:
                    continue
                if exp.kind in ("always", "never"):
                    self._decide(i, PASSED if self._last else FAILED, self._last and self._last[0])
                elif exp.kind == "within":
                    self._decide(i, FAILED, self._last and self._last[0])
                elif exp.kind == "at_end":
                    value = self._value(i, self._last[1], self._last[0]) if self._last else None
                    self._decide(i, PASSED if value else FAILED, self._last and self._last[0])
                if not self._last:
                    self._detail[i] = "no data"
        return self.results()

    def results(self) -> list[Result]:
        """The status of every expectation now."""
        return [
            Result(exp.label(current_language()), exp.kind, self._status[i], self._at[i], self._detail[i])
            for i, exp in enumerate(self._exps)
        ]
