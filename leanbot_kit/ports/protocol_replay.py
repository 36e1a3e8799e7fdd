"""`replay://path/to/recording.jsonl?speed=N`: a recording played back as a serial port.

The robot's lines come out with their original timing (`speed=2` twice as fast, `speed=max` at once).
After the last line the port stays open and silent, like a robot that stopped talking.
Modelled on pyserial's `protocol_loop.py`.
"""

from __future__ import annotations

import time
import urllib.parse

from serial.serialutil import PortNotOpenError, SerialException

from leanbot_kit.i18n import _
from leanbot_kit.ports.virtual import VirtualPort


def parse_replay_url(url: str) -> tuple[str, float | None]:
    """(recording path, speed) of a `replay://` URL; speed None means as fast as possible."""
    if not url.lower().startswith("replay://"):
        raise SerialException(_("expected replay://PATH[?speed=N], got {url!r}").format(url=url))
    rest = url[len("replay://"):]
    path, _sep, query = rest.partition("?")
    speed: float | None = 1.0
    for option, values in urllib.parse.parse_qs(query, keep_blank_values=True).items():
        if option != "speed":
            raise SerialException(_("unknown option {option!r} in {url!r} (known: speed)")
                                  .format(option=option, url=url))
        if values[0] == "max":
            speed = None
        else:
            try:
                speed = float(values[0])
            except ValueError:
                speed = -1.0
            if not speed > 0:
                raise SerialException(_("speed must be a positive number or 'max' in {url!r}")
                                      .format(url=url))
    if not path:
        raise SerialException(_("no recording named in {url!r}").format(url=url))
    return urllib.parse.unquote(path), speed


def _robot_bytes(path: str) -> list[tuple[float, bytes]]:
    from leanbot_kit.errors import LeanbotError
    from leanbot_kit.telemetry.recording import read_recording

    try:
        recording = read_recording(path)
    except LeanbotError as e:
        raise SerialException(2, _("could not open port {path}: {error}")
                              .format(path=path, error=e.message)) from e
    out = []
    for entry in recording.entries:
        raw = entry.get("raw")
        if isinstance(raw, str):
            out.append((float(entry.get("host_t") or 0.0), raw.encode("latin-1", "replace") + b"\n"))
    return out


class Serial(VirtualPort):
    """A serial port whose input is a recording's robot bytes; what is written is ignored."""

    def open(self) -> None:
        """Open the recording named by the URL."""
        if self.is_open:
            raise SerialException(_("the port is already open"))
        if self._port is None:
            raise SerialException(_("no port given"))
        path, self._speed = parse_replay_url(self.replay_url())
        self._lines = _robot_bytes(path)
        self._next = 0
        self._buffer = bytearray()
        self._t0 = time.monotonic()
        self.is_open = True

    def replay_url(self) -> str:
        """The `replay://` URL to play (subclasses may derive it from their own URL)."""
        return self.port

    def close(self) -> None:
        """Close the port."""
        self.is_open = False
        super().close()

    def _reconfigure_port(self) -> None:
        pass

    def _due(self) -> float | None:
        """Move every line due by now into the buffer; return seconds until the next one (None: none)."""
        elapsed = time.monotonic() - self._t0
        while self._next < len(self._lines):
            host_t, data = self._lines[self._next]
            wait = 0.0 if self._speed is None else host_t / self._speed - elapsed
            if wait > 0:
                return wait
            self._buffer += data
            self._next += 1
        return None

    @property
    def in_waiting(self) -> int:
        """Bytes ready to read now."""
        if not self.is_open:
            raise PortNotOpenError()
        self._due()
        return len(self._buffer)

    def read(self, size: int = 1) -> bytes:
        """Read up to `size` bytes, waiting up to the timeout for the recording's next lines."""
        if not self.is_open:
            raise PortNotOpenError()
        deadline = None if self._timeout is None else time.monotonic() + self._timeout
        while True:
            wait = self._due()
            if len(self._buffer) >= size:
                break
            left = None if deadline is None else deadline - time.monotonic()
            if left is not None and left <= 0:
                break
            if wait is None and left is None:
                wait = 0.1  # nothing left to replay: a silent robot, forever
            time.sleep(max(0.0, min(x for x in (wait, left, 0.1) if x is not None)))
        data = bytes(self._buffer[:size])
        del self._buffer[:size]
        return data

    def write(self, data: bytes) -> int:
        """Host → robot bytes: accepted and ignored (a recording cannot answer)."""
        if not self.is_open:
            raise PortNotOpenError()
        return len(data)

    def reset_input_buffer(self) -> None:
        """Drop what is buffered."""
        self._buffer.clear()

    def reset_output_buffer(self) -> None:
        """Nothing is buffered for output."""

    @property
    def out_waiting(self) -> int:
        """Nothing is ever waiting to be sent."""
        return 0
