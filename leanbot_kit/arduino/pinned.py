"""The Arduino core and libraries a Leanbot sketch is built with, and the ATmega328P limits.

The versions live in `leanbot_kit.generate.profile.PINNED` (the generator writes them into each
sketch's `sketch.yaml`); `pinned()` reads them from there so `leanbot setup` installs the same ones.
The constants below are only the fallback when the generator cannot be imported.
"""

from __future__ import annotations

from dataclasses import dataclass

FQBN = "arduino:avr:uno"
PROFILE = "leanbot"
CORE = "arduino:avr"
CORE_VERSION = "1.8.6"
LIBRARIES: tuple[tuple[str, str], ...] = (("Leanbot", "1.0.0"),)
FLASH_LIMIT = 32256  # bytes of program flash on the ATmega328P (32 KB minus the 512 B bootloader)
RAM_LIMIT = 2048  # bytes of SRAM
RAM_RESERVE = 512  # bytes the generated sketch leaves free for the stack (DESIGN.md §6)


def memory_problem(flash: int, ram: int) -> str | None:
    """What makes a compiled sketch too big for the robot, saying by how much (None when it fits).

    Flash holds at most FLASH_LIMIT bytes; the globals must leave RAM_RESERVE of the RAM_LIMIT bytes free
    for the stack (DESIGN.md §6).
    """
    from leanbot_kit.i18n import _

    if flash > FLASH_LIMIT:
        return _("the sketch needs {flash} B of flash, {over} B more than the {limit} B the robot has").format(
            flash=flash, over=flash - FLASH_LIMIT, limit=FLASH_LIMIT)
    if ram > RAM_LIMIT - RAM_RESERVE:
        return _("the globals use {ram} B of RAM, {over} B too many: {need} B of the {limit} B must stay free "
                 "for the stack").format(ram=ram, over=ram - (RAM_LIMIT - RAM_RESERVE), need=RAM_RESERVE,
                                        limit=RAM_LIMIT)
    return None


@dataclass(frozen=True)
class Pins:
    """What a Leanbot build needs: board, core with version, libraries with versions."""

    fqbn: str
    core: str
    core_version: str
    libraries: tuple[tuple[str, str], ...]


def pinned() -> Pins:
    """The pinned versions, taken from the sketch generator when it defines them."""
    try:
        from leanbot_kit.generate.profile import FQBN as fqbn
        from leanbot_kit.generate.profile import PINNED
    except ImportError:  # pragma: no cover - the generator is part of the package
        return Pins(FQBN, CORE, CORE_VERSION, LIBRARIES)
    core, core_version = PINNED["platform"]
    libraries = tuple((str(n), str(v)) for n, v in PINNED["libraries"])
    return Pins(fqbn, str(core), str(core_version), libraries)
