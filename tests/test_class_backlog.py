"""The student's side of a class, without a broker: numbered batches, the bounded queue with its gap
marker, `resend`, the lesson files a message may write, the broker address."""

from __future__ import annotations

import json

import pytest

from leanbot_kit.classroom import contract
from leanbot_kit.classroom.backlog import BATCH_ENTRIES_MAX, Backlog
from leanbot_kit.classroom.class_lesson import write_lesson
from leanbot_kit.classroom.student_link import parse_broker
from leanbot_kit.errors import ClassroomError


def frames(first: int, n: int) -> list[dict]:
    return [{"type": "frame", "host_t": i / 20, "robot_t": i * 50, "seq": i, "values": {"a": i},
             "raw": f"${i}"} for i in range(first, first + n)]


def decoded(batches) -> list[dict]:
    return [json.loads(payload) for _n, payload in batches]


def test_online_batches_are_numbered_in_order_and_follow_the_contract():
    b = Backlog("s1")
    b.add(frames(0, 2))
    b.seal()
    b.add(frames(2, 3))
    b.seal()
    sent = decoded(b.take(window=10))
    assert [(m["session"], m["batch"], len(m["entries"])) for m in sent] == [("s1", 0, 2), ("s1", 1, 3)]
    assert sent[0]["v"] == contract.VERSION and sent[1]["entries"][0]["seq"] == 2
    assert b.waiting == 2 and b.acked == -1
    b.delivered(1)
    b.delivered(0)
    assert b.waiting == 0 and b.acked == 1


def test_offline_entries_fill_few_large_batches_and_the_window_is_kept():
    b = Backlog("s1")
    for i in range(0, 2 * BATCH_ENTRIES_MAX + 10, 10):
        b.add(frames(i, 10))  # no seal(): the broker is away
    first = b.take(window=1)
    assert [n for n, _p in first] == [0] and b.take(window=1) == []
    b.delivered(0)
    rest = decoded(b.take(window=5))
    assert [m["batch"] for m in rest] == [1, 2]
    seqs = [e["seq"] for m in decoded(first) + rest for e in m["entries"]]
    assert seqs == list(range(2 * BATCH_ENTRIES_MAX + 10))


def test_a_full_queue_drops_the_oldest_entries_and_says_so():
    b = Backlog("s1", queue_max=1200)
    for i in range(0, 2000, 100):
        b.add(frames(i, 100))
    assert b.dropped == BATCH_ENTRIES_MAX * 2 and b.queued_entries <= 1200
    sent = decoded(b.take(window=100))
    assert [m["batch"] for m in sent] == list(range(len(sent)))  # numbering never has a hole
    gaps = [e for m in sent for e in m["entries"] if e["type"] == "gap"]
    assert [g["dropped"] for g in gaps] == [BATCH_ENTRIES_MAX, BATCH_ENTRIES_MAX]
    kept = [e["seq"] for m in sent for e in m["entries"] if e["type"] == "frame"]
    assert kept == list(range(2 * BATCH_ENTRIES_MAX, 2000))  # the newest ones, in order


def test_resend_gives_the_acknowledged_batches_still_kept():
    b = Backlog("s1", keep=3)
    for i in range(5):
        b.add(frames(i, 1))
        b.seal()
    for n, _p in b.take(window=10):
        b.delivered(n)
    assert [n for n, _p in b.resend(0)] == [2, 3, 4]
    assert [n for n, _p in b.resend(4)] == [4]
    b.delivered(99)  # an unknown acknowledgement changes nothing
    assert b.acked == 4


def test_lesson_and_world_are_written_next_to_each_other(tmp_path):
    message = {"yaml": "id: x\n", "name": "drive.yaml", "files": {"../worlds/w.yaml": "w: 1\n"}}
    path = write_lesson(message, tmp_path)
    assert path.read_text() == "id: x\n"
    assert (path.parent / "../worlds/w.yaml").resolve().read_text() == "w: 1\n"
    assert path.resolve().is_relative_to(tmp_path.resolve())


@pytest.mark.parametrize("rel", ["/etc/passwd", "../../../../../../tmp/x.yaml", "C:/x.yaml",
                                 "a/../../../../../../x"])
def test_a_lesson_message_cannot_write_outside_its_folder(tmp_path, rel):
    with pytest.raises(ClassroomError) as err:
        write_lesson({"yaml": "id: x\n", "name": "../../evil.yaml", "files": {rel: "x"}},
                     tmp_path / "class")
    assert "outside" in err.value.message
    assert not any(p.is_file() for p in tmp_path.rglob("*"))


def test_a_damaged_lesson_message_is_a_clear_error(tmp_path):
    with pytest.raises(ClassroomError):
        write_lesson({"yaml": 3}, tmp_path)


def test_broker_addresses():
    assert parse_broker("192.168.1.10") == ("192.168.1.10", 1883)
    assert parse_broker("teacher.local:1884") == ("teacher.local", 1884)
    assert parse_broker("[::1]:1885") == ("::1", 1885)
    for bad in ("host:port", ":1883", "host:70000"):
        with pytest.raises(ClassroomError):
            parse_broker(bad)


def test_a_gap_marker_is_not_counted_as_lines_lost_by_the_robot():
    from pathlib import Path

    from leanbot_kit.telemetry.recording import Recording
    from leanbot_kit.telemetry.report import summarise

    def count_lost(entries) -> int:  # as `leanbot report` counts them
        return summarise(Recording(Path("class.jsonl"), {"type": "recording"}, tuple(entries))).lost

    entries = (*frames(0, 3), {"type": "gap", "host_t": 1.0, "robot_t": None, "seq": None,
                               "detail": "student queue full", "dropped": 40}, *frames(43, 2))
    assert count_lost(entries) == 0
    assert count_lost((*frames(0, 3), *frames(43, 2))) == 40


def test_a_laptop_rejoining_keeps_its_student_id(tmp_path, monkeypatch):
    from leanbot_kit.classroom.student_run import remembered_sid

    monkeypatch.setenv("LEANBOT_CACHE", str(tmp_path))
    first = remembered_sid("4F7K", "Nguyễn Văn An")
    assert contract.is_student_id(first) and first.startswith("nguyen-van-an-")
    assert remembered_sid("4F7K", "Nguyễn Văn An") == first
    assert remembered_sid("4F7K", "Bình") != first and remembered_sid("9XYZ", "Nguyễn Văn An") != first
