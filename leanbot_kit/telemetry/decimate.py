"""Frames thinned for drawing, in bounded memory, with every field's minimum and maximum kept exact.

Frames go into buckets of `size` consecutive frames. A bucket keeps, per field, its lowest and
highest value and when each came (and, for `line`, every sensor bit seen); when there are twice
`target` buckets, neighbours merge and the size doubles. So any number of frames becomes at most
2 × target buckets, and no peak or dip is lost: the drawn curve touches every extreme.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Bucket:
    """Consecutive frames: the first time, and per field [min, x of min, max, x of max]."""

    x: float
    fields: dict[str, list[float]] = field(default_factory=dict)
    line_bits: int = 0

    def add(self, x: float, values: dict[str, int]) -> None:
        """Take one frame."""
        for name, v in values.items():
            a = self.fields.get(name)
            if a is None:
                self.fields[name] = [v, x, v, x]
            elif v < a[0]:
                a[0], a[1] = v, x
            elif v > a[2]:
                a[2], a[3] = v, x
        self.line_bits |= values.get("line", 0)

    def merge(self, other: Bucket) -> None:
        """Take the frames of the bucket that follows this one."""
        for name, b in other.fields.items():
            a = self.fields.get(name)
            if a is None:
                self.fields[name] = b
                continue
            if b[0] < a[0]:
                a[0], a[1] = b[0], b[1]
            if b[2] > a[2]:
                a[2], a[3] = b[2], b[3]
        self.line_bits |= other.line_bits


class Decimator:
    """Frames in, at most 2 × `target` buckets kept."""

    def __init__(self, target: int = 1500) -> None:
        self.target = target
        self.size = 1
        self.buckets: list[Bucket] = []
        self._filled = 0
        self.frames = 0

    def add(self, x: float, values: dict[str, int]) -> None:
        """Take one frame at time `x`."""
        if not self.buckets or self._filled >= self.size:
            if len(self.buckets) >= 2 * self.target:
                self._halve()
            self.buckets.append(Bucket(x))
            self._filled = 0
        self.buckets[-1].add(x, values)
        self._filled += 1
        self.frames += 1

    def _halve(self) -> None:
        merged = []
        for i in range(0, len(self.buckets) - 1, 2):
            self.buckets[i].merge(self.buckets[i + 1])
            merged.append(self.buckets[i])
        if len(self.buckets) % 2:
            merged.append(self.buckets[-1])
        self.buckets = merged
        self.size *= 2

    def names(self) -> list[str]:
        """Every field seen, in the order first seen."""
        return list(dict.fromkeys(n for b in self.buckets for n in b.fields))

    def points(self, name: str) -> tuple[list[float], list[float]]:
        """The x and y to draw for `name`: each bucket's min and max, in time order."""
        xs: list[float] = []
        ys: list[float] = []
        for b in self.buckets:
            a = b.fields.get(name)
            if a is None:
                continue
            pairs = ((a[1], a[0]), (a[3], a[2])) if a[1] <= a[3] else ((a[3], a[2]), (a[1], a[0]))
            for x, y in pairs if a[1] != a[3] else pairs[:1]:
                xs.append(x)
                ys.append(y)
        return xs, ys
