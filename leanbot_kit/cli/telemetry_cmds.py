"""`leanbot monitor` (live telemetry of one robot or a class) and `leanbot report` (a recording)."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import click

from leanbot_kit.i18n import _, ngettext


@click.command()
@click.option("--port", "ports", multiple=True,
              help="Serial port or URL (sim://, replay://, loop://); repeat for several robots.")
@click.option("--all", "all_", is_flag=True, help="Monitor every connected robot.")
@click.option("--baud", default=115200, show_default=True, type=int, help="Baud rate.")
@click.option("--lesson", type=click.Path(path_type=Path),
              help="Lesson YAML: field names, step descriptions and live expectations.")
@click.option("--record", type=click.Path(path_type=Path), help="Save everything to FILE.jsonl.")
@click.option("--csv", "csv_path", type=click.Path(path_type=Path), help="Save frames as a CSV table.")
@click.option("--record-dir", type=click.Path(path_type=Path, file_okay=False),
              help="Save one recording per robot in this folder.")
@click.option("--duration", type=float, help="Stop after this many seconds.")
@click.option("--plain", is_flag=True, help="Print one line per message even on a terminal.")
def monitor(ports: tuple[str, ...], all_: bool, baud: int, lesson: Path | None,
            record: Path | None, csv_path: Path | None, record_dir: Path | None,
            duration: float | None, plain: bool) -> None:
    """Show robots' telemetry live; Ctrl-C ends with a summary."""
    import threading

    from leanbot_kit.errors import TelemetryError
    from leanbot_kit.telemetry.session import Session, SessionOptions, run_sessions

    lesson_obj = _load_lesson(lesson)
    targets = _targets(ports, all_)
    if len(targets) > 1 and (record or csv_path):
        raise TelemetryError(_("--record and --csv take one robot"),
                             _("use --record-dir DIR to save one recording per robot"))
    files = _record_files(targets, record_dir) if record_dir else {targets[0]: record}
    sessions = [Session(SessionOptions(p, baud, lesson_obj, files.get(p), csv_path)) for p in targets]
    stop = threading.Event()
    updates = run_sessions(sessions, stop, duration)
    live = not plain and sys.stdout.isatty()
    states = _drive(updates, sessions, lesson_obj, live)
    stop.set()
    _summary(sessions, states)
    _remember_robots(sessions, states)
    if record_dir:
        _rename_by_robot(sessions, states)


def _remember_robots(sessions: list, states: dict) -> None:
    """Let `leanbot ports` and `leanbot flash` name the robots this monitor saw."""
    from leanbot_kit.arduino.robots import remember_robot_id

    for session in sessions:
        robot_id = states[session.options.port].robot_id
        if robot_id:
            remember_robot_id(session.options.port, robot_id)


def _load_lesson(path: Path | None) -> Any:
    if path is None:
        return None
    from leanbot_kit.lesson import load_lesson

    return load_lesson(path)


def _targets(ports: tuple[str, ...], all_: bool) -> list[str]:
    from leanbot_kit.errors import PortError
    from leanbot_kit.ports.open import find_robot_port, robot_ports

    if all_:
        found = [dev for dev, _chip in robot_ports()] + list(ports)
        if not found:
            raise PortError(_("no robot found on USB"), _("plug the robots in, or name them with --port"))
        return list(dict.fromkeys(found))
    return list(dict.fromkeys(ports)) or [find_robot_port()]


def _slug(port: str) -> str:
    tail = port.split("://", 1)[-1].rstrip("/").split("/")[-1] or port
    return re.sub(r"[^A-Za-z0-9._-]+", "_", tail).strip("_") or "port"


def _record_files(targets: list[str], folder: Path) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    files: dict[str, Path] = {}
    for port in targets:
        base = _slug(port)
        name, n = base, 1
        while (folder / f"{name}.jsonl") in files.values():
            n += 1
            name = f"{base}-{n}"
        files[port] = folder / f"{name}.jsonl"
    return files


def _drive(updates: Any, sessions: list, lesson: Any, live: bool) -> dict:
    """Consume the updates until the end or Ctrl-C, rendering them; returns the robots' states."""
    from leanbot_kit.i18n import current_language
    from leanbot_kit.telemetry.state import RobotState
    from leanbot_kit.telemetry.view import step_descriptions

    states = {s.options.port: RobotState(s.options.port) for s in sessions}
    steps = step_descriptions(lesson, current_language())
    try:
        if live:
            _drive_live(updates, states, steps)
        else:
            _drive_plain(updates, states, single=len(states) == 1)
    except KeyboardInterrupt:
        pass
    finally:
        updates.close()
    return states


def _raise_if_alone(update: Any, states: dict) -> None:
    if update.error is not None and len(states) == 1 and update.stats.lines == 0:
        raise update.error


def _drive_live(updates: Any, states: dict, steps: dict) -> None:
    import time

    from rich.live import Live

    from leanbot_kit.telemetry.view import render_class, render_robot

    def render() -> Any:
        if len(states) == 1:
            return render_robot(next(iter(states.values())), steps)
        return render_class(list(states.values()))

    with Live(render(), auto_refresh=False, transient=False) as screen:
        shown = 0.0
        for update in updates:
            _raise_if_alone(update, states)
            states[update.port].apply(update)
            if time.monotonic() - shown > 0.1 or update.status:
                screen.update(render(), refresh=True)
                shown = time.monotonic()
        screen.update(render(), refresh=True)


def _drive_plain(updates: Any, states: dict, single: bool) -> None:
    from leanbot_kit.telemetry.session import status_text
    from leanbot_kit.telemetry.view import plain_line

    for update in updates:
        _raise_if_alone(update, states)
        state = states[update.port]
        state.apply(update)
        label = "" if single else f"[{state.name}]"
        if update.status:
            detail = f" ({update.detail})" if update.detail else ""
            click.echo(f"{label}# {status_text(update.status)}{detail}".lstrip(), err=not single)
        for msg in update.messages:
            click.echo(plain_line(label, msg).lstrip())


def _summary(sessions: list, states: dict) -> None:
    for session in sessions:
        state = states[session.options.port]
        s = state.stats
        click.echo(_("{robot}: {frames} frames, {events} events, lost {lost}, corrupt {corrupt}, "
                     "text {text}").format(robot=state.name, frames=s.frames, events=s.events,
                                           lost=s.lost, corrupt=s.corrupt, text=s.text), err=True)
        for result in session.final_results():
            click.echo(f"  {_(result.status):>8}  {result.name}" + (f" — {result.detail}" if result.detail else ""),
                       err=True)
        if session.recorder is not None and session.recorder.path is not None:
            click.echo("  " + _("recording: {path}").format(path=session.recorder.path), err=True)


def _rename_by_robot(sessions: list, states: dict) -> None:
    for session in sessions:
        rec, robot_id = session.recorder, states[session.options.port].robot_id
        if rec is not None and rec.path is not None and robot_id:
            target = rec.path.with_name(f"{robot_id}.jsonl")
            if not target.exists():
                rec.path.rename(target)
                rec.path = target


@click.command()
@click.argument("recording", type=click.Path(path_type=Path))
@click.option("--lesson", type=click.Path(path_type=Path), help="Grade the lesson's expectations.")
@click.option("--plot", type=click.Path(path_type=Path), help="Draw the fields over time to a PNG.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def report(recording: Path, lesson: Path | None, plot: Path | None, as_json: bool) -> None:
    """Summarise a recording: duration, frames, lost/corrupt, fields, steps, expectations."""
    from leanbot_kit.telemetry.reader import RecordingReader
    from leanbot_kit.telemetry.report import summarise

    rec = RecordingReader(recording)  # streamed: any size, bounded memory
    summary = summarise(rec, _load_lesson(lesson))
    if plot:
        from leanbot_kit.telemetry.plot import plot_recording

        plot_recording(rec, plot)
    if as_json:
        from leanbot_kit.cli.output import echo_json

        echo_json(summary.to_json())
        return
    _print_report(summary, plot)


def _print_report(r: Any, plot: Path | None) -> None:
    who = r.robot_id or r.port or "?"
    click.echo(_("{path}: robot {robot}, lesson {lesson}").format(
        path=r.path, robot=who, lesson=r.lesson or "-"))
    robot = _("{s:.1f} s").format(s=r.robot_s) if r.robot_s is not None else "-"
    click.echo(_("robot time {robot} (the robot's clock, from its frames) · wall time {wall:.1f} s (the "
                 "computer's clock, while recording)").format(robot=robot, wall=r.duration_s))
    click.echo(_("{frames} frames · {events} events · lost {lost} ({lp:.2f} %) · corrupt {corrupt} "
                 "({cp:.2f} %) · disconnects {disc}").format(
        frames=r.frames, events=r.events, lost=r.lost, lp=r.lost_pct,
        corrupt=r.corrupt, cp=r.corrupt_pct, disc=r.disconnects))
    if r.fields:
        click.echo(f"{_('field'):<12}{_('min'):>10}{_('max'):>10}{_('mean'):>12}")
        for name, f in r.fields.items():
            click.echo(f"{name:<12}{f.min:>10}{f.max:>10}{f.mean:>12.1f}")
    if r.steps:
        timeline = "  ".join(f"{s.robot_t / 1000:.1f}s→{s.step}" for s in r.steps[:40])
        click.echo(_("steps (robot time → step): {timeline}").format(timeline=timeline)
                   + (" …" if len(r.steps) > 40 else ""))
    for res in r.expectations:
        click.echo(f"  {_(res.status):>8}  {res.name}" + (f" — {res.detail}" if res.detail else ""))
    if r.damaged:
        click.echo(ngettext("skipped {n} damaged entry, first at line {line}",
                            "skipped {n} damaged entries, first at line {line}", r.damaged)
                   .format(n=r.damaged, line=r.first_damaged))
    if r.truncated:
        click.echo(_("note: the last line was cut off (the recorder was stopped abruptly)"))
    if plot:
        click.echo(_("plot: {path}").format(path=plot))
