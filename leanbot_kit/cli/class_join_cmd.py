"""`leanbot class join`: the student's side of a class (lesson, robot, live telemetry to the teacher)."""

from __future__ import annotations

from pathlib import Path

import click

from leanbot_kit.i18n import _, current_language


@click.command()
@click.argument("host", metavar="HOST[:PORT]")
@click.option("--code", required=True, help="The join code on the teacher's screen, e.g. 4F7K.")
@click.option("--name", required=True, help="Your name, as the teacher will see it.")
@click.option("--port", "robot_port", metavar="PORT",
              help="The robot's serial port (sim://NAME for a simulated robot); default: the one plugged in.")
@click.option("--flash", "do_flash", is_flag=True, help="Flash the class lesson to the robot first.")
@click.option("--record", type=click.Path(path_type=Path, dir_okay=False),
              help="Also save everything to FILE.jsonl (as `leanbot monitor --record`).")
@click.option("--duration", type=float, help="Leave the class after this many seconds.")
def join(host: str, code: str, name: str, robot_port: str | None, do_flash: bool,
         record: Path | None, duration: float | None) -> None:
    """Join a class: get its lesson onto your robot and share the robot's telemetry with the teacher."""
    from leanbot_kit.classroom.contract import normalize_code
    from leanbot_kit.classroom.student_link import parse_broker
    from leanbot_kit.classroom.student_run import JoinOptions, StudentRun
    from leanbot_kit.ports.open import find_robot_port

    broker_host, broker_port = parse_broker(host)
    code = normalize_code(code)  # a mistyped code is told before anything else
    run = StudentRun(JoinOptions(broker_host, broker_port, code, name,
                                 robot_port or find_robot_port(), flash=do_flash, record=record,
                                 lang=current_language()))
    click.echo(_("Looking for the class at {host}:{port}…").format(host=broker_host, port=broker_port))
    prepared = run.prepare()
    click.echo(_("Lesson {id}: {path}").format(id=prepared.lesson.id, path=prepared.path))
    if do_flash:
        click.echo(_("Flashed to {port}.").format(port=run.options.robot_port))
    _take_part(run, duration)
    if run.failure is not None:
        raise run.failure


def _take_part(run, duration: float | None) -> None:
    """Print what happens until Ctrl-C, SIGTERM, the end of `duration`, or a robot port that fails."""
    import signal
    import threading

    stop = threading.Event()
    previous = signal.signal(signal.SIGTERM, lambda *_args: stop.set())
    notes = run.run(stop, duration)
    try:
        for note in notes:
            click.echo(note.text, err=note.kind in ("offline", "dropped", "unsent", "robot"))
    except KeyboardInterrupt:
        stop.set()
        for note in notes:  # the goodbye: the last batches, the final status
            click.echo(note.text)
    finally:
        signal.signal(signal.SIGTERM, previous)
    click.echo(_("Left the class. Recording: {path}").format(path=run.options.record)
               if run.options.record else _("Left the class."))
