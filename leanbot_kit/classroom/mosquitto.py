"""Files that make a mosquitto broker keep the class contract: passwords, access rules, a config.

For a school's own broker (`leanbot class serve --broker mqtt://…`). The password file uses
mosquitto's own PBKDF2-SHA512 format (`$7$`), as `mosquitto_passwd` writes it. The access rules are
those of `contract`, with one difference on a broker shared by several classes: mosquitto's `pattern`
rules apply to every login, so a student holding one class's code could publish, under its own id,
into another class (the embedded broker forbids this).
"""

from __future__ import annotations

import base64
import hashlib
import os
import secrets
from pathlib import Path

from leanbot_kit.classroom import contract
from leanbot_kit.errors import ClassroomError
from leanbot_kit.i18n import _

ITERATIONS = 101  # mosquitto_passwd's default
MAX_QUEUED = 20000  # QoS 1 messages the broker keeps per offline client


def password_line(user: str, password: str) -> str:
    """One line of a mosquitto password file."""
    salt = secrets.token_bytes(12)
    digest = hashlib.pbkdf2_hmac("sha512", password.encode(), salt, ITERATIONS)
    return (f"{user}:$7${ITERATIONS}${base64.b64encode(salt).decode()}"
            f"${base64.b64encode(digest).decode()}\n")


def acl_text(classes: dict[str, str], teacher_user: str) -> str:
    """The access rules: the teacher everything under leanbot/, each class its topics, each student
    (client id = student id) its own."""
    root = contract.ROOT
    lines = ["# leanbot class: access rules (see docs/classroom.md)", f"user {teacher_user}",
             f"topic readwrite {root}/#", ""]
    for code, cls in sorted(classes.items()):
        user, _password = contract.student_login(code)
        lines += [f"user {user}", f"topic read {contract.join_topic(code)}",
                  f"topic read {contract.lesson_topic(cls)}", f"topic read {contract.class_cmd_topic(cls)}",
                  ""]
    lines += [f"pattern write {root}/+/s/%c/{leaf}" for leaf in contract.STUDENT_LEAVES]
    lines += [f"pattern read {root}/+/s/%c/cmd", ""]
    return "\n".join(lines)


def write_files(folder: Path, classes: dict[str, str], teacher_user: str, teacher_password: str,
                *, host: str = "0.0.0.0", port: int = contract.DEFAULT_MQTT_PORT,
                run_as: str | None = None) -> Path:
    """Write `passwd`, `acl` and `mosquitto.conf` into `folder`; returns the config's path.
    `run_as`: the user a mosquitto started as root becomes (it must be able to read the files)."""
    folder = folder.resolve()
    passwd, acl, conf = folder / "passwd", folder / "acl", folder / "mosquitto.conf"
    users = [password_line(teacher_user, teacher_password)]
    users += [password_line(*contract.student_login(code)) for code in sorted(classes)]
    try:
        folder.mkdir(parents=True, exist_ok=True)
        passwd.write_text("".join(users), encoding="utf-8")
        os.chmod(passwd, 0o600)
        acl.write_text(acl_text(classes, teacher_user), encoding="utf-8")
        conf.write_text("\n".join([
            "# leanbot class: a mosquitto broker for classes (see docs/classroom.md)",
            "per_listener_settings false", f"listener {port} {host}", "allow_anonymous false",
            f"password_file {passwd}", f"acl_file {acl}", f"max_queued_messages {MAX_QUEUED}",
            "max_inflight_messages 100", "persistence false",
            *([f"user {run_as}"] if run_as else []), ""]), encoding="utf-8")
    except OSError as e:
        raise ClassroomError(_("cannot write the broker files in {folder}: {error}").format(
            folder=folder, error=e.strerror), _("choose a folder you can write to")) from e
    return conf
