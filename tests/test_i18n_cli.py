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
encoding = sys.argv.pop(1)
sys.stdout = io.TextIOWrapper(sys.stdout.buffer, encoding=encoding, errors="strict", newline="\\n")
sys.stderr = io.TextIOWrapper(sys.stderr.buffer, encoding=encoding, errors="strict", newline="\\n")
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


def _console(encoding: str, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-X", "utf8=0", "-c", DRIVER, encoding, *args],
                          capture_output=True, env=_env(), timeout=60)


@pytest.mark.parametrize("encoding", ["cp1258", "cp437", "ascii"])
def test_a_legacy_console_does_not_crash_on_vietnamese(tmp_path: Path, encoding: str):
    bad = tmp_path / "bad.yaml"
    bad.write_text(BAD_LESSON, encoding="utf-8")
    for args in (("--help",), ("validate", "--help"), ("validate", str(bad)),
                 ("new", "x", "-o", str(tmp_path / "x.yaml")), ("sim", str(tmp_path / "none.yaml"))):
        res = _console(encoding, "--lang", "vi", *args)
        err = res.stderr.decode(encoding, errors="replace")  # click writes UTF-8 to an ASCII console
        assert "Traceback" not in err and "UnicodeEncodeError" not in err, err
        assert res.returncode in (0, 1), err
        assert res.stdout or res.stderr


def test_a_cp1258_console_shows_real_vietnamese():
    res = _console("cp1258", "--lang", "vi", "--help")
    shown = unicodedata.normalize("NFC", res.stdout.decode("cp1258"))
    assert _commands_heading("vi") in shown  # letters cp1258 lacks are written with combining marks
    assert gettext_for("vi", "Show this message and exit.") in shown


def test_every_command_explains_itself_in_vietnamese():
    import importlib
    import re

    from click.testing import CliRunner

    from leanbot_kit.cli import COMMANDS, cli
    from leanbot_kit.i18n import set_language

    def flat(text: str) -> str:
        return re.sub(r"\s+", " ", text)

    try:
        for name, (module, attribute, _short) in COMMANDS.items():
            if importlib.util.find_spec(module) is None:
                continue  # a command whose module is not part of this installation
            res = CliRunner().invoke(cli, ["--lang", "vi", name, "--help"])
            assert res.exit_code == 0, res.output
            assert res.output.startswith(gettext_for("vi", "Usage:")), res.output
            command = getattr(importlib.import_module(module), attribute)
            doc, _short_help = command.__dict__["_lbk_help"]
            translated = gettext_for("vi", doc)
            assert translated != doc, f"translate the help of `leanbot {name}`"
            assert flat(translated) in flat(res.output)
            for param in command.params:
                original = param.__dict__.get("_lbk_help")
                if original:
                    assert gettext_for("vi", original) != original, f"{name} {param.name}: {original}"
    finally:
        set_language(None)
