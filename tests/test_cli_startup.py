"""The `leanbot` command starts light and reports errors the way a person reads them."""

from __future__ import annotations

import subprocess
import sys

from click.testing import CliRunner

from leanbot_kit.cli import cli

HEAVY = ("jinja2", "serial", "yaml", "pydantic", "matplotlib", "rich")

_PROBE = """
import sys
sys.argv = ["leanbot", "--help"]
from leanbot_kit.cli import main
try:
    main()
except SystemExit:
    pass
print("LOADED:" + ",".join(m for m in %r if m in sys.modules))
"""


def test_help_imports_no_heavy_module() -> None:
    out = subprocess.run([sys.executable, "-c", _PROBE % (HEAVY,)], capture_output=True, text=True,
                         check=True).stdout
    assert "Commands" in out
    loaded = out.strip().splitlines()[-1]
    assert loaded == "LOADED:", f"--help imported {loaded[7:]}"


def test_python_dash_m_runs_the_cli() -> None:
    res = subprocess.run([sys.executable, "-m", "leanbot_kit", "--version"], capture_output=True,
                         text=True)
    assert res.returncode == 0
    assert "leanbot" in res.stdout


def test_unknown_command_is_a_usage_error() -> None:
    res = CliRunner().invoke(cli, ["fly-to-the-moon"])
    assert res.exit_code == 2
    assert "No such command" in res.output


def test_help_in_vietnamese_lists_commands() -> None:
    res = subprocess.run([sys.executable, "-m", "leanbot_kit", "--lang", "vi", "--help"],
                         capture_output=True, text=True)
    assert res.returncode == 0
    assert "validate" in res.stdout


def test_errors_are_one_plain_message_and_debug_shows_the_traceback(tmp_path) -> None:
    missing = str(tmp_path / "no-such-lesson.yaml")
    plain = subprocess.run([sys.executable, "-m", "leanbot_kit", "sim", missing], capture_output=True,
                           text=True)
    assert plain.returncode == 1
    assert plain.stderr.startswith("Error: ")
    assert "Hint: " in plain.stderr
    assert "Traceback" not in plain.stderr
    debug = subprocess.run([sys.executable, "-m", "leanbot_kit", "--debug", "sim", missing],
                           capture_output=True, text=True)
    assert debug.returncode == 1
    assert "Traceback (most recent call last)" in debug.stderr
    assert "LessonError" in debug.stderr
