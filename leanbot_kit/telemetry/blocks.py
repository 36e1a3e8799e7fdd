"""A chunk of a recording read at once: its frames as one run of columns, the other lines apart.

The recorder's events are found with a quick search for the `!` their `raw` starts with, and the
frames between them read together (`fastframes.read_pieces`), so no Python work is done per frame line: a chunk
becomes one `FrameRun` and a short list of the lines between frames (events, and anything that is not
a frame in the recorder's shape: damage, text, markers), which the reader parses one by one.
"""

from __future__ import annotations

from typing import Any

from leanbot_kit.telemetry.fastframes import FrameRun, read_pieces

_EVENT = b'{"type":"event"'


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
    """The texts between event lines (whole lines each, maybe empty) and the event lines.

    Events are found by the `!` their `raw` starts with (a quick search: frames have none); an event
    line without one stays among the frames, and is parsed as one of the lines that are not frames.
    """
    pieces, events = [], []
    start = at = 0  # where the current piece starts, where to look on
    while (bang := text.find(b"!", at)) >= 0:
        line, end = text.rfind(b"\n", 0, bang) + 1, text.index(b"\n", bang)
        if text.startswith(_EVENT, line):
            pieces.append(text[start:line])
            events.append(text[line:end])
            start = end + 1
        at = end + 1
    pieces.append(text[start:] if start else text)
    return pieces, events


def read_block(text: bytes, known: Any = None) -> Block | None:
    """A chunk of whole lines (each with its newline, none too long) read fast; None when its frames
    are not in the recorder's shape, to be read line by line. `known`: the `run.shape` of the block
    read before."""
    pieces, events = _pieces(text)
    got = read_pieces(pieces, known)
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
