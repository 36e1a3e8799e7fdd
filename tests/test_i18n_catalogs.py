"""The Vietnamese catalogues: every message of the code is there and translated, and the .mo files are current."""

from __future__ import annotations

import re
import sys
import unicodedata
from pathlib import Path

import pytest

pytest.importorskip("babel")

from babel.messages.pofile import read_po  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "leanbot_kit" / "locale"
PO_FILES = sorted(LOCALE.glob("*/LC_MESSAGES/*.po"))
PLACEHOLDER = re.compile(r"{(\w*)(?:![rsa])?(?::[^{}]*)?}")


def _tools():
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import build_catalogs
        import extract_catalogs
    finally:
        sys.path.pop(0)
    return extract_catalogs, build_catalogs


def _read(po: Path):
    with po.open("rb") as fh:
        return read_po(fh)


def _strings(message) -> tuple[str, ...]:
    return tuple(message.string) if isinstance(message.string, (tuple, list)) else (message.string,)


def _ids(message) -> tuple[str, ...]:
    return tuple(message.id) if isinstance(message.id, (tuple, list)) else (message.id,)


def test_there_is_a_catalogue_per_area():
    extract, _build = _tools()
    names = {po.stem for po in PO_FILES}
    assert {area.name for area in extract.AREAS} <= names


@pytest.mark.parametrize("po", PO_FILES, ids=lambda p: p.stem)
def test_every_entry_is_translated_with_the_same_placeholders(po: Path):
    catalog = _read(po)
    problems = []
    for message in catalog:
        if not message.id:
            continue
        strings = _strings(message)
        if message.fuzzy or not all(strings):
            problems.append(f"untranslated{' (fuzzy)' if message.fuzzy else ''}: {message.id!r}")
            continue
        wanted = {name for text in _ids(message) for name in PLACEHOLDER.findall(text)}
        for text in strings:
            if set(PLACEHOLDER.findall(text)) != wanted:
                problems.append(f"placeholders differ: {message.id!r} -> {text!r}")
            if unicodedata.normalize("NFC", text) != text:
                problems.append(f"not NFC (tone marks typed apart): {text!r}")
    assert not problems, f"{po.relative_to(ROOT)}:\n" + "\n".join(problems)


def test_every_marked_message_of_the_code_is_in_its_catalogue():
    extract, _build = _tools()
    sources = extract.owned_sources()
    missing = []
    for area in extract.AREAS:
        po = LOCALE / "vi" / "LC_MESSAGES" / f"{area.name}.po"
        catalog = _read(po) if po.exists() else None
        for message in extract.template_catalog(area, sources[area.name]):
            if not message.id:
                continue
            entry = catalog.get(message.id, context=message.context) if catalog is not None else None
            if entry is None or entry.fuzzy or not all(_strings(entry)):
                where = ", ".join(f"{f}:{n}" for f, n in message.locations)
                missing.append(f"{where}: {message.id!r} ({area.name}.po)")
    assert not missing, ("run tools/extract_catalogs.py, translate, then tools/build_catalogs.py:\n"
                         + "\n".join(missing))


@pytest.mark.parametrize("po", PO_FILES, ids=lambda p: p.stem)
def test_compiled_catalogue_is_up_to_date(po: Path):
    _extract, build = _tools()
    mo = po.with_suffix(".mo")
    assert mo.exists() and mo.read_bytes() == build.compiled(po), \
        f"{mo.relative_to(ROOT)} is stale: run tools/build_catalogs.py"


def test_extraction_is_rerunnable_and_keeps_translations(tmp_path, monkeypatch):
    extract, _build = _tools()
    for po in PO_FILES:
        (tmp_path / "vi" / "LC_MESSAGES").mkdir(parents=True, exist_ok=True)
        (tmp_path / "vi" / "LC_MESSAGES" / po.name).write_bytes(po.read_bytes())
    monkeypatch.setattr(extract, "LOCALE", tmp_path)
    before = {p.name: _read(p) for p in (tmp_path / "vi" / "LC_MESSAGES").glob("*.po")}
    assert extract.main([]) in (0, None)
    first = {p.name: p.read_bytes() for p in (tmp_path / "vi" / "LC_MESSAGES").glob("*.po")}
    extract.main([])
    assert first == {p.name: p.read_bytes() for p in (tmp_path / "vi" / "LC_MESSAGES").glob("*.po")}
    for name, old in before.items():
        new = _read(tmp_path / "vi" / "LC_MESSAGES" / name)
        for message in old:
            if message.id and message.string:
                kept = new.get(message.id, context=message.context) or new.obsolete.get(
                    (message.id, message.context) if message.context else message.id)
                assert kept is not None and kept.string == message.string, message.id
                assert not kept.fuzzy, message.id


def test_a_message_shared_by_two_areas_reads_the_same_in_both():
    # All catalogues of a language are chained: the first one that knows a message wins.
    seen: dict[str, tuple[str, str]] = {}
    clashes = []
    for po in PO_FILES:
        for message in _read(po):
            if not message.id or not all(_strings(message)):
                continue
            key, text = f"{message.context or ''}|{message.id}", str(message.string)
            if key in seen and seen[key][1] != text:
                clashes.append(f"{key!r}: {seen[key][0]} says {seen[key][1]!r}, {po.stem} says {text!r}")
            seen.setdefault(key, (po.stem, text))
    assert not clashes, "\n".join(clashes)


def test_every_module_belongs_to_a_catalogue():
    extract, _build = _tools()
    owned = {p for files in extract.owned_sources().values() for p in files}
    modules = set((ROOT / "leanbot_kit").rglob("*.py"))
    assert modules <= owned, sorted(str(p.relative_to(ROOT)) for p in modules - owned)
