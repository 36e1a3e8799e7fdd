"""The student's numbered telemetry batches: queued while the broker is away, kept for `resend`.

Batches are numbered from 0 per session and never renumbered, so the teacher writes them in order and
sees any hole. A batch waits in the queue until the link takes it (at most `window` in flight: paho
resends those itself after a reconnect, QoS 1) and is kept after its PUBACK for the teacher's `resend`.
While nothing can be sent, new entries go into the last queued batch (up to `BATCH_ENTRIES_MAX` entries
or `BATCH_BYTES_MAX` bytes), so a long outage makes few large batches rather than many small ones.

The queue is bounded (`QUEUE_ENTRIES_MAX` entries, ≈ 80 minutes of a 20 Hz lesson): when it is full the
oldest queued batch gives up its entries and keeps one `gap` entry saying how many were dropped, so the
loss is never silent. The local recording (`--record`) keeps everything regardless.
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict, deque
from dataclasses import dataclass, field
from typing import Any

from leanbot_kit.classroom import contract

QUEUE_ENTRIES_MAX = 100_000  # entries waiting to be sent, at most (≈ 15 MB)
BATCH_ENTRIES_MAX = 500  # entries of one batch, at most
BATCH_BYTES_MAX = 128 * 1024  # bytes of one batch's entries, at most (MAX_PAYLOAD is 256 KiB)
GAP_DETAIL = "student queue full"


@dataclass
class Batch:
    """One numbered batch: its entries, their JSON size, and whether it holds a gap marker."""

    number: int
    entries: list[dict[str, Any]] = field(default_factory=list)
    size: int = 0
    gap: bool = False


class Backlog:
    """Thread-safe: the session thread adds entries, paho's thread acknowledges, the loop sends."""

    def __init__(self, session: str, *, queue_max: int = QUEUE_ENTRIES_MAX,
                 keep: int = contract.RESEND_KEEP) -> None:
        self.session = session
        self._queue: deque[Batch] = deque()  # not yet handed to the link
        self._flight: OrderedDict[int, bytes] = OrderedDict()  # handed over, no PUBACK yet
        self._kept: OrderedDict[int, bytes] = OrderedDict()  # acknowledged, kept for resend
        self.queue_max, self._keep = queue_max, keep
        self._queued_entries = 0
        self._next = 0
        self._sealed = True  # the last queued batch takes no more entries
        self._lock = threading.Lock()
        self.dropped = 0  # entries given up because the queue was full
        self.acked = -1  # the highest batch number acknowledged by the broker

    # --- filling -----------------------------------------------------------------------------------

    def add(self, entries: list[dict[str, Any]]) -> int:
        """Queue `entries` (in order); returns how many were dropped to keep the bound (0 normally)."""
        if not entries:
            return 0
        with self._lock:
            for entry in entries:
                self._add_one(entry, len(json.dumps(entry, ensure_ascii=False)))
            return self._enforce_bound()

    def seal(self) -> None:
        """Close the batch being filled: the next entries start a new batch (every ~100 ms online)."""
        with self._lock:
            self._sealed = True

    def _add_one(self, entry: dict[str, Any], size: int) -> None:
        last = self._queue[-1] if self._queue else None
        if (last is None or self._sealed or last.gap or len(last.entries) >= BATCH_ENTRIES_MAX
                or last.size + size > BATCH_BYTES_MAX):
            last = Batch(self._next)
            self._next += 1
            self._queue.append(last)
            self._sealed = False
        last.entries.append(entry)
        last.size += size
        self._queued_entries += 1

    def _enforce_bound(self) -> int:
        dropped = 0
        for batch in self._queue:
            if self._queued_entries <= self.queue_max:
                break
            if batch.gap or batch is self._queue[-1]:
                continue
            dropped += len(batch.entries)
            self._queued_entries -= len(batch.entries) - 1
            first = batch.entries[0]
            batch.entries = [{"type": "gap", "host_t": first.get("host_t"), "robot_t": None,
                              "seq": None, "detail": GAP_DETAIL, "dropped": len(batch.entries)}]
            batch.size, batch.gap = 0, True
        self.dropped += dropped
        return dropped

    # --- sending -----------------------------------------------------------------------------------

    def take(self, window: int) -> list[tuple[int, bytes]]:
        """Batches to publish now, oldest first, keeping at most `window` in flight."""
        out: list[tuple[int, bytes]] = []
        with self._lock:
            while self._queue and len(self._flight) < window:
                batch = self._queue.popleft()
                if not self._queue:
                    self._sealed = True  # never add to a batch that is on its way
                self._queued_entries -= len(batch.entries)
                payload = contract.batch_payload(self.session, batch.number, batch.entries)
                self._flight[batch.number] = payload
                out.append((batch.number, payload))
        return out

    def delivered(self, number: int) -> None:
        """The broker acknowledged batch `number` (PUBACK)."""
        with self._lock:
            payload = self._flight.pop(number, None)
            if payload is None:
                return
            self._kept[number] = payload
            while len(self._kept) > self._keep:
                self._kept.popitem(last=False)
            self.acked = max(self.acked, number)

    def resend(self, first: int) -> list[tuple[int, bytes]]:
        """The acknowledged batches from `first` on that are still kept (the teacher missed them)."""
        with self._lock:
            return [(n, p) for n, p in self._kept.items() if n >= first]

    # --- figures -----------------------------------------------------------------------------------

    @property
    def waiting(self) -> int:
        """Batches not acknowledged yet (queued or in flight)."""
        with self._lock:
            return len(self._queue) + len(self._flight)

    @property
    def queued_entries(self) -> int:
        """Entries waiting in the queue (not yet handed to the link)."""
        with self._lock:
            return self._queued_entries
