"""A simulated robot that keeps running behind a serial port: start, reset (restart), stop."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import weakref
from pathlib import Path

from leanbot_kit.errors import SimError
from leanbot_kit.i18n import _
from leanbot_kit.sim.config import UNTHROTTLED, RunOptions, run_config
from leanbot_kit.sim.process import start_robot, stop_robot
from leanbot_kit.sim.robots import flashed_binary, robot_name
from leanbot_kit.sim.source import is_lesson, prepare
from leanbot_kit.sim.world_model import World

FOREVER_MS = 1_000_000_000  # a port's robot runs until it is closed (11 days of simulated time)



class LiveRobot:
    """One simulated robot: a sketch or lesson (or a named robot's last flashed sketch) in a world."""

    def __init__(self, target: str, *, world: str | None = None, speed: float = 1.0, seed: int = 1,
                 auto_start: bool = True, cpu: str | None = None) -> None:
        self.target, self.world_name, self.speed = target, world, speed
        self.seed, self.auto_start = seed, auto_start
        self.proc: subprocess.Popen | None = None
        self._tmp = Path(tempfile.mkdtemp(prefix="leanbot-port-"))
        self._named = not (Path(target).exists() or is_lesson(target) or target.endswith(".ino"))
        self._binary, self._lesson = None, None
        if not self._named:
            prepared = prepare(target, cpu=cpu)
            self._binary, self._lesson = prepared.build.binary, prepared.lesson

    def _resolve(self) -> tuple[Path, World, RunOptions]:
        from leanbot_kit.sim.run import lesson_touches, resolve_world, start_pose

        binary = self._binary
        if self._named:
            name = robot_name(self.target)
            binary = flashed_binary(name)
            if binary is None:
                raise SimError(_("nothing has been flashed to the simulated robot {name!r}").format(
                    name=name), _("flash a lesson to sim://{name} first, or give a .yaml or .ino path")
                    .format(name=name))
        world = resolve_world(self.world_name, self._lesson)
        opts = RunOptions(trace=Path(self._tmp) / "trace.txt",
                          pose=start_pose(world, getattr(self._lesson, "sim", None)),
                          seed=self.seed, duration_ms=FOREVER_MS, wall_limit_ms=FOREVER_MS,
                          speed=self.speed or UNTHROTTLED, auto_start_ms=500 if self.auto_start else -1,
                          trace_period_ms=1000, touches=tuple(lesson_touches(self._lesson)))
        return binary, world, opts

    def start(self) -> subprocess.Popen:
        """Start the robot (as at power-on); the process whose stdout is the Serial output."""
        binary, world, opts = self._resolve()
        config = self._tmp / "run.cfg"
        config.write_text(run_config(world, opts), encoding="utf-8")
        self.proc = start_robot(binary, config, stdin=subprocess.PIPE)
        # A port nobody closes still ends its robot: when it is collected or Python exits.
        weakref.finalize(self, stop_robot, self.proc)
        return self.proc

    def reset(self) -> subprocess.Popen:
        """Restart the sketch from the beginning, as the reset line does on the real board."""
        self.stop_process()
        return self.start()

    def write(self, data: bytes) -> None:
        """Send bytes to the robot's Serial RX (lost, as on the board, if the sketch has ended)."""
        if self.proc is None or self.proc.stdin is None:
            return
        try:
            self.proc.stdin.write(data)
            self.proc.stdin.flush()
        except (BrokenPipeError, OSError, ValueError):
            pass

    def stop_process(self) -> None:
        """End the current process, if any."""
        if self.proc is not None:
            stop_robot(self.proc)
            self.proc = None

    def close(self) -> None:
        """End the process and remove the temporary files."""
        self.stop_process()
        shutil.rmtree(self._tmp, ignore_errors=True)
