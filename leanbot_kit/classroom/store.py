"""The teacher's recording of one student: batches written in order, missing ones asked for again.

One JSONL file per student (`<sid>.jsonl`), the format of `leanbot monitor --record`, so
`leanbot report` reads it. Batches that arrive early wait (bounded) for the missing ones; a missing batch
is asked for with `resend`; one that never comes becomes a `gap` entry. A teacher that loses the broker
writes `disconnect`/`reconnect` entries (detail `broker`).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO

from leanbot_kit.errors import ClassroomError
from leanbot_kit.i18n import _

RESEND_AFTER_S = 0.5  # a gap this old is asked for again (a batch may just be in flight)
RESEND_EVERY_S = 2.0
GIVE_UP_S = 15.0  # a gap still open after this is written down as a gap
MAX_WAITING = 3000  # batches held back behind a gap, at most


class StudentLog:
    """Writes one student's batches in order to `path` (appending when it exists)."""

    def __init__(self, path: Path | None, resend: Callable[[str, int], None],
                 header: dict[str, Any]) -> None:
        self.path = path
        self._header = header  # written first when the student's own header was never received
        self._headed = False
        self._resend = resend
        self._fh: TextIO | None = None
        self.session: str | None = None
        self.next = 0  # the batch expected next
        self.waiting: dict[int, list[dict[str, Any]]] = {}
        self.gap_since: float | None = None
        self._asked_at = -1e9
        self.host_t = 0.0
        self.gaps = 0
        self.entries = 0
        # a file from an earlier run of the teacher (restarted mid-class): take the stream from where
        # it is now instead of asking for what that run already wrote
        self._resume = path is not None and path.exists() and path.stat().st_size > 0

    def _open(self) -> None:
        if self.path is None or self._fh is not None:
            return
        try:
            self._headed = self.path.exists() and self.path.stat().st_size > 0
            self._fh = open(self.path, "a", encoding="utf-8")  # noqa: SIM115 - closed in close()
        except OSError as e:
            raise ClassroomError(
                _("cannot write the recording {path}: {error}").format(path=self.path, error=e.strerror),
                _("choose a folder you can write to with --record-dir")) from e

    def batch(self, session: str, n: int, entries: list[dict[str, Any]], now: float) -> list[dict]:
        """Take one batch; returns the entries now written (in order), for the live view."""
        if session != self.session:
            if self.session is not None:
                self._write([self._marker("reconnect", "new session")])
            first = n if self._resume and self.session is None else 0
            if first:
                self._write([self._marker("reconnect", "class server restarted")])
            self.session, self.next, self.waiting, self.gap_since = session, first, {}, None
        if n < self.next or n in self.waiting:
            return []  # a duplicate (QoS 1 delivers at least once)
        self.waiting[n] = entries
        out = self._drain()
        if self.waiting and self.gap_since is None:
            self.gap_since = now
        if len(self.waiting) > MAX_WAITING:
            out += self._give_up()
        return out

    def announced(self, session: str, last: int, now: float) -> None:
        """The student says it sent batches up to `last`: a missing tail is a gap too."""
        if session == self.session and last >= self.next and self.gap_since is None:
            self.gap_since = now
        elif self.session is None and last >= 0 and not self._resume:
            self.session, self.gap_since = session, now  # joined late: ask from the start

    def tick(self, now: float) -> list[dict]:
        """Ask again for what is missing; give up on a gap that stays open too long."""
        if self.gap_since is None:
            return []
        age = now - self.gap_since
        if age >= GIVE_UP_S and self.waiting:
            return self._give_up()
        if age >= GIVE_UP_S:
            self.gap_since = None  # a tail that never came: nothing to write yet
            return []
        if age >= RESEND_AFTER_S and now - self._asked_at >= RESEND_EVERY_S and self.session:
            self._asked_at = now
            self._resend(self.session, self.next)
        return []

    def _drain(self) -> list[dict]:
        out: list[dict] = []
        while self.next in self.waiting:
            out += self.waiting.pop(self.next)
            self.next += 1
        if out:
            self._write(out)
        if not self.waiting:
            self.gap_since = None
        return out

    def _give_up(self) -> list[dict]:
        first = min(self.waiting)
        gap = {**self._marker("gap", "batches never arrived"), "from_batch": self.next,
               "to_batch": first - 1}
        self._write([gap])
        self.gaps += 1
        self.next, self.gap_since = first, None
        return [gap, *self._drain()]

    def _marker(self, kind: str, detail: str) -> dict[str, Any]:
        return {"type": kind, "host_t": self.host_t, "robot_t": None, "seq": None, "detail": detail}

    def broker_lost(self, lost: bool) -> None:
        """The teacher lost (True) or found again (False) the broker."""
        if self.session is not None:
            self._write([self._marker("disconnect" if lost else "reconnect", "broker")])

    def _write(self, entries: list[dict[str, Any]]) -> None:
        for e in entries:
            if isinstance(e.get("host_t"), int | float):
                self.host_t = float(e["host_t"])
        self.entries += len(entries)
        if self.path is None:
            return
        self._open()
        assert self._fh is not None
        first, self._headed = not self._headed, True
        if first and (not entries or entries[0].get("type") != "recording"):
            entries = [self._header, *entries]
        entries = [e for i, e in enumerate(entries)
                   if (i == 0 and first) or e.get("type") != "recording"]
        self._fh.write("".join(json.dumps(e, ensure_ascii=False, separators=(",", ":")) + "\n"
                               for e in entries))
        self._fh.flush()

    def close(self) -> None:
        """Write what waits behind a gap (with the gap), then close the file."""
        if self.waiting:
            self._give_up()
        if self._fh is not None:
            self._fh.close()
            self._fh = None
