"""A failed compile in our words: the compiler lines kept, and the lesson step a generated line came from."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from leanbot_kit.arduino import advice, parse
from leanbot_kit.arduino.pinned import memory_problem
from leanbot_kit.arduino.sketches import SketchSource
from leanbot_kit.errors import ArduinoCliError, FileError
from leanbot_kit.files import SKETCH_BYTES, read_input
from leanbot_kit.i18n import _

_LOCATION = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (?:fatal )?error: (?P<msg>.*)$",
                       re.MULTILINE)
STEP_PHRASE = "Step {n}: {action}"  # the generator's comment before each step's block
MAX_LINES = 12
GENERATOR_MARK = "leanbot-kit"  # the generated sketch's header names its generator


@lru_cache(maxsize=1)
def _step_pattern() -> re.Pattern[str]:
    """`// Step N:` in every language the generator writes comments in."""
    from leanbot_kit.i18n import LANGUAGES, gettext_for

    words = {"Step", "Bước"} | {gettext_for(lang, STEP_PHRASE).split("{n}")[0].strip()
                               for lang in LANGUAGES}
    alternatives = "|".join(sorted(re.escape(w) for w in words if w))
    return re.compile(rf"//\s*(?:{alternatives})\s+(?P<n>[0-9][0-9.]*)\s*:")


def step_of_line(ino_text: str, line: int) -> str | None:
    """The number of the nearest `// Step N:` comment at or above `line` (1-based) of a generated .ino."""
    pattern = _step_pattern()
    lines = ino_text.splitlines()
    for index in range(min(line, len(lines)) - 1, -1, -1):
        match = pattern.search(lines[index])
        if match:
            return match.group("n").rstrip(".")
    return None


def _generated_step(src: SketchSource, file: Path, line: int) -> str | None:
    """The lesson step of `line` when `file` is a sketch leanbot-kit generated (None otherwise)."""
    if file.name != src.ino.name:
        return None
    try:
        text = read_input(src.ino, SKETCH_BYTES).decode("utf-8", "replace")
    except FileError:
        return None
    head = "\n".join(text.splitlines()[:6])
    if src.lesson_path is None and GENERATOR_MARK not in head:
        return None
    return step_of_line(text, line)


def compile_failure(out: parse.CompileOutput, src: SketchSource, command: list[str],
                    returncode: int | None, fqbn: str) -> ArduinoCliError:
    """The error for a compile that did not succeed (missing core or library, too big, or bad code)."""
    text = "\n".join(p for p in (out.error, out.compiler_err, out.compiler_out) if p)
    err = advice.advise(text, command=command, returncode=returncode, stderr=out.compiler_err,
                        fqbn=fqbn)
    if err.kind in ("too-big", "ram-too-big"):  # arduino-cli printed the sizes: say by how much
        too_big = memory_problem(out.flash_bytes or 0, out.ram_bytes or 0)
        err.message = too_big or err.message
        err.args = (err.message,)
    if err.kind != "compile-error":
        return err
    location = _LOCATION.search(out.compiler_err)
    compiler_lines = "\n".join(out.compiler_err.strip().splitlines()[:MAX_LINES])
    if location is None:
        err.message = f"{err.message}:\n{compiler_lines}" if compiler_lines else err.message
        return err
    file, line, msg = Path(location["file"]), int(location["line"]), location["msg"]
    step = _generated_step(src, file, line)
    if step is not None:
        lesson = src.lesson_path or _("the lesson")
        err.message = _("the sketch does not compile: step {step} of {lesson} ({error})").format(
            step=step, lesson=lesson, error=msg)
        err.hint = _("line {line} of {file} comes from step {step} of the lesson; check that "
                     "step").format(line=line, file=file.name, step=step)
    else:
        err.message = _("the sketch does not compile: {file}:{line}: {error}").format(
            file=file.name, line=line, error=msg)
        err.hint = _("fix line {line} of {file}, then build again").format(line=line, file=file)
    err.message = f"{err.message}\n{compiler_lines}"
    err.step = step
    err.line = line
    return err
