"""Find English sentences left in output that should be Vietnamese (used by tests/test_i18n_outputs.py).

The English vocabulary is every word of the catalogues' English messages, minus the words the Vietnamese
translations keep as they are (command names, identifiers, `sketch` …). Quoted text, paths, URLs and code
tokens are removed first: they are the user's own words or names. A run of three or more vocabulary words
in a row is an English sentence nobody translated.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from babel.messages.pofile import read_po

LOCALE = Path(__file__).resolve().parent.parent / "leanbot_kit" / "locale" / "vi" / "LC_MESSAGES"
WORD = re.compile(r"[A-Za-z]{2,}")
RUN = 3
# Text that is a name, not prose: quoted, code, paths, URLs, options, identifiers, numbers with units.
NAMES = re.compile(r"'[^'\n]*'|\"[^\"\n]*\"|`[^`\n]*`|\S*[/\\]\S*|https?://\S+|--?[\w-]+|\S*[_.=<>()\[\]{}#$]\S*"
                   r"|\S*\d\S*|\b[A-Z][A-Z0-9]+\b")


def _words(text: str) -> set[str]:
    return {w.lower() for w in WORD.findall(re.sub(r"{[^{}]*}", " ", text))}


@cache
def english_vocabulary() -> frozenset[str]:
    """Words of the English messages that no Vietnamese translation keeps."""
    english: set[str] = set()
    kept: set[str] = set()
    for po in LOCALE.glob("*.po"):
        with po.open("rb") as fh:
            catalog = read_po(fh)
        for message in catalog:
            if not message.id or not message.string:
                continue
            ids = message.id if isinstance(message.id, tuple) else (message.id,)
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            for text in ids:
                english |= _words(NAMES.sub(" ", text))
            for text in strings:  # a name kept (FILE, `leanbot monitor`) is not a word kept
                kept |= _words(NAMES.sub(" ", text))
    return frozenset(english - kept)


def english_sentences(output: str) -> list[str]:
    """The runs of untranslated English words in `output`, each with its line."""
    vocabulary = english_vocabulary()
    found = []
    for line in output.splitlines():
        stripped = NAMES.sub(" | ", line)
        run: list[str] = []
        for token in re.findall(r"[A-Za-z]+|[^\sA-Za-z]+", stripped):
            if token.lower() in vocabulary:
                run.append(token)
                continue
            if len(run) >= RUN:
                found.append(f"{' '.join(run)!r} in {line.strip()!r}")
            run = []
        if len(run) >= RUN:
            found.append(f"{' '.join(run)!r} in {line.strip()!r}")
    return found
