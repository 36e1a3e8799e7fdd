"""How the CLI prints: results, JSON, and errors (message + hint on stderr, exit codes)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

from leanbot_kit.errors import LeanbotError, ProblemsError
from leanbot_kit.i18n import _


def lesson_files(paths: tuple[Path, ...]) -> list[Path]:
    """The lesson files named: a folder stands for every `*.yaml`/`*.yml` file inside it but course.yaml."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out.extend(sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file()
                              and p.name != "course.yaml"))
        else:
            out.append(path)
    return out


def echo_json(data: Any) -> None:
    """Print one JSON document on stdout."""
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def echo_error(err: LeanbotError) -> None:
    """Print a LeanbotError the way a person reads it: `Error: …` then the hint."""
    if isinstance(err, ProblemsError) and err.problems:
        for problem in err.problems:
            click.echo(f"{_('Error')}: {problem}", err=True)
    else:
        click.echo(f"{_('Error')}: {err.message}", err=True)
    if err.hint:
        click.echo(f"{_('Hint')}: {err.hint}", err=True)


class ReportedError(click.ClickException):
    """A LeanbotError on its way out of click: shown as `Error: …` + hint, exit code kept."""

    def __init__(self, error: LeanbotError) -> None:
        super().__init__(error.message)
        self.error = error
        self.exit_code = error.exit_code

    def show(self, file: Any = None) -> None:
        echo_error(self.error)
