"""Build the simulated robot: the runtime once per compiler, each sketch once per content (cached).

The only module that compiles the simulator. Builds go into a temporary name and are renamed into
place, so two processes building the same thing at once both end with a complete binary.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import signal
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from leanbot_kit.errors import SimError
from leanbot_kit.files import SKETCH_BYTES, read_input
from leanbot_kit.i18n import _
from leanbot_kit.resources import templates_dir
from leanbot_kit.sim.cache import cache_dir, flashed_binaries, prune
from leanbot_kit.sim.compiler import Compiler, current_compiler
from leanbot_kit.sim.preprocess import preprocess_sketch

RUNTIME_DIR = Path(__file__).resolve().parent / "runtime"
FLAGS = ("-std=gnu++17", "-O2", "-g0", "-DLEANBOT_SIM=1")
# A checking build: out-of-bounds accesses and undefined behaviour stop the sketch with a report.
SANITIZE = ("-fsanitize=address,undefined", "-fno-sanitize-recover=all", "-fno-omit-frame-pointer", "-g")
JOBS = 2
COMPILE_TIMEOUT_S = 300  # per file: a sketch that makes the compiler loop (templates) is stopped
KEEP_BINARIES = 300  # ~100 KB each; older ones are deleted after a new build
KEEP_RUNTIMES = 4
EXE = ".exe" if os.name == "nt" else ""
_MAX_ERROR_LINES = 30


@dataclass(frozen=True)
class Build:
    """A built robot binary; `cached` is True when nothing had to be compiled."""

    binary: Path
    cached: bool
    runtime_cached: bool
    key: str
    cpu: str = "native"  # or "avr": the binary is then the AVR backend's host for this program


def _includes() -> list[str]:
    return [f"-I{RUNTIME_DIR}", f"-I{templates_dir() / 'api'}", f"-I{templates_dir()}"]


def _hash(*parts: bytes | str) -> str:
    h = hashlib.sha256()
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()[:24]


def _runtime_sources() -> list[Path]:
    files = sorted(p for p in RUNTIME_DIR.rglob("*") if p.suffix in (".h", ".cpp"))
    if not any(p.suffix == ".cpp" for p in files):
        raise SimError(_("the simulator runtime is missing from {dir}").format(dir=RUNTIME_DIR),
                       _("reinstall leanbot-kit"))
    api = sorted((templates_dir() / "api").glob("*.h"))
    return files + api


def _extra(sanitize: bool) -> list[str]:
    return list(SANITIZE) if sanitize else []


def runtime_key(compiler: Compiler, sanitize: bool = False) -> str:
    """The cache key of the compiled runtime: its sources, the compiler and the flags."""
    parts = [compiler.identity, " ".join((*FLAGS, *_extra(sanitize)))]
    for path in _runtime_sources():
        parts += [f"{path.parent.name}/{path.name}", path.read_bytes()]
    return _hash(*parts)


def _run_limited(cmd: list[str]) -> tuple[int, str]:
    """Run the compiler with a time limit (killing every process it started); (status, messages)."""
    try:
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                errors="replace", start_new_session=os.name != "nt")
    except OSError as exc:
        return -1, str(exc)
    try:
        out, _err = proc.communicate(timeout=COMPILE_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        if os.name != "nt":
            with contextlib.suppress(OSError):
                os.killpg(proc.pid, signal.SIGKILL)
        proc.kill()
        proc.communicate()
        return -1, _("the compiler was stopped after {s} s: {file}").format(
            s=COMPILE_TIMEOUT_S, file=cmd[-3] if "-c" in cmd else cmd[-1])
    return proc.returncode, out or ""


def _compile(compiler: Compiler, source: Path, obj: Path, extra: list[str]) -> str | None:
    """Compile one translation unit; the compiler's messages on failure, else None."""
    cmd = [*compiler.command, *FLAGS, *_includes(), *extra, "-c", str(source), "-o", str(obj)]
    code, messages = _run_limited(cmd)
    return None if code == 0 else (messages or "?")


def _parallel(jobs: list[tuple[Compiler, Path, Path, list[str]]]) -> list[str]:
    with ThreadPoolExecutor(max_workers=JOBS) as pool:
        return [err for err in pool.map(lambda job: _compile(*job), jobs) if err]


def build_runtime(compiler: Compiler | None = None, sanitize: bool = False) -> tuple[Path, bool]:
    """The folder of the runtime's object files (compiled now unless cached) and whether it was cached."""
    compiler = compiler or current_compiler()
    if sanitize:
        check_sanitizer(compiler)
    final = cache_dir() / "sim" / "runtime" / runtime_key(compiler, sanitize)
    if (final / "ok").is_file():
        return final, True
    final.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=final.name + ".tmp-", dir=final.parent))
    try:
        sources = sorted(RUNTIME_DIR.glob("*.cpp"))
        errors = _parallel([(compiler, s, tmp / (s.stem + ".o"), _extra(sanitize)) for s in sources])
        if errors:
            raise SimError(_("the simulator runtime does not compile with {cc}:\n{errors}").format(
                cc=" ".join(compiler.command), errors=_trim("\n".join(errors))),
                _("set CXX to another C++17 compiler (g++ ≥ 9 or clang++ ≥ 10)"))
        (tmp / "ok").write_text(compiler.identity)
        _publish_dir(tmp, final)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    prune([p for p in final.parent.iterdir() if (p / "ok").is_file()], KEEP_RUNTIMES)
    return final, False


def _publish_dir(tmp: Path, final: Path) -> None:
    try:
        os.rename(tmp, final)
    except OSError:
        if not (final / "ok").is_file():  # neither ours nor a finished one from another process
            shutil.rmtree(final, ignore_errors=True)
            os.rename(tmp, final)


CODE = (".ino", ".h", ".hpp", ".c", ".cpp", ".tpp", ".ipp")


@dataclass(frozen=True)
class _Sketch:
    """Where a sketch is: its folder, name, main tab, and whether the .ino stands on its own."""

    folder: Path
    name: str
    main: Path | None
    standalone: bool

    def inputs(self) -> list[str | bytes]:
        """Every file that goes into the build: names and contents."""
        if self.standalone:
            files = [self.main, *(p for p in self.folder.glob("*") if p.suffix in (".h", ".hpp"))]
        else:
            files = [p for p in self.folder.glob("*") if p.suffix in CODE]
            files += [p for p in (self.folder / "src").rglob("*") if p.suffix in CODE]
        parts: list[str | bytes] = []
        for path in sorted(p for p in files if p.is_file()):
            parts += [str(path.relative_to(self.folder)), read_input(path, SKETCH_BYTES)]
        return parts

    def units(self) -> list[Path]:
        """The sketch's own .cpp files, compiled next to the .ino (none for a lone .ino)."""
        return [] if self.standalone else sorted(self.folder.glob("*.cpp"))


@lru_cache(maxsize=1)
def _preprocessor_identity() -> bytes:
    """The preprocessor's own code: a change to it changes every sketch's cache key."""
    here = Path(__file__).resolve().parent
    return b"".join((here / name).read_bytes() for name in ("preprocess.py", "cscan.py"))


def _locate(sketch: Path) -> _Sketch:
    sketch = Path(sketch).resolve()
    if sketch.is_file():
        return _Sketch(sketch.parent, sketch.stem, sketch, sketch.stem != sketch.parent.name)
    if not sketch.is_dir():
        raise SimError(_("no sketch at {path}").format(path=sketch),
                       _("give a lesson .yaml, a .ino file or a sketch folder"))
    return _Sketch(sketch, sketch.name, None, False)


def build_sketch(sketch: Path, compiler: Compiler | None = None, sanitize: bool = False) -> Build:
    """Build the robot binary for a sketch folder or .ino file (cached by the hash of every input).

    A .ino named after its folder is built with the folder's other tabs and .cpp files, as the
    Arduino IDE does; any other .ino is built on its own. `sanitize` makes a checking build
    (AddressSanitizer + UBSan): slower, but an out-of-bounds write stops the sketch with a report.
    """
    where = _locate(sketch)
    compiler = compiler or current_compiler()
    runtime, runtime_cached = build_runtime(compiler, sanitize)
    # The key hashes the raw files (not the preprocessed text, so a cached build skips the
    # preprocessor) and not the folder's own path, which does not change what is built.
    main = where.main.name if where.main else ""
    key = _hash(_preprocessor_identity(), main, str(where.standalone), runtime.name,
                " ".join((*FLAGS, *_extra(sanitize))), *where.inputs())
    binary = cache_dir() / "sim" / "bin" / f"{where.name}-{key}{'-checked' if sanitize else ''}{EXE}"
    if binary.is_file():
        return Build(binary, True, runtime_cached, key)
    source = preprocess_sketch(where.folder, where.main, where.standalone)
    binary.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="build-", dir=binary.parent) as tmp:
        _compile_and_link(compiler, where, source, runtime, Path(tmp), binary, _extra(sanitize))
    flashed = flashed_binaries()
    prune([p for p in binary.parent.iterdir() if p.is_file() and p not in flashed], KEEP_BINARIES)
    return Build(binary, False, runtime_cached, key)


@lru_cache(maxsize=8)
def _sanitizer_error(compiler: Compiler) -> str | None:
    """None when `compiler` builds and links with the sanitizers, else its complaint."""
    with tempfile.TemporaryDirectory(prefix="leanbot-san-") as tmp:
        src = Path(tmp) / "probe.cpp"
        src.write_text("int main() { return 0; }\n")
        cmd = [*compiler.command, *SANITIZE, str(src), "-o", str(Path(tmp) / f"probe{EXE}")]
        try:
            done = subprocess.run(cmd, capture_output=True, text=True, errors="replace", timeout=120)
        except (OSError, subprocess.TimeoutExpired) as exc:
            return str(exc)
        return None if done.returncode == 0 else _trim(done.stderr or done.stdout)


def check_sanitizer(compiler: Compiler) -> None:
    """SimError with a hint when the compiler cannot make a checking (sanitized) build."""
    error = _sanitizer_error(compiler)
    if error is not None:
        raise SimError(_("{cc} cannot build with AddressSanitizer/UBSan:\n{error}").format(
            cc=" ".join(compiler.command), error=error),
            _("install the sanitizer runtime (e.g. 'sudo apt install libasan8 libubsan1') or "
              "run without --sanitize"))


def _compile_and_link(compiler: Compiler, where: _Sketch, source: str, runtime: Path,
                      tmp: Path, binary: Path, extra_flags: list[str]) -> None:
    cpp = tmp / f"{where.name}.ino.cpp"
    cpp.write_text(source, encoding="utf-8")
    extra = [f"-I{where.folder}", *extra_flags]
    units = [cpp, *where.units()]
    jobs = [(compiler, unit, tmp / f"{i}.o", extra) for i, unit in enumerate(units)]
    errors = _parallel(jobs)
    if errors:
        raise SimError(_("the sketch {name} does not compile:\n{errors}").format(
            name=where.name, errors=_trim("\n".join(errors))),
            _("fix the first error shown (file:line names the .ino); the sketch must compile for "
              "the Arduino too"))
    objects = [str(job[2]) for job in jobs] + sorted(str(o) for o in runtime.glob("*.o"))
    out = tmp / f"robot{EXE}"
    cmd = [*compiler.command, *extra_flags, *objects, "-o", str(out), "-lm"]
    code, messages = _run_limited(cmd)
    if code != 0:
        raise SimError(_("the sketch {name} does not link:\n{errors}").format(
            name=where.name, errors=_trim(messages)),
            _("a function the sketch calls is declared but never defined, or the simulator "
              "does not know it"))
    os.replace(out, binary)


def _trim(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    if len(lines) > _MAX_ERROR_LINES:
        lines = lines[:_MAX_ERROR_LINES] + [_("… ({n} more lines)").format(n=len(lines) - _MAX_ERROR_LINES)]
    return "\n".join(lines)
