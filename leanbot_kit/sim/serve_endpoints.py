"""Where serial tools connect to a served robot: a pseudo-terminal (POSIX) and RFC 2217 over TCP.

Pseudo-terminal: raw mode, no modem lines (Linux refuses a DTR change on it with ENOTTY), so the
restart that a board's auto-reset does when a tool opens the port is done on *open*: on Linux every
open of the device node is seen (inotify), elsewhere the terminal going from "nobody has it open"
(POLLHUP on our side) to open. Output produced while nobody has it open is dropped, as on a board with
no cable.
RFC 2217: the telnet side of pyserial's `PortManager` on each connection; raising DTR (a client's
open, or a DTR toggle) restarts the sketch; baud rate and framing are accepted and ignored.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import select
import socket
import struct
import sys
import threading
from pathlib import Path

from serial.rfc2217 import PortManager

from leanbot_kit.errors import SimError
from leanbot_kit.i18n import _
from leanbot_kit.ports.virtual import VirtualPort

POLL_S = 0.05
SEND_TIMEOUT_S = 5.0


def pty_supported() -> bool:
    """True where pseudo-terminals exist (Linux, macOS, BSD)."""
    return os.name == "posix" and hasattr(os, "openpty")


class PtyEndpoint:
    """A pseudo-terminal whose other end is the robot; `path` is what a serial tool opens."""

    def __init__(self, hub, link: Path | None = None) -> None:
        import tty

        self.hub = hub
        self.master, slave = os.openpty()
        tty.setraw(slave)
        self.path = os.ttyname(slave)
        os.close(slave)  # so we see when a client opens and closes it
        os.set_blocking(self.master, False)
        self.link = _make_link(link, self.path) if link else None
        self.connected = False
        self._closed = threading.Event()
        hub.subscribe(self._send)
        self._thread = threading.Thread(target=self._watch, daemon=True, name="sim-serve-pty")
        self._thread.start()

    def _send(self, data: bytes) -> None:
        if not self.connected:
            return
        with contextlib.suppress(OSError):  # full (a client that does not read) or closed: lost
            os.write(self.master, data)

    def _watch(self) -> None:
        opens = _OpenWatch.start(self.path)
        poller = select.poll()
        if opens is not None:
            poller.register(opens.fd, select.POLLIN)
        watching_master = False
        while not self._closed.is_set():
            if opens is None or self.connected != watching_master:  # a closed terminal: POLLHUP
                with contextlib.suppress(KeyError):
                    poller.unregister(self.master)
                if opens is None or self.connected:
                    poller.register(self.master, select.POLLIN | select.POLLHUP)
                watching_master = self.connected
            events = dict(poller.poll(POLL_S * 1000))
            if opens is not None and opens.fd in events:
                self._opened_or_closed(*opens.read())
            elif opens is None:
                self._hung_up(bool(events.get(self.master, 0) & select.POLLHUP))
            if events.get(self.master, 0) & select.POLLIN and self.connected:
                self._read()
        if opens is not None:
            opens.close()

    def _opened_or_closed(self, opened: int, still_open: int) -> None:
        """Linux: every open is a reset (none missed, however fast a client closes and reopens)."""
        if opened:
            self.hub.request_reset("open")  # first: nothing of the old run reaches the client
            self.hub.notify("open", self.path)
        if still_open > 0 and not self.connected:
            self.connected = True
        elif still_open <= 0 and self.connected:
            self.connected = False
            self.hub.notify("close", self.path)

    def _hung_up(self, hung_up: bool) -> None:
        """Elsewhere: the terminal is open while our side does not report a hang-up."""
        if hung_up:
            if self.connected:
                self.connected = False
                self.hub.notify("close", self.path)
            self._closed.wait(POLL_S)
        elif not self.connected:
            self.hub.request_reset("open")  # first: nothing of the old run reaches the client
            self.connected = True
            self.hub.notify("open", self.path)

    def _read(self) -> None:
        try:
            data = os.read(self.master, 4096)
        except OSError as exc:
            if exc.errno not in (errno.EAGAIN, errno.EIO):
                raise
            return
        self.hub.write(data)

    def close(self) -> None:
        """Stop watching and remove the terminal (and the link)."""
        self._closed.set()
        self.hub.unsubscribe(self._send)
        self._thread.join(timeout=2)
        with contextlib.suppress(OSError):
            os.close(self.master)
        if self.link is not None:
            with contextlib.suppress(OSError):
                if self.link.is_symlink() and os.readlink(self.link) == self.path:
                    self.link.unlink()


class _OpenWatch:
    """Linux inotify on the terminal's device node: counts opens and closes by any process."""

    IN_CLOSE_WRITE, IN_CLOSE_NOWRITE, IN_OPEN = 0x08, 0x10, 0x20

    def __init__(self, fd: int) -> None:
        self.fd, self.open_count = fd, 0

    @classmethod
    def start(cls, path: str) -> _OpenWatch | None:
        if not sys.platform.startswith("linux"):
            return None
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            fd = libc.inotify_init1(os.O_NONBLOCK | os.O_CLOEXEC)
            mask = cls.IN_OPEN | cls.IN_CLOSE_WRITE | cls.IN_CLOSE_NOWRITE
            if fd < 0 or libc.inotify_add_watch(fd, os.fsencode(path), mask) < 0:
                return None
        except (OSError, AttributeError):
            return None
        return cls(fd)

    def read(self) -> tuple[int, int]:
        """(opens since the last call, how many are open now)."""
        try:
            data = os.read(self.fd, 4096)
        except OSError:
            return 0, self.open_count
        opened, offset = 0, 0
        while offset + 16 <= len(data):
            _wd, mask, _cookie, length = struct.unpack_from("iIII", data, offset)
            offset += 16 + length
            if mask & self.IN_OPEN:
                opened += 1
                self.open_count += 1
            if mask & (self.IN_CLOSE_WRITE | self.IN_CLOSE_NOWRITE):
                self.open_count -= 1
        return opened, self.open_count

    def close(self) -> None:
        with contextlib.suppress(OSError):
            os.close(self.fd)


def _make_link(link: Path, target: str) -> Path:
    """A symlink `link` → the terminal; an old link (to a terminal now gone) is replaced."""
    link = link.expanduser()
    if link.is_symlink() or link.exists():
        if not link.is_symlink() or Path(os.readlink(link)).exists():
            raise SimError(_("{path} already exists").format(path=link),
                           _("choose another --link, or remove it if no robot uses it"))
        link.unlink()
    try:
        link.symlink_to(target)
    except OSError as exc:
        raise SimError(_("cannot create the link {path}: {error}").format(path=link, error=exc),
                       _("choose another --link")) from exc
    return link


class _Lines(VirtualPort):
    """The modem lines of one RFC 2217 connection: raising DTR restarts the robot."""

    def __init__(self, hub) -> None:
        super().__init__()
        self.hub = hub
        self._dtr_state = self._was = False  # a client's open raises DTR: a reset, as on a board
        self.is_open = True

    def _reconfigure_port(self) -> None:
        """Baud rate and framing do not matter to the simulated robot."""

    def _update_dtr_state(self) -> None:
        if self._dtr_state and not self._was:
            self.hub.request_reset("dtr")
        self._was = self._dtr_state

    def reset_input_buffer(self) -> None:
        """Purge: nothing is held back."""

    def reset_output_buffer(self) -> None:
        """Purge: nothing is held back."""


class _Connection:
    """One RFC 2217 client: telnet decoding in, escaping out."""

    def __init__(self, hub, sock: socket.socket, peer: str) -> None:
        self.hub, self.sock, self.peer = hub, sock, peer
        self._lock = threading.Lock()
        self.lines = _Lines(hub)
        self.manager = PortManager(self.lines, self)

    def write(self, data: bytes) -> None:
        """Send raw bytes (telnet commands or escaped data) to the client."""
        with self._lock:
            try:
                self.sock.sendall(data)
            except OSError:
                self.close()

    def send_serial(self, data: bytes) -> None:
        self.write(b"".join(self.manager.escape(data)))

    def serve(self) -> None:
        self.hub.notify("connect", self.peer)
        self.hub.subscribe(self.send_serial)
        try:
            while True:
                try:
                    data = self.sock.recv(4096)
                except TimeoutError:
                    continue
                except OSError:
                    break
                if not data:
                    break
                self.hub.write(b"".join(self.manager.filter(data)))
        finally:
            self.hub.unsubscribe(self.send_serial)
            self.close()
            self.hub.notify("disconnect", self.peer)

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self.sock.shutdown(socket.SHUT_RDWR)
        with contextlib.suppress(OSError):
            self.sock.close()


class Rfc2217Endpoint:
    """A TCP server speaking RFC 2217 on `host:port` (port 0 = any free port); `url` for clients."""

    def __init__(self, hub, host: str, port: int) -> None:
        self.hub = hub
        try:
            self.sock = socket.create_server((host, port), reuse_port=False)
        except OSError as exc:
            raise SimError(_("cannot listen on {host}:{port}: {error}").format(
                host=host, port=port, error=exc.strerror or exc),
                _("choose another port with --tcp, or 0 for any free port")) from exc
        self.sock.settimeout(POLL_S * 4)
        shown = host if host not in ("0.0.0.0", "::", "") else socket.gethostname()
        self.url = f"rfc2217://{shown}:{self.sock.getsockname()[1]}"
        self._closed = threading.Event()
        self._connections: list[_Connection] = []
        self._thread = threading.Thread(target=self._accept, daemon=True, name="sim-serve-tcp")
        self._thread.start()

    def _accept(self) -> None:
        while not self._closed.is_set():
            try:
                sock, address = self.sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            sock.settimeout(SEND_TIMEOUT_S)  # a client that stops reading is dropped, not waited for
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            connection = _Connection(self.hub, sock, f"{address[0]}:{address[1]}")
            self._connections.append(connection)
            threading.Thread(target=connection.serve, daemon=True, name="sim-serve-client").start()

    def close(self) -> None:
        """Stop accepting and drop every client."""
        self._closed.set()
        with contextlib.suppress(OSError):
            self.sock.close()
        for connection in self._connections:
            connection.close()
        self._thread.join(timeout=2)
