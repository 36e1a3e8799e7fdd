"""A chunk of a recording read at once: its frames as one run of columns, the other lines apart.

The recorder's events are found with one search for the text they start with, and the frames between
them read together (`fastframes.read_pieces`), so no Python work is done per frame line: a chunk
becomes one `FrameRun` and a short list of the lines between frames (events, and anything that is not
a frame in the recorder's shape: damage, text, markers), which the reader parses one by one.
"""

from __future__ import annotations

from typing import Any

from leanbot_kit.telemetry.fastframes import FrameRun, read_pieces

_EVENT = b'{"type":"event"'
_NL_EVENT = b"\n" + _EVENT


class Block:
    """What a chunk holds, in file order.

    Read fast: `run` (every frame in the recorder's shape) and `others`, the lines between them as
    (line index in the chunk, frames before it, line); the reader turns these into `entries` (frames
    before them, their valid entries). Read line by line: `run` is None and `entries` are the parts.
    """

    __slots__ = ("run", "others", "lines", "entries")

    def __init__(self, run: FrameRun | None, others: list[tuple[int, int, bytes]], lines: int,
                 entries: list | None = None) -> None:
        self.run, self.others, self.lines = run, others, lines
        self.entries: list = entries if entries is not None else []

    def parts(self) -> list[list[dict[str, Any]] | FrameRun]:
        """Lists of entries and runs of frames (`FrameRun` slices), in file order."""
        run = self.run
        if run is None:
            return self.entries
        parts: list = []
        done = 0
        for at, entries in self.entries:
            if at > done:
                parts.append(run.slice(done, at))
                done = at
            parts.append(entries)
        if done < len(run):
            parts.append(run.slice(done, len(run)) if done else run)
        return parts


def _pieces(text: bytes) -> tuple[list[bytes], list[bytes]]:
    """The texts between event lines (whole lines each, maybe empty) and the event lines."""
    pieces, events = [], []
    start = 0  # where the current piece starts
    while True:
        if text.startswith(_EVENT, start):
            at = start
        else:
            at = text.find(_NL_EVENT, start) + 1
            if not at:
                break
        end = text.index(b"\n", at)
        pieces.append(text[start:at])
        events.append(text[at:end])
        start = end + 1
    pieces.append(text[start:] if start else text)
    return pieces, events


def read_block(text: bytes) -> Block | None:
    """A chunk of whole lines (each with its newline, none too long) read fast; None when its frames
    are not in the recorder's shape, to be read line by line."""
    pieces, events = _pieces(text)
    got = read_pieces(pieces)
    if got is None:
        return None
    run, left = got
    others: list[tuple[int, int, bytes]] = []
    line = frames = 0
    for n, (size, piece_left) in enumerate(left):
        at = 0
        for i, other in piece_left:
            frames += i - at
            others.append((line + i, frames, other))
            at = i + 1
        frames += size - at
        line += size
        if n < len(events):
            others.append((line, frames, events[n]))
            line += 1
    return Block(run, others, line)
