"""`leanbot validate`, `leanbot schema` and `leanbot new` through the real click group."""

from __future__ import annotations

import json

from click.testing import CliRunner

from leanbot_kit.cli import cli
from tests.lesson_fixtures import HEAD, with_steps


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


def test_validate_good_file_prints_ok(tmp_path):
    path = write(tmp_path / "a.yaml", with_steps("- forward: 20cm"))
    result = run("validate", str(path))
    assert result.exit_code == 0
    assert result.stdout.strip() == f"OK {path}"


def test_validate_bad_file_prints_every_problem_on_stderr_and_exits_1(tmp_path):
    path = write(tmp_path / "b.yaml", with_steps("- forwad: 20cm", "- wait: 11min"))
    result = run("validate", str(path))
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert (
        lines[0]
        == f"{path}:6:7: program.steps[0].forwad: unknown step 'forwad' (did you mean 'forward'?)"
    )
    assert lines[1].startswith(
        f"{path}:7:13: program.steps[1].wait: 11min (= 660000 ms) is out of range"
    )
    assert "Traceback" not in result.output


def test_validate_directory_checks_every_yaml_and_fails_if_one_is_bad(tmp_path):
    write(tmp_path / "good.yaml", with_steps("- stop"))
    write(tmp_path / "bad.yaml", "")
    write(tmp_path / "notes.txt", "not a lesson")
    result = run("validate", str(tmp_path))
    assert result.exit_code == 1
    assert f"OK {tmp_path / 'good.yaml'}" in result.stdout
    assert f"{tmp_path / 'bad.yaml'}:1:1: the file is empty" in result.stderr
    assert "notes.txt" not in result.output


def test_validate_json(tmp_path):
    good = write(tmp_path / "good.yaml", with_steps("- stop"))
    bad = write(tmp_path / "bad.yaml", HEAD + "program: {steps: [stpo]}\n")
    result = run("validate", "--json", str(good), str(bad))
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data[0] == {"file": str(good), "ok": True, "problems": []}
    assert data[1]["ok"] is False
    assert data[1]["problems"] == [
        {
            "line": 4,
            "col": 19,
            "path": "program.steps[0]",
            "message": "unknown step 'stpo'",
            "hint": "did you mean 'stop'?",
        }
    ]


def test_validate_non_utf8_and_missing_file(tmp_path):
    bad = tmp_path / "latin.yaml"
    bad.write_bytes(b"id: caf\xe9\n")
    result = run("validate", str(bad), str(tmp_path / "missing.yaml"))
    assert result.exit_code == 1
    assert f"{bad}:1:8: byte 0xE9 at offset 7 is not UTF-8" in result.stderr
    assert "missing.yaml:1:1: cannot read" in result.stderr


def test_schema_prints_json_and_writes_a_file(tmp_path):
    result = run("schema")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["properties"]["format"]["const"] == "leanbot-lesson/1"
    out = tmp_path / "lesson.schema.json"
    assert run("schema", "-o", str(out)).exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8"))["$schema"].endswith("2020-12/schema")


def test_new_scaffolds_a_lesson_that_validates(tmp_path):
    target = tmp_path / "first-lesson.yaml"
    result = run("new", "first-lesson", "-o", str(target))
    assert result.exit_code == 0, result.output
    text = target.read_text(encoding="utf-8")
    assert "id: first-lesson" in text and "# always leanbot-lesson/1" in text
    assert run("validate", str(target)).exit_code == 0


def test_new_in_vietnamese_has_vietnamese_comments(tmp_path):
    target = tmp_path / "vi.yaml"
    assert run("new", "bai-mot", "--lang", "vi", "-o", str(target)).exit_code == 0
    text = target.read_text(encoding="utf-8")
    assert "lang: vi" in text and "# luôn là leanbot-lesson/1" in text
    assert run("validate", str(target)).exit_code == 0


def test_new_refuses_to_overwrite_and_rejects_bad_ids(tmp_path):
    target = write(tmp_path / "x.yaml", "keep me")
    result = run("new", "x", "-o", str(target))
    assert result.exit_code == 1
    assert "already exists" in result.stderr
    assert target.read_text(encoding="utf-8") == "keep me"
    result = run("new", "Bad Id", "-o", str(tmp_path / "y.yaml"))
    assert result.exit_code == 1
    assert "'Bad Id' is not a valid lesson id" in result.stderr
    assert not (tmp_path / "y.yaml").exists()
