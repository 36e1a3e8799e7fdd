"""`sim://<lesson.yaml|sketch.ino|folder|robot-name>?world=…&speed=max|1|N&seed=…` for pyserial.

A simulated Leanbot behind a serial port: reads return exactly what the sketch prints, writes reach its
`Serial.read()`, raising DTR (False → True) resets it as on the real board, `close()` ends its process.
Modelled on pyserial's `protocol_loop`. The default pace is real time (`speed=1`); tests use `speed=max`.
"""

from __future__ import annotations

import threading
import time
import urllib.parse

from serial.serialutil import PortNotOpenError, SerialException

from leanbot_kit.errors import LeanbotError
from leanbot_kit.i18n import _
from leanbot_kit.ports.virtual import VirtualPort

MAX_BUFFER = 1 << 20  # stop reading the robot (it then waits) when this much is unread


class Serial(VirtualPort):
    """A serial port whose other end is a simulated robot."""

    def __init__(self, *args, **kwargs) -> None:
        self._robot = None
        self._buffer = bytearray()
        self._cond = threading.Condition()
        self._reader: threading.Thread | None = None
        self._last_dtr = True
        super().__init__(*args, **kwargs)

    def open(self) -> None:
        """Build (cached) and start the simulated robot."""
        if self.is_open:
            raise SerialException(_("the port is already open"))
        if self._port is None:
            raise SerialException(_("no port given"))
        from leanbot_kit.sim.live import LiveRobot

        target, options = parse_url(self.portstr)
        try:
            self._robot = LiveRobot(target, **options)
            self._start_reader(self._robot.start())
        except LeanbotError as exc:
            if self._robot is not None:
                self._robot.close()
            raise SerialException(f"{exc.message} ({exc.hint})" if exc.hint else exc.message) from exc
        self.is_open = True
        self._last_dtr = self._dtr_state

    def _start_reader(self, proc) -> None:
        thread = threading.Thread(target=self._pump, args=(proc,), daemon=True, name="sim-serial")
        self._reader = thread
        thread.start()

    def _pump(self, proc) -> None:
        """Move the robot's Serial output into the buffer (the OS driver of a real port)."""
        while True:
            with self._cond:
                while len(self._buffer) >= MAX_BUFFER and self._robot and self._robot.proc is proc:
                    self._cond.wait(0.1)
            try:
                data = proc.stdout.read(65536) if proc.stdout else b""
            except (OSError, ValueError):
                data = b""
            if not data:
                return
            with self._cond:
                self._buffer += data
                self._cond.notify_all()

    def close(self) -> None:
        """End the robot process; nothing is left running."""
        if self._robot is not None:
            self._robot.close()
            self._robot = None
        self._join_reader()
        with self._cond:
            self._cond.notify_all()
        self.is_open = False
        super().close()

    def _join_reader(self) -> None:
        if self._reader is not None:
            self._reader.join(timeout=5)
            self._reader = None

    def _reconfigure_port(self) -> None:
        """Baud rate and framing do not matter to a simulated robot."""

    @property
    def in_waiting(self) -> int:
        """Bytes received and not read yet."""
        if not self.is_open:
            raise PortNotOpenError()
        with self._cond:
            return len(self._buffer)

    def read(self, size: int = 1) -> bytes:
        """Up to `size` bytes: blocks until they arrive, or until the timeout (None = no timeout)."""
        if not self.is_open:
            raise PortNotOpenError()
        deadline = None if self._timeout is None else time.monotonic() + self._timeout
        with self._cond:
            while len(self._buffer) < size and self.is_open:
                left = None if deadline is None else deadline - time.monotonic()
                if left is not None and left <= 0:
                    break
                self._cond.wait(left if left is not None else 0.5)
            data = bytes(self._buffer[:size])
            del self._buffer[:size]
            self._cond.notify_all()
        return data

    def write(self, data) -> int:
        """Send bytes to the sketch's Serial.read()."""
        if not self.is_open:
            raise PortNotOpenError()
        data = bytes(data)
        self._robot.write(data)
        return len(data)

    def reset_input_buffer(self) -> None:
        """Drop what was received and not read."""
        if not self.is_open:
            raise PortNotOpenError()
        with self._cond:
            self._buffer.clear()
            self._cond.notify_all()

    def reset_output_buffer(self) -> None:
        """Nothing waits to be sent: writes go straight to the robot."""

    @property
    def out_waiting(self) -> int:
        """Always 0: writes are not queued."""
        return 0

    def _update_dtr_state(self) -> None:
        """Raising DTR resets the robot (the auto-reset capacitor of an Arduino board)."""
        rising = self._dtr_state and not self._last_dtr
        self._last_dtr = self._dtr_state
        if rising and self.is_open and self._robot is not None:
            self._robot.stop_process()
            self._join_reader()
            try:
                self._start_reader(self._robot.reset())
            except LeanbotError as exc:
                raise SerialException(exc.message) from exc


def parse_url(url: str) -> tuple[str, dict]:
    """The target and the LiveRobot options of a `sim://` URL; SerialException when malformed."""
    if not url.startswith("sim://"):
        raise SerialException(_("expected a URL like sim://lesson.yaml?speed=max, got {url!r}").format(
            url=url))
    target, _sep, query = url[len("sim://"):].partition("?")
    target = urllib.parse.unquote(target)
    options: dict = {}
    for key, values in urllib.parse.parse_qs(query, keep_blank_values=True).items():
        value = values[-1]
        if key == "world":
            options["world"] = value
        elif key == "speed":
            options["speed"] = parse_speed(value)
        elif key == "seed" and value.isdigit():
            options["seed"] = int(value)
        elif key == "auto_start" and value in ("0", "1"):
            options["auto_start"] = value == "1"
        elif key == "cpu" and value in ("avr", "native"):
            options["cpu"] = value
        else:
            raise SerialException(_("unknown or bad option {key}={value!r} in {url!r} (known: world, "
                                    "speed=max|1|N, seed=N, auto_start=0|1, cpu=avr|native)").format(
                key=key, value=value, url=url))
    if not target:
        raise SerialException(_("no lesson, sketch or robot name in {url!r}").format(url=url))
    return target, options


def parse_speed(value: str) -> float:
    """`max` (as fast as possible) → 0, else a positive number of simulated ms per real ms."""
    if value == "max":
        return 0.0
    try:
        speed = float(value)
    except ValueError:
        speed = -1
    if speed <= 0:
        raise SerialException(_("speed must be max or a positive number, got {value!r}").format(
            value=value))
    return speed
