"""Build a sketch for the AVR backend: compile, link, check it fits, and make the robot program.

The program the Python side starts is the simulator's host (avrhost/, one per toolchain) linked —
as a hard link, else a copy — under a per-sketch name; beside it `<name>.avr` tells the host which
HEX to load and the ELF facts it needs (RAM layout, symbols). So every caller that starts
`build.binary <run-config>` runs the AVR backend without knowing it.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from leanbot_kit.errors import SimError
from leanbot_kit.i18n import _
from leanbot_kit.sim.avr_arduino import (
    AVRLIB_DIR,
    LINK_FLAGS,
    build_core,
    cache_programs,
    check_fits,
    program_of,
    run_tool,
)
from leanbot_kit.sim.avr_arduino import _command as compile_command
from leanbot_kit.sim.avr_arduino import _hash as content_hash
from leanbot_kit.sim.avr_toolchain import AvrToolchain, require_avr_toolchain
from leanbot_kit.sim.build import Build, _locate, _trim
from leanbot_kit.sim.cache import cache_dir, flashed_binaries
from leanbot_kit.sim.preprocess import preprocess_sketch

NO_OS = "does not exist on the robot"


def build_avr_sketch(sketch: Path, toolchain: AvrToolchain | None = None) -> Build:
    """Build the AVR robot program for a sketch folder or .ino file (cached by content)."""
    from leanbot_kit.sim.avr_host import build_host

    tc = toolchain or require_avr_toolchain()
    where = _locate(sketch)
    core, core_cached = build_core(tc)
    host, host_cached = build_host()
    source = preprocess_sketch(where.folder, where.main, where.standalone)
    key = content_hash(source.replace(str(where.folder), "<sketch>"), core.parent.name, host.parent.name,
                       " ".join(LINK_FLAGS), *where.inputs())
    folder = cache_dir() / "sim" / "avr-bin" / f"{where.name}-{key}"
    robot = folder / "robot"
    if (folder / "robot.avr").is_file() and robot.is_file():
        return Build(robot, True, core_cached and host_cached, key, "avr")
    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=folder.name + ".tmp-", dir=folder.parent))
    try:
        elf = _compile_and_link(tc, where, source, core, tmp)
        program = program_of(tc, elf, False)
        check_fits(program, where.name)
        _write_facts(tmp / "robot.avr", program)
        _link_host(host, tmp / "robot")
        _publish(tmp, folder)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    cache_programs({p.parent for p in flashed_binaries()})
    return Build(robot, False, core_cached and host_cached, key, "avr")


def _compile_and_link(tc: AvrToolchain, where, source: str, core: Path, tmp: Path) -> Path:
    cpp = tmp / f"{where.name}.ino.cpp"
    cpp.write_text(source, encoding="utf-8")
    extra = (f"-I{where.folder}", "-include", str(AVRLIB_DIR / "leanbot_sim_avr.h"))
    units = [cpp, *where.units()]
    objs = [tmp / f"{i}.o" for i in range(len(units))]
    errors = [e for e in (run_tool(compile_command(tc, u, o, extra)) for u, o in zip(units, objs, strict=False)) if e]
    if errors:
        text = "\n".join(errors)
        hint = _("the robot has no operating system: system(), fopen(), fork() and the like do not "
                 "exist on it") if NO_OS in text else \
            _("fix the first error shown (file:line names the .ino); the sketch must compile for "
              "the Arduino too")
        raise SimError(_("the sketch {name} does not compile:\n{errors}").format(
            name=where.name, errors=_trim(text)), hint)
    elf = tmp / "robot.elf"
    link = [tc.tool("avr-gcc"), *LINK_FLAGS, "-o", str(elf), *map(str, objs), str(core), "-lm"]
    error = run_tool(link)
    # Too big for the chip: link anyway to measure, and say how much it uses (as arduino-cli does).
    if error and "region" in error and (run_tool([*link, "-Wl,--noinhibit-exec"]) is None
                                        or elf.is_file()):
        check_fits(program_of(tc, elf, False), where.name)
    if error:
        raise SimError(_("the sketch {name} does not link:\n{errors}").format(
            name=where.name, errors=_trim(error)),
            _("a function the sketch calls is declared but never defined, or the robot does not "
              "have it"))
    error = run_tool([tc.tool("avr-objcopy"), "-O", "ihex", "-R", ".eeprom", str(elf),
                      str(elf.with_suffix(".hex"))])
    if error:
        raise SimError(_("avr-objcopy failed:\n{errors}").format(errors=_trim(error)),
                       _("reinstall binutils-avr"))
    return elf


def _write_facts(path: Path, program) -> None:
    """The `.avr` file the host reads: program file, sizes and the symbols it needs."""
    from leanbot_kit.sim.avr_elf import host_symbols

    lines = ["hex robot.hex", "elf robot.elf", f"flash {program.flash}", f"data {program.data}",
             f"bss {program.bss}"]
    lines += [f"sym {name} {addr}" for name, addr in host_symbols(program.elf).items()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _link_host(host: Path, robot: Path) -> None:
    try:
        os.link(host, robot)
    except OSError:
        shutil.copy2(host, robot)


def _publish(tmp: Path, folder: Path) -> None:
    try:
        os.rename(tmp, folder)
    except OSError:
        if not (folder / "robot.avr").is_file():
            shutil.rmtree(folder, ignore_errors=True)
            os.rename(tmp, folder)


def program_facts(build: Build) -> dict[str, str]:
    """The facts file of an AVR build as a dict (empty for a native build)."""
    facts = build.binary.with_name("robot.avr")
    if build.binary.name != "robot" or not facts.is_file():
        return {}
    out: dict[str, str] = {}
    for line in facts.read_text(encoding="utf-8").splitlines():
        key, _sep, value = line.partition(" ")
        out.setdefault(key, value)
    return out
