"""`leanbot worlds`: the simulator worlds shipped with leanbot-kit, usable by name from any lesson."""

from __future__ import annotations

import click

from leanbot_kit.i18n import _


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print the worlds as JSON.")
def worlds(as_json: bool) -> None:
    """List the shipped simulator worlds; name one in a lesson (sim: {world: NAME}) or with --world."""
    from leanbot_kit.cli.output import echo_json
    from leanbot_kit.i18n import current_language
    from leanbot_kit.sim.world import shipped_world_list

    lang = current_language()
    items = [(w.name, w.description.get(lang) or w.description.get("en") or w.title, w.path)
             for w in shipped_world_list()]
    if as_json:
        echo_json([{"name": n, "description": d, "path": str(p)} for n, d, p in items])
        return
    width = max((len(n) for n, _d, _p in items), default=0)
    for name, description, _path in items:
        click.echo(f"{name.ljust(width)}  {description}")
    click.echo(_("Use one by name: 'sim: {{world: NAME}}' in a lesson, or 'leanbot sim LESSON --world NAME'; "
                 "a file NAME.yaml next to the lesson wins over a shipped world.").format())
