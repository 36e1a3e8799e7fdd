"""The one strict Jinja2 environment that renders firmware templates (`firmware_templates/*.j2`)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from leanbot_kit.errors import TemplateError
from leanbot_kit.i18n import _


@lru_cache(maxsize=4)
def environment(folder: str) -> Any:
    """A strict environment over `folder`: a missing variable is an error, no auto-escaping."""
    import jinja2

    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(folder),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render(name: str, context: dict[str, Any], *, folder: Path | None = None) -> str:
    """Render template `name` with `context`; any template problem becomes a TemplateError."""
    import jinja2

    from leanbot_kit.resources import templates_dir

    where = str(folder or templates_dir())
    try:
        return environment(where).get_template(name).render(**context)
    except jinja2.TemplateNotFound as exc:
        raise TemplateError(
            _("firmware template {name} not found in {folder}").format(name=name, folder=where),
            _("reinstall leanbot-kit, or check the template name"),
        ) from exc
    except jinja2.TemplateError as exc:
        line = _line_of(exc, name)
        raise TemplateError(
            _("firmware template {name}{line} is broken: {error}").format(
                name=name, line=f":{line}" if line else "", error=exc.message or type(exc).__name__
            ),
            _("fix the template, or reinstall leanbot-kit"),
        ) from exc


def _line_of(exc: Exception, name: str) -> int | None:
    """The template line an error happened on, if Jinja2 knows it."""
    lineno = getattr(exc, "lineno", None)
    if lineno:
        return lineno
    tb, found = exc.__traceback__, None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename.endswith(name):
            found = tb.tb_lineno
        tb = tb.tb_next
    return found
