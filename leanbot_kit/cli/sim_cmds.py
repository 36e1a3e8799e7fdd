"""`leanbot sim`: run a lesson or a sketch on the simulated Leanbot and report what happened."""

from __future__ import annotations

from pathlib import Path

import click

from leanbot_kit.i18n import N_, _


def _speed(_ctx: click.Context, _param: click.Parameter, value: str) -> float:
    if value == "max":
        return 0.0
    try:
        speed = float(value)
    except ValueError:
        speed = -1.0
    if speed <= 0:
        raise click.BadParameter(_("expected max or a positive number, like 1 or 10"))
    return speed


@click.command()
@click.argument("source", type=click.Path(path_type=Path))
@click.option("--world", help="World YAML file or the name of a shipped world (oval, arena, …).")
@click.option("--duration", help="How long to simulate, like 30s or 2min (default: the lesson's).")
@click.option("--speed", default="max", show_default=True, callback=_speed,
              help="max = as fast as possible, 1 = real time, N = N times real time.")
@click.option("--seed", default=1, show_default=True, type=int, help="Seed of the sensor noise.")
@click.option("--record", type=click.Path(path_type=Path), help="Save the run as a JSONL recording.")
@click.option("--plot", type=click.Path(path_type=Path), help="Draw the world, path and sensors to a PNG.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object with the results.")
@click.option("--touch", "touches", multiple=True,
              help="Touch pads at a time, like 1s:TB1A+TB1B (repeatable).")
@click.option("--no-auto-start", is_flag=True, help="Do not release LbMission.begin() after 0.5 s.")
@click.option("--sanitize", is_flag=True,
              help="Checking build: stop at an out-of-bounds write or undefined behaviour (slower).")
@click.option("--cpu", type=click.Choice(["avr", "native"]),
              help="Run on the robot's chip (avr, the default when avr-g++ is found) or natively.")
@click.option("--serve", is_flag=True,
              help="Serve the robot as a serial port (pseudo-terminal and rfc2217://) in real time "
                   "until Ctrl-C.")
@click.option("--tcp", "tcp_port", default=0, type=click.IntRange(0, 65535),
              help="With --serve: the TCP port of the rfc2217:// URL (default: any free port).")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="With --serve: the address to listen on (0.0.0.0 = every network interface).")
@click.option("--link", type=click.Path(path_type=Path),
              help="With --serve: also make this symlink to the pseudo-terminal.")
def sim(source: Path, world: str | None, duration: str | None, speed: float, seed: int,
        record: Path | None, plot: Path | None, as_json: bool, touches: tuple[str, ...],
        no_auto_start: bool, sanitize: bool, cpu: str | None, serve: bool, tcp_port: int, host: str,
        link: Path | None) -> None:
    """Run a lesson (YAML) or a sketch (.ino or folder) on the simulated Leanbot."""
    from leanbot_kit.errors import SimError

    _check_serve_options(serve, {"--duration": duration, "--record": record, "--plot": plot,
                                 "--json": as_json, "--touch": touches, "--sanitize": sanitize},
                         {"--tcp": tcp_port, "--host": host != "127.0.0.1", "--link": link})
    if serve:
        from leanbot_kit.cli.sim_serve import serve_robot

        serve_robot(source, world=world, seed=seed, auto_start=not no_auto_start, host=host,
                    tcp_port=tcp_port, link=link)
        return
    from leanbot_kit.lesson.quantities import QuantityError, to_base
    from leanbot_kit.sim.run import parse_touch, simulate

    try:
        duration_ms = to_base(duration, "time") if duration else None
    except QuantityError as exc:
        raise SimError(str(exc), _("write it like 30s, 1.5min or 20000")) from exc
    if not sanitize:
        warn_native(cpu)
    run = simulate(source, world=world, duration_ms=duration_ms, speed=speed, seed=seed,
                   touches=[parse_touch(t) for t in touches], auto_start=not no_auto_start,
                   sanitize=sanitize, cpu=cpu)
    if record:
        from leanbot_kit.sim.record import write_recording

        write_recording(run, record)
    if plot:
        from leanbot_kit.sim.plot import plot_run

        plot_run(run, plot)
    if as_json:
        from leanbot_kit.cli.output import echo_json

        echo_json(_as_dict(run))
    else:
        _summary(run, record, plot)
    if not run.passed or run.end_reason == "wall_limit":
        raise SystemExit(1)


def warn_native(cpu: str | None) -> None:
    """One line on stderr when the sketch will run natively for want of an AVR compiler."""
    if cpu is None:
        from leanbot_kit.sim.backend import NATIVE_DIFFERENCES, falls_back

        if falls_back():
            click.echo(_("warning: {what}").format(what=_(NATIVE_DIFFERENCES)), err=True)


def _check_serve_options(serve: bool, run_only: dict, serve_only: dict) -> None:
    """--serve runs until Ctrl-C: options about one finished run do not apply, and vice versa."""
    if serve and any(run_only.values()):
        raise click.UsageError(_("--serve cannot be combined with {options}").format(
            options=", ".join(k for k, v in run_only.items() if v)))
    if not serve and any(serve_only.values()):
        raise click.UsageError(_("these options need --serve: {options}").format(
            options=", ".join(k for k, v in serve_only.items() if v)))


def _as_dict(run) -> dict:
    lesson = getattr(run.lesson, "id", None)
    return {
        "lesson": lesson, "sketch": run.name, "cpu": run.cpu, "end": run.end_reason,
        "sim_seconds": round(run.sim_ms / 1000, 3), "wall_seconds": round(run.wall_s, 3),
        "final": {"x_mm": round(run.final.x_mm, 1), "y_mm": round(run.final.y_mm, 1),
                  "heading_deg": round(run.final.heading_deg, 1)},
        "frames": run.frames,
        "console": list(run.console[-CONSOLE_LINES:]),
        "expectations": [{"name": r.name, "kind": r.kind, "passed": r.passed, "status": r.status,
                          "at_ms": r.at_ms, "evaluated": r.evaluated, "detail": r.detail}
                         for r in run.expectations],
    }


_ENDS = {"end": "LbMission.end()", "duration": N_("the duration ran out"),
         "wall_limit": N_("the wall-clock limit")}


CONSOLE_LINES = 20


def _summary(run, record: Path | None, plot: Path | None) -> None:
    if run.console:
        skipped = len(run.console) - CONSOLE_LINES
        click.echo(_("Serial output (last {n} lines):").format(n=CONSOLE_LINES) if skipped > 0
                   else _("Serial output:"))
        for line in run.console[-CONSOLE_LINES:]:
            click.echo(f"  | {line}")
    click.echo(_("{name}: ended by {reason} after {sim:.1f} s simulated ({wall:.2f} s, {x:.0f}× real time)")
               .format(name=run.name, reason=_(_ENDS.get(run.end_reason, run.end_reason)),
                       sim=run.sim_ms / 1000, wall=run.wall_s, x=run.speedup))
    if run.end_reason == "wall_limit" and run.cpu == "avr":
        click.echo(_("the sketch was stopped: the emulated chip did not reach the end of the run within "
                     "the wall-clock limit (try a shorter --duration)"), err=True)
    elif run.end_reason == "wall_limit":
        click.echo(_("the sketch was stopped: its simulated clock did not reach the end within the "
                     "wall-clock limit (a loop that calls nothing of Arduino or Leanbot?)"), err=True)
    click.echo(_("final pose: x {x:.0f} mm, y {y:.0f} mm, heading {h:.0f}°; {n} telemetry frames").format(
        x=run.final.x_mm, y=run.final.y_mm, h=run.final.heading_deg, n=run.frames))
    for r in run.expectations:
        mark = {"passed": "✓", "failed": "✗"}.get(r.status, "–")
        when = _(" (at {t} ms)").format(t=r.at_ms) if r.at_ms is not None else ""
        detail = f" — {r.detail}" if r.detail else ""
        click.echo(f"  {mark} {r.name}: {_(r.status)}{when}{detail}")
    if record:
        click.echo(_("recording: {path}").format(path=record))
    if plot:
        click.echo(_("plot: {path}").format(path=plot))
