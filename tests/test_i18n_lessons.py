"""The sample lessons speak both languages: every text a student or teacher reads has vi and en."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.conftest import sample_lessons

TEXTS = ("title", "summary")
LISTS = ("objectives", "materials", "exercises")


def _notes(steps: list, where: str):
    for i, step in enumerate(steps or []):
        if not isinstance(step, dict):
            continue
        if "note" in step:
            yield f"{where}[{i}].note", step["note"]
        for block in ("steps", "then", "else"):
            if isinstance(step.get(block), list):
                yield from _notes(step[block], f"{where}[{i}].{block}")


@pytest.mark.parametrize("path", sample_lessons(), ids=lambda p: p.stem)
def test_sample_lesson_has_every_text_in_vietnamese_and_english(path: Path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    problems = []
    for key in TEXTS:
        value = data.get(key)
        if not (isinstance(value, dict) and value.get("vi") and value.get("en")):
            problems.append(f"{key}: needs vi and en")
    for key in LISTS:
        value = data.get(key)
        if not (isinstance(value, dict) and value.get("vi") and value.get("en")):
            problems.append(f"{key}: needs vi and en lists")
        elif len(value["vi"]) != len(value["en"]):
            problems.append(f"{key}: {len(value['vi'])} items in vi, {len(value['en'])} in en")
    for where, note in _notes((data.get("program") or {}).get("steps"), "program.steps"):
        if not (isinstance(note, dict) and note.get("vi") and note.get("en")):
            problems.append(f"{where}: needs vi and en")
    assert not problems, f"{path.name}: " + "; ".join(problems)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_new_scaffolds_a_valid_lesson_commented_in_the_chosen_language(tmp_path: Path, lang: str):
    from click.testing import CliRunner

    from leanbot_kit.cli import cli

    out = tmp_path / "bai-moi.yaml"
    res = CliRunner().invoke(cli, ["new", "bai-moi", "--lang", lang, "-o", str(out)])
    assert res.exit_code == 0, res.output
    text = out.read_text(encoding="utf-8")
    comments = " ".join(line.split("#", 1)[1] for line in text.splitlines() if "#" in line)
    if lang == "vi":
        assert "Giáo án Leanbot" in comments and "tiêu chí" in comments and "nút cảm ứng" in comments
        assert "lang: vi" in text
    else:
        assert "A Leanbot lesson plan" in comments and "Giáo án" not in comments
    assert CliRunner().invoke(cli, ["validate", str(out)]).exit_code == 0
