"""`leanbot sim SOURCE --serve`: the simulated robot behind a pseudo-terminal and an rfc2217:// URL."""

from __future__ import annotations

import contextlib
import os
import shlex
import signal
import sys
import time
from pathlib import Path

import click

from leanbot_kit.i18n import N_, _

_WHY = {"power": N_("power on"), "open": N_("a client opened the serial port"),
        "dtr": N_("DTR raised by a client")}


def serve_robot(source: Path, *, world: str | None, seed: int, auto_start: bool, host: str,
                tcp_port: int, link: Path | None) -> None:
    """Serve until Ctrl-C (or SIGTERM / the terminal closing); every message in the chosen language."""
    from leanbot_kit.sim.serve import serve

    served = serve(str(source), world=world, seed=seed, auto_start=auto_start, host=host,
                   tcp_port=tcp_port, link=link, notify=_notify)
    click.echo(_("The simulated robot runs in real time; press Ctrl-C to stop it."))
    if served.pty_path:
        shown = f"{served.pty_path}  ({link})" if served.link else served.pty_path
        click.echo(_("serial port: {path}").format(path=shown))
    click.echo(_("RFC 2217:    {url}").format(url=served.url))
    click.echo(_("open it with, for example:"))
    examples = [[os.path.basename(sys.executable), "-m", "serial.tools.miniterm", served.url, "115200"]]
    if served.pty_path:
        examples.insert(0, ["picocom", "-b", "115200", str(served.link or served.pty_path)])
    for command in examples:
        click.echo(f"  {shlex.join(command)}")
    for sig in (signal.SIGTERM, getattr(signal, "SIGHUP", None)):
        if sig is not None:
            signal.signal(sig, lambda *_args: served.stop())
    try:
        served.run()
    except KeyboardInterrupt:
        served.close()
    with contextlib.suppress(Exception):
        click.echo(_("stopped"), err=True)


def _notify(what: str, detail: str) -> None:
    stamp = time.strftime("%H:%M:%S")
    if what == "boot":
        text = _("the sketch starts ({why})").format(why=_(_WHY.get(detail, detail)))
    elif what == "open":
        text = _("{path} opened").format(path=detail)
    elif what == "close":
        text = _("{path} closed").format(path=detail)
    elif what == "connect":
        text = _("client {peer} connected").format(peer=detail)
    elif what == "disconnect":
        text = _("client {peer} disconnected").format(peer=detail)
    elif what == "ended":
        text = _("the sketch stopped ({how}); raise DTR or reopen the port to restart it").format(
            how=detail)
    else:
        text = f"{what} {detail}"
    with contextlib.suppress(Exception):
        click.echo(f"[{stamp}] {text}", err=True)
