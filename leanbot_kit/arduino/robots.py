"""Robot names (`LB` + 6 digits, printed at boot) remembered per port, so tables can show them.

A Leanbot's CH340 has no USB serial number, so a port cannot tell robots apart; the name printed at
boot can. Whoever reads a robot's boot lines (the monitor) calls `remember_robot_id`; `ports` and
`flash` show what was last seen on each port. Reading never blocks and never fails.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from leanbot_kit.arduino.sketches import cache_root

ROBOT_ID = re.compile(r"\bLB\d{6}\b")


def _store() -> Path:
    return cache_root() / "robots.json"


def find_robot_id(text: str) -> str | None:
    """The first `LB123456` name in a line of boot chatter."""
    match = ROBOT_ID.search(text or "")
    return match.group(0) if match else None


def known_robot_ids() -> dict[str, str]:
    """Port (or USB serial number) → robot name last seen there."""
    try:
        data = json.loads(_store().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def remember_robot_id(port: str, robot_id: str) -> None:
    """Record that `robot_id` answered on `port` (best effort: a read-only cache is ignored)."""
    data = known_robot_ids()
    data[port] = robot_id
    try:
        _store().parent.mkdir(parents=True, exist_ok=True)
        _store().write_text(json.dumps(data, indent=2, sort_keys=True), encoding="utf-8")
    except OSError:
        pass
