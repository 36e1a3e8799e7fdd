"""Lessons at the loader's limits: how long `validate`, `generate` and `handout` take on each.

Writes hostile and maximal lessons (an 800 kB text aliased 45 000 times, 1000 steps with notes and
prints, hundreds of long objectives, aliased steps) and runs each command in a child process,
printing wall and CPU seconds. The handout builds and runs the simulated robot for its picture; each
lesson is run twice, so the second figure is with the sketch build cached.

Run: python benchmarks/bench_limits.py
Targets (issue 12): validate refuses the alias bomb in < 1 s; generate and handout of any lesson that
validates finish in < 5 s.
"""

from __future__ import annotations

import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HEAD = "format: leanbot-lesson/1\nid: {id}\nlang: vi\ntitle: " + "Tiêu đề " * 15 + "\n"


def lessons(folder: Path) -> dict[str, Path]:
    """The lessons to time, written into `folder`."""
    note = ("Đường đi ?? */ \\\\ " * 30)[:300]
    texts = {
        "alias-bomb": HEAD.format(id="bomb").replace("title: ", "title: &t " + "x" * 800_000 + " #")
        + "objectives: [" + ",".join(["*t"] * 45_000) + "]\nprogram: {steps: [stop]}\n",
        "steps-1000": HEAD.format(id="steps") + "program:\n  steps:\n" + "\n".join(
            f'    - print: "{"p?#" * 33}"\n      note: "{note}"' for _ in range(1000)) + "\n",
        "objectives": HEAD.format(id="objectives") + "objectives: [" + ",".join(
            [f'"{"ô" * 299}/"'] * 1500) + "]\nprogram: {steps: [stop]}\n",
        "aliased-steps": HEAD.format(id="aliased") + "program:\n  steps:\n    - &s {forward: 10mm, "
        f'note: "{note}"}}\n' + "\n".join("    - *s" for _ in range(999)) + "\n",
    }
    out = {}
    for name, text in texts.items():
        path = folder / f"{name}.yaml"
        path.write_text(text, encoding="utf-8")
        out[name] = path
    return out


def timed(args: list[str]) -> tuple[float, float, int]:
    """Wall and CPU seconds and exit code of `leanbot ARGS`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "leanbot_kit", *args], capture_output=True,
                          check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return time.perf_counter() - start, cpu, done.returncode


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="bench-limits-") as tmp:
        folder = Path(tmp)
        for name, path in lessons(folder).items():
            size = path.stat().st_size / 1000
            wall, cpu, code = timed(["validate", str(path)])
            line = f"{name:14} {size:6.0f} kB  validate {wall:5.2f} s ({cpu:.2f} CPU, exit {code})"
            if code == 0:
                for command in (["generate", "-o", str(folder / "out")],
                                ["handout", "-o", str(folder / f"{name}.html")],
                                ["handout", "-o", str(folder / f"{name}.html")]):
                    wall, cpu, code = timed([*command, str(path)])
                    line += f"  {command[0]} {wall:5.2f} s ({cpu:.2f} CPU)"
            print(line)


if __name__ == "__main__":
    main()
