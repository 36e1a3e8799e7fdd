"""Fixtures of the class tests: a real mosquitto on a free port, the class server in a thread, and a
student publisher that follows the contract (paho), replaying a real recording of the simulated robot.

The publisher is what `leanbot class join` does on the wire, reduced to the contract: log in with the
code, read the join topic, publish hello/status, numbered batches of recording entries, keep every
batch for `resend`, and note the commands it receives.
"""

from __future__ import annotations

import asyncio
import json
import os
import secrets
import signal
import socket
import subprocess
import threading
import time
from pathlib import Path

import paho.mqtt.client as mqtt

from leanbot_kit.classroom import contract
from leanbot_kit.telemetry.recording import read_recording


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(check, timeout: float = 10.0, every: float = 0.05):
    """Poll `check()` until it returns something true; AssertionError after `timeout`."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = check()
        if value:
            return value
        time.sleep(every)
    raise AssertionError(f"timed out waiting for {check}")


def mosquitto_binary() -> str:
    """Debian puts mosquitto in /usr/sbin, often not on PATH; skip without it (fail in CI)."""
    import shutil

    from tests.conftest import require_tool

    found = shutil.which("mosquitto") or shutil.which("mosquitto", path="/usr/sbin:/usr/local/sbin")
    return found or require_tool("mosquitto")


class Mosquitto:
    """mosquitto on 127.0.0.1:`port` with the class files of `classroom.mosquitto`; stop() by pid."""

    def __init__(self, binary: str, folder: Path, port: int, conf_text: str) -> None:
        self.binary, self.folder, self.port = binary, folder, port
        self.conf = folder / "mosquitto.conf"
        self.conf.write_text(conf_text)
        self.proc: subprocess.Popen | None = None

    def start(self) -> None:
        self.proc = subprocess.Popen([self.binary, "-c", str(self.conf)], stdout=subprocess.DEVNULL,
                                     stderr=open(self.folder / "mosquitto.log", "ab"))  # noqa: SIM115
        wait_until(self._listening, 10)

    def _listening(self) -> bool:
        try:
            socket.create_connection(("127.0.0.1", self.port), 0.2).close()
            return True
        except OSError:
            return False

    def kill(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGKILL)
            self.proc.wait(5)
        self.proc = None


class ServerThread:
    """`ClassServer` on its own loop in a thread (what `leanbot class serve` runs)."""

    def __init__(self, options) -> None:
        from leanbot_kit.classroom.server import ClassServer

        self.server = ClassServer(options)
        self.loop = asyncio.new_event_loop()
        self.info = None
        self.error: BaseException | None = None
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        asyncio.set_event_loop(self.loop)
        try:
            self.info = self.loop.run_until_complete(self.server.start())
        except BaseException as e:  # noqa: BLE001 - handed to the test
            self.error = e
            self._ready.set()
            return
        self._ready.set()
        self.loop.run_forever()

    def start(self):
        self._thread.start()
        self._ready.wait(20)
        if self.error:
            raise self.error
        return self.info

    def call(self, fn, *args):
        """Run `fn(*args)` on the server's loop and return its result."""
        async def run():
            return fn(*args)
        return asyncio.run_coroutine_threadsafe(run(), self.loop).result(10)

    def stop(self):
        paths = asyncio.run_coroutine_threadsafe(self.server.stop(), self.loop).result(20)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(10)
        return paths


class Student:
    """A student laptop on the wire: replays `recording` at `speed`× in batches of ~100 ms."""

    def __init__(self, host: str, port: int, code: str, name: str, recording: Path,
                 speed: float = 10.0, sid: str | None = None) -> None:
        self.host, self.port, self.code, self.name = host, port, code, name
        self.sid = sid or contract.student_id(name)
        self.entries = list(read_recording(recording).entries)
        self.header = read_recording(recording).header
        self.speed = speed
        self.session = secrets.token_hex(4)
        self.batches: list[bytes] = []
        self.commands: list[dict] = []
        self.cls: str | None = None
        self.lesson: dict | None = None
        self.connected = threading.Event()
        self.refused: str | None = None
        self._stop = threading.Event()
        user, password = contract.student_login(code)
        c = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, client_id=self.sid, clean_session=False)
        c.username_pw_set(user, password)
        c.reconnect_delay_set(0.1, 1)
        c.max_queued_messages_set(0)
        c.on_connect, c.on_message = self._connected, self._message
        self.client = c
        self.thread = threading.Thread(target=self._run, daemon=True)

    def start(self, wait_class: bool = True) -> Student:
        self.client.connect_async(self.host, self.port, keepalive=5)
        self.client.loop_start()
        if wait_class:
            wait_until(lambda: self.cls and self.lesson is not None or self.refused, 10)
            self.thread.start()
        return self

    def _connected(self, client, _u, _f, reason, _p) -> None:
        if reason.is_failure:
            self.refused = str(reason)
            return
        client.subscribe(contract.join_topic(contract.normalize_code(self.code)), 1)
        if self.cls:
            self._subscribe_class(client)
        self.connected.set()

    def _subscribe_class(self, client) -> None:
        client.subscribe(contract.lesson_topic(self.cls), 1)
        client.subscribe(contract.class_cmd_topic(self.cls), 1)
        client.subscribe(contract.student_topic(self.cls, self.sid, "cmd"), 1)
        client.publish(self.topic("hello"), contract.hello_payload(
            self.sid, self.name, robot_id=self.header.get("robot_id"), port="sim://test",
            lesson=self.header.get("lesson"), client="test"), 1, True)
        self.status("ok")

    def topic(self, leaf: str) -> str:
        return contract.student_topic(self.cls, self.sid, leaf)

    def status(self, link: str) -> None:
        self.client.publish(self.topic("status"), contract.status_payload(
            link=link, session=self.session, batch=len(self.batches) - 1, frames=0, corrupt=0,
            lost=0, step=None, goals=[]), 1, True)

    def _message(self, client, _u, msg) -> None:
        data = contract.decode(msg.payload)
        if data is None:
            return
        if msg.topic.startswith(f"{contract.ROOT}/join/"):
            if self.cls is None:
                self.cls = data["class"]
                self._subscribe_class(client)
        elif msg.topic.endswith("/lesson"):
            self.lesson = data
        elif msg.topic.endswith("/cmd"):
            self.commands.append(data)
            if data.get("cmd") == "resend" and data.get("session") == self.session:
                for payload in self.batches[data["from"]:]:
                    client.publish(self.topic("t"), payload, 1)

    def _run(self) -> None:
        """Publish the recording's entries in batches, paced by their host_t."""
        t0, i, pending = time.monotonic(), 0, [self.header]
        while i < len(self.entries) and not self._stop.is_set():
            now = (time.monotonic() - t0) * self.speed
            while i < len(self.entries) and float(self.entries[i].get("host_t") or 0) <= now:
                pending.append(self.entries[i])
                i += 1
            if pending:
                self.send(pending)
                pending = []
            time.sleep(contract.BATCH_S)
        self.status("ok")

    def send(self, entries: list[dict]) -> None:
        payload = contract.batch_payload(self.session, len(self.batches), entries)
        self.batches.append(payload)
        self.client.publish(self.topic("t"), payload, 1)

    @property
    def done(self) -> bool:
        return not self.thread.is_alive()

    def stop(self) -> None:
        self._stop.set()
        self.client.loop_stop()
        self.client.disconnect()


def entries_of(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
