"""The language of the real `leanbot` command, and Vietnamese on a legacy Windows console (cp1258)."""

from __future__ import annotations

import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from leanbot_kit.i18n import gettext_for

BAD_LESSON = "format: leanbot-lesson/1\nid: bad\ntitel: x\nprogram:\n  steps:\n    - forwad: 10cm\n"
# Replace the console by a strict cp1258 one (what a Vietnamese Windows console uses), then run the CLI.
DRIVER = """
import io, sys
sys.stdout = io.TextIOWrapper(sys.stdout.buffer, encoding="cp1258", errors="strict", newline="\\n")
sys.stderr = io.TextIOWrapper(sys.stderr.buffer, encoding="cp1258", errors="strict", newline="\\n")
from leanbot_kit.cli import main
main(sys.argv[1:])
"""


def _env(**changes: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("LEANBOT_LANG", "LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE", "PYTHONIOENCODING")}
    env.update({k: v for k, v in changes.items() if v is not None})
    return env


def _leanbot(*args: str, **env: str | None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "leanbot_kit", *args], capture_output=True,
                          text=True, encoding="utf-8", env=_env(**env), timeout=60)


def _commands_heading(lang: str) -> str:
    return gettext_for(lang, "Commands")


def test_vietnamese_is_really_translated():
    assert _commands_heading("vi") != _commands_heading("en")


@pytest.mark.parametrize(("args", "env", "lang"), [
    (("--lang", "vi"), {}, "vi"),
    (("--lang", "en"), {"LEANBOT_LANG": "vi", "LANG": "vi_VN.UTF-8"}, "en"),
    (("--lang", "vi"), {"LEANBOT_LANG": "en"}, "vi"),
    ((), {"LEANBOT_LANG": "vi"}, "vi"),
    ((), {"LEANBOT_LANG": "en", "LANG": "vi_VN.UTF-8"}, "en"),
    ((), {"LANG": "vi_VN.UTF-8"}, "vi"),
    ((), {"LANG": "C.UTF-8"}, "en"),
    ((), {}, "en"),
])
def test_language_comes_from_option_then_env_then_locale_then_english(args, env, lang):
    res = _leanbot(*args, "--help", **env)
    assert res.returncode == 0, res.stderr
    assert f"{_commands_heading(lang)}:" in res.stdout


def test_subcommand_help_and_errors_are_in_vietnamese(tmp_path: Path):
    res = _leanbot("--lang", "vi", "validate", "--help")
    assert gettext_for("vi", "Print the results as JSON.") in res.stdout
    bad = tmp_path / "bad.yaml"
    bad.write_text(BAD_LESSON, encoding="utf-8")
    res = _leanbot("--lang", "vi", "validate", str(bad))
    assert res.returncode == 1
    assert gettext_for("vi", "missing key {key!r}").split("{")[0].strip() in res.stdout + res.stderr


def _cp1258(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-X", "utf8=0", "-c", DRIVER, *args], capture_output=True,
                          env=_env(), timeout=60)


def test_a_cp1258_console_shows_vietnamese_without_crashing(tmp_path: Path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(BAD_LESSON, encoding="utf-8")
    for args in (("--lang", "vi", "--help"), ("--lang", "vi", "validate", "--help"),
                 ("--lang", "vi", "validate", str(bad)), ("--lang", "vi", "new", "x", "-o", str(tmp_path / "x.yaml"))):
        res = _cp1258(tmp_path, *args)
        err = res.stderr.decode("cp1258")
        assert "Traceback" not in err and "UnicodeEncodeError" not in err, err
        assert res.returncode in (0, 1), err
    res = _cp1258(tmp_path, "--lang", "vi", "--help")
    shown = unicodedata.normalize("NFC", res.stdout.decode("cp1258"))
    assert _commands_heading("vi") in shown  # letters cp1258 lacks are written with combining marks
