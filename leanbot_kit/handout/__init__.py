"""Printable one-page student handouts: a lesson told in words, its code, its goals and a picture."""

from __future__ import annotations

from pathlib import Path

from leanbot_kit.errors import LeanbotError
from leanbot_kit.i18n import _


def write_handout(lesson_path: str | Path, out: str | Path, lang: str | None = None) -> Path:
    """Load a lesson, render its handout in `lang` and write it to `out`; returns the path written."""
    from leanbot_kit.handout.page import render_handout
    from leanbot_kit.lesson import load_lesson

    html = render_handout(load_lesson(lesson_path), lang)
    out = Path(out)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(html, encoding="utf-8")
    except OSError as exc:
        raise LeanbotError(_("could not write the handout to {path}: {error}")
                           .format(path=out, error=exc.strerror or exc),
                           _("choose another file with -o")) from exc
    return out


__all__ = ["write_handout"]
