"""The `leanbot` command: a thin click layer over the library (the only place that prints or exits).

Sub-commands live in small modules and are imported only when run, so `leanbot --help` stays light
(no jinja2, yaml, serial, rich or matplotlib at start-up).
"""

from __future__ import annotations

import importlib
import importlib.util
import sys

import click

from leanbot_kit import __version__
from leanbot_kit.cli.click_text import translate_click
from leanbot_kit.i18n import N_, _, set_language

translate_click()

# name -> (module, attribute, short help). Short help is marked here and translated when shown.
COMMANDS: dict[str, tuple[str, str, str]] = {
    "new": ("leanbot_kit.cli.lesson_cmds", "new", N_("Scaffold a new lesson plan.")),
    "validate": ("leanbot_kit.cli.lesson_cmds", "validate", N_("Check lesson plans and report every problem.")),
    "generate": ("leanbot_kit.cli.generate_cmd", "generate", N_("Turn lesson plans into Arduino sketches.")),
    "schema": ("leanbot_kit.cli.lesson_cmds", "schema", N_("Print the JSON Schema of the lesson format.")),
    "check": ("leanbot_kit.cli.check_cmd", "check", N_("Validate, generate, compile and simulate lessons; one summary.")),
    "sim": ("leanbot_kit.cli.sim_cmds", "sim", N_("Run a lesson or sketch on the simulated Leanbot.")),
    "worlds": ("leanbot_kit.cli.world_cmds", "worlds", N_("List the simulator worlds a lesson can name.")),
    "monitor": ("leanbot_kit.cli.telemetry_cmds", "monitor", N_("Show a robot's telemetry live, and record it.")),
    "report": ("leanbot_kit.cli.telemetry_cmds", "report", N_("Summarise and plot a telemetry recording.")),
    "build": ("leanbot_kit.cli.arduino_cmds", "build", N_("Compile a lesson or sketch with arduino-cli (cached).")),
    "flash": ("leanbot_kit.cli.arduino_cmds", "flash", N_("Upload a lesson or sketch to one robot or a whole class.")),
    "ports": ("leanbot_kit.cli.arduino_cmds", "ports", N_("List connected robots and serial ports.")),
    "doctor": ("leanbot_kit.cli.arduino_cmds", "doctor", N_("Diagnose this computer and print the exact fixes.")),
    "setup": ("leanbot_kit.cli.arduino_cmds", "setup", N_("Install the Arduino core and libraries a Leanbot needs.")),
    "handout": ("leanbot_kit.cli.handout_cmd", "handout", N_("Print a one-page student handout for a lesson.")),
    "class": ("leanbot_kit.cli.class_cmds", "class_group", N_("Run a class across laptops: the teacher serves, students join.")),
    "course": ("leanbot_kit.cli.course_cmd", "course", N_("The course: units and lessons, its booklet and its tracks.")),
}


class LazyGroup(click.Group):
    """A group whose sub-commands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [name for name, spec in COMMANDS.items() if _available(spec)]

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        spec = COMMANDS.get(cmd_name)
        if spec is None or not _available(spec):
            return None
        module = importlib.import_module(spec[0])
        command = getattr(module, spec[1])
        if ctx.params.get("lang"):  # parsed already; the group's callback runs only after this
            set_language(ctx.params["lang"])
        _accept_lang(command)
        _translate_help(command)
        return command

    def invoke(self, ctx: click.Context):
        from leanbot_kit.errors import LeanbotError

        try:
            return super().invoke(ctx)
        except LeanbotError as exc:
            if (ctx.obj or {}).get("debug"):
                raise
            from leanbot_kit.cli.output import ReportedError

            raise ReportedError(exc) from exc

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, _(COMMANDS[name][2])) for name in self.list_commands(ctx)]
        if rows:
            with formatter.section(_("Commands")):
                formatter.write_dl(rows)


def _available(spec: tuple[str, str, str]) -> bool:
    return importlib.util.find_spec(spec[0]) is not None


def _set_lang(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    if value:
        set_language(value)


def _accept_lang(command: click.Command) -> None:
    """`--lang` may also follow the command (`leanbot validate FILE --lang vi`).

    A command with a `--lang` of its own (`new`, `handout`) keeps it: there it also chooses the language of
    what the command writes, and `main` has already set the messages' language from the command line.
    """
    if isinstance(command, click.Group):  # `leanbot GROUP SUB --lang vi`: every sub-command accepts it too
        for sub in command.commands.values():
            _accept_lang(sub)
    if any("--lang" in getattr(param, "opts", ()) for param in command.params):
        return
    command.params.append(click.Option(
        ["--lang"], type=click.Choice(["vi", "en"]), expose_value=False, is_eager=True,
        callback=_set_lang, help=N_("Language of messages (vi or en).")))


def _early_language(argv: list[str]) -> str | None:
    """`--lang` must act before click renders help, so read it straight from argv."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return None


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--lang", type=click.Choice(["vi", "en"]), help=N_("Language of messages (vi or en)."))
@click.option("--debug", is_flag=True, help=N_("Show the full traceback of an error."))
@click.version_option(__version__, prog_name="leanbot")
@click.pass_context
def cli(ctx: click.Context, lang: str | None, debug: bool) -> None:
    """leanbot-kit: lesson plans, sketches, a simulated robot and telemetry for Leanbot."""
    # Without it, what `main` read from the whole command line (`--lang` after the command), else the
    # environment; a `--lang` after the command is applied again when the command's options are parsed.
    set_language(lang or (ctx.obj or {}).get("lang"))
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug


def main(argv: list[str] | None = None) -> None:
    """Entry point of the `leanbot` console script."""
    args = list(sys.argv[1:] if argv is None else argv)
    early = _early_language(args)
    set_language(early)
    _safe_console()
    _translate_help(cli)
    cli.main(args=args, prog_name="leanbot", obj={"lang": early})


def _translate_help(command: click.Command) -> None:
    """Show a command's help (written in English in its decorators) in the current language."""
    source = command.__dict__.setdefault("_lbk_help", (command.help, command.short_help))
    command.help, command.short_help = (_(text) if text else text for text in source)
    for param in command.params:
        if isinstance(param, click.Option):
            original = param.__dict__.setdefault("_lbk_help", param.help)
            param.help = _(original) if original else original


def _safe_console() -> None:
    """A console that cannot show some letters (cp1258, cp437 …) gets look-alikes, never a crash."""
    from leanbot_kit.cli.console import install_fallback

    for stream in (sys.stdout, sys.stderr):
        install_fallback(stream)
