"""Bilingual goal names and `print` texts, each shown in the chosen language: sim, monitor, report, handout."""

from __future__ import annotations

from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from leanbot_kit.cli import cli
from leanbot_kit.i18n import set_language
from leanbot_kit.lesson import load_lesson
from leanbot_kit.lesson.schema import lesson_json_schema
from leanbot_kit.lesson.source import read_yaml, to_python
from tests.lesson_fixtures import check
from tests.sim_fixtures import sim_cache, sim_cache_dir  # noqa: F401

pytestmark = pytest.mark.usefixtures("sim_cache")

LESSON = """\
format: leanbot-lesson/1
id: two-tongues
lang: {lang}
title: {{vi: "Hai thứ tiếng", en: "Two languages"}}
program:
  start: now
  steps:
    - print: {{vi: "Xin chào lớp 6A", en: "Hello class 6A"}}
    - forward: 10cm
    - end
telemetry: {{rate_hz: 10, fields: [dist_mm, rot_deg]}}
sim: {{world: empty, duration: 10s}}
expect:
  - {{within: 8s, that: "dist_mm >= 95", name: {{vi: "chạy được 10 cm", en: "drives 10 cm"}}}}
  - {{always: "rot_deg == 0", name: "không quay"}}
  - {{at_end: "dist_mm >= 500", name: {{en: "drives half a metre"}}}}
"""
NAMES = {"vi": ("chạy được 10 cm", "không quay", "drives half a metre"),
         "en": ("drives 10 cm", "không quay", "drives half a metre")}


@pytest.fixture
def lesson(tmp_path: Path) -> Path:
    path = tmp_path / "two-tongues.yaml"
    path.write_text(LESSON.format(lang="vi"), encoding="utf-8")
    return path


def _run(*args: str) -> tuple[int, str]:
    try:
        res = CliRunner().invoke(cli, list(args))
    finally:
        set_language(None)
    return res.exit_code, res.output


def test_names_and_prints_are_read_in_both_languages(lesson: Path):
    loaded = load_lesson(lesson)
    first = loaded.expect[0]
    assert (first.names.vi, first.names.en, first.name) == ("chạy được 10 cm", "drives 10 cm", "chạy được 10 cm")
    assert loaded.expect[1].label("en") == "không quay"   # one language only: shown as written
    assert loaded.expect[2].label("vi") == "drives half a metre"
    printed = loaded.program.steps[0].args
    assert printed["text"] == "Xin chào lớp 6A" and printed["texts"].en == "Hello class 6A"


def test_a_bilingual_text_still_gets_its_own_problems():
    _lesson, problems = check(LESSON.format(lang="en").replace('en: "drives 10 cm"', 'en: [1, 2], fr: "x"'))
    assert {p.path for p in problems} == {"expect[0].name.en", "expect[0].name.fr"}


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_sketch_prints_the_text_of_the_lessons_language(tmp_path: Path, lang: str):
    path = tmp_path / "l.yaml"
    path.write_text(LESSON.format(lang=lang), encoding="utf-8")
    code, out = _run("generate", str(path), "-o", str(tmp_path / "out"))
    assert code == 0, out
    ino = (tmp_path / "out" / "two-tongues" / "two-tongues.ino").read_text(encoding="utf-8")
    assert ('F("Xin chao lop 6A")' in ino) == (lang == "vi")
    assert ('F("Hello class 6A")' in ino) == (lang == "en")


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_sim_monitor_and_report_name_goals_in_the_chosen_language(lesson: Path, tmp_path: Path, lang: str):
    rec = tmp_path / f"run-{lang}.jsonl"
    code, out = _run("--lang", lang, "sim", str(lesson), "--record", str(rec))
    assert code == 1, out  # the half-metre goal fails
    for name in NAMES[lang]:
        assert name in out
    other = NAMES["en" if lang == "vi" else "vi"][0]
    assert other not in out
    code, out = _run("report", str(rec), "--lesson", str(lesson), "--lang", lang)
    assert NAMES[lang][0] in out and other not in out, out
    code, out = _run("monitor", "--port", f"replay://{rec}?speed=max", "--duration", "3",
                     "--lesson", str(lesson), "--lang", lang)
    assert NAMES[lang][0] in out and other not in out, out


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_handout_names_goals_and_prints_in_its_language(lesson: Path, tmp_path: Path, lang: str):
    out = tmp_path / "h.html"
    assert _run("handout", str(lesson), "--lang", lang, "-o", str(out))[0] == 0
    html = out.read_text(encoding="utf-8")
    assert f"<b>{NAMES[lang][0]}</b>" in html
    assert {"vi": "Xin chào lớp 6A", "en": "Hello class 6A"}[lang] in html
    assert NAMES["en" if lang == "vi" else "vi"][0] not in html.replace("drives half a metre", "")


def test_the_json_schema_accepts_bilingual_names_and_prints():
    schema = lesson_json_schema()
    jsonschema.Draft202012Validator(schema).validate(to_python(read_yaml(LESSON.format(lang="vi"), "x")[0]))
    bad = LESSON.format(lang="vi").replace('name: {vi: "chạy được 10 cm", en: "drives 10 cm"}', "name: [1]")
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(to_python(read_yaml(bad, "x")[0])))
