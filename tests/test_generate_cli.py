"""`leanbot generate`: where sketches go, --lang, --json, folders, errors without tracebacks."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from leanbot_kit.cli import cli
from leanbot_kit.resources import lessons_dir


def run(*args: str, env: dict | None = None):
    return CliRunner().invoke(cli, list(args), env=env)


def test_generate_a_directory_writes_one_sketch_per_lesson(tmp_path: Path):
    result = run("generate", str(lessons_dir()), "-o", str(tmp_path))
    assert result.exit_code == 0, result.output
    samples = sorted(p for p in lessons_dir().glob("*.yaml") if p.name != "course.yaml")
    assert len(samples) == len([p for p in tmp_path.iterdir() if p.is_dir()])
    for sample in samples:
        assert str(sample) in result.stdout


def test_default_output_folder_is_build_sketches(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("generate", str(lessons_dir() / "hello-robot.yaml"))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "build/sketches/hello-robot/hello-robot.ino").is_file()


def test_lang_option_picks_the_comment_language(tmp_path: Path):
    sample = lessons_dir() / "square-dance.yaml"
    assert run("generate", str(sample), "-o", str(tmp_path), "--lang", "en").exit_code == 0
    assert "// Step 1:" in (tmp_path / "square-dance/square-dance.ino").read_text(encoding="utf-8")
    assert run("generate", str(sample), "-o", str(tmp_path), "--lang", "vi").exit_code == 0
    assert "// Bước 1:" in (tmp_path / "square-dance/square-dance.ino").read_text(encoding="utf-8")


def test_json_without_avr_toolchain_gives_null_sizes_and_a_note(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "no-tools"))
    sample = lessons_dir() / "hello-robot.yaml"
    result = run("generate", str(sample), "-o", str(tmp_path), "--json")
    assert result.exit_code == 0, result.output
    (entry,) = json.loads(result.stdout)
    assert entry["flash_bytes"] is None and entry["ram_bytes"] is None
    assert "avr-g++" in result.stderr


def test_a_bad_lesson_is_reported_and_the_others_still_generate(tmp_path: Path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: leanbot-lesson/1\nid: Bad Id\n", encoding="utf-8")
    good = lessons_dir() / "hello-robot.yaml"
    result = run("generate", str(bad), str(good), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert "Error:" in result.stderr and "bad.yaml" in result.stderr
    assert "Traceback" not in result.output
    assert (tmp_path / "out/hello-robot/hello-robot.ino").is_file()


def test_missing_file_is_an_error_not_a_traceback(tmp_path: Path):
    result = run("generate", str(tmp_path / "nope.yaml"), "-o", str(tmp_path))
    assert result.exit_code == 1
    assert "nope.yaml" in result.stderr and "Traceback" not in result.output
