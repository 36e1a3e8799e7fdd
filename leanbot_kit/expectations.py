"""The one engine that grades a lesson's expectations, on a simulated run, a live robot or a recording.

Feed it samples in time order: the time since the mission started (the robot's `start` event) and the
values known at that moment (telemetry fields, and in simulation the ground truth `x_mm`, `y_mm`,
`heading_deg`). Samples from before the start are not fed: the robot is still waiting to be touched.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from leanbot_kit.i18n import N_, _, current_language
from leanbot_kit.lesson.model import Expectation

PENDING, PASSED, FAILED, SKIPPED = "pending", "passed", "failed", "skipped"
STATUS_TEXT = {PENDING: N_("pending"), PASSED: N_("passed"), FAILED: N_("failed"), SKIPPED: N_("skipped")}


NOT_EVALUATED = N_("not evaluated: {reason}")
NEVER_ARRIVED = N_("{names} never arrived")
NO_SAMPLE = N_("no sample after the mission start")


@dataclass(frozen=True)
class Result:
    """Where one expectation stands: status, and the mission time (ms) at which it was decided.

    A goal that could not be evaluated (a field it reads never arrived, no sample after the start) has the
    status `failed`, `evaluated` False and the reason in `detail`: it is never counted as passed.
    """

    name: str
    kind: str
    status: str
    at_ms: int | None = None
    detail: str = ""
    evaluated: bool = True

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
        self._seen = [False] * len(self._exps)  # evaluated on at least one sample
        self._missing: list[set[str]] = [set() for _exp in self._exps]
        for exp in self._exps:
            self._status.append(SKIPPED if exp.sim_only and not simulated else PENDING)
            self._at.append(None)
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
            value = self._value(i, env)
            if value is None:
                continue
            if exp.kind == "within":
                if value and mission_ms <= exp.within_ms:
                    self._decide(i, PASSED, mission_ms)
                elif mission_ms > exp.within_ms:
                    self._decide(i, FAILED, mission_ms)
            elif (exp.kind == "always" and not value) or (exp.kind == "never" and value):
                self._decide(i, FAILED, mission_ms)

    def _value(self, i: int, env: Mapping[str, int]) -> int | None:
        missing = self._exps[i].cond.names - env.keys()
        if missing:
            self._missing[i] |= missing
            return None
        self._seen[i] = True
        return self._exps[i].cond.evaluate(env)

    def _decide(self, i: int, status: str, at_ms: int | None) -> None:
        self._status[i] = status
        self._at[i] = at_ms

    def finish(self) -> list[Result]:
        """Close the run: every pending goal is decided; one that could not be evaluated fails as such.

        `always`/`never` still pending pass if they were evaluated, `within` still pending fails, `at_end`
        is graded on the last sample.
        """
        if not self._finished:
            self._finished = True
            last_at = self._last[0] if self._last else None
            for i, exp in enumerate(self._exps):
                if self._status[i] != PENDING:
                    continue
                if exp.kind == "at_end":
                    value = self._value(i, self._last[1]) if self._last else None
                    self._decide(i, PASSED if value else FAILED, last_at)
                elif exp.kind in ("always", "never"):
                    self._decide(i, PASSED if self._seen[i] else FAILED, last_at)
                else:
                    self._decide(i, FAILED, last_at)
        return self.results()

    def _unevaluated(self, i: int) -> bool:
        exp = self._exps[i]
        if self._status[i] != FAILED:
            return False
        if exp.kind == "at_end":
            return self._last is None or bool(exp.cond.names - self._last[1].keys())
        return not self._seen[i]

    def _reason(self, i: int) -> str:
        if self._missing[i]:
            return _(NEVER_ARRIVED).format(names=", ".join(sorted(self._missing[i])))
        return _(NO_SAMPLE)

    def results(self) -> list[Result]:
        """The status of every expectation now."""
        out = []
        for i, exp in enumerate(self._exps):
            evaluated = not (self._finished and self._unevaluated(i))
            detail = "" if evaluated else _(NOT_EVALUATED).format(reason=self._reason(i))
            out.append(Result(exp.label(current_language()), exp.kind, self._status[i], self._at[i], detail,
                              evaluated))
        return out
