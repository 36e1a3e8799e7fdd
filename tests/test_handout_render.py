"""`leanbot handout`: one self-contained, escaped HTML page per lesson, one A4 page in a real Chromium."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from leanbot_kit.cli import cli
from leanbot_kit.i18n import gettext_for
from tests.conftest import IN_CI, LESSONS

HOSTILE = """\
format: leanbot-lesson/1
id: hostile
lang: en
title: "<script>alert('x')</script> & </h1>"
objectives: ["a <b>bold</b> claim", "</li><img src=http://evil.example/x.png>"]
exercises: ["use \\"quotes\\" and */ and #include <stdio.h>"]
program:
  steps:
    - print: "</pre><script>"
    - end
expect:
  - {within: 1s, that: "dist_mm >= 0", name: "<i>named</i>"}
"""
EXTERNAL = re.compile(r"""(?:src|href)\s*=\s*(?!["']?(?:data:|#))|url\((?!\s*["']?data:)|@import""", re.I)


def _handout(tmp_path: Path, lesson: Path, lang: str) -> str:
    out = tmp_path / f"{lesson.stem}-{lang}.html"
    res = CliRunner().invoke(cli, ["handout", str(lesson), "--lang", lang, "-o", str(out)])
    assert res.exit_code == 0, res.output
    return out.read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_handout_has_every_part_in_the_chosen_language(tmp_path: Path, lang: str):
    html = _handout(tmp_path, LESSONS / "square-dance.yaml", lang)
    title = {"vi": "Vũ điệu hình vuông", "en": "Square dance"}[lang]
    assert f"<title>{title}</title>" in html and f'<html lang="{lang}">' in html
    for label in ("What you will learn", "You need", "The program, step by step",
                  "Goals: tick each one your robot meets", "Exercises", "The code that goes on the robot"):
        assert gettext_for(lang, label) in html
    assert gettext_for(lang, "Step {n}: {action}").format(n=3, action="").strip() in html
    assert html.count('class="box"') == 3  # one empty box per goal
    assert "lbk_step(3);" in html and "void run_lesson()" in html
    assert re.search(r'<img src="data:image/png;base64,[A-Za-z0-9+/=]{1000,}"', html)


def test_handout_is_self_contained(tmp_path: Path):
    html = _handout(tmp_path, LESSONS / "line-follow.yaml", "vi")
    assert not EXTERNAL.search(html), EXTERNAL.search(html)
    assert "<link" not in html and "http://" not in html and "https://" not in html


def test_lesson_text_is_escaped(tmp_path: Path):
    lesson = tmp_path / "hostile.yaml"
    lesson.write_text(HOSTILE, encoding="utf-8")
    html = _handout(tmp_path, lesson, "en")
    assert "<script>alert" not in html and "&lt;script&gt;alert(" in html
    assert "<img src=http" not in html and "<b>bold</b>" not in html and "<i>named</i>" not in html
    assert html.count("<script>") == 1  # only the page's own fitting script


def test_handout_renders_with_a_note_when_the_simulator_fails(tmp_path: Path, monkeypatch):
    import leanbot_kit.sim.run as run
    from leanbot_kit.errors import SimError

    def broken(*args, **kwargs):
        raise SimError("no C++ compiler found", "install g++")

    monkeypatch.setattr(run, "simulate", broken)
    html = _handout(tmp_path, LESSONS / "square-dance.yaml", "vi")
    assert "data:image/png" not in html
    note = gettext_for("vi", "No picture: the simulator could not run this lesson here ({error}).")
    assert note.format(error="no C++ compiler found") in html


def _chromium() -> str:
    for name in ("chromium", "chromium-browser"):
        path = shutil.which(name) or (f"/usr/bin/{name}" if os.path.exists(f"/usr/bin/{name}") else None)
        if path:
            return path
    if IN_CI:
        pytest.fail("chromium is not installed; .ci/run installs it")
    pytest.skip("chromium is not installed")


def _browser(tmp_path: Path, html: Path, *args: str) -> None:
    subprocess.run([_chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                    "--no-first-run", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", f"--user-data-dir={tmp_path / 'profile'}", *args, html.as_uri()],
                   capture_output=True, timeout=120, check=True)


def _pages(pdf: Path) -> int:
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
        return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf.read_bytes()))


@pytest.mark.slow
@pytest.mark.parametrize(("lesson", "lang"), [("square-dance", "vi"), ("square-dance", "en"),
                                              ("touch-drive", "vi"), ("line-follow", "en")])
def test_handout_prints_on_one_a4_page_in_chromium(tmp_path: Path, lesson: str, lang: str):
    _chromium()
    html = tmp_path / f"{lesson}-{lang}.html"
    html.write_text(_handout(tmp_path, LESSONS / f"{lesson}.yaml", lang), encoding="utf-8")
    pdf, png = tmp_path / "out.pdf", tmp_path / "out.png"
    _browser(tmp_path, html, f"--print-to-pdf={pdf}", "--no-pdf-header-footer")
    assert pdf.read_bytes().startswith(b"%PDF") and _pages(pdf) == 1
    _browser(tmp_path, html, f"--screenshot={png}", "--window-size=800,1130")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 20_000


def test_default_file_name_and_language_come_from_the_lesson(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    res = CliRunner().invoke(cli, ["handout", str(LESSONS / "line-follow.yaml")])
    assert res.exit_code == 0, res.output
    html = (tmp_path / "line-follow-handout-vi.html").read_text(encoding="utf-8")
    assert '<html lang="vi">' in html and "Robot dò line" in html


def test_a_bad_lesson_is_an_error_not_a_traceback(tmp_path: Path):
    res = CliRunner().invoke(cli, ["handout", str(tmp_path / "missing.yaml"), "-o",
                                   str(tmp_path / "x.html")])
    assert res.exit_code == 1 and "Traceback" not in res.output
    assert not (tmp_path / "x.html").exists()


def test_long_code_lines_wrap_with_a_hanging_indent_and_comments_stay_comments():
    from leanbot_kit.handout.content import wrap_code

    line = "    while (lbk_abs(LbMotion.getDistanceMm() - start_mm) < 90) lbk_tick();"
    code = wrap_code(line, 60)
    assert len(code) == 2 and all(len(piece) <= 60 for piece in code)
    assert code[1].startswith("        ") and " ".join(p.strip() for p in code) == line.strip()
    comment = wrap_code("  // Bước 5: chạy bánh xe: trái 1400, phải 1400 bước/giây", 40)
    assert all(line.startswith("  // ") and len(line) <= 40 for line in comment)
