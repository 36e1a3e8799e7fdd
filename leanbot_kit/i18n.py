"""Vietnamese and English for everything a person reads (gettext catalogues in `locale/`).

Mark text with `_("…")` where it is shown, `N_("…")` where it is defined at import time and shown later.
Placeholders are named (`_("port {port} is busy").format(port=p)`) so translators can reorder them.
Each area of the package keeps its own catalogue (`locale/<lang>/LC_MESSAGES/<area>.po`, compiled to
`.mo` by `tools/build_catalogs.py`); all catalogues of a language are chained into one translation.
"""

from __future__ import annotations

import gettext
import locale
import os
from functools import cache
from pathlib import Path

LANGUAGES = ("vi", "en")
DEFAULT_LANGUAGE = "en"
LOCALE_DIR = Path(__file__).parent / "locale"

_current = {"lang": None}


def resolve_language(explicit: str | None = None) -> str:
    """Pick the language: `--lang`, else `LEANBOT_LANG`, else the system locale, else English."""
    candidates = (explicit, lambda: os.environ.get("LEANBOT_LANG"), _system_language)
    for candidate in candidates:  # looked up lazily: sketch comments ask once per line
        candidate = candidate() if callable(candidate) else candidate
        if candidate:
            short = candidate.strip().lower()[:2]
            if short in LANGUAGES:
                return short
    return DEFAULT_LANGUAGE


def _system_language() -> str | None:
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(var)
        if value and value not in ("C", "POSIX") and not value.startswith("C."):
            return value
    try:
        return locale.getlocale()[0]
    except ValueError:
        return None


@cache
def translation(lang: str) -> gettext.NullTranslations:
    """All catalogues of `lang` chained into one translation (English is the source language)."""
    chain: gettext.NullTranslations = gettext.NullTranslations()
    folder = LOCALE_DIR / lang / "LC_MESSAGES"
    if lang == DEFAULT_LANGUAGE or not folder.is_dir():
        return chain
    first: gettext.NullTranslations | None = None
    for mo in sorted(folder.glob("*.mo")):
        with mo.open("rb") as fh:
            t = gettext.GNUTranslations(fh)
        if first is None:
            first = t
        else:
            first.add_fallback(t)
    return first or chain


def set_language(lang: str | None) -> str:
    """Set the language of this process's messages; returns the language chosen."""
    chosen = resolve_language(lang)
    _current["lang"] = chosen
    return chosen


def current_language() -> str:
    """The language messages are shown in now."""
    if _current["lang"] is None:
        set_language(None)
    return _current["lang"]


def _(message: str) -> str:
    """Translate `message` into the current language."""
    return translation(current_language()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translate a message that depends on a count."""
    return translation(current_language()).ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Mark `message` for extraction without translating it yet (translate with `_` when shown)."""
    return message


def pgettext(context: str, message: str) -> str:
    """Translate `message` as meant in `context` (one English word, two meanings: "failed")."""
    return translation(current_language()).pgettext(context, message)


def NP_(context: str, message: str) -> str:  # noqa: N802 (the gettext convention)
    """Mark `message` in `context` for extraction without translating it yet (see `pgettext`)."""
    return message


def gettext_for(lang: str, message: str) -> str:
    """Translate `message` into `lang` regardless of the current language (e.g. sketch comments)."""
    return translation(resolve_language(lang)).gettext(message)
