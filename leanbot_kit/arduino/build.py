"""Compile a lesson or sketch with arduino-cli once per content hash, into the user cache.

The key covers the sketch files, the board (FQBN or profile), the installed core and library versions
and the arduino-cli version, so a warm build never runs `arduino-cli compile`, and a cached binary is
never stale. A build is published (renamed into `builds/<key>/`) only after it succeeded and fits.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from leanbot_kit.arduino import advice, parse
from leanbot_kit.arduino.cli_runner import ArduinoCli
from leanbot_kit.arduino.compile_errors import compile_failure
from leanbot_kit.arduino.pinned import (
    FLASH_LIMIT,
    PROFILE,
    RAM_LIMIT,
    RAM_RESERVE,
    memory_problem,
    pinned,
)
from leanbot_kit.arduino.sketches import (
    SketchSource,
    cache_root,
    profile_fqbn,
    resolve_source,
    sketch_files,
)
from leanbot_kit.files import SKETCH_BYTES, read_input
from leanbot_kit.i18n import _

META = "build.json"


@dataclass(frozen=True)
class BuildResult:
    """A compiled sketch in the cache: where the .hex is, how big it is, and whether it was cached."""

    hex_dir: Path
    flash_bytes: int
    ram_bytes: int
    cached: bool
    fqbn: str
    profile: str | None
    key: str
    sketch_folder: Path
    lesson_path: Path | None = None
    cli_version: str = ""
    warnings: tuple[str, ...] = ()
    flash_limit: int = FLASH_LIMIT
    ram_limit: int = RAM_LIMIT

    def to_json(self) -> dict:
        """A JSON-ready view (paths as text)."""
        return {"hex_dir": str(self.hex_dir), "flash_bytes": self.flash_bytes,
                "flash_limit": self.flash_limit, "ram_bytes": self.ram_bytes,
                "ram_limit": self.ram_limit, "cached": self.cached, "fqbn": self.fqbn,
                "profile": self.profile, "key": self.key, "sketch": str(self.sketch_folder),
                "lesson": str(self.lesson_path) if self.lesson_path else None,
                "arduino_cli": self.cli_version, "warnings": list(self.warnings)}


def build_sketch(source: str | Path | SketchSource, *, fqbn: str | None = None,
                 profile: bool = True, cli: ArduinoCli | None = None) -> BuildResult:
    """Compile `source` (lesson YAML, sketch folder or .ino) unless an identical build is cached."""
    src = source if isinstance(source, SketchSource) else resolve_source(source)
    cli = cli or ArduinoCli()
    version, cores, libraries = cli.inventory()
    use_profile = (PROFILE if profile and fqbn is None and version.supports_profiles
                   and profile_fqbn(src.folder, PROFILE) else None)
    target = fqbn or (profile_fqbn(src.folder, PROFILE) if use_profile else None) or pinned().fqbn
    key = build_key(src, target, use_profile, cores, libraries, version.text)
    final = cache_root() / "builds" / key
    cached = _load(final, src, cached=True)
    if cached is not None:
        return cached
    return _compile(cli, src, target, use_profile, key, final)


def build_key(src: SketchSource, fqbn: str, profile: str | None, cores: dict[str, str],
              libraries: dict[str, str], cli_version: str) -> str:
    """The content hash naming a build: sketch files, board, core/library versions, arduino-cli."""
    digest = hashlib.sha256()
    for path in sketch_files(src.folder):
        digest.update(path.relative_to(src.folder).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(read_input(path, SKETCH_BYTES)).digest())
    setting = {"fqbn": fqbn, "profile": profile, "cores": sorted(cores.items()),
               "libraries": sorted(libraries.items()), "arduino_cli": cli_version}
    digest.update(json.dumps(setting, sort_keys=True).encode())
    return digest.hexdigest()[:32]


def _compile(cli: ArduinoCli, src: SketchSource, fqbn: str, profile: str | None, key: str,
             final: Path) -> BuildResult:
    final.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{key[:8]}-", dir=final.parent))
    try:
        out = cli.compile(str(src.folder), fqbn=fqbn, profile=profile, output_dir=str(staging))
        if not out.success:
            command = ["compile", "--profile" if profile else "--fqbn", profile or fqbn,
                       str(src.folder)]
            raise compile_failure(out, src, [*cli.command, *command], 1, fqbn)
        meta = _check(out, src, fqbn, profile, key, cli.version.text, staging)
        (staging / META).write_text(json.dumps(meta, indent=2), encoding="utf-8")
        _publish(staging, final)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    result = _load(final, src, cached=False)
    assert result is not None  # just published
    return result


def _check(out: parse.CompileOutput, src: SketchSource, fqbn: str, profile: str | None, key: str,
           version: str, staging: Path) -> dict:
    flash, ram = out.flash_bytes or 0, out.ram_bytes or 0
    command = ["compile", str(src.folder)]
    if flash > FLASH_LIMIT or ram > RAM_LIMIT:
        err = advice.advise("Sketch too big" if flash > FLASH_LIMIT else "Not enough memory",
                            command=command, returncode=None, stderr="")
        err.message = memory_problem(flash, ram) or err.message  # the same advice, saying by how much
        err.args = (err.message,)
        raise err
    if not list(staging.glob("*.ino.hex")):
        raise advice.advise("Compiled sketch not found", command=command, returncode=None,
                            stderr=out.compiler_err)
    warnings = []
    if ram > RAM_LIMIT - RAM_RESERVE:
        warnings.append(_("only {free} bytes of RAM are left for the stack; keep at least {need}")
                        .format(free=RAM_LIMIT - ram, need=RAM_RESERVE))
    return {"flash_bytes": flash, "ram_bytes": ram, "fqbn": fqbn, "profile": profile, "key": key,
            "arduino_cli": version, "warnings": warnings, "sketch": str(src.folder)}


def _publish(staging: Path, final: Path) -> None:
    if final.exists() and not (final / META).is_file():  # left over from an interrupted build
        shutil.rmtree(final, ignore_errors=True)
    try:
        os.replace(staging, final)
    except OSError:
        if not (final / META).is_file():  # another build of the same key won the race otherwise
            raise


def _load(final: Path, src: SketchSource, *, cached: bool) -> BuildResult | None:
    try:
        meta = json.loads((final / META).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not list(final.glob("*.ino.hex")):
        return None
    return BuildResult(final, int(meta["flash_bytes"]), int(meta["ram_bytes"]), cached,
                       meta["fqbn"], meta.get("profile"), meta["key"], src.folder, src.lesson_path,
                       meta.get("arduino_cli", ""), tuple(meta.get("warnings", [])))
