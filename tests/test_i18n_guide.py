"""The guide exists in Vietnamese and English with the same structure, and explains every doctor message."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from leanbot_kit.i18n import gettext_for

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "docs" / "guide"
PAGES = sorted(p.name for p in (GUIDE / "en").glob("*.md"))
DOCTOR = ("leanbot_kit/arduino/doctor.py", "leanbot_kit/arduino/advice.py")
TOPICS = ("install.md", "first-lesson.md", "writing-lessons.md", "flashing.md", "monitor.md",
          "handouts.md", "troubleshooting.md", "planning-a-term.md")


def _text(lang: str, page: str) -> str:
    return re.sub(r"\s+", " ", (GUIDE / lang / page).read_text(encoding="utf-8"))


def _headings(lang: str, page: str) -> list[int]:
    text = re.sub(r"```.*?```", "", (GUIDE / lang / page).read_text(encoding="utf-8"), flags=re.S)
    return [len(m.group(1)) for m in re.finditer(r"^(#+) ", text, re.M)]


def test_both_languages_have_the_same_pages_and_structure():
    assert set(TOPICS) <= set(PAGES)
    assert sorted(p.name for p in (GUIDE / "vi").glob("*.md")) == PAGES
    for page in PAGES:
        assert _headings("en", page) == _headings("vi", page), page


def test_the_readme_links_both_guides():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "docs/guide/en/README.md" in readme and "docs/guide/vi/README.md" in readme


def test_vietnamese_guide_uses_the_teachers_words():
    text = " ".join(_text("vi", page) for page in PAGES)
    for term in ("cảm biến dò line", "tay gắp", "nạp chương trình", "cổng COM",
                 "trình điều khiển (driver) CH340", "bài học", "giáo án", "mô phỏng", "dialout"):
        assert term in text, term


def _doctor_messages() -> list[str]:
    from babel.messages.extract import extract

    found: list[str] = []
    for name in DOCTOR:
        with (ROOT / name).open("rb") as fh:
            found += [m[1] for m in extract("python", fh, keywords={"_": None, "N_": None})
                      if isinstance(m[1], str)]
    return found


def _fragment(message: str) -> str:
    """The longest run of the message without placeholders (what a page can quote as it is)."""
    return max((part.strip() for part in re.split(r"{[^{}]*}", message)), key=len)


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_troubleshooting_explains_every_doctor_and_flash_message(lang: str):
    pytest.importorskip("babel")
    page = _text(lang, "troubleshooting.md")
    missing = []
    for message in _doctor_messages():
        fragment = _fragment(gettext_for(lang, message))
        if len(fragment) >= 8 and re.sub(r"\s+", " ", fragment) not in page:
            missing.append(fragment)
    assert not missing, f"docs/guide/{lang}/troubleshooting.md does not explain:\n" + "\n".join(missing)
