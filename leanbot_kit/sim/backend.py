"""Which CPU runs the sketch: `avr` (the robot's chip, emulated) or `native` (this computer).

AVR is the default whenever an AVR compiler and the Arduino AVR core are found; without them the
native backend runs, and callers may tell the user what differs (`NATIVE_DIFFERENCES`).
"""

from __future__ import annotations

from pathlib import Path

from leanbot_kit.errors import SimError
from leanbot_kit.i18n import N_, _
from leanbot_kit.sim.build import Build, build_sketch

CPUS = ("avr", "native")
NATIVE_DIFFERENCES = N_("no AVR compiler found: the sketch runs on this computer's CPU, where int is "
                        "32 bits (16 on the robot) and RAM is not limited to 2048 bytes")


def resolve_cpu(cpu: str | None, sanitize: bool = False) -> str:
    """`avr` or `native`: the one asked for, else AVR when its toolchain is there."""
    from leanbot_kit.sim.avr_toolchain import current_avr_toolchain

    if cpu is not None and cpu not in CPUS:
        raise SimError(_("unknown CPU {cpu!r}").format(cpu=cpu), _("use --cpu avr or --cpu native"))
    if sanitize:
        if cpu == "avr":
            raise SimError(_("--sanitize checks a native build"),
                           _("the AVR backend checks memory by itself; drop --sanitize or use --cpu native"))
        return "native"
    if cpu is None:
        return "avr" if current_avr_toolchain() is not None else "native"
    return cpu


def falls_back() -> bool:
    """True when no `--cpu` given would run natively (no AVR toolchain on this computer)."""
    return resolve_cpu(None) == "native"


def build_for(sketch: Path, cpu: str | None = None, sanitize: bool = False) -> Build:
    """Build a sketch folder or .ino for the chosen CPU (cached)."""
    if resolve_cpu(cpu, sanitize) == "avr":
        from leanbot_kit.sim.avr_sketch import build_avr_sketch

        return build_avr_sketch(Path(sketch))
    return build_sketch(Path(sketch), sanitize=sanitize)
