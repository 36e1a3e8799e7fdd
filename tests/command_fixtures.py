"""Small lessons for the host → robot command tests: a robot that drives until told to stop."""

from __future__ import annotations

import time
from pathlib import Path

from leanbot_kit.telemetry.protocol import Event, Parser

DRIVE = """format: leanbot-lesson/1
id: {id}
title: Drive until stopped
telemetry: {{rate_hz: 20, fields: [dist_mm, vl, vr]}}
program:
  start: {start}
  steps:
    - run: {{left: 800, right: 800}}
    - forever:
      steps:
        - wait: 100ms
sim:
  world: {world}
  duration: 60s
expect:
  - {{within: 3s, that: "dist_mm >= 20", name: "drives"}}
"""


def drive_lesson(folder: Path, lesson_id: str = "drive", start: str = "now") -> Path:
    """A lesson that runs the wheels forever (start: `now` or a touch like `touch(TB1A, TB1B)`),
    written as `folder/lesson/<id>.yaml` with its world in `folder/worlds/`, as a teacher keeps them."""
    world = Path(__file__).resolve().parents[1] / "worlds" / "empty.yaml"
    (folder / "worlds").mkdir(parents=True, exist_ok=True)
    (folder / "worlds" / "empty.yaml").write_bytes(world.read_bytes())
    path = folder / "lesson" / f"{lesson_id}.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(DRIVE.format(id=lesson_id, start=start, world="../worlds/empty.yaml"),
                    encoding="utf-8")
    return path


def read_messages(port, parser: Parser, until, limit_s: float = 20.0) -> list:
    """Parse what the port sends until `until(message)` is true or `limit_s` real seconds pass."""
    out: list = []
    end = time.monotonic() + limit_s
    while time.monotonic() < end:
        for msg in parser.feed(port.read(port.in_waiting or 1)):
            out.append(msg)
            if until(msg):
                return out
    return out


def is_event(kind: str):
    """A predicate: the message is an event of `kind`."""
    return lambda msg: isinstance(msg, Event) and msg.kind == kind
