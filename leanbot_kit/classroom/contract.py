"""The class contract over MQTT, shared by the teacher's side and the student's side (docs/classroom.md).

Topics (all under ``leanbot/``; ``<class>`` is a slug, ``<sid>`` a student id; QoS 1 everywhere):

=================================  =========  ==========================================================
topic                              retained   who publishes — payload (JSON object, ``"v": 1``)
=================================  =========  ==========================================================
``leanbot/join/<CODE>``            yes        teacher — ``{"class", "title"}``: how a student finds its class
``leanbot/<class>/lesson``         yes        teacher — ``{"class", "id", "name", "yaml", "files"}``
``leanbot/<class>/cmd``            no         teacher — ``{"cmd": "stop"|"start", "id", "at"}`` to every robot
``leanbot/<class>/s/<sid>/cmd``    no         teacher — the same for one robot, plus ``resend``
``leanbot/<class>/s/<sid>/hello``  yes        student — ``{"sid", "name", "robot_id", "port", "lesson", "client"}``
``leanbot/<class>/s/<sid>/status`` yes        student — link, counters, step, goals, last batch (see below)
``leanbot/<class>/s/<sid>/t``      no         student — ``{"session", "batch", "entries": [...]}`` ≈ every 100 ms
=================================  =========  ==========================================================

Joining: the student knows HOST[:PORT] and the CODE. It logs in to the broker with
``student_login(code)`` (user ``lbk-<CODE>``, password ``<CODE>``), client id = its ``sid``, clean
session off; reads the retained ``leanbot/join/<CODE>`` to learn the class; then the retained lesson. A
refused login (CONNACK "not authorised" / "bad user name or password") means a wrong code.

Access (the embedded broker enforces it exactly; the mosquitto files of `mosquitto.py` follow it): a
student login may read its join topic, its class's ``lesson`` and ``cmd`` and its own ``s/<sid>/cmd``,
and write only ``s/<sid>/hello|status|t`` where ``<sid>`` is its client id. Never ``cmd``. The
teacher logs in with its own user and may read and write everything under ``leanbot/``.

Nothing lost: telemetry entries are numbered batches per student ``session``. The teacher writes them
in batch order; a missing batch is asked for again with ``{"cmd": "resend", "session", "from"}`` on
``s/<sid>/cmd``; the student keeps at least the last ``RESEND_KEEP`` batches for that, and republishes
``hello`` and ``status`` on every (re)connect (a broker restart may forget retained messages).
"""

from __future__ import annotations

import json
import re
import secrets
import unicodedata
from typing import Any

from leanbot_kit.errors import ClassroomError
from leanbot_kit.i18n import _

VERSION = 1
ROOT = "leanbot"
QOS = 1
DEFAULT_MQTT_PORT = 1883
DEFAULT_HTTP_PORT = 8080
BATCH_S = 0.1  # a student publishes its new entries about every 100 ms (one message, many frames)
STATUS_EVERY_S = 2.0  # and its status at least this often while connected
OFFLINE_AFTER_S = 3 * STATUS_EVERY_S  # no status or batch for this long: the teacher shows "lost"
RESEND_KEEP = 3000  # batches a student keeps for `resend` (5 minutes at 10 batches/s)
MAX_PAYLOAD = 256 * 1024  # bytes; bigger messages are dropped by the teacher
MAX_BATCH_ENTRIES = 1000
MAX_TEXT = 200  # characters kept of any student string (name, robot id, port, console text)

CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"  # no 0/O, 1/I/L: read aloud, typed without doubt
CODE_LENGTH = 4
STUDENT_USER_PREFIX = "lbk-"
TEACHER_USER = "lbk-teacher"

LINK_OK, LINK_WAITING, LINK_LOST, LINK_OFFLINE = "ok", "waiting", "lost", "offline"
LINK_STATES = (LINK_OK, LINK_WAITING, LINK_LOST, LINK_OFFLINE)
GOAL_STATES = ("pending", "passed", "failed", "skipped")
COMMANDS = ("stop", "start", "resend")
STUDENT_LEAVES = ("hello", "status", "t")  # what a student may publish under s/<sid>/

_SLUG = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?$")
_SID = re.compile(r"^[a-z0-9][a-z0-9-]{0,30}-[a-z0-9]{4}$")


# --- names -----------------------------------------------------------------------------------------

def slugify(text: str, limit: int = 24) -> str:
    """ASCII lower-case letters, digits and dashes (Vietnamese letters lose their marks: Đức → duc)."""
    text = text.replace("đ", "d").replace("Đ", "D")
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:limit].strip("-")


def class_name(text: str) -> str:
    """The class's topic name from what the teacher typed (`7A Toán` → `7a-toan`); error if empty."""
    slug = slugify(text, 32)
    if not _SLUG.match(slug):
        raise ClassroomError(_("{name!r} cannot name a class").format(name=text),
                             _("use letters and digits, e.g. --class 7a"))
    return slug


def student_id(name: str, suffix: str | None = None) -> str:
    """A student id: the slug of the name + a random suffix, so two students called An stay apart."""
    suffix = suffix or "".join(secrets.choice("abcdefghijkmnpqrstuvwxyz23456789") for _i in range(4))
    return f"{slugify(name) or 'student'}-{suffix}"


def is_student_id(text: str) -> bool:
    """True for a well-formed student id (also a safe MQTT client id and topic level)."""
    return bool(_SID.match(text))


def new_code() -> str:
    """A fresh join code, e.g. `4F7K`."""
    return "".join(secrets.choice(CODE_ALPHABET) for _i in range(CODE_LENGTH))


def normalize_code(text: str) -> str:
    """The code as the broker knows it (upper case, spaces and dashes dropped); error if malformed."""
    code = re.sub(r"[\s-]", "", text).upper()
    if len(code) != CODE_LENGTH or any(c not in CODE_ALPHABET for c in code):
        raise ClassroomError(_("{code!r} is not a class code").format(code=text),
                             _("the code has {n} letters and digits, as shown on the teacher's screen")
                             .format(n=CODE_LENGTH))
    return code


def student_login(code: str) -> tuple[str, str]:
    """The broker user and password a join code gives: (`lbk-4F7K`, `4F7K`)."""
    code = normalize_code(code)
    return STUDENT_USER_PREFIX + code, code


def code_of_user(username: str | None) -> str | None:
    """The join code of a student login, None for any other user."""
    if not username or not username.startswith(STUDENT_USER_PREFIX):
        return None
    code = username[len(STUDENT_USER_PREFIX):]
    return code if len(code) == CODE_LENGTH and all(c in CODE_ALPHABET for c in code) else None


# --- topics ----------------------------------------------------------------------------------------

def join_topic(code: str) -> str:
    """Retained: which class a code opens."""
    return f"{ROOT}/join/{code}"


def lesson_topic(cls: str) -> str:
    """Retained: the class's lesson."""
    return f"{ROOT}/{cls}/lesson"


def class_cmd_topic(cls: str) -> str:
    """Teacher → every robot of the class."""
    return f"{ROOT}/{cls}/cmd"


def student_topic(cls: str, sid: str, leaf: str) -> str:
    """`leanbot/<class>/s/<sid>/<leaf>` with leaf hello, status, t or cmd."""
    return f"{ROOT}/{cls}/s/{sid}/{leaf}"


def students_filter(cls: str) -> str:
    """The subscription that brings the teacher every student's messages."""
    return f"{ROOT}/{cls}/s/+/+"


def parse_student_topic(topic: str) -> tuple[str, str, str] | None:
    """(class, sid, leaf) of a student topic, or None."""
    parts = topic.split("/")
    if len(parts) != 5 or parts[0] != ROOT or parts[2] != "s" or not is_student_id(parts[3]):
        return None
    return parts[1], parts[3], parts[4]


# --- access rules (the embedded broker's plugin applies these) -------------------------------------

def student_may_publish(cls: str, client_id: str, topic: str) -> bool:
    """A student writes only hello, status and t under its own id."""
    return is_student_id(client_id) and topic in {student_topic(cls, client_id, leaf)
                                                  for leaf in STUDENT_LEAVES}


def student_may_read(cls: str, code: str, client_id: str, topic_filter: str) -> bool:
    """A student subscribes to exact topics only: its join topic, lesson, the class cmd, its own cmd."""
    allowed = {join_topic(code), lesson_topic(cls), class_cmd_topic(cls)}
    if is_student_id(client_id):
        allowed.add(student_topic(cls, client_id, "cmd"))
    return topic_filter in allowed


# --- payloads --------------------------------------------------------------------------------------

def encode(payload: dict[str, Any]) -> bytes:
    """A payload as compact UTF-8 JSON, with the contract version."""
    return json.dumps({"v": VERSION, **payload}, ensure_ascii=False, separators=(",", ":")).encode()


def decode(data: bytes) -> dict[str, Any] | None:
    """A payload read back; None for anything that is not a JSON object of a sane size."""
    if not data or len(data) > MAX_PAYLOAD:
        return None
    try:
        obj = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    return obj if isinstance(obj, dict) else None


def text(value: Any, limit: int = MAX_TEXT) -> str | None:
    """A student string, bounded (None when absent or not a string)."""
    return value[:limit] if isinstance(value, str) else None


def join_payload(cls: str, title: str) -> bytes:
    """`leanbot/join/<CODE>`."""
    return encode({"class": cls, "title": title})


def lesson_payload(cls: str, lesson_id: str, name: str, yaml_text: str,
                   files: dict[str, str] | None = None) -> bytes:
    """`leanbot/<class>/lesson`: the YAML text, and the files it names (a world) by relative path."""
    return encode({"class": cls, "id": lesson_id, "name": name, "yaml": yaml_text,
                   "files": dict(files or {})})


def hello_payload(sid: str, name: str, *, robot_id: str | None, port: str | None,
                  lesson: str | None, client: str) -> bytes:
    """`s/<sid>/hello`: who this is (retained)."""
    return encode({"sid": sid, "name": name, "robot_id": robot_id, "port": port, "lesson": lesson,
                   "client": client})


def status_payload(*, link: str, session: str, batch: int, frames: int, corrupt: int, lost: int,
                   step: int | None, goals: list[dict[str, Any]], backlog: int = 0,
                   last_cmd: str | None = None) -> bytes:
    """`s/<sid>/status` (retained): link ok|waiting|lost|offline, counters, step, goals
    `[{"name", "state", "at_ms"}]`, the last batch number sent, batches still queued, last command id."""
    return encode({"link": link, "session": session, "batch": batch, "frames": frames,
                   "corrupt": corrupt, "lost": lost, "step": step, "goals": goals,
                   "backlog": backlog, "last_cmd": last_cmd})


def offline_payload() -> bytes:
    """The student's last will on `s/<sid>/status`: the broker publishes it when the student drops."""
    return encode({"link": LINK_OFFLINE})


def batch_payload(session: str, batch: int, entries: list[dict[str, Any]]) -> bytes:
    """`s/<sid>/t`: entries exactly as `monitor --record` writes them (the recording header first in
    batch 0), numbered from 0 per session."""
    return encode({"session": session, "batch": batch, "entries": entries})


def command_payload(cmd: str, **extra: Any) -> bytes:
    """`cmd` / `s/<sid>/cmd`: stop, start, or resend (with `session` and `from`)."""
    if cmd not in COMMANDS:
        raise ValueError(cmd)
    return encode({"cmd": cmd, "id": secrets.token_hex(4), **extra})
