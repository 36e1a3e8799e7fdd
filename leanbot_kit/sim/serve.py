"""The simulated robot as a real serial port: a pseudo-terminal and an RFC 2217 (telnet) server.

`serve(target)` starts one simulated robot in real time and shares it between every client of its
endpoints (`serve_endpoints`): what the sketch prints goes to each of them, what any of them types
reaches the sketch's `Serial.read()`, and a reset request (a client opening the pseudo-terminal, or
raising DTR over RFC 2217) restarts the sketch as the auto-reset of the board does. The robot process
is started and restarted only by the thread that calls `Served.run()` (the main thread in the CLI),
so it ends with us even if we are killed.
"""

from __future__ import annotations

import contextlib
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from leanbot_kit.sim.live import LiveRobot
from leanbot_kit.sim.process import exit_text

BOOTLOADER_S = 1.0  # an Uno's Optiboot waits about 1 s for an upload after an external reset
Notify = Callable[[str, str], None]  # (what happened, detail): boot, open, close, connect, …
Sink = Callable[[bytes], None]


class RobotHub:
    """One live robot: output fanned out to every sink, input from every client, resets queued."""

    def __init__(self, robot: LiveRobot, notify: Notify) -> None:
        self.robot, self.notify = robot, notify
        self._sinks: list[Sink] = []
        self._lock = threading.Lock()
        self._requests: queue.Queue[str] = queue.Queue()
        self._pump: threading.Thread | None = None
        self._held = threading.Event()  # in reset: what the old run still prints is not delivered

    def subscribe(self, sink: Sink) -> None:
        """Send the robot's Serial output to `sink` from now on."""
        with self._lock:
            self._sinks.append(sink)

    def unsubscribe(self, sink: Sink) -> None:
        """Stop sending to `sink`."""
        with self._lock, contextlib.suppress(ValueError):
            self._sinks.remove(sink)

    def write(self, data: bytes) -> None:
        """Bytes typed by a client, for the sketch's Serial.read()."""
        if data:
            self.robot.write(data)

    def request_reset(self, why: str) -> None:
        """Ask the owning thread to restart the sketch (any thread may ask); output stops at once."""
        self._held.set()
        self._requests.put(why)

    def stop(self) -> None:
        """Ask the owning thread to end `run_until_stopped`."""
        self._requests.put("")

    def run_until_stopped(self) -> None:
        """Start the robot, then restart it on each request until `stop()` (or Ctrl-C)."""
        self._boot("power")
        try:
            while True:
                why = self._requests.get()
                if not why:
                    return
                # Held in reset, then the bootloader's wait: the client that asked is listening by
                # the time the sketch prints (pyserial purges its input right after raising DTR).
                self.robot.stop_process()
                self._join()
                deadline = time.monotonic() + BOOTLOADER_S
                while (left := deadline - time.monotonic()) > 0:
                    with contextlib.suppress(queue.Empty):
                        if not self._requests.get(timeout=left):
                            return
                self._boot(why)
        finally:
            self.robot.close()
            self._join()

    def _boot(self, why: str) -> None:
        self.robot.stop_process()
        self._join()
        self._held.clear()
        proc = self.robot.start()
        self.notify("boot", why)
        self._pump = threading.Thread(target=self._forward, args=(proc,), daemon=True,
                                      name="sim-serve-pump")
        self._pump.start()

    def _join(self) -> None:
        if self._pump is not None:
            self._pump.join(timeout=5)
            self._pump = None

    def _forward(self, proc) -> None:
        """The robot's stdout to every sink, until the process ends (its sketch ended, or a reset)."""
        while True:
            try:
                data = proc.stdout.read(4096)  # unbuffered: whatever has arrived
            except (OSError, ValueError):
                data = b""
            if not data:
                break
            if self._held.is_set():
                continue
            with self._lock:
                sinks = list(self._sinks)
            for sink in sinks:
                try:
                    sink(data)
                except Exception:  # noqa: BLE001 - one broken client must not stop the others
                    self.unsubscribe(sink)
        code = proc.wait()
        if code not in (-15, -9):  # not our own stop: LbMission.end(), or a crash
            self.notify("ended", exit_text(code))


@dataclass
class Served:
    """A robot being served: where clients connect, and how to run and stop it."""

    hub: RobotHub
    pty_path: str | None
    url: str
    link: Path | None = None
    endpoints: list = field(default_factory=list)

    def run(self) -> None:
        """Block, restarting the sketch when asked, until `stop()` or KeyboardInterrupt; then clean up."""
        try:
            self.hub.run_until_stopped()
        finally:
            self.close()

    def stop(self) -> None:
        """End `run()` (from any thread)."""
        self.hub.stop()

    def close(self) -> None:
        """Close every endpoint (idempotent)."""
        for endpoint in self.endpoints:
            endpoint.close()
        self.endpoints = []


def serve(target: str, *, world: str | None = None, seed: int = 1, auto_start: bool = True,
          host: str = "127.0.0.1", tcp_port: int = 0, pty: bool = True, link: Path | None = None,
          notify: Notify | None = None) -> Served:
    """Build the robot and open its endpoints; call `run()` on the result to start it."""
    from leanbot_kit.sim.serve_endpoints import PtyEndpoint, Rfc2217Endpoint, pty_supported

    notify = notify or (lambda _what, _detail: None)
    robot = LiveRobot(target, world=world, speed=1.0, seed=seed, auto_start=auto_start)
    hub = RobotHub(robot, notify)
    endpoints: list = []
    try:
        server = Rfc2217Endpoint(hub, host, tcp_port)
        endpoints.append(server)
        pty_end = PtyEndpoint(hub, link) if pty and pty_supported() else None
        if pty_end is not None:
            endpoints.append(pty_end)
    except BaseException:
        for endpoint in endpoints:
            endpoint.close()
        robot.close()
        raise
    return Served(hub, pty_end.path if pty_end else None, server.url,
                  pty_end.link if pty_end else None, endpoints)
