"""What the ELF of an AVR build tells: symbol addresses, the function and `.ino` line of an address.

Data addresses in an AVR ELF carry the 0x800000 offset of the data space; they are given here as
the chip's data-space addresses. Program addresses are byte addresses.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

DATA_OFFSET = 0x800000
HOST_SYMBOLS = ("__data_start", "__data_end", "__bss_start", "__bss_end", "__heap_start",
                "__brkval", "timer0_millis", "timer0_overflow_count", "timer0_fract")


@lru_cache(maxsize=16)
def _symbols(elf: Path, mtime: float) -> tuple[dict[str, int], tuple[tuple[int, int, str], ...]]:
    from elftools.elf.elffile import ELFFile

    names: dict[str, int] = {}
    funcs: list[tuple[int, int, str]] = []
    with open(elf, "rb") as fh:
        table = ELFFile(fh).get_section_by_name(".symtab")
        for sym in table.iter_symbols() if table is not None else []:
            value = sym["st_value"]
            if sym.name:
                names.setdefault(sym.name, value)
            if sym["st_info"]["type"] == "STT_FUNC" and sym["st_size"] > 0:
                funcs.append((value, value + sym["st_size"], sym.name))
    return names, tuple(sorted(funcs))


def symbols(elf: Path) -> dict[str, int]:
    """Every named symbol of the ELF and its address (data ones with the 0x800000 offset)."""
    return _symbols(Path(elf), Path(elf).stat().st_mtime)[0]


def host_symbols(elf: Path) -> dict[str, int]:
    """The symbols the simulator's host needs (RAM layout, millis counters), data-space addresses."""
    found = symbols(elf)
    return {name: found[name] - DATA_OFFSET for name in HOST_SYMBOLS
            if name in found and found[name] >= DATA_OFFSET}


def demangle(name: str) -> str:
    """A C++ symbol name as the sketch wrote it (`loop()`, `fill(int)`); others unchanged."""
    import subprocess

    if not name.startswith("_Z"):
        return name
    try:
        done = subprocess.run(["avr-c++filt", name], capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return name
    return done.stdout.strip() or name


def function_at(elf: Path, pc: int) -> str | None:
    """The name of the function containing program address `pc`, or None."""
    for start, end, name in _symbols(Path(elf), Path(elf).stat().st_mtime)[1]:
        if start <= pc < end:
            return demangle(name)
    return None


@lru_cache(maxsize=8)
def _line_table(elf: Path, mtime: float) -> tuple[tuple[int, str, int], ...]:
    from elftools.elf.elffile import ELFFile

    rows: list[tuple[int, str, int]] = []
    with open(elf, "rb") as fh:
        dwarf = ELFFile(fh).get_dwarf_info() if ELFFile(fh).has_dwarf_info() else None
        for cu in dwarf.iter_CUs() if dwarf is not None else []:
            program = dwarf.line_program_for_CU(cu)
            if program is None:
                continue
            files = program["file_entry"]
            dirs = program["include_directory"]
            for entry in program.get_entries():
                state = entry.state
                if state is None or state.end_sequence or not 0 < state.file <= len(files):
                    continue
                fe = files[state.file - 1]
                name = fe.name.decode(errors="replace")
                if fe.dir_index and fe.dir_index <= len(dirs) and not name.startswith("/"):
                    name = f"{dirs[fe.dir_index - 1].decode(errors='replace')}/{name}"
                rows.append((state.address, name, state.line))
    return tuple(sorted(rows))


def line_at(elf: Path, pc: int, prefer: str = ".ino") -> tuple[str, int] | None:
    """The source file and line of program address `pc` (the nearest row at or before it)."""
    import bisect

    rows = _line_table(Path(elf), Path(elf).stat().st_mtime)
    i = bisect.bisect_right(rows, (pc, "\uffff", 1 << 30)) - 1
    if i < 0:
        return None
    return rows[i][1], rows[i][2]

