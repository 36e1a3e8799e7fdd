"""The teacher's MQTT client (paho): subscribe to the class, publish the lesson and commands.

It reconnects by itself when the broker goes away (paho's loop thread); every (re)connect subscribes
again and republishes the retained join and lesson messages (a restarted broker may have lost them).
Messages and link changes are handed to callbacks on paho's thread; the server moves them to its loop.
"""

from __future__ import annotations

import contextlib
import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from leanbot_kit.classroom import contract
from leanbot_kit.errors import ClassroomError
from leanbot_kit.i18n import _

CONNECT_TIMEOUT_S = 5.0


@dataclass(frozen=True)
class BrokerAddress:
    """Where the broker is and how the teacher logs in."""

    host: str
    port: int
    user: str | None = None
    password: str | None = None

    def url(self, with_login: bool = False) -> str:
        """`mqtt://HOST:PORT` (with the login only when asked)."""
        login = f"{self.user}:{self.password}@" if with_login and self.user else ""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"mqtt://{login}{host}:{self.port}"


def parse_broker_url(url: str) -> BrokerAddress:
    """`mqtt://[user:pass@]HOST[:PORT]` → BrokerAddress; a clear error for anything else."""
    parts = urlsplit(url if "://" in url else f"mqtt://{url}")
    try:
        port = parts.port or contract.DEFAULT_MQTT_PORT
    except ValueError as e:
        raise ClassroomError(_("{url}: the port is not a number").format(url=url),
                             _("write it as mqtt://HOST:1883")) from e
    if parts.scheme != "mqtt" or not parts.hostname:
        raise ClassroomError(_("{url} is not a broker address").format(url=url),
                             _("write it as mqtt://HOST:1883 or mqtt://USER:PASSWORD@HOST:1883"))
    return BrokerAddress(parts.hostname, port, unquote(parts.username) if parts.username else None,
                         unquote(parts.password) if parts.password else None)


class TeacherLink:
    """One paho client for the class; `start()` waits for the first connection."""

    def __init__(self, address: BrokerAddress, cls: str, retained: dict[str, bytes],
                 on_message: Callable[[str, bytes], None],
                 on_link: Callable[[bool], None]) -> None:
        import paho.mqtt.client as mqtt

        self.address, self.cls, self.retained = address, cls, dict(retained)
        self._on_message, self._on_link = on_message, on_link
        self._first = threading.Event()
        self._refused: str | None = None
        client = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2,
                             client_id=f"lbk-teacher-{cls}-{secrets.token_hex(3)}",
                             clean_session=True)
        if address.user:
            client.username_pw_set(address.user, address.password)
        client.max_inflight_messages_set(100)
        client.reconnect_delay_set(0.2, 2)
        client.on_connect = self._connected
        client.on_disconnect = self._disconnected
        client.on_message = lambda _c, _u, m: self._on_message(m.topic, m.payload)
        self._client = client

    def start(self) -> None:
        """Connect (ClassroomError if the broker is not there or refuses the teacher)."""
        try:
            self._client.connect(self.address.host, self.address.port, keepalive=10)
        except OSError as e:
            raise ClassroomError(
                _("cannot reach the broker at {url}: {error}").format(
                    url=self.address.url(), error=e.strerror or e),
                _("is the broker running? Check the host and port")) from e
        self._client.loop_start()
        if not self._first.wait(CONNECT_TIMEOUT_S) or self._refused:
            self.stop()
            raise ClassroomError(
                _("the broker at {url} refused the teacher: {reason}").format(
                    url=self.address.url(), reason=self._refused or _("no answer")),
                _("give the teacher's login in the address: mqtt://USER:PASSWORD@HOST:PORT"))

    def _connected(self, client, _userdata, _flags, reason, _props) -> None:
        if reason.is_failure:
            self._refused = str(reason)
            self._first.set()
            return
        client.subscribe(contract.students_filter(self.cls), qos=contract.QOS)
        for topic, payload in self.retained.items():
            client.publish(topic, payload, qos=contract.QOS, retain=True)
        self._first.set()
        self._on_link(True)

    def _disconnected(self, _client, _userdata, _flags, _reason, _props) -> None:
        self._on_link(False)

    def publish(self, topic: str, payload: bytes, retain: bool = False) -> None:
        """Queue a message (paho sends it when connected)."""
        self._client.publish(topic, payload, qos=contract.QOS, retain=retain)

    def stop(self, clear: tuple[str, ...] = ()) -> None:
        """Clear the given retained topics (the class is over), then disconnect."""
        for topic in clear:
            info = self._client.publish(topic, b"", qos=contract.QOS, retain=True)
            # not connected: the broker keeps them; the next class overwrites them
            with contextlib.suppress(RuntimeError, ValueError):
                info.wait_for_publish(1.0)
        self._client.disconnect()
        self._client.loop_stop()
