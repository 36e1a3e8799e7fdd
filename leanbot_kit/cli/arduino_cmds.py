"""`leanbot build`, `flash`, `ports`, `doctor` and `setup`: arduino-cli, serial ports and this computer."""

from __future__ import annotations

from pathlib import Path

import click

from leanbot_kit.i18n import _

SOURCE = click.Path(exists=True, path_type=Path)


@click.command()
@click.argument("source", type=SOURCE)
@click.option("--fqbn", help="Board to compile for (default: the sketch's profile, or arduino:avr:uno).")
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
def build(source: Path, fqbn: str | None, as_json: bool) -> None:
    """Compile a lesson or sketch with arduino-cli (cached); show flash and RAM use."""
    from leanbot_kit.arduino.build import build_sketch
    from leanbot_kit.cli import arduino_views as views
    from leanbot_kit.cli.output import echo_json

    result = build_sketch(source, fqbn=fqbn)
    if as_json:
        echo_json(result.to_json())
    else:
        views.echo_build(result)


@click.command()
@click.argument("source", type=SOURCE)
@click.option("--port", "-p", "ports", multiple=True,
              help="Port of a robot (repeat for several; sim://NAME for a simulated robot).")
@click.option("--all", "all_ports", is_flag=True, help="Flash every connected robot.")
@click.option("--fqbn", help="Board to compile for, e.g. arduino:avr:nano:cpu=atmega328old.")
@click.option("--retries", default=2, show_default=True, type=click.IntRange(0, 10),
              help="Retries per robot after a transient failure (not in sync, busy).")
@click.option("--json", "as_json", is_flag=True, help="Print the results as JSON.")
def flash(source: Path, ports: tuple[str, ...], all_ports: bool, fqbn: str | None, retries: int,
          as_json: bool) -> None:
    """Upload a lesson or sketch to one robot or a whole class, in parallel."""
    from leanbot_kit.arduino import flash as flashing
    from leanbot_kit.arduino.ports import list_ports
    from leanbot_kit.cli import arduino_views as views
    from leanbot_kit.cli.output import echo_json

    chosen = flashing.select_ports(ports, all_ports=all_ports, listing=list_ports)
    if as_json:
        results = flashing.flash(source, chosen, fqbn=fqbn, retries=retries)
        echo_json([r.to_json() for r in results])
    else:
        with views.FlashProgress(chosen) as progress:
            results = flashing.flash(source, chosen, fqbn=fqbn, retries=retries,
                                     on_progress=progress.update)
        views.echo_flash_table(results)
    if not all(r.ok for r in results):
        raise SystemExit(1)


@click.command()
@click.option("--sim", "sims", multiple=True, help="Also list this simulated robot (sim://NAME).")
@click.option("--all", "show_all", is_flag=True,
              help="Also list the computer's built-in serial ports (no USB id: never a robot).")
@click.option("--json", "as_json", is_flag=True, help="Print the ports as JSON.")
def ports(sims: tuple[str, ...], show_all: bool, as_json: bool) -> None:
    """List USB serial ports, robots first: chip, arduino-cli board, busy or free, robot name."""
    from leanbot_kit.arduino.ports import list_ports, shown_ports
    from leanbot_kit.cli import arduino_views as views
    from leanbot_kit.cli.output import echo_json

    shown, hidden = shown_ports(list_ports(sim=sims), show_all)
    if as_json:
        echo_json([p.to_json() for p in shown])
    else:
        views.echo_ports(shown, hidden)


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print the checks as JSON.")
def doctor(as_json: bool) -> None:
    """Check this computer for flashing and simulating; print the exact fix for each problem."""
    from leanbot_kit.arduino.doctor import blocks_flashing, run_checks
    from leanbot_kit.cli.output import echo_json

    checks = run_checks()
    if as_json:
        echo_json([c.to_json() for c in checks])
    else:
        for check in checks:
            mark = "✓" if check.ok else "✗"
            line = f"{mark} {_(check.name)}: {check.detail}"
            click.echo(line if check.ok else f"{line}\n    {_('fix')}: {check.fix}")
    if blocks_flashing(checks):
        raise SystemExit(1)


@click.command()
@click.option("--offline", "offline_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Install from this folder (package_index.json, staging/, library .zip files).")
@click.option("--dry-run", is_flag=True, help="Only print the arduino-cli commands.")
def setup(offline_dir: Path | None, dry_run: bool) -> None:
    """Install the Arduino AVR core and the libraries a Leanbot sketch needs."""
    from leanbot_kit.arduino.cli_runner import ArduinoCli
    from leanbot_kit.arduino.setup import plan_setup
    from leanbot_kit.arduino.setup import setup as run_setup
    from leanbot_kit.errors import ArduinoCliError

    try:
        cli = ArduinoCli()
    except ArduinoCliError as exc:
        if not dry_run:
            raise
        cli = None  # show what would run once arduino-cli is installed
        click.echo(_("arduino-cli is not installed ({reason}); once it is, setup would run:").format(
            reason=exc.hint or exc.message), err=True)
    steps = run_setup(offline_dir, dry_run=dry_run, cli=cli) if cli else plan_setup(None, offline_dir)
    binary = cli.command if cli else ["arduino-cli"]
    for step in steps:
        if step.skipped:
            click.echo(f"✓ {step.description}: {step.skipped}")
        elif dry_run:
            click.echo(step.command_line(binary))
        else:
            click.echo(f"✓ {step.description}")
    if not dry_run and all(s.skipped for s in steps):
        click.echo(_("Everything is installed already."))
