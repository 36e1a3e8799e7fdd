"""What the student's laptop knows about its robot, as the class contract reports it in `status`."""

from __future__ import annotations

import time
from typing import Any

from leanbot_kit.classroom import contract

ROBOT_QUIET_S = 3.0  # no frame for this long: the robot's link is `waiting`


class RobotView:
    """Fed with the monitor session's updates; gives the status fields and says what changed."""

    def __init__(self) -> None:
        self.step: int | None = None
        self.robot_id: str | None = None
        self.port_status = "waiting"
        self.stats: Any = None
        self.results: tuple = ()
        self.last_cmd: str | None = None
        self._last_frame = -1e9

    def update(self, update: Any) -> list[Any]:
        """Take one session update; returns its `end` events (to tell the student)."""
        from leanbot_kit.telemetry.protocol import Event, Frame

        self.stats, self.results = update.stats, update.results or self.results
        ends = []
        for msg in update.messages:
            if isinstance(msg, Frame):
                self._last_frame = time.monotonic()
            elif isinstance(msg, Event) and msg.kind == "step" and msg.args:
                self.step = msg.args[0] if isinstance(msg.args[0], int) else self.step
            elif isinstance(msg, Event) and msg.kind == "end":
                ends.append(msg)
        if update.status is not None:
            self.port_status = update.status
        return ends

    def link(self) -> str:
        """`lost` when the port went away, `waiting` without recent frames, else `ok`."""
        if self.port_status in ("waiting", "failed", "closed"):
            return contract.LINK_LOST
        quiet = time.monotonic() - self._last_frame > ROBOT_QUIET_S
        return contract.LINK_WAITING if quiet else contract.LINK_OK

    def key(self) -> tuple:
        """What, when it changes, is worth a status message at once."""
        return self.link(), self.step, tuple(r.status for r in self.results)

    def status(self, session: str, batch: int, backlog: int) -> bytes:
        """The `status` payload."""
        stats = self.stats
        goals = [{"name": r.name, "state": r.status, "at_ms": r.at_ms} for r in self.results]
        return contract.status_payload(
            link=self.link(), session=session, batch=batch,
            frames=stats.frames if stats else 0, corrupt=stats.corrupt if stats else 0,
            lost=stats.lost if stats else 0, step=self.step, goals=goals, backlog=backlog,
            last_cmd=self.last_cmd)
