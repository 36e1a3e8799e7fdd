"""Named simulated robots: `sim://robot-name` runs whatever sketch was last flashed to that name."""

from __future__ import annotations

import json
import os
import re
import tempfile
from pathlib import Path

from leanbot_kit.errors import SimError
from leanbot_kit.i18n import _
from leanbot_kit.sim.backend import build_for
from leanbot_kit.sim.build import Build
from leanbot_kit.sim.cache import cache_dir

NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")


def robot_name(name_or_url: str) -> str:
    """The robot name in `sim://name` or `name`; SimError when it is not a valid name."""
    name = name_or_url.removeprefix("sim://").split("?", 1)[0].strip("/")
    if not NAME.fullmatch(name) or name.endswith((".ino", ".yaml", ".yml")):
        raise SimError(_("{name!r} is not a simulated robot name").format(name=name_or_url),
                       _("use letters, digits, '-', '_' or '.', like sim://robot-1"))
    return name


def _record(name: str) -> Path:
    return cache_dir() / "sim" / "robots" / f"{name}.json"


def flash_sim(name_or_url: str, sketch_folder: str | Path, cpu: str | None = None) -> Build:
    """Build a sketch (for `cpu`, default AVR when available) and make it the named robot's program."""
    name = robot_name(name_or_url)
    build = build_for(Path(sketch_folder), cpu)
    record = _record(name)
    record.parent.mkdir(parents=True, exist_ok=True)
    data = {"binary": str(build.binary), "sketch": str(Path(sketch_folder).resolve())}
    fd, tmp = tempfile.mkstemp(prefix=name + ".", dir=record.parent)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(data, fh)
    os.replace(tmp, record)
    return build


def flashed_binary(name: str) -> Path | None:
    """The binary last flashed to robot `name`, or None if nothing was (or it was cleaned away)."""
    try:
        data = json.loads(_record(name).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    binary = Path(data.get("binary", ""))
    return binary if binary.is_file() else None
