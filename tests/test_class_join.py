"""`leanbot class join` end to end: a student laptop (a simulated robot on sim://, real pyserial) joins a
class served over the embedded broker and over a real mosquitto; the teacher receives hello, frames and
a passed goal; the teacher's stop stops the robot; a broker killed and restarted mid-run loses nothing;
a wrong code or an absent broker is a clear error."""

from __future__ import annotations

import getpass
import threading
import time

import pytest
from click.testing import CliRunner

from leanbot_kit.classroom import contract
from leanbot_kit.classroom.mosquitto import write_files
from leanbot_kit.classroom.server import ServeOptions
from leanbot_kit.classroom.student_run import JoinOptions, StudentRun
from leanbot_kit.cli import cli
from leanbot_kit.telemetry.recording import read_recording
from tests.arduino_fixtures import fake_cli_fixture  # noqa: F401 - fixture
from tests.class_fixtures import Mosquitto, ServerThread, free_port, mosquitto_binary, wait_until
from tests.command_fixtures import drive_lesson
from tests.sim_fixtures import needs_cxx, sim_cache, sim_cache_dir  # noqa: F401 - fixtures

pytestmark = [needs_cxx, pytest.mark.usefixtures("sim_cache")]
GOAL = "drives"


class Laptop:
    """A student laptop: `StudentRun` in a thread, its notes kept."""

    def __init__(self, run: StudentRun) -> None:
        self.run, self.notes, self.stop = run, [], threading.Event()
        self.thread = threading.Thread(target=self._go, daemon=True)

    def _go(self) -> None:
        for note in self.run.run(self.stop):
            self.notes.append(note)

    def start(self) -> Laptop:
        self.run.prepare()
        self.thread.start()
        return self

    def kinds(self) -> list[str]:
        return [n.kind for n in self.notes]

    def leave(self) -> None:
        self.stop.set()
        self.thread.join(30)
        assert not self.thread.is_alive()


def card(server: ServerThread, sid: str) -> dict | None:
    cards = server.call(lambda: server.server.hub.snapshot())["students"]
    return next((c for c in cards if c["sid"] == sid), None)


def passed(server: ServerThread, sid: str) -> bool:
    c = card(server, sid)
    return bool(c) and any(g["name"] == GOAL and g["state"] == "passed" for g in c["goals"])


def entries(path) -> list[dict]:
    return list(read_recording(path).entries)


def stopped(path) -> bool:
    return any(e["type"] == "event" and e["kind"] == "end" and e["args"] == ["stopped"]
               for e in entries(path))


def robot_lines(path) -> list[tuple]:
    """What the robot said, in order: frames and events (seq, robot time, kind)."""
    return [(e["seq"], e["robot_t"], e.get("kind")) for e in entries(path) if e["type"] in ("frame", "event")]


@pytest.fixture
def embedded(tmp_path):
    """A class served with the embedded broker on free loopback ports, with the drive lesson."""
    lesson = drive_lesson(tmp_path / "teacher")
    mq, http = free_port(), free_port()
    server = ServerThread(ServeOptions(cls="7a", lesson=lesson, listen=("127.0.0.1", http),
                                       mqtt=("127.0.0.1", mq), record_dir=tmp_path / "rec"))
    info = server.start()
    yield server, info, mq
    if server.loop.is_running():
        server.stop()


def test_a_student_joins_flashes_is_graded_and_stopped_by_the_teacher(embedded, tmp_path):
    server, info, mq = embedded
    record = tmp_path / "an.jsonl"
    laptop = Laptop(StudentRun(JoinOptions(
        "127.0.0.1", mq, info.code.lower(), "Nguyễn Văn An", "sim://an-robot?speed=2", flash=True,
        record=record, folder=tmp_path / "student"))).start()
    sid = laptop.run.where.sid
    assert laptop.run.lesson.lesson.id == "drive"
    wait_until(lambda: passed(server, sid), 180)
    c = card(server, sid)
    assert c["name"] == "Nguyễn Văn An" and c["port"] == "sim://an-robot?speed=2" and c["link"] == "ok"
    assert c["frames"] > 0 and c["lost"] == 0
    server.call(lambda: server.server.hub.command("stop"))
    wait_until(lambda: stopped(record), 10)
    assert "command" in laptop.kinds()
    local = entries(record)
    assert local[-1]["type"] == "event" and local[-1]["args"] == ["stopped"]
    time.sleep(1.0)  # the robot has halted: nothing follows the end event
    assert entries(record)[-1] == local[-1]
    laptop.leave()
    server.stop()
    teacher = info.record_dir / f"{sid}.jsonl"
    assert robot_lines(teacher) == robot_lines(record)  # whole, in order, no duplicate
    assert stopped(teacher)


def test_a_wrong_code_or_no_broker_is_a_clear_error(embedded):
    _server, info, mq = embedded
    wrong = next(c for c in ("2345", "6789") if c != info.code)
    result = CliRunner().invoke(cli, ["class", "join", f"127.0.0.1:{mq}", "--code", wrong,
                                      "--name", "An", "--port", "sim://nobody"])
    assert result.exit_code == 1
    assert "does not know the code" in result.output and "Hint:" in result.output
    result = CliRunner().invoke(cli, ["class", "join", f"127.0.0.1:{free_port()}", "--code", info.code,
                                      "--name", "An", "--port", "sim://nobody"])
    assert result.exit_code == 1 and "cannot reach the class" in result.output
    result = CliRunner().invoke(cli, ["class", "join", "127.0.0.1", "--code", "4F", "--name", "An"])
    assert result.exit_code == 1 and "is not a class code" in result.output
    assert "Traceback" not in result.output


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


def test_mosquitto_killed_and_restarted_mid_run_loses_nothing(mosquitto, tmp_path):
    broker, port, code = mosquitto
    lesson = drive_lesson(tmp_path / "teacher")
    server = ServerThread(ServeOptions(
        cls="8b", lesson=lesson, broker=f"mqtt://teacher:t-secret@127.0.0.1:{port}", code=code,
        listen=("127.0.0.1", free_port()), record_dir=tmp_path / "rec"))
    info = server.start()
    record = tmp_path / "binh.jsonl"
    laptop = Laptop(StudentRun(JoinOptions(
        "127.0.0.1", port, code, "Bình", f"sim://{lesson}?speed=2", record=record,
        folder=tmp_path / "student"))).start()
    sid = laptop.run.where.sid
    wait_until(lambda: laptop.run.backlog.acked > 10, 180)  # the first run builds the simulator
    broker.kill()  # SIGKILL: every connection drops, nothing is saved
    wait_until(lambda: "offline" in laptop.kinds(), 10)
    before = len(entries(record))
    time.sleep(2.0)
    assert len(entries(record)) > before + 20  # the laptop keeps recording meanwhile
    assert laptop.run.backlog.waiting > 0
    broker.start()
    wait_until(lambda: "online" in laptop.kinds(), 20)
    wait_until(lambda: passed(server, sid), 20)
    server.call(lambda: server.server.hub.command("stop"))  # commands still reach the robot
    wait_until(lambda: stopped(record), 10)
    laptop.leave()
    assert "unsent" not in laptop.kinds() and laptop.run.backlog.dropped == 0
    local = robot_lines(record)

    def whole():
        return server.call(lambda: server.server.hub.students[sid].received["frames"]) == \
            sum(1 for line in local if line[2] is None)

    wait_until(whole, 30, 0.2)
    server.stop()
    teacher = entries(info.record_dir / f"{sid}.jsonl")
    assert [(e["seq"], e["robot_t"], e.get("kind")) for e in teacher
            if e["type"] in ("frame", "event")] == local
    assert not [e for e in teacher if e["type"] == "gap"]
    seqs = [line[0] for line in local]
    assert seqs == list(range(len(seqs)))  # the robot's own numbering: no line lost anywhere


def test_a_full_queue_is_told_and_marked_never_silent(mosquitto, tmp_path):
    broker, port, code = mosquitto
    lesson = drive_lesson(tmp_path / "teacher")
    result = CliRunner().invoke(cli, ["class", "join", f"127.0.0.1:{port}", "--code",
                                      next(c for c in ("2345", "6789") if c != code),
                                      "--name", "An", "--port", "sim://nobody"])
    assert result.exit_code == 1 and "does not know the code" in result.output  # mosquitto's refusal
    server = ServerThread(ServeOptions(
        cls="8b", lesson=lesson, broker=f"mqtt://teacher:t-secret@127.0.0.1:{port}", code=code,
        listen=("127.0.0.1", free_port()), record_dir=tmp_path / "rec"))
    info = server.start()
    record = tmp_path / "chi.jsonl"
    laptop = Laptop(StudentRun(JoinOptions(
        "127.0.0.1", port, code, "Chi", f"sim://{lesson}?speed=10", record=record,
        folder=tmp_path / "student", queue_max=300))).start()
    sid = laptop.run.where.sid
    wait_until(lambda: laptop.run.backlog.acked > 5, 180)  # the first run builds the simulator
    broker.kill()
    wait_until(lambda: "dropped" in laptop.kinds(), 30)
    broker.start()
    wait_until(lambda: "online" in laptop.kinds(), 20)
    time.sleep(1.0)
    laptop.leave()
    dropped = laptop.run.backlog.dropped
    assert dropped > 0
    local = entries(record)

    def arrived():
        got = server.call(lambda: server.server.hub.students[sid].received)
        return got["gaps"] >= 1 and got["frames"] + got["events"] + dropped >= \
            sum(1 for e in local if e["type"] in ("frame", "event"))

    wait_until(arrived, 30, 0.2)
    server.stop()
    teacher = entries(info.record_dir / f"{sid}.jsonl")
    gaps = [e for e in teacher if e["type"] == "gap" and e.get("detail") == "student queue full"]
    assert gaps and sum(g["dropped"] for g in gaps) == dropped
    ours = [e for e in teacher if e["type"] != "gap" and e.get("detail") != "broker"]  # not the
    # teacher's own notes of its broker link
    assert len(ours) + dropped == len(local), [e for e in ours if e["type"] not in ("frame", "event")]
    assert [e for e in ours if e not in local] == []  # every line is there or counted in a gap marker


def test_the_teachers_start_releases_a_robot_waiting_for_its_pads(embedded, tmp_path):
    server, info, mq = embedded
    lesson = drive_lesson(tmp_path / "pads", "wait-pads", start="touch(TB1A, TB1B)")
    record = tmp_path / "dung.jsonl"
    laptop = Laptop(StudentRun(JoinOptions(
        "127.0.0.1", mq, info.code, "Dũng", f"sim://{lesson}?speed=2&auto_start=0", record=record,
        folder=tmp_path / "student"))).start()
    wait_until(lambda: laptop.run.backlog.acked > 5, 180)
    assert not [e for e in entries(record) if e["type"] == "event" and e["kind"] == "start"]
    server.call(lambda: server.server.hub.command("start", laptop.run.where.sid))
    wait_until(lambda: [e for e in entries(record) if e["type"] == "event" and e["kind"] == "start"], 20)
    wait_until(lambda: passed(server, laptop.run.where.sid), 20)
    laptop.leave()


def join_process(mq: int, code: str, port: str, record, *extra: str):
    import os
    import subprocess
    import sys

    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen(
        [sys.executable, "-m", "leanbot_kit", "--lang", "en", "class", "join", f"127.0.0.1:{mq}",
         "--code", code, "--name", "Lan", "--port", port, "--record", str(record), *extra],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def test_the_command_line_joins_and_leaves_on_sigterm(embedded, tmp_path):
    import signal

    server, info, mq = embedded
    lesson = drive_lesson(tmp_path / "cli")
    record = tmp_path / "lan.jsonl"
    proc = join_process(mq, info.code, f"sim://{lesson}?speed=2", record)
    try:
        line = ""
        while "joined the class" not in line:
            line = proc.stdout.readline()
            assert line, proc.stderr.read()
        wait_until(lambda: any(c["name"] == "Lan" and c["frames"] > 0
                               for c in server.call(lambda: server.server.hub.snapshot())["students"]),
                   180)
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    assert f"Left the class. Recording: {record}" in out
    sid = next(c["sid"] for c in server.call(lambda: server.server.hub.snapshot())["students"])
    wait_until(lambda: card(server, sid)["link"] == contract.LINK_OFFLINE, 10)  # the goodbye
    assert robot_lines(record)


def test_a_failed_upload_to_a_real_port_is_a_clear_error(embedded, fake_cli):
    _server, info, mq = embedded
    fake_cli.set(mode="not-in-sync")
    result = CliRunner().invoke(cli, ["class", "join", f"127.0.0.1:{mq}", "--code", info.code,
                                      "--name", "An", "--port", "/dev/ttyFAKE0", "--flash"])
    assert result.exit_code == 1, result.output
    assert "could not flash the lesson to /dev/ttyFAKE0" in result.output and "Hint:" in result.output
    assert [c for c in fake_cli.calls("upload") if "/dev/ttyFAKE0" in c]  # arduino-cli was asked


def test_stop_all_stops_every_robot_of_the_class(embedded, tmp_path):
    server, info, mq = embedded
    lesson = drive_lesson(tmp_path / "all")
    names = ("an", "binh", "chi", "dung", "em")
    laptops = [Laptop(StudentRun(JoinOptions(
        "127.0.0.1", mq, info.code, name, f"sim://{lesson}?speed=1", record=tmp_path / f"{name}.jsonl",
        folder=tmp_path / name))).start() for name in names]
    wait_until(lambda: all(lap.run.robot.stats and lap.run.robot.stats.frames > 20 for lap in laptops), 180)
    server.call(lambda: server.server.hub.command("stop"))
    # Stop all reaches every robot (how fast is bench_class_join.py's figure; a loaded machine is slow).
    wait_until(lambda: all(stopped(tmp_path / f"{n}.jsonl") for n in names), 60)
    for lap in laptops:
        lap.leave()
