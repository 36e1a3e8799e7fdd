"""`leanbot class serve` end to end over a real broker (the embedded amqtt one, and mosquitto):
students join with the code and appear, goals are graded, commands reach the students, recordings are
whole (also across a mosquitto killed and restarted), the class report is written."""

from __future__ import annotations

import csv
import getpass
import json
import time
import urllib.error
import urllib.request
from pathlib import Path

import paho.mqtt.client as mqtt
import pytest

from leanbot_kit.classroom import contract
from leanbot_kit.classroom.mosquitto import write_files
from leanbot_kit.classroom.server import ServeOptions
from leanbot_kit.telemetry.recording import read_recording
from leanbot_kit.telemetry.report import summarise
from tests.class_fixtures import (
    Mosquitto,
    ServerThread,
    Student,
    free_port,
    mosquitto_binary,
    wait_until,
)
from tests.conftest import LESSONS

LESSON = LESSONS / "line-follow.yaml"
DRIVES = "drives 2 m along the line"


@pytest.fixture(scope="session")
def sim_recording(tmp_path_factory) -> Path:
    """A real recording of the line-follow lesson on the simulated robot (`leanbot sim --record`)."""
    import os

    from click.testing import CliRunner

    from leanbot_kit.cli import cli

    path = tmp_path_factory.mktemp("rec") / "line-follow.jsonl"
    from tests.conftest import session_cache

    cache = session_cache(tmp_path_factory)
    old = os.environ.get("LEANBOT_CACHE")
    os.environ["LEANBOT_CACHE"] = str(cache)
    try:
        result = CliRunner().invoke(cli, ["sim", str(LESSON), "--record", str(path)])
    finally:
        if old is None:
            os.environ.pop("LEANBOT_CACHE", None)
        else:
            os.environ["LEANBOT_CACHE"] = old
    assert path.exists(), result.output
    return path


@pytest.fixture
def embedded(tmp_path):
    """A class served with the embedded broker on free loopback ports."""
    mq, http = free_port(), free_port()
    server = ServerThread(ServeOptions(cls="7a", lesson=LESSON, listen=("127.0.0.1", http),
                                       mqtt=("127.0.0.1", mq), record_dir=tmp_path / "rec"))
    info = server.start()
    yield server, info, mq, http
    if server.loop.is_running():
        server.stop()


def get_json(http: int, path: str, token: str | None) -> dict:
    url = f"http://127.0.0.1:{http}{path}" + (f"?token={token}" if token else "")
    with urllib.request.urlopen(url, timeout=5) as r:
        return json.load(r)


def post(http: int, path: str, body: dict, token: str | None) -> tuple[int, bytes]:
    headers = {"Content-Type": "application/json"}
    if token:
        headers["X-Teacher-Token"] = token
    req = urllib.request.Request(f"http://127.0.0.1:{http}{path}", json.dumps(body).encode(), headers)
    try:
        with urllib.request.urlopen(req, timeout=5) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def frames(entries) -> list[tuple[int, int]]:
    return [(e["seq"], e["robot_t"]) for e in entries if e.get("type") == "frame"]


def test_students_appear_are_graded_and_recorded(embedded, sim_recording):
    server, info, mq, http = embedded
    a = Student("127.0.0.1", mq, info.code.lower(), "Nguyễn Văn An", sim_recording, speed=25).start()
    b = Student("127.0.0.1", mq, info.code, "Nguyễn Văn An", sim_recording, speed=25).start()
    assert a.lesson["id"] == "line-follow" and "yaml" in a.lesson
    assert "../worlds/oval.yaml" in a.lesson["files"]  # the world travels with the lesson
    wait_until(lambda: a.done and b.done, 30)

    def graded():
        state = get_json(http, "/api/state", info.token)
        cards = {c["sid"]: c for c in state["students"]}
        ok = all(any(g["name"] == DRIVES and g["state"] == "passed" for g in c["goals"])
                 for c in cards.values()) and len(cards) == 2
        return ok and (state, cards)

    state, cards = wait_until(graded, 10)
    assert set(cards) == {a.sid, b.sid}  # one name, two students, never overwritten
    assert all(c["name"] == "Nguyễn Văn An" for c in cards.values())
    row = {g["name"]: g for g in state["row"]}
    assert row[DRIVES]["passed"] == 2 and row[DRIVES]["of"] == 2
    card = cards[a.sid]
    assert card["frames"] == len(frames(read_recording(sim_recording).entries))
    assert card["lost"] == 0 and card["path"] and "dist_mm" in card["latest"]

    paths = server.stop()
    source = frames(read_recording(sim_recording).entries)
    for s in (a, b):
        rec = read_recording(info.record_dir / f"{s.sid}.jsonl")
        assert frames(rec.entries) == source  # whole, in order, no duplicate
        assert summarise(rec).frames == len(source)
    rows = list(csv.DictReader(paths["csv"].open(encoding="utf-8")))
    passed = [r for r in rows if r["goal"] == DRIVES]
    assert len(passed) == 2 and all(r["state"] == "passed" and float(r["passed_at_s"]) > 0 for r in passed)
    page = paths["html"].read_text(encoding="utf-8")
    assert "Nguyễn Văn An" in page
    for s in (a, b):
        s.stop()


def test_commands_need_the_token_and_reach_the_students(embedded, sim_recording):
    server, info, mq, http = embedded
    a = Student("127.0.0.1", mq, info.code, "An", sim_recording, speed=25).start()
    wait_until(lambda: get_json(http, "/api/state", info.token)["students"], 10)
    assert post(http, "/api/command", {"cmd": "stop"}, None)[0] == 403
    assert post(http, "/api/command", {"cmd": "stop"}, "wrong")[0] == 403
    with pytest.raises(urllib.error.HTTPError):
        get_json(http, "/api/state", None)
    assert post(http, "/api/command", {"cmd": "reboot"}, info.token)[0] == 400
    status, body = post(http, "/api/command", {"cmd": "stop"}, info.token)
    assert status == 200
    sent = json.loads(body)
    wait_until(lambda: any(c.get("id") == sent["id"] and c["cmd"] == "stop" for c in a.commands), 5)
    status, _body = post(http, "/api/command", {"cmd": "start", "sid": a.sid}, info.token)
    wait_until(lambda: any(c["cmd"] == "start" for c in a.commands), 5)
    assert post(http, "/api/report", {}, None)[0] == 403
    status, body = post(http, "/api/report", {}, info.token)  # the report on demand, mid-class
    assert status == 200 and Path(json.loads(body)["csv"]).exists()
    with urllib.request.urlopen(f"http://127.0.0.1:{http}/report.csv?token={info.token}", timeout=5) as r:
        rows = list(csv.DictReader(r.read().decode().splitlines()))
    assert {row["sid"] for row in rows} == {a.sid}
    a.stop()


def test_a_wrong_code_is_refused(embedded, sim_recording):
    _server, info, mq, _http = embedded
    wrong = "2222" if info.code != "2222" else "3333"
    s = Student("127.0.0.1", mq, wrong, "Eve", sim_recording).start(wait_class=False)
    wait_until(lambda: s.refused, 5)
    s.stop()


def student_client(port: int, code: str, sid: str) -> tuple[mqtt.Client, list]:
    got: list = []
    c = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, client_id=sid)
    c.username_pw_set(*contract.student_login(code))
    c.on_message = lambda _c, _u, m: got.append((m.topic, m.payload))
    c.connect("127.0.0.1", port)
    c.loop_start()
    return c, got


def check_student_limits(port: int, code: str, cls: str, teacher: tuple[str, str]) -> None:
    """A student cannot send commands, write another student's topics, or read other students."""
    seen: list = []
    t = mqtt.Client(mqtt.CallbackAPIVersion.VERSION2, client_id="watcher")
    t.username_pw_set(*teacher)
    t.on_message = lambda _c, _u, m: None if m.retain else seen.append(m.topic)
    t.connect("127.0.0.1", port)
    t.loop_start()
    t.subscribe(f"{contract.ROOT}/#", 1)
    me, other = contract.student_id("Mallory"), contract.student_id("Bob")
    c, got = student_client(port, code, me)
    time.sleep(0.5)
    c.subscribe(contract.students_filter(cls), 1)  # spying on the others
    for topic in (contract.class_cmd_topic(cls), contract.student_topic(cls, other, "t"),
                  contract.student_topic(cls, me, "cmd"), contract.lesson_topic(cls)):
        c.publish(topic, b'{"cmd":"stop"}', 1)
    c.publish(contract.student_topic(cls, me, "status"), contract.status_payload(
        link="ok", session="x", batch=-1, frames=0, corrupt=0, lost=0, step=None, goals=[]), 1)
    t.publish(contract.student_topic(cls, other, "t"), b"{}", 1)
    mine = contract.student_topic(cls, me, "status")
    wait_until(lambda: mine in seen, 5)
    time.sleep(0.5)
    allowed = (mine, contract.student_topic(cls, other, "t"), contract.join_topic(code),
               contract.lesson_topic(cls))  # the last two: the teacher's retained messages
    assert [x for x in seen if x not in allowed] == []
    assert not [topic for topic, _p in got if "/s/" in topic]
    for x in (c, t):
        x.loop_stop()
        x.disconnect()


def test_embedded_broker_keeps_students_in_their_place(embedded):
    server, info, mq, _http = embedded
    teacher = (contract.TEACHER_USER, server.server._broker.logins.teacher_password)
    check_student_limits(mq, info.code, "7a", teacher)


@pytest.fixture
def mosquitto(tmp_path):
    binary = mosquitto_binary()
    port, code = free_port(), contract.new_code()
    conf = write_files(tmp_path / "broker", {code: "8b"}, "teacher", "t-secret",
                       host="127.0.0.1", port=port, run_as=getpass.getuser())
    broker = Mosquitto(binary, tmp_path / "broker", port, conf.read_text())
    broker.start()
    yield broker, port, code
    broker.kill()


def test_mosquitto_files_keep_students_in_their_place(mosquitto):
    _broker, port, code = mosquitto
    check_student_limits(port, code, "8b", ("teacher", "t-secret"))


def test_mosquitto_killed_and_restarted_loses_nothing(mosquitto, tmp_path, sim_recording):
    broker, port, code = mosquitto
    http = free_port()
    server = ServerThread(ServeOptions(
        cls="8b", lesson=LESSON, broker=f"mqtt://teacher:t-secret@127.0.0.1:{port}", code=code,
        listen=("127.0.0.1", http), record_dir=tmp_path / "rec"))
    info = server.start()
    assert info.broker == f"mqtt://127.0.0.1:{port}"  # the password is not shown
    a = Student("127.0.0.1", port, code, "An", sim_recording, speed=12).start()
    b = Student("127.0.0.1", port, code, "Binh", sim_recording, speed=12).start()
    wait_until(lambda: len(a.batches) > 20, 10)
    broker.kill()  # SIGKILL mid-run: nothing saved, every connection dropped
    time.sleep(1.0)
    broker.start()
    wait_until(lambda: a.done and b.done, 40)
    a.status("ok")
    b.status("ok")
    source = frames(read_recording(sim_recording).entries)

    def whole():
        return all(server.call(lambda s=s: server.server.hub.students[s.sid].received["frames"])
                   == len(source) for s in (a, b))

    wait_until(whole, 40, 0.2)
    server.stop()
    for s in (a, b):
        entries = read_recording(info.record_dir / f"{s.sid}.jsonl").entries
        assert frames(entries) == source
        details = [(e["type"], e.get("detail")) for e in entries if e["type"] in ("disconnect", "reconnect")]
        assert ("disconnect", "broker") in details and ("reconnect", "broker") in details
        assert not [e for e in entries if e["type"] == "gap"]
        s.stop()


def test_embedded_class_server_restarted_mid_run_keeps_recordings_whole(tmp_path, sim_recording):
    """The embedded broker lives in the teacher's process: restart both mid-run, same code and folder."""
    mq, http, code = free_port(), free_port(), contract.new_code()
    options = ServeOptions(cls="7a", lesson=LESSON, code=code, listen=("127.0.0.1", http),
                           mqtt=("127.0.0.1", mq), record_dir=tmp_path / "rec")
    first = ServerThread(options)
    first.start()
    a = Student("127.0.0.1", mq, code, "An", sim_recording, speed=12).start()
    wait_until(lambda: len(a.batches) > 20, 10)
    first.stop()
    time.sleep(0.5)
    second = ServerThread(options)
    second.start()
    wait_until(lambda: a.done, 40)
    a.status("ok")
    source = frames(read_recording(sim_recording).entries)
    wait_until(lambda: len(frames(read_recording(tmp_path / "rec" / f"{a.sid}.jsonl").entries))
               == len(source), 20, 0.2)
    second.stop()
    entries = read_recording(tmp_path / "rec" / f"{a.sid}.jsonl").entries
    assert frames(entries) == source
    assert any(e.get("detail") == "class server restarted" for e in entries)
    a.stop()
