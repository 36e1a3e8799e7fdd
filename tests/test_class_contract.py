"""The class contract and the teacher's ordering of batches, without a broker."""

from __future__ import annotations

import json

import pytest

from leanbot_kit.classroom import contract
from leanbot_kit.classroom.hub import ClassHub
from leanbot_kit.classroom.store import GIVE_UP_S, StudentLog
from leanbot_kit.errors import ClassroomError
from leanbot_kit.telemetry.recording import read_recording
from leanbot_kit.telemetry.report import summarise


def test_names_codes_and_logins():
    assert contract.class_name("7A Toán") == "7a-toan"
    assert contract.slugify("Nguyễn Văn Đức") == "nguyen-van-duc"
    a, b = contract.student_id("An"), contract.student_id("An")
    assert a != b and contract.is_student_id(a)
    assert contract.is_student_id(contract.student_id("!!!"))  # nothing usable: "student-xxxx"
    assert not contract.is_student_id("a/b-1234") and not contract.is_student_id("#")
    assert contract.student_login(" 4f7k ") == ("lbk-4F7K", "4F7K")
    assert contract.code_of_user("lbk-4F7K") == "4F7K" and contract.code_of_user("lbk-teacher") is None
    for bad in ("4F7", "4F7K9", "0O1I", ""):
        with pytest.raises(ClassroomError):
            contract.normalize_code(bad)
    with pytest.raises(ClassroomError):
        contract.class_name("???")


def test_access_rules():
    sid, other = contract.student_id("An"), contract.student_id("Binh")
    assert contract.student_may_publish("7a", sid, contract.student_topic("7a", sid, "t"))
    assert not contract.student_may_publish("7a", sid, contract.student_topic("7a", sid, "cmd"))
    assert not contract.student_may_publish("7a", sid, contract.student_topic("7a", other, "t"))
    assert not contract.student_may_publish("7a", sid, contract.class_cmd_topic("7a"))
    assert not contract.student_may_publish("7a", sid, contract.student_topic("8b", sid, "t"))
    assert contract.student_may_read("7a", "4F7K", sid, contract.join_topic("4F7K"))
    assert contract.student_may_read("7a", "4F7K", sid, contract.student_topic("7a", sid, "cmd"))
    assert not contract.student_may_read("7a", "4F7K", sid, contract.students_filter("7a"))
    assert not contract.student_may_read("7a", "4F7K", sid, contract.join_topic("AAAA"))
    assert not contract.student_may_read("7a", "4F7K", sid, "leanbot/#")


def test_payloads_round_trip_and_bad_ones_are_dropped():
    data = contract.decode(contract.batch_payload("s1", 3, [{"type": "text", "raw": "hi"}]))
    assert data == {"v": 1, "session": "s1", "batch": 3, "entries": [{"type": "text", "raw": "hi"}]}
    assert contract.decode(b"\xff\xfe") is None and contract.decode(b"[1]") is None
    assert contract.decode(b"{" * (contract.MAX_PAYLOAD + 1)) is None
    assert contract.parse_student_topic("leanbot/7a/s/an-abcd/t") == ("7a", "an-abcd", "t")
    assert contract.parse_student_topic("leanbot/7a/s/../t") is None


def frame(seq: int) -> dict:
    return {"type": "frame", "host_t": seq / 20, "robot_t": seq * 50, "seq": seq,
            "values": {"dist_mm": seq}, "raw": f"${seq}"}


def test_batches_are_written_in_order_and_asked_for_again(tmp_path):
    asked = []
    path = tmp_path / "s.jsonl"
    log = StudentLog(path, lambda s, n: asked.append((s, n)), {"type": "recording", "version": 1})
    assert log.batch("s1", 0, [{"type": "recording", "version": 1, "port": "p"}, frame(0)], 0.0)
    assert log.batch("s1", 2, [frame(2)], 0.1) == []  # batch 1 missing: 2 waits
    assert log.batch("s1", 2, [frame(2)], 0.1) == []  # a duplicate
    log.tick(1.0)
    assert asked == [("s1", 1)]
    assert [e["seq"] for e in log.batch("s1", 1, [frame(1)], 1.1)] == [1, 2]
    assert log.batch("s1", 1, [frame(1)], 1.2) == []  # resent twice: dropped
    log.batch("s1", 5, [frame(5)], 2.0)  # 3 and 4 never come
    log.tick(2.0 + GIVE_UP_S + 0.1)
    log.close()
    rec = read_recording(path)
    kinds = [(e["type"], e.get("seq"), e.get("from_batch")) for e in rec.entries]
    assert kinds == [("frame", 0, None), ("frame", 1, None), ("frame", 2, None), ("gap", None, 3),
                     ("frame", 5, None)]
    assert summarise(rec).frames == 4


def test_a_restarted_teacher_appends_without_asking_for_the_past(tmp_path):
    path = tmp_path / "s.jsonl"
    first = StudentLog(path, lambda s, n: None, {"type": "recording", "version": 1})
    first.batch("s1", 0, [frame(0)], 0.0)
    first.close()
    asked = []
    again = StudentLog(path, lambda s, n: asked.append(n), {"type": "recording", "version": 1})
    again.batch("s1", 40, [frame(40)], 0.0)
    again.tick(5.0)
    again.close()
    entries = read_recording(path).entries
    assert asked == [] and [e.get("seq") for e in entries] == [0, None, 40]
    assert entries[1]["detail"] == "class server restarted"


def test_the_hub_ignores_floods_and_garbage(tmp_path):
    hub = ClassHub("7a", record_dir=tmp_path)
    hub.handle("leanbot/7a/s/an-abcd/hello", json.dumps({"name": "<b>" * 100}).encode())
    hub.handle("leanbot/8b/s/an-abcd/hello", b'{"name": "other class"}')
    hub.handle("leanbot/7a/s/an-abcd/t", b'{"session": 1, "batch": "x", "entries": 5}')
    hub.handle("leanbot/7a/s/an-abcd/status", b'{"link": "<script>", "frames": "many"}')
    assert list(hub.students) == ["an-abcd"]
    card = hub.students["an-abcd"].card(0.0)
    assert len(card["name"]) == 60 and card["link"] == "waiting" and card["frames"] == 0


def test_the_report_escapes_what_students_send(tmp_path):
    from leanbot_kit.classroom.report import write_report

    hub = ClassHub("7a", record_dir=tmp_path)
    hub.handle("leanbot/7a/s/an-abcd/hello", json.dumps({"name": "<script>alert(1)</script>",
                                                          "robot_id": "<b>LB1</b>"}).encode())
    paths = write_report(hub, tmp_path)
    page = paths["html"].read_text(encoding="utf-8")
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<b>LB1" not in page
    assert "<script>alert(1)</script>" in paths["csv"].read_text(encoding="utf-8")  # data stays data
    hub.handle("leanbot/7a/s/bo-abcd/hello", b'{"name": "=HYPERLINK(\\"http://x\\")"}')
    rows = paths["csv"].parent / "again.csv"
    from leanbot_kit.classroom.report import report_csv, report_rows

    rows.write_text(report_csv(report_rows(hub)), encoding="utf-8")
    assert "'=HYPERLINK" in rows.read_text(encoding="utf-8")  # not a formula in a spreadsheet
