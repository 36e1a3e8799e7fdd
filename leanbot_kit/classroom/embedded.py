"""The embedded MQTT broker (amqtt) with the class's login and topic rules of `contract`.

Runs on the caller's asyncio loop. Only two kinds of login get in: the teacher (its own user and a
random password) and the students of a class (`lbk-<CODE>` / `<CODE>`, client id = a student id).
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from amqtt.contexts import Action
from amqtt.plugins.base import BaseAuthPlugin, BasePlugin, BaseTopicPlugin

from leanbot_kit.classroom import contract
from leanbot_kit.errors import ClassroomError
from leanbot_kit.i18n import _

_PLUGINS = "leanbot_kit.classroom.embedded"
SHUTDOWN_S = 5.0


@dataclass
class Logins:
    """Who may log in: the teacher's user and password, and the classes by join code."""

    teacher_user: str
    teacher_password: str
    classes: dict[str, str] = field(default_factory=dict)  # code -> class


def _is_teacher(logins: Logins, session: Any) -> bool:
    return (session.username == logins.teacher_user and session.password is not None
            and hmac.compare_digest(str(session.password), logins.teacher_password))


class ClassAuthPlugin(BaseAuthPlugin):
    """Lets in the teacher and the students who know their class's code; nobody else."""

    @dataclass
    class Config:
        """The logins (shared with the topic plugin)."""

        logins: Logins | None = None

    async def authenticate(self, *, session: Any) -> bool | None:
        """True for the teacher, or a student id logging in with its class's code."""
        logins = self.context.config.logins
        if logins is None:
            return False
        if _is_teacher(logins, session):
            return True
        code = contract.code_of_user(session.username)
        return (code is not None and code in logins.classes and session.password is not None
                and hmac.compare_digest(str(session.password), code)
                and contract.is_student_id(session.client_id or ""))


class ClassTopicPlugin(BaseTopicPlugin):
    """A student publishes only under its own topic and subscribes only to its class's topics."""

    @dataclass
    class Config:
        """The logins (shared with the auth plugin)."""

        logins: Logins | None = None

    async def topic_filtering(self, *, session: Any = None, topic: str | None = None,
                              action: Action | None = None) -> bool | None:
        """The access rule of `contract` for one publish, subscribe or delivery."""
        logins = self.context.config.logins
        if logins is None or session is None or not topic:
            return False
        if _is_teacher(logins, session):
            return True
        code = contract.code_of_user(session.username)
        cls = logins.classes.get(code or "")
        if cls is None:
            return False
        client_id = session.client_id or ""
        if action == Action.PUBLISH:
            return contract.student_may_publish(cls, client_id, topic)
        return contract.student_may_read(cls, code, client_id, topic)


class ClassTapPlugin(BasePlugin):
    """Hands every message the broker accepted to the teacher's hub, in-process: the teacher of an
    embedded broker needs no client connection of its own (half the work per message)."""

    @dataclass
    class Config:
        """The hub's entry point: `tap(topic, payload)`."""

        tap: Any = None

    async def on_broker_message_broadcast(self, *, client_id: str, message: Any) -> None:
        """A student's message passed the rules: give it to the hub."""
        tap = self.context.config.tap
        if tap is not None and message is not None:
            tap(message.topic, bytes(message.data))


class _Snapshots(dict):
    """amqtt's table of subscriptions, iterated over a copy: its broadcast loop awaits the topic
    plugins while iterating, and a student subscribing meanwhile would abort that message."""

    def items(self):  # type: ignore[override]
        return list(super().items())

    def __iter__(self):
        return iter(list(super().keys()))


class EmbeddedBroker:
    """amqtt on `host:port` with the class rules; `start()` and `stop()` on the running loop."""

    def __init__(self, host: str, port: int, logins: Logins,
                 tap: Callable[[str, bytes], None] | None = None) -> None:
        self.host, self.port, self.logins, self.tap = host, port, logins, tap
        self._broker: Any = None
        self._tasks: set[asyncio.Task] = set()

    async def start(self) -> None:
        """Listen; ClassroomError when the port is taken or not allowed."""
        from amqtt.broker import Broker

        for name in ("amqtt", "transitions"):
            logging.getLogger(name).setLevel(logging.CRITICAL)  # its tracebacks are not for teachers
        config = {
            "listeners": {"default": {"type": "tcp", "bind": f"{self.host}:{self.port}"}},
            "plugins": {f"{_PLUGINS}.ClassAuthPlugin": {"logins": self.logins},
                        f"{_PLUGINS}.ClassTopicPlugin": {"logins": self.logins},
                        f"{_PLUGINS}.ClassTapPlugin": {"tap": self.tap}},
        }
        self._broker = Broker(config)
        self._broker._subscriptions = _Snapshots()  # noqa: SLF001 - see _Snapshots
        try:
            await self._broker.start()
        except Exception as e:  # amqtt wraps the OSError of a busy port in its own error  # noqa: BLE001
            self._broker = None
            raise ClassroomError(
                _("cannot start the class broker on {host}:{port}: {error}").format(
                    host=self.host, port=self.port, error=e),
                _("is another broker (mosquitto?) already using the port? Choose another with "
                  "--mqtt HOST:PORT, or use it with --broker")) from e

    def publish(self, topic: str, payload: bytes, retain: bool = False) -> None:
        """Publish as the teacher, from the broker's own loop (QoS 1 to the students)."""
        if self._broker is None:
            return
        context = self._broker.plugins_manager.context
        task = asyncio.ensure_future(_publish(context, topic, payload, retain))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def stop(self) -> None:
        """Stop listening and drop every connection."""
        if self._broker is not None:
            broker, self._broker = self._broker, None
            # amqtt can hang closing a busy broadcast loop; the class is ending anyway
            with contextlib.suppress(asyncio.TimeoutError, RuntimeError):
                await asyncio.wait_for(broker.shutdown(), SHUTDOWN_S)


async def _publish(context: Any, topic: str, payload: bytes, retain: bool) -> None:
    if retain:
        await context.retain_message(topic, payload, contract.QOS)
    if payload:
        await context.broadcast_message(topic, payload, contract.QOS)


class EmbeddedLink:
    """The teacher's side of an embedded broker: the same calls as `TeacherLink`, no connection."""

    def __init__(self, broker: EmbeddedBroker, retained: dict[str, bytes],
                 on_link: Callable[[bool], None]) -> None:
        self.broker, self.retained, self._on_link = broker, dict(retained), on_link

    def start(self) -> None:
        """Publish the retained join and lesson messages."""
        for topic, payload in self.retained.items():
            self.broker.publish(topic, payload, retain=True)
        self._on_link(True)

    def publish(self, topic: str, payload: bytes, retain: bool = False) -> None:
        """Send a command."""
        self.broker.publish(topic, payload, retain)

    def stop(self, clear: tuple[str, ...] = ()) -> None:
        """Nothing to close: the broker goes with the teacher."""
