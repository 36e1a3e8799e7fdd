"""Extract every marked message into the per-area catalogues `leanbot_kit/locale/<lang>/LC_MESSAGES/<area>.po`.

Rerunnable: existing translations are kept (Babel's `update_catalog` semantics), messages that left the
code are kept as obsolete `#~` entries (never dropped), new messages arrive with an empty `msgstr`.
Nothing is marked fuzzy silently: by default no fuzzy matching is done at all; with `--fuzzy`, Babel
may pre-fill a new message from a similar old one, flagged `fuzzy` and listed on the screen (a fuzzy
entry counts as untranslated until a person checks it and removes the flag).

    python tools/extract_catalogs.py            # every area, Vietnamese
    python tools/extract_catalogs.py --check    # exit 1 when a catalogue is not up to date or untranslated
"""

from __future__ import annotations

import argparse
import ast
import io
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "leanbot_kit"
LOCALE = PACKAGE / "locale"
LANGUAGES = ("vi",)
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "gettext_for": (2,),
            "pgettext": ((1, "c"), 2), "NP_": ((1, "c"), 2)}
# Messages of the firmware templates: `{{ t("…") }}` (translated into the lesson's language).
TEMPLATE_CALL = re.compile(r'\bt\("((?:[^"\\]|\\.)*)"')
HELP_KEYWORDS = ("help", "short_help", "epilog")
HEADER = "# Vietnamese translation of leanbot-kit: {area}.\n#\n"


@dataclass(frozen=True)
class Area:
    """One catalogue and the source files whose messages it holds."""

    name: str
    patterns: tuple[str, ...]
    templates: tuple[str, ...] = ()

    def sources(self) -> list[Path]:
        """The Python files of this area, sorted."""
        found: set[Path] = set()
        for pattern in self.patterns:
            found.update(p for p in ROOT.glob(pattern) if p.is_file())
        return sorted(found)


# Order matters only for reading; a file belongs to the first area whose pattern names it.
AREAS = (
    Area("generate", ("leanbot_kit/generate/*.py", "leanbot_kit/cli/generate_cmd.py"),
         templates=("firmware_templates/*.j2",)),
    Area("lesson", ("leanbot_kit/lesson/*.py",)),
    # the teacher's side of a class (`leanbot class serve`, the dashboard) and the shared contract
    Area("classroom", tuple(f"leanbot_kit/classroom/{name}.py" for name in (
        "contract", "embedded", "hub", "link", "mosquitto", "pagetext", "report", "runner", "server",
        "store", "student", "web")) + ("leanbot_kit/cli/class_cmds.py", "leanbot_kit/cli/class_serve_cmd.py",
                                       "leanbot_kit/cli/class_broker_cmd.py")),
    Area("sim", ("leanbot_kit/sim/*.py", "leanbot_kit/ports/protocol_sim.py")),
    Area("telemetry", ("leanbot_kit/telemetry/*.py", "leanbot_kit/ports/open.py",
                       "leanbot_kit/ports/protocol_replay.py")),
    Area("arduino", ("leanbot_kit/arduino/*.py",)),
    Area("handout", ("leanbot_kit/handout/*.py",), templates=("leanbot_kit/handout/*.j2",)),
    # the student's side of a class (`leanbot class join`); the teacher's side has its own area
    Area("classjoin", ("leanbot_kit/classroom/backlog.py", "leanbot_kit/classroom/class_lesson.py",
                       "leanbot_kit/classroom/student_link.py", "leanbot_kit/classroom/student_run.py",
                       "leanbot_kit/classroom/robot_view.py", "leanbot_kit/cli/class_join_cmd.py")),
    Area("course", ("leanbot_kit/course/*.py", "leanbot_kit/cli/course_cmd.py")),
    # the rest: the CLI, the shared modules, and any module no area above names
    Area("cli", ("leanbot_kit/cli/*.py", "leanbot_kit/*.py", "leanbot_kit/ports/*.py",
                 "leanbot_kit/**/*.py")),
)


def owned_sources() -> dict[str, list[Path]]:
    """Each area's files, every file counted once (in the first area that names it)."""
    seen: set[Path] = set()
    out: dict[str, list[Path]] = {}
    for area in AREAS:
        files = [p for p in area.sources() if p not in seen]
        seen.update(files)
        out[area.name] = files
    return out


def _python_messages(path: Path) -> Iterator[tuple[object, int, list[str], str | None]]:
    with path.open("rb") as fh:
        for lineno, message, comments, context in extract(
            "python", fh, keywords=KEYWORDS, comment_tags=("TRANSLATORS:",),
            options={"encoding": "utf-8"},
        ):
            yield message, lineno, comments, context


def _decorator_messages(path: Path) -> Iterator[tuple[object, int, list[str]]]:
    """Click help written as plain literals (translated when shown): docstrings and `help=`."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if not isinstance(node, ast.FunctionDef) or not node.decorator_list:
            continue
        if any(_is_click_command(d) for d in node.decorator_list):
            doc = ast.get_docstring(node, clean=True)
            if doc:
                yield doc, node.body[0].lineno, []
        for decorator in node.decorator_list:
            for call in (n for n in ast.walk(decorator) if isinstance(n, ast.Call)):
                for kw in call.keywords:
                    if kw.arg in HELP_KEYWORDS and isinstance(kw.value, ast.Constant) \
                            and isinstance(kw.value.value, str):
                        yield kw.value.value, kw.value.lineno, []


def _nested_messages(path: Path) -> Iterator[tuple[object, int, list[str]]]:
    """Marked literals Babel's tokenizer misses: those inside f-strings (`f"{_('Error')}: …"`)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for joined in (n for n in ast.walk(tree) if isinstance(n, ast.JoinedStr)):
        for call in (n for n in ast.walk(joined) if isinstance(n, ast.Call)):
            name = getattr(call.func, "id", "")
            if name not in KEYWORDS:
                continue
            positions = tuple(i - 1 for i in KEYWORDS[name] or (1,))
            args = [call.args[i] if i < len(call.args) else None for i in positions]
            if args and all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in args):
                values = tuple(a.value for a in args)
                yield (values if len(values) > 1 else values[0]), call.lineno, []


def _is_click_command(decorator: ast.expr) -> bool:
    target = decorator.func if isinstance(decorator, ast.Call) else decorator
    name = target.attr if isinstance(target, ast.Attribute) else getattr(target, "id", "")
    return name in ("command", "group")


def _template_messages(path: Path) -> Iterator[tuple[object, int, list[str]]]:
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        for raw in TEMPLATE_CALL.findall(line):
            text = raw.replace('\\"', '"').replace("\\\\", "\\") if "\\" in raw else raw
            yield text, lineno, []


def template_catalog(area: Area, files: Iterable[Path]) -> Catalog:
    """A catalogue (no translations) of every message marked in the area's sources."""
    catalog = Catalog(project="leanbot-kit", version="0.1.0", charset="utf-8",
                      msgid_bugs_address="leanbot-kit issues", fuzzy=False)
    for path in files:
        where = path.relative_to(ROOT).as_posix()
        for message, lineno, comments, context in _python_messages(path):
            _add(catalog, message, where, lineno, comments, context)
        for message, lineno, comments in (*_decorator_messages(path), *_nested_messages(path)):
            _add(catalog, message, where, lineno, comments)
    for pattern in area.templates:
        for path in sorted(ROOT.glob(pattern)):
            where = path.relative_to(ROOT).as_posix()
            for message, lineno, comments in _template_messages(path):
                _add(catalog, message, where, lineno, comments)
    return catalog


def _add(catalog: Catalog, message: object, where: str, lineno: int, comments: list[str],
         context: str | None = None) -> None:
    if not message or (isinstance(message, tuple) and not message[0]):
        return
    flags = ("python-brace-format",) if re.search(r"{\w*[!:}]", str(message)) else ()
    catalog.add(message, locations=[(where, lineno)], auto_comments=comments, flags=flags,
                context=context)


def updated(area: Area, lang: str, files: list[Path], fuzzy: bool) -> tuple[Catalog, list[str]]:
    """The area's catalogue for `lang`, merged with the existing `.po`; and the messages made fuzzy."""
    template = template_catalog(area, files)
    po = LOCALE / lang / "LC_MESSAGES" / f"{area.name}.po"
    if po.exists():
        with po.open("rb") as fh:
            catalog = read_po(fh, locale=lang)
        already = {m.id for m in catalog if m.id and m.fuzzy}
        for key, message in list(catalog.obsolete.items()):  # a message back in the code: revive it
            message.obsolete = False
            catalog[key] = message
        catalog.obsolete.clear()
    else:
        catalog = Catalog(locale=lang, project="leanbot-kit", version="0.1.0", charset="utf-8",
                          header_comment=HEADER.format(area=area.name), fuzzy=False)
        already = set()
    template.creation_date = catalog.creation_date  # a rerun with nothing new changes nothing
    catalog.update(template, no_fuzzy_matching=not fuzzy, update_header_comment=False)
    catalog.fuzzy = False
    made_fuzzy = [str(m.id) for m in catalog if m.id and m.fuzzy and m.id not in already]
    return catalog, made_fuzzy


def reuse_translations(catalogs: dict[str, Catalog]) -> int:
    """Fill empty entries from another area's translation of the same message; returns how many."""
    known: dict[object, object] = {}
    for catalog in catalogs.values():
        for m in catalog:
            if m.id and not m.fuzzy and _translated(m.string):
                known.setdefault((m.id, m.context), m.string)
    filled = 0
    for catalog in catalogs.values():
        for m in catalog:
            if m.id and not _translated(m.string) and (m.id, m.context) in known:
                m.string = known[(m.id, m.context)]
                filled += 1
    return filled


def _translated(string: object) -> bool:
    if isinstance(string, (tuple, list)):
        return all(string)
    return bool(string)


def po_bytes(catalog: Catalog) -> bytes:
    """The `.po` text of a catalogue, written the same way every time (sorted by message)."""
    out = io.BytesIO()
    write_po(out, catalog, width=100, sort_output=True, ignore_obsolete=False, include_previous=True)
    return out.getvalue()


def untranslated(catalog: Catalog) -> list[str]:
    """The messages of a catalogue that still need a person: empty or fuzzy."""
    return [str(m.id) for m in catalog if m.id and (m.fuzzy or not _translated(m.string))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fuzzy", action="store_true",
                        help="pre-fill new messages from similar old ones (flagged fuzzy, listed)")
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 if a catalogue is stale or has untranslated entries")
    args = parser.parse_args(argv)
    sources, status = owned_sources(), 0
    for lang in LANGUAGES:
        catalogs, fuzzy_lists = {}, {}
        for area in AREAS:
            catalogs[area.name], fuzzy_lists[area.name] = updated(area, lang, sources[area.name],
                                                                  args.fuzzy)
        filled = reuse_translations(catalogs)
        for name, catalog in catalogs.items():
            po = LOCALE / lang / "LC_MESSAGES" / f"{name}.po"
            text, todo = po_bytes(catalog), untranslated(catalog)
            shown = po.relative_to(LOCALE.parent)
            stale = not po.exists() or po.read_bytes() != text
            if args.check:
                status |= int(stale or bool(todo))
                print(f"{shown}: {'stale' if stale else 'up to date'}, "
                      f"{len(todo)} to translate")
                continue
            po.parent.mkdir(parents=True, exist_ok=True)
            po.write_bytes(text)
            print(f"{shown}: {len([m for m in catalog if m.id])} messages, "
                  f"{len(todo)} to translate")
            for msgid in fuzzy_lists[name]:
                print(f"  fuzzy (check it, then remove the flag): {msgid!r}")
        if filled and not args.check:
            print(f"{filled} entries filled from another area's translation of the same message")
    return status


if __name__ == "__main__":
    sys.exit(main())
