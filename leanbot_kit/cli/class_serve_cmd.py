"""`leanbot class serve`: the teacher's side of a class (broker, dashboard, recordings, report)."""

from __future__ import annotations

import json
from pathlib import Path

import click

from leanbot_kit.i18n import _, current_language


@click.command()
@click.option("--lesson", type=click.Path(path_type=Path, dir_okay=False),
              help="Lesson YAML the students get (and whose goals the dashboard grades).")
@click.option("--broker", metavar="URL",
              help="Use an existing broker, mqtt://[USER:PASSWORD@]HOST:PORT, instead of the embedded one.")
@click.option("--listen", default="0.0.0.0:8080", show_default=True, metavar="HOST:PORT",
              help="Where the dashboard is served.")
@click.option("--mqtt", "mqtt_at", default="0.0.0.0:1883", show_default=True, metavar="HOST:PORT",
              help="Where the embedded broker listens.")
@click.option("--class", "cls", default="class", show_default=True, metavar="NAME",
              help="Name of the class (letters and digits).")
@click.option("--code", help="Join code to use (the one an existing broker was set up with).")
@click.option("--record-dir", type=click.Path(path_type=Path, file_okay=False),
              help="Folder for the students' recordings and the class report.")
@click.option("--json", "as_json", is_flag=True, help="First line of output: one JSON object.")
def serve(lesson: Path | None, broker: str | None, listen: str, mqtt_at: str, cls: str,
          code: str | None, record_dir: Path | None, as_json: bool) -> None:
    """Run a class: a broker, a live dashboard; Ctrl-C ends it and writes the class report."""
    from leanbot_kit.classroom import contract
    from leanbot_kit.classroom.runner import run_until_signal
    from leanbot_kit.classroom.server import ClassServer, ServeOptions, parse_host_port

    options = ServeOptions(
        cls=contract.class_name(cls), lesson=lesson, broker=broker, code=code,
        listen=parse_host_port(listen, contract.DEFAULT_HTTP_PORT),
        mqtt=parse_host_port(mqtt_at, contract.DEFAULT_MQTT_PORT), record_dir=record_dir,
        lang=current_language())
    server = ClassServer(options)

    def started(info) -> None:
        if as_json:
            click.echo(json.dumps({"dashboard": info.dashboard[0], "broker": info.broker,
                                   "code": info.code, "class": info.cls, "join": info.join,
                                   "dashboards": list(info.dashboard),
                                   "record_dir": str(info.record_dir)}, ensure_ascii=False))
            return
        click.echo(_("Class {cls} is open. Join code: {code}").format(cls=info.cls, code=info.code))
        click.echo(_("Dashboard (teacher only, keep this link private):"))
        for url in info.dashboard:
            click.echo(f"  {url}")
        click.echo(_("Students type:"))
        click.echo(f"  {info.join}")
        click.echo(_("Broker: {url}. Recordings: {folder}").format(url=info.broker, folder=info.record_dir))
        click.echo(_("Ctrl-C ends the class and writes the report."))

    paths = run_until_signal(server, started)
    if paths and not as_json:
        click.echo(_("Class report: {html} and {csv}").format(html=paths["html"], csv=paths["csv"]))
    elif paths:
        click.echo(json.dumps({"report": {k: str(v) for k, v in paths.items()}}))
