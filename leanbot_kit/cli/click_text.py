"""click's own words (`Usage:`, `Options`, `Missing argument` …) through our catalogues.

click marks its messages with the standard `gettext` functions of the process-wide domain, which
know nothing of `--lang`; this module lists the messages a person meets (for extraction) and points
click's modules at our translator, so they follow the language of every other message.
"""

from __future__ import annotations

import importlib

from leanbot_kit.i18n import N_, _

MESSAGES = (
    N_("Usage:"), N_("Options"), N_("Commands"), N_("Positional arguments"),
    N_("Show this message and exit."), N_("Show the version and exit."),
    N_("%(prog)s, version %(version)s"), N_("Aborted!"), N_("Missing command."),
    N_("Error: {message}"), N_("Try '{command} {option}' for help."),
    N_("Invalid value: {message}"), N_("Invalid value for {param_hint}: {message}"),
    N_("Missing argument"), N_("Missing option"), N_("Missing parameter"), N_("Missing {param_type}"),
    N_("Missing parameter: {param_name}"), N_("No such option {name!r}."),
    N_("No such command {name!r}."), N_("Could not open file {filename!r}: {message}"),
    N_("Option {name!r} does not take a value."), N_("Argument {name!r} takes {nargs} values."),
    N_("env var: {var}"), N_("default: {default}"), N_("deprecated"),
    N_("Choose from:\n\t{choices}"), N_("{value!r} is not a valid {number_type}."),
    N_("{value} is not in the range {range}."),
    N_("{value!r} is not a valid boolean. Recognized values: {states}"),
    N_("{name} {filename!r} does not exist."), N_("{name} {filename!r} is a file."),
    N_("{name} {filename!r} is a directory."), N_("{name} {filename!r} is not readable."),
    N_("{name} {filename!r} is not writable."), N_("Do you want to continue?"),
    N_("Repeat for confirmation"), N_("Error: invalid input"), N_("Press any key to continue..."),
)
# click's plural messages: Vietnamese has one form, so each form is translated as its own message.
PLURALS = (
    (N_("Got unexpected extra argument ({args})"), N_("Got unexpected extra arguments ({args})")),
    (N_("Option {name!r} requires an argument."), N_("Option {name!r} requires {nargs} arguments.")),
    (N_("Did you mean {possibility}?"), N_("(Did you mean one of: {possibilities}?)")),
    (N_("{value!r} is not {choice}."), N_("{value!r} is not one of {choices}.")),
    (N_("Takes {nargs} values but 1 was given."), N_("Takes {nargs} values but {len} were given.")),
)
MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "types", "termui")


def _click(message: str) -> str:
    # click also names a path's kind ("file", "directory", "path") with `_`, and upper-cases it into
    # the metavar (`--record PATH`): those stay as they are, the messages around them are translated.
    return message if message in ("file", "directory", "path") else _(message)


def _plural(singular: str, plural: str, n: int) -> str:
    return _(singular if n == 1 else plural)


def translate_click() -> None:
    """Make click's modules translate their messages with our catalogues (in the current language)."""
    for name in MODULES:
        module = importlib.import_module(f"click.{name}")
        if hasattr(module, "_"):
            module._ = _click
        if hasattr(module, "ngettext"):
            module.ngettext = _plural
