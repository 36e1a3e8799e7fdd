"""`leanbot class broker-files`: the files a school's mosquitto needs to host classes."""

from __future__ import annotations

import json
import secrets
from pathlib import Path

import click

from leanbot_kit.i18n import _


@click.command("broker-files")
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False))
@click.option("--class", "classes", multiple=True, required=True, metavar="NAME",
              help="A class the broker hosts; repeat for several.")
@click.option("--host", default="0.0.0.0", show_default=True, help="Address mosquitto listens on.")
@click.option("--port", default=1883, show_default=True, type=int, help="Port mosquitto listens on.")
@click.option("--json", "as_json", is_flag=True, help="Print the codes and the teacher's login as JSON.")
def broker_files(folder: Path, classes: tuple[str, ...], host: str, port: int, as_json: bool) -> None:
    """Write passwd, acl and mosquitto.conf for a school's mosquitto, one join code per class."""
    from leanbot_kit.classroom import contract
    from leanbot_kit.classroom.mosquitto import write_files

    codes = {contract.new_code(): contract.class_name(name) for name in classes}
    password = secrets.token_urlsafe(12)
    conf = write_files(folder, codes, contract.TEACHER_USER, password, host=host, port=port)
    url = f"mqtt://{contract.TEACHER_USER}:{password}@HOST:{port}"
    if as_json:
        click.echo(json.dumps({"config": str(conf), "teacher": url,
                               "classes": {cls: code for code, cls in codes.items()}}))
        return
    click.echo(_("Start mosquitto with: mosquitto -c {conf}").format(conf=conf))
    for code, cls in codes.items():
        click.echo(_("Class {cls}: leanbot class serve --class {cls} --code {code} --broker {url}").format(
            cls=cls, code=code, url=url))
    click.echo(_("Keep the teacher's password private; HOST is the broker's address."))
