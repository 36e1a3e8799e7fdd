"""The generator's Vietnamese catalogue: every phrase translated, the compiled .mo up to date."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "leanbot_kit/locale/vi/LC_MESSAGES/generate.po"
SOURCES = sorted((ROOT / "leanbot_kit/generate").glob("*.py")) + [
    ROOT / "leanbot_kit/cli/generate_cmd.py"
]


def marked_messages() -> set[str]:
    """Every `_()`/`N_()` string of the generator and every `t("…")` of the firmware templates."""
    from babel.messages.extract import extract

    found: set[str] = set()
    for source in SOURCES:
        with source.open("rb") as fh:
            found.update(m[1] for m in extract("python", fh, keywords={"_": None, "N_": None}))
    for template in (ROOT / "firmware_templates").glob("*.j2"):
        found.update(re.findall(r'\bt\("((?:[^"\\]|\\.)*)"', template.read_text(encoding="utf-8")))
    return found


def test_every_generator_phrase_has_a_vietnamese_translation():
    pytest.importorskip("babel")
    from babel.messages.pofile import read_po

    with PO.open("rb") as fh:
        catalog = read_po(fh)
    assert catalog.charset.lower() == "utf-8"
    assert catalog.plural_forms == "nplurals=1; plural=0;"
    missing = sorted(m for m in marked_messages() if not (catalog.get(m) and catalog.get(m).string))
    assert not missing, f"translate these in {PO.name}: {missing}"
    for message in catalog:
        if message.id:
            assert set(re.findall(r"{\w+", message.id)) == set(
                re.findall(r"{\w+", message.string)
            ), message.id


def test_compiled_catalogue_matches_the_po_file():
    pytest.importorskip("babel")
    import sys

    sys.path.insert(0, str(ROOT / "tools"))
    try:
        from build_catalogs import compiled
    finally:
        sys.path.pop(0)
    assert PO.with_suffix(".mo").read_bytes() == compiled(PO), "run tools/build_catalogs.py"
