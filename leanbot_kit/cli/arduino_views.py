"""How `build`, `flash` and `ports` look on a terminal: sizes, per-robot progress, tables (rich)."""

from __future__ import annotations

import threading
from typing import Any

import click

from leanbot_kit.i18n import N_, _, ngettext

# `leanbot ports` statuses (the JSON keeps these ids; the table shows them translated)
PORT_STATUS = {"free": N_("free"), "busy": N_("busy"), "no-permission": N_("no-permission"),
               "missing": N_("missing"), "unknown": N_("unknown")}


def echo_build(result: Any) -> None:
    """Flash and RAM use against the ATmega328P limits, and whether the build was cached."""
    state = _("cached") if result.cached else _("compiled")
    click.echo(_("{state}: {folder} for {fqbn}").format(state=state, folder=result.sketch_folder,
                                                        fqbn=result.fqbn))
    click.echo(_("flash: {used} of {limit} bytes ({pct}%)").format(
        used=result.flash_bytes, limit=result.flash_limit,
        pct=result.flash_bytes * 100 // result.flash_limit))
    click.echo(_("RAM:   {used} of {limit} bytes ({pct}%)").format(
        used=result.ram_bytes, limit=result.ram_limit,
        pct=result.ram_bytes * 100 // result.ram_limit))
    for warning in result.warnings:
        click.echo(f"{_('warning')}: {warning}", err=True)


class FlashProgress:
    """One progress line per robot, updated from the upload threads."""

    def __init__(self, ports: list[str]) -> None:
        from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

        self._lock = threading.Lock()
        self._progress = Progress(SpinnerColumn(), TextColumn("{task.description}"),
                                  TimeElapsedColumn(), transient=False)
        self._tasks = {p: self._progress.add_task(_("{port}: waiting").format(port=p), total=1)
                       for p in ports}

    def __enter__(self) -> FlashProgress:
        self._progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._progress.stop()

    def update(self, event: Any) -> None:
        """Show one Progress event of the flash library."""
        texts = {"uploading": _("{port}: uploading (attempt {n})"),
                 "retrying": _("{port}: retrying after: {message}"),
                 "done": _("{port}: done"), "failed": _("{port}: failed: {message}")}
        text = texts.get(event.state, "{port}").format(port=event.port, n=event.attempt,
                                                       message=event.message.splitlines()[0]
                                                       if event.message else "")
        with self._lock:
            task = self._tasks.get(event.port)
            if task is not None:
                finished = event.state in ("done", "failed")
                self._progress.update(task, description=text, completed=1 if finished else 0)


def echo_flash_table(results: list[Any]) -> None:
    """The final table: port, robot, result, seconds, attempts; then each failure's fix."""
    from rich.console import Console
    from rich.table import Table

    table = Table(title=_("Flash results"))
    for heading in (_("port"), _("robot"), _("result"), _("seconds"), _("attempts")):
        table.add_column(heading)
    for r in results:
        outcome = _("ok") if r.ok else _("FAILED")
        table.add_row(r.port, r.robot_id or "-", outcome, f"{r.seconds:.1f}", str(r.attempts))
    Console().print(table)
    for r in results:
        if not r.ok:
            click.echo(f"{r.port}: {_('Error')}: {r.error}", err=True)
            if r.hint:
                click.echo(f"{r.port}: {_('Hint')}: {r.hint}", err=True)


def echo_ports(ports: list[Any], hidden: list[Any] = ()) -> None:
    """The ports table: port, chip, USB id, arduino-cli board, status, robot; then what was left out."""
    from rich.console import Console
    from rich.table import Table

    if hidden:
        click.echo(ngettext("{n} built-in serial port without a USB id is hidden ({ports}): 'leanbot ports "
                            "--all' lists it",
                            "{n} built-in serial ports without a USB id are hidden ({ports}): 'leanbot ports "
                            "--all' lists them", len(hidden))
                   .format(n=len(hidden), ports=", ".join(p.device for p in hidden)), err=True)
    if not ports:
        click.echo(_("No USB serial port found. Plug the robot in with a data USB cable."))
        return
    table = Table()
    for heading in (_("port"), _("chip"), _("USB id"), _("board"), _("status"), _("robot")):
        table.add_column(heading)
    for p in ports:
        usb = f"{p.vid}:{p.pid}" if p.vid else "-"
        status = _(PORT_STATUS.get(p.status, p.status))
        status = f"{status} ({p.holder})" if p.holder else status
        table.add_row(p.device, p.chip or "-", usb, p.board or "-", status, p.robot_id or "-")
    Console().print(table)
