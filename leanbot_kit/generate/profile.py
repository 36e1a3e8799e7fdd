"""The arduino-cli sketch project file (`sketch.yaml`) with the pinned board, core and libraries."""

from __future__ import annotations

FQBN = "arduino:avr:uno"
PROFILE = "leanbot"
# The versions a generated sketch is built with; change them here only.
# The Leanbot library version is our assumption of the current release: `leanbot setup` installs it.
PINNED = {
    "platform": ("arduino:avr", "1.8.6"),
    "libraries": (("Leanbot", "1.0.0"),),
}


def sketch_yaml(lesson_id: str) -> str:
    """The text of `sketch.yaml`: one profile (`leanbot`) that is also the default."""
    core, core_version = PINNED["platform"]
    libraries = "".join(f"      - {name} ({version})\n" for name, version in PINNED["libraries"])
    return (
        "# arduino-cli sketch project file, written by leanbot-kit for lesson "
        f"{lesson_id}.\n"
        "# Build with: arduino-cli compile --profile leanbot\n"
        "profiles:\n"
        f"  {PROFILE}:\n"
        f"    fqbn: {FQBN}\n"
        "    platforms:\n"
        f"      - platform: {core} ({core_version})\n"
        "    libraries:\n"
        f"{libraries}"
        f"default_profile: {PROFILE}\n"
    )
