"""The student's MQTT client (paho): log in with the join code, find the class, then stay connected.

`find_class()` is a short first visit: log in, read the retained join topic and the lesson. Then
`StudentLink` connects for the rest of the class with a last will (`offline` on its status), reconnects
by itself (paho's loop thread), subscribes to the commands and republishes `hello` and `status` on every
(re)connect, since a restarted broker may have forgotten them. Callbacks run on paho's thread.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from leanbot_kit.classroom import contract
from leanbot_kit.errors import ClassroomError
from leanbot_kit.i18n import _

CONNECT_TIMEOUT_S = 5.0
FIND_TIMEOUT_S = 5.0
REFUSED_LOGIN = (4, 5, 134, 135)  # bad user name or password / not authorised (MQTT 3.1.1 and 5)


@dataclass(frozen=True)
class Where:
    """The broker and the student's login."""

    host: str
    port: int
    code: str
    sid: str

    @property
    def url(self) -> str:
        """`mqtt://HOST:PORT`, for messages."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"mqtt://{host}:{self.port}"


@dataclass(frozen=True)
class ClassInfo:
    """What the join code opens: the class, its title, and its lesson message (None if none yet)."""

    cls: str
    title: str
    lesson: dict[str, Any] | None


def parse_broker(text: str) -> tuple[str, int]:
    """`HOST`, `HOST:PORT` or `[v6]:PORT` → (host, port), the port defaulting to 1883."""
    host, port = text.strip(), ""
    if host.startswith("["):
        host, _sep, rest = host[1:].partition("]")
        port = rest.removeprefix(":")
    elif host.count(":") == 1:
        host, port = host.split(":")
    try:
        number = int(port) if port else contract.DEFAULT_MQTT_PORT
    except ValueError as e:
        raise ClassroomError(_("{text}: the broker's port is not a number").format(text=text),
                             _("write the teacher's address as HOST or HOST:PORT, e.g. 192.168.1.10:1883")) from e
    if not host or not 0 < number < 65536:
        raise ClassroomError(_("{text} is not a broker address").format(text=text),
                             _("write the teacher's address as HOST or HOST:PORT, e.g. 192.168.1.10:1883"))
    return host, number


def _client(where: Where, clean: bool = False) -> Any:
    import paho.mqtt.client as mqtt

    client = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, client_id=where.sid, clean_session=clean)
    user, password = contract.student_login(where.code)
    client.username_pw_set(user, password)
    client.reconnect_delay_set(0.2, 2)
    return client


def _connect(client: Any, where: Where, done: threading.Event, refused: list) -> None:
    """Connect and wait for the broker's answer; ClassroomError if unreachable or refused."""
    try:
        client.connect(where.host, where.port, keepalive=10)
    except OSError as e:
        raise ClassroomError(
            _("cannot reach the class at {url}: {error}").format(url=where.url, error=e.strerror or e),
            _("check the address on the teacher's screen, and that this laptop is on the class Wi-Fi"))\
            from e
    client.loop_start()
    if not done.wait(CONNECT_TIMEOUT_S) or refused:
        client.loop_stop()
        with contextlib.suppress(Exception):
            client.disconnect()
        if refused and refused[0] in REFUSED_LOGIN:
            raise ClassroomError(_("the class at {url} does not know the code {code}").format(
                url=where.url, code=where.code), _("check the code on the teacher's screen"))
        raise ClassroomError(_("the class at {url} did not let this laptop in ({reason})").format(
            url=where.url, reason=refused[1] if refused else _("the broker did not answer")),
            _("check the address and the code on the teacher's screen"))


def _on_connect(done: threading.Event, refused: list) -> Callable:
    def connected(_client, _userdata, _flags, reason, _props) -> None:
        if reason.is_failure:
            refused[:] = [reason.value, str(reason)]
        done.set()
    return connected


def find_class(where: Where, timeout: float = FIND_TIMEOUT_S) -> ClassInfo:
    """Log in with the code and read the class and its lesson (retained); ClassroomError if none."""
    # A clean session: nothing of this short visit stays on the broker to mix with the long one.
    client, done, refused = _client(where, clean=True), threading.Event(), []
    found: dict[str, dict] = {}
    got = threading.Event()
    join = contract.join_topic(where.code)

    def message(c, _userdata, msg) -> None:
        data = contract.decode(msg.payload)
        if data is None:
            return
        if msg.topic == join and isinstance(data.get("class"), str) and "join" not in found:
            found["join"] = data
            c.subscribe(contract.lesson_topic(data["class"]), contract.QOS)
        elif msg.topic.endswith("/lesson") and "join" in found:
            found["lesson"] = data
            got.set()

    client.on_connect, client.on_message = _on_connect(done, refused), message
    _connect(client, where, done, refused)
    try:
        client.subscribe(join, contract.QOS)
        got.wait(timeout)
    finally:
        client.loop_stop()
        client.disconnect()
    if "join" not in found:
        raise ClassroomError(_("no class uses the code {code} at {url}").format(
            code=where.code, url=where.url), _("check the code on the teacher's screen"))
    data = found["join"]
    return ClassInfo(data["class"], contract.text(data.get("title")) or data["class"], found.get("lesson"))


class StudentLink:
    """The connection for the rest of the class. `publish()` returns paho's message id (or None)."""

    def __init__(self, where: Where, cls: str, *, on_command: Callable[[dict], None],
                 on_link: Callable[[bool], None], on_delivered: Callable[[int], None],
                 greeting: Callable[[], list[tuple[str, bytes]]]) -> None:
        self.where, self.cls = where, cls
        self._on_command, self._on_link = on_command, on_link
        self._greeting = greeting
        self._done, self._refused = threading.Event(), []
        self.connected = False
        client = _client(where)
        client.max_inflight_messages_set(40)
        client.will_set(self.topic("status"), contract.offline_payload(), contract.QOS, retain=True)
        client.on_connect = self._connected
        client.on_disconnect = self._disconnected
        client.on_message = self._message
        client.on_publish = lambda _c, _u, mid, _reason, _props: on_delivered(mid)
        self._client = client

    def topic(self, leaf: str) -> str:
        """This student's topic `leaf` (hello, status, t, cmd)."""
        return contract.student_topic(self.cls, self.where.sid, leaf)

    def start(self) -> None:
        """Connect for the first time (ClassroomError if that fails); later drops reconnect alone."""
        _connect(self._client, self.where, self._done, self._refused)

    def _connected(self, client, _userdata, _flags, reason, _props) -> None:
        if reason.is_failure:
            self._refused[:] = [reason.value, str(reason)]
            self._done.set()
            return
        for topic in (contract.class_cmd_topic(self.cls), self.topic("cmd")):
            client.subscribe(topic, contract.QOS)
        for topic, payload in self._greeting():
            client.publish(topic, payload, contract.QOS, retain=True)
        self.connected = True
        self._done.set()
        self._on_link(True)

    def _disconnected(self, _client, _userdata, _flags, _reason, _props) -> None:
        if self.connected:
            self.connected = False
            self._on_link(False)

    def _message(self, _client, _userdata, msg) -> None:
        data = contract.decode(msg.payload)
        if data is not None and data.get("cmd") in contract.COMMANDS:
            self._on_command(data)

    def publish(self, topic: str, payload: bytes, retain: bool = False) -> int | None:
        """Hand a QoS 1 message to paho; its id, or None when paho refused it."""
        info = self._client.publish(topic, payload, contract.QOS, retain=retain)
        return info.mid if info.rc in (0, 4) else None  # 4: not connected, paho sends it later

    def stop(self, goodbye: bytes | None = None) -> None:
        """Publish a last status (if connected), then disconnect."""
        if goodbye is not None and self.connected:
            info = self._client.publish(self.topic("status"), goodbye, contract.QOS, retain=True)
            with contextlib.suppress(RuntimeError, ValueError):
                info.wait_for_publish(2.0)
        self._client.disconnect()
        self._client.loop_stop()
