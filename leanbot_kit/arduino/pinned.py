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
