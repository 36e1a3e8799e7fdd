"""`leanbot class …`: the teacher's `serve` (here) and the student's `join` (class_join_cmd.py)."""

from __future__ import annotations

import click

from leanbot_kit.i18n import N_


class _ClassGroup(click.Group):
    """Shows its sub-commands' help in the current language, like the top-level commands."""

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        from leanbot_kit.cli import _translate_help

        command = super().get_command(ctx, cmd_name)
        if command is not None:
            _translate_help(command)
        return command


@click.group("class", cls=_ClassGroup,
             help=N_("Run a class across laptops: the teacher serves, students join."))
def class_group() -> None:
    """`leanbot class`."""


# `serve` is defined in class_serve_cmd.py, `join` in class_join_cmd.py and `broker-files` in
# class_broker_cmd.py; each is listed here once, so that no module has to edit another.
_SUBCOMMANDS = {
    "serve": ("leanbot_kit.cli.class_serve_cmd", "serve"),
    "join": ("leanbot_kit.cli.class_join_cmd", "join"),
    "broker-files": ("leanbot_kit.cli.class_broker_cmd", "broker_files"),
}


def _register() -> None:
    import importlib
    import importlib.util

    for name, (module, attr) in _SUBCOMMANDS.items():
        if importlib.util.find_spec(module) is not None:
            class_group.add_command(getattr(importlib.import_module(module), attr), name)


_register()
