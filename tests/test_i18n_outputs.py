"""Every command, run with `--lang vi` (before or after the command), prints no English sentence."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from leanbot_kit.cli import cli
from leanbot_kit.i18n import set_language
from tests.arduino_fixtures import fake_cli_fixture  # noqa: F401
from tests.conftest import LESSONS
from tests.english_text import english_sentences
from tests.sim_fixtures import sim_cache, sim_cache_dir  # noqa: F401

BAD = "format: leanbot-lesson/1\nid: bad\ntitel: x\nprogram:\n  steps:\n    - forwad: 10cm\n    - beep: 1\n"
SYNTAX = "format: leanbot-lesson/1\nid: syn\ntelemetry:\n  rate_hz 20\n  fields: [line]\n"
HELLO = str(LESSONS / "hello-robot.yaml")

# Each case: the arguments of one run (`{tmp}` is the test's folder). Success and error paths both.
CASES = [
    ["new", "x1", "-o", "{tmp}/x1.yaml"],
    ["new", "x1", "-o", "{tmp}/x1.yaml"],                      # exists already
    ["validate", str(LESSONS)],
    ["validate", "{tmp}/bad.yaml"],
    ["validate", "{tmp}/none.yaml"],
    ["validate", "{tmp}/syntax.yaml"],
    ["generate", HELLO, "-o", "{tmp}/gen"],
    ["generate", "{tmp}/bad.yaml", "-o", "{tmp}/gen"],
    ["schema", "-o", "{tmp}/s.json"],
    ["sim", "{tmp}/bad.yaml"],
    ["sim", "{tmp}/none.yaml"],
    ["check", "{tmp}/bad.yaml"],
    ["report", "{tmp}/none.jsonl"],
    ["build", HELLO],
    ["flash", HELLO],
    ["ports"],
    ["ports", "--all"],
    ["doctor"],
    ["setup", "--dry-run"],
    ["handout", HELLO, "-o", "{tmp}/h.html"],
    ["handout", "{tmp}/bad.yaml"],
    ["monitor", "--port", "{tmp}/no-such-port"],
    ["sim", "--no-such-option"],
    ["worlds"],
    ["handout", str(LESSONS / "obstacle-stop.yaml"), "--world", "empty", "-o", "{tmp}/h2.html"],
]


@pytest.fixture
def run_vi(tmp_path: Path, fake_cli, monkeypatch: pytest.MonkeyPatch):  # noqa: ANN201
    (tmp_path / "bad.yaml").write_text(BAD, encoding="utf-8")
    (tmp_path / "syntax.yaml").write_text(SYNTAX, encoding="utf-8")
    monkeypatch.chdir(tmp_path)

    def run(args: list[str], after: bool, lang: str = "vi") -> tuple[int, str]:
        args = [a.replace("{tmp}", str(tmp_path)) for a in args]
        full = [*args, "--lang", lang] if after else ["--lang", lang, *args]
        try:
            res = CliRunner().invoke(cli, full)
        finally:
            set_language(None)
        assert not isinstance(res.exception, Exception) or isinstance(res.exception, SystemExit), res.output
        return res.exit_code, res.output

    return run


@pytest.mark.parametrize("args", CASES, ids=lambda a: " ".join(a[:2]))
def test_every_command_speaks_vietnamese(run_vi, args: list[str]):
    code, output = run_vi(args, after=False)
    assert output.strip(), args
    assert english_sentences(output) == [], output


@pytest.mark.parametrize("args", [["validate", "{tmp}/bad.yaml"], ["schema", "-o", "{tmp}/s.json"],
                                  ["sim", "{tmp}/none.yaml"], ["ports"]], ids=lambda a: a[0])
def test_lang_may_follow_the_command(run_vi, args: list[str]):
    before = run_vi(args, after=False)
    after = run_vi(args, after=True)
    assert before == after
    assert after != run_vi(args, after=True, lang="en")


def test_the_detector_finds_english():
    assert english_sentences("Lỗi: không đọc được tệp: the file was not found here")
    assert not english_sentences("Lỗi: không đọc được tệp 'the file was not found' (leanbot validate)")


@pytest.mark.parametrize(("args", "env", "lang"), [
    (["new", "x"], {"LEANBOT_LANG": "vi"}, "vi"),
    (["--lang", "vi", "new", "x"], {}, "vi"),
    (["new", "x", "--lang", "vi"], {"LEANBOT_LANG": "en"}, "vi"),
    (["new", "x", "--lang", "en"], {"LEANBOT_LANG": "vi"}, "en"),
    (["new", "x"], {}, "en"),
])
def test_the_scaffold_and_its_message_follow_the_language(tmp_path, monkeypatch, args, env, lang):
    import subprocess
    import sys

    from leanbot_kit.i18n import gettext_for

    clean = {k: v for k, v in __import__("os").environ.items()
             if k not in ("LEANBOT_LANG", "LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE")}
    res = subprocess.run([sys.executable, "-m", "leanbot_kit", *args], capture_output=True, text=True,
                         cwd=tmp_path, env={**clean, **env, "PYTHONPATH": str(LESSONS.parent)}, timeout=60)
    assert res.returncode == 0, res.stderr
    text = (tmp_path / "x.yaml").read_text(encoding="utf-8")
    assert f"\nlang: {lang} " in text
    wrote = gettext_for(lang, "wrote {file}; check it with: leanbot validate {file}").format(file="x.yaml")
    assert res.stdout.strip() == wrote


def test_a_simulated_run_its_report_and_its_replay_speak_vietnamese(run_vi, request):
    request.getfixturevalue("sim_cache")
    outputs = [run_vi(["sim", HELLO, "--record", "{tmp}/rec.jsonl", "--plot", "{tmp}/run.png"], after=False),
               run_vi(["report", "{tmp}/rec.jsonl", "--lesson", HELLO, "--plot", "{tmp}/rec.png"], after=True),
               run_vi(["monitor", "--port", "replay://{tmp}/rec.jsonl?speed=max", "--lesson", HELLO,
                       "--duration", "3"], after=False),
               run_vi(["check", HELLO, "--no-compile"], after=True)]
    for code, output in outputs:
        assert code == 0, output
        assert english_sentences(output) == [], output


def test_lang_after_a_sub_command_of_a_group():
    import click

    from leanbot_kit.cli import _accept_lang
    from leanbot_kit.i18n import current_language

    @click.group()
    def group() -> None:
        """A group of commands."""

    @group.command()
    def sub() -> None:
        """A sub-command."""
        click.echo(current_language())

    _accept_lang(group)
    try:
        assert CliRunner().invoke(group, ["sub", "--lang", "vi"]).output == "vi\n"
    finally:
        set_language(None)
