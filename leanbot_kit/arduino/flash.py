"""Flash one robot or a whole class: compile once, then upload the cached binary to every port at once.

One worker thread per port; transient failures (not in sync, busy, not responding) are retried up to
`retries` times; a robot that fails never stops the others. `sim://` ports are flashed through the
simulator, so the simulated robot restarts running the new sketch.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path

from leanbot_kit.arduino.advice import TRANSIENT
from leanbot_kit.arduino.build import BuildResult, build_sketch
from leanbot_kit.arduino.cli_runner import ArduinoCli
from leanbot_kit.arduino.ports import PortInfo, robot_ports
from leanbot_kit.arduino.robots import known_robot_ids
from leanbot_kit.arduino.sketches import SketchSource, resolve_source
from leanbot_kit.errors import FlashError, LeanbotError, SimError
from leanbot_kit.i18n import _


@dataclass(frozen=True)
class FlashResult:
    """How flashing one port went."""

    port: str
    robot_id: str
    ok: bool
    seconds: float
    attempts: int
    error: str | None = None
    hint: str | None = None
    kind: str | None = None

    def to_json(self) -> dict:
        """A JSON-ready view."""
        return asdict(self)


@dataclass(frozen=True)
class Progress:
    """One step of one port: uploading (attempt n), retrying, done or failed."""

    port: str
    state: str
    attempt: int
    message: str = ""


ProgressCallback = Callable[[Progress], None]


def is_sim(port: str) -> bool:
    """True for a simulated robot's port (`sim://…`)."""
    return port.startswith("sim://")


def flash(source: str | Path | SketchSource, ports: Sequence[str], *, fqbn: str | None = None,
          retries: int = 2, on_progress: ProgressCallback | None = None,
          cli: ArduinoCli | None = None, retry_delay: float = 0.5) -> list[FlashResult]:
    """Compile `source` once and upload it to every port in parallel; one result per port."""
    ports = list(dict.fromkeys(ports))
    if not ports:
        raise FlashError(_("no port to flash"), _("give --port, or --all to flash every robot"))
    src = source if isinstance(source, SketchSource) else resolve_source(source)
    build = None
    if any(not is_sim(p) for p in ports):
        cli = cli or ArduinoCli()
        build = build_sketch(src, fqbn=fqbn, cli=cli)
    names = known_robot_ids()
    report = on_progress or (lambda _progress: None)

    def one(port: str) -> FlashResult:
        return _flash_one(port, src, build, cli, retries, retry_delay, report, names.get(port, ""))

    with ThreadPoolExecutor(max_workers=len(ports), thread_name_prefix="flash") as pool:
        return list(pool.map(one, ports))


def _flash_one(port: str, src: SketchSource, build: BuildResult | None, cli: ArduinoCli | None,
               retries: int, retry_delay: float, report: ProgressCallback,
               robot_id: str) -> FlashResult:
    start = time.monotonic()
    attempt = 0
    while True:
        attempt += 1
        report(Progress(port, "uploading", attempt))
        try:
            _upload(port, src, build, cli)
        except LeanbotError as exc:
            kind = getattr(exc, "kind", None)
            if kind in TRANSIENT and attempt <= retries:
                report(Progress(port, "retrying", attempt, exc.message))
                time.sleep(retry_delay)
                continue
            report(Progress(port, "failed", attempt, exc.message))
            return FlashResult(port, robot_id, False, time.monotonic() - start, attempt,
                               exc.message, exc.hint, kind)
        except Exception as exc:  # noqa: BLE001 - one robot's surprise must not stop the class
            report(Progress(port, "failed", attempt, str(exc)))
            return FlashResult(port, robot_id, False, time.monotonic() - start, attempt,
                               _("unexpected failure: {error}").format(error=exc), None, "unknown")
        report(Progress(port, "done", attempt))
        return FlashResult(port, robot_id, True, time.monotonic() - start, attempt)


def _upload(port: str, src: SketchSource, build: BuildResult | None,
            cli: ArduinoCli | None) -> None:
    if is_sim(port):
        _sim_flasher()(port, src.folder)
        return
    assert build is not None and cli is not None  # built before any serial upload
    if not list(build.hex_dir.glob("*.ino.hex")):
        raise FlashError(_("the compiled sketch disappeared from the cache"),
                         _("run 'leanbot build' again"))
    cli.upload(port, fqbn=build.fqbn, input_dir=str(build.hex_dir))


def _sim_flasher() -> Callable[[str, Path], object]:
    try:
        from leanbot_kit.sim.robots import flash_sim
    except ImportError:
        try:
            from leanbot_kit.sim import flash_sim  # type: ignore[attr-defined,no-redef]
        except ImportError as exc:
            raise SimError(_("this leanbot-kit cannot flash simulated robots yet"),
                           _("update leanbot-kit, or flash a real robot")) from exc
    return flash_sim


def select_ports(requested: Sequence[str], *, all_ports: bool,
                 listing: Callable[[], list[PortInfo]]) -> list[str]:
    """The ports to flash: those given, every robot with --all, or the only robot connected."""
    if requested and not all_ports:
        return list(dict.fromkeys(requested))
    robots = robot_ports(listing())
    chosen = list(dict.fromkeys([*requested, *(p.device for p in robots)]))
    if all_ports and chosen:
        return chosen
    if len(robots) == 1:
        return [robots[0].device]
    if not robots:
        raise FlashError(_("no robot is connected"),
                         _("plug the robot in with a data USB cable and switch it on; "
                           "'leanbot ports' shows what this computer sees"))
    listed = ", ".join(f"{p.device} ({p.chip})" for p in robots)
    raise FlashError(_("{n} robots are connected: {ports}").format(n=len(robots), ports=listed),
                     _("choose one with --port, or flash them all with --all"))
