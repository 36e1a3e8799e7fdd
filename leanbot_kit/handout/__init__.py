"""Printable one-page student handouts: a lesson told in words, its code, its goals and a picture."""

from __future__ import annotations

from pathlib import Path

from leanbot_kit.errors import LeanbotError, os_error_text
from leanbot_kit.i18n import _


def write_handout(lesson_path: str | Path, out: str | Path | None = None,
                  lang: str | None = None, world: str | None = None) -> Path:
    """Render a lesson's handout in `lang` (default: the lesson's), its run in `world`, to `out`.

    Without `out`, the file is `<id>-handout-<lang>.html` in the current folder; returns the path written.
    """
    from leanbot_kit.handout.page import render_handout
    from leanbot_kit.i18n import resolve_language
    from leanbot_kit.lesson import load_lesson

    lesson = load_lesson(lesson_path)
    chosen = resolve_language(lang or lesson.lang)
    html = render_handout(lesson, chosen, world=world)
    out = Path(out) if out is not None else Path(f"{lesson.id}-handout-{chosen}.html")
    from leanbot_kit.files import write_output

    try:
        write_output(out, html)  # a temporary file renamed into place: never through a symlink
    except OSError as exc:
        raise LeanbotError(_("could not write the handout to {path}: {error}")
                           .format(path=out, error=os_error_text(exc)),
                           _("choose another file with -o")) from exc
    return out


__all__ = ["write_handout"]
