"""The course booklet and the full-size tracks, checked in a real Chromium: pages, overflow, scale."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from leanbot_kit.cli import cli
from tests.conftest import require_tool
from tests.course_fixtures import shipped_course
from tests.test_handout_render import _browser, _chromium, _pages

A4_PAGE_MM = 276  # the printable height of a booklet sheet (A4 less the 10 mm margins, less rounding)


@pytest.fixture(scope="module")
def booklets(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("booklet")
    paths = {}
    # both editions in one language: the second reuses the first one's pictures (one simulation each)
    for name, args in (("teacher-vi", ["--lang", "vi", "--teacher"]), ("student-vi", ["--lang", "vi"])):
        paths[name] = out / f"{name}.html"
        res = CliRunner().invoke(cli, ["course", "booklet", *args, "-o", str(paths[name])])
        assert res.exit_code == 0, res.output
    return paths


def test_booklet_has_a_cover_contents_and_one_handout_per_lesson(booklets):
    html = booklets["student-vi"].read_text(encoding="utf-8")
    lessons = shipped_course().lessons()
    assert html.count('<iframe class="handout"') == len(lessons)
    assert "<h1>Học lập trình với Leanbot</h1>" in html and "Bản dành cho học sinh" in html
    assert "Mục lục" in html and "Thử thách: Đỗ xe vào ô" in html
    assert "Dành cho giáo viên" not in html and "Lỗi học sinh hay mắc" not in html  # teacher notes stay out
    assert "Lập kế hoạch học kỳ" not in html
    pages = re.findall(r'<td class="p">(\d+)</td>', html)
    assert [int(p) for p in pages] == list(range(3, 3 + len(lessons)))


def test_an_english_booklet_speaks_english(tmp_path: Path, monkeypatch):
    from leanbot_kit.course import booklet
    from leanbot_kit.handout.picture import Picture

    monkeypatch.setattr(booklet, "_picture", lambda lesson, lang: Picture(None, "no picture here"))
    html = booklet.render_booklet(shipped_course(), "en", teacher=True)
    assert "<h1>Programming with Leanbot</h1>" in html and "Teacher&#39;s edition" in html
    assert "Contents" in html and "Planning the term" in html and "Common mistakes" in html
    assert "Challenge: Park in the bay" in html


def test_teacher_edition_adds_the_planning_page_and_the_notes_in_vietnamese(booklets):
    html = booklets["teacher-vi"].read_text(encoding="utf-8")
    assert "Bản dành cho giáo viên" in html and "Mục lục" in html
    assert "Lập kế hoạch học kỳ" in html and "băng dính đen mờ" in html
    assert html.count("Dành cho giáo viên") == len(shipped_course().lessons())
    assert "Lỗi học sinh hay mắc" in html and "Quay phải thay vì quay trái" in html
    assert "Sketch khởi đầu" in html  # challenges show the starter, not a program


@pytest.mark.slow
def test_booklet_prints_one_a4_page_per_lesson_plus_front_matter(booklets, tmp_path: Path):
    _chromium()
    require_tool("pdfinfo")
    pdf = tmp_path / "booklet.pdf"
    _browser(tmp_path, booklets["teacher-vi"], f"--print-to-pdf={pdf}", "--no-pdf-header-footer")
    assert _pages(pdf) == len(shipped_course().lessons()) + 3
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "(A4)" in info


@pytest.mark.slow
def test_nothing_overflows_its_page_in_the_browser(booklets):
    _chromium()
    require_tool("chromedriver")
    from selenium import webdriver

    options = webdriver.ChromeOptions()
    for arg in ("--headless", "--no-sandbox", "--disable-gpu", "--window-size=900,1200"):
        options.add_argument(arg)
    driver = webdriver.Chrome(options=options)
    try:
        driver.get(booklets["teacher-vi"].as_uri())
        sheets = driver.execute_script(
            "return [...document.querySelectorAll('.sheet')].map(s => [s.scrollHeight, s.clientHeight]);")
        assert len(sheets) == len(shipped_course().lessons()) + 3
        assert all(scroll <= client + 1 for scroll, client in sheets), sheets
        limit = A4_PAGE_MM * 96 / 25.4
        frames = driver.find_elements("css selector", "iframe.handout")
        for frame in frames:
            driver.switch_to.frame(frame)
            height = driver.execute_script("return document.body.getBoundingClientRect().height;")
            title = driver.title
            driver.switch_to.default_content()
            assert height <= limit, f"{title}: {height:.0f} px > {limit:.0f} px"
    finally:
        driver.quit()


def _bar_length_px(pgm: bytes) -> int:
    """The longest run of dark pixels in a row of the label strip (the bottom tenth) of a binary PGM."""
    header = re.match(rb"P5\s+(\d+)\s+(\d+)\s+(\d+)\s", pgm)
    width, height = int(header.group(1)), int(header.group(2))
    data = pgm[header.end():]
    best = 0
    for y in range(height * 9 // 10, height):
        run = 0
        for value in data[y * width:(y + 1) * width]:
            run = run + 1 if value < 100 else 0
            best = max(best, run)
    return best


@pytest.mark.slow
def test_tracks_print_at_full_size_across_a4_sheets(tmp_path: Path):
    _chromium()
    require_tool("pdftoppm")
    html = tmp_path / "tracks.html"
    res = CliRunner().invoke(cli, ["course", "tracks", "--world", "parking", "-o", str(html)])
    assert res.exit_code == 0, res.output
    sheets = int(re.search(r"(\d+) A4 sheets", res.output).group(1))
    assert sheets == html.read_text(encoding="utf-8").count('<section class="sheet')
    pdf = tmp_path / "tracks.pdf"
    _browser(tmp_path, html, f"--print-to-pdf={pdf}", "--no-pdf-header-footer")
    assert _pages(pdf) == sheets
    # the 100 mm scale bar measures 100 mm on paper: 1000 pixels at 254 dots per inch
    subprocess.run(["pdftoppm", "-r", "254", "-f", "1", "-l", "1", "-gray", str(pdf), str(tmp_path / "p")],
                   check=True, capture_output=True)
    pgm = next(tmp_path.glob("p*.pgm")).read_bytes()
    assert abs(_bar_length_px(pgm) - 1000) <= 6


def test_course_tracks_cover_every_world_with_tape():
    from leanbot_kit.course.tracks import course_worlds, render_tracks

    worlds = course_worlds(shipped_course())
    assert {w.name for w in worlds} >= {"oval", "stripes", "line-track", "parking", "mission"}
    html, count = render_tracks(worlds, "vi")
    assert count == html.count('<section class="sheet') and "vạch này dài 100 mm" in html
