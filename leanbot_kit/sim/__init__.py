"""The simulated Leanbot: the real sketch compiled for this computer, in a virtual world.

`simulate()` runs a lesson or sketch and returns a SimRun; `flash_sim()` puts a sketch on a named
simulated robot (`sim://name`); `build_sketch()` builds one (cached). Imported lazily, so that
`import leanbot_kit.sim` stays light.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any


def simulate(source: Any = None, **options: Any) -> Any:
    """Run a lesson YAML, a .ino or a sketch folder; see `leanbot_kit.sim.run.simulate`."""
    from leanbot_kit.sim.run import simulate as run

    return run(source, **options)


def flash_sim(name_or_url: str, sketch_folder: str | Path) -> Any:
    """Build a sketch and make it the program of the simulated robot `sim://name` (returns the Build)."""
    from leanbot_kit.sim.robots import flash_sim as flash

    return flash(name_or_url, sketch_folder)


def build_sketch(sketch: str | Path) -> Any:
    """Build the simulated robot for a sketch folder or .ino (cached); see `leanbot_kit.sim.build`."""
    from leanbot_kit.sim.build import build_sketch as build

    return build(Path(sketch))


__all__ = ["build_sketch", "flash_sim", "simulate"]
