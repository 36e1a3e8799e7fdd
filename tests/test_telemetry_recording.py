"""Recordings: JSONL written line by line, survive kill -9, CSV tables, tolerant reading."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time

import pytest

from leanbot_kit.errors import TelemetryError
from leanbot_kit.telemetry.protocol import Frame, Parser, encode_frame, encode_header
from leanbot_kit.telemetry.recording import CsvFrames, read_recording
from tests.telemetry_fixtures import robot_lines, write_recording


def test_a_recording_names_port_robot_lesson_and_keeps_every_message(tmp_path):
    rec = read_recording(write_recording(tmp_path / "r.jsonl", robot_lines(20), port="COM3"))
    assert rec.header["type"] == "recording" and rec.header["version"] == 1
    assert rec.header["port"] == "COM3" and rec.header["robot_id"] == "LB123456"
    kinds = [e["type"] for e in rec.entries]
    assert kinds.count("frame") == 20 and kinds.count("text") == 2 and "header" in kinds
    frame = next(e for e in rec.entries if e["type"] == "frame")
    assert set(frame) >= {"host_t", "robot_t", "seq", "values", "raw"}
    assert frame["values"]["line"] == 0 and frame["raw"].startswith("$")
    assert Parser().feed(frame["raw"].encode() + b"\n")[0].values == tuple(frame["values"].values())


def test_a_truncated_last_line_is_ignored_and_damage_inside_is_skipped_and_counted(tmp_path):
    path = write_recording(tmp_path / "r.jsonl", robot_lines(5))
    with path.open("a") as fh:
        fh.write('{"type": "frame", "host_t": 0.3, "rob')
    rec = read_recording(path)
    assert rec.truncated and sum(e["type"] == "frame" for e in rec.entries) == 5
    lines = path.read_text().splitlines()
    lines.insert(3, "{broken")
    path.write_text("\n".join(lines) + "\n")
    rec = read_recording(path)
    assert (rec.damaged, rec.first_damaged, rec.truncated) == (1, 4, True)
    assert sum(e["type"] == "frame" for e in rec.entries) == 5


def test_a_file_that_is_not_a_recording_is_refused(tmp_path):
    other = tmp_path / "notes.jsonl"
    other.write_text('{"hello": 1}\n')
    with pytest.raises(TelemetryError, match="not a leanbot recording"):
        read_recording(other)
    (tmp_path / "bin.jsonl").write_bytes(b"\x00\xff garbage")
    with pytest.raises(TelemetryError):
        read_recording(tmp_path / "bin.jsonl")
    with pytest.raises(TelemetryError, match="cannot read"):
        read_recording(tmp_path / "missing.jsonl")


def test_kill_9_loses_at_most_the_line_being_written(tmp_path):
    source = write_recording(tmp_path / "src.jsonl", robot_lines(2000, period_ms=5))
    out = tmp_path / "live.jsonl"
    proc = subprocess.Popen([sys.executable, "-m", "leanbot_kit", "monitor", "--port",
                             f"replay://{source}?speed=1", "--record", str(out), "--plain"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if out.exists() and out.read_text().count('"frame"') >= 50:
                break
            time.sleep(0.05)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    finally:
        proc.kill()
    text = out.read_text()
    lines = text.split("\n")
    for line in lines[:-1]:
        json.loads(line)  # every finished line is whole
    rec = read_recording(out)
    assert sum(e["type"] == "frame" for e in rec.entries) >= 50


def test_csv_writes_a_new_heading_row_when_the_fields_change(tmp_path):
    parser = Parser()
    msgs = parser.feed(encode_header("a", 50, ["x", "y"]) + encode_frame(0, 0, [1, 2])
                       + encode_header("a", 50, ["z"]) + encode_frame(1, 50, [3]))
    table = CsvFrames(tmp_path / "f.csv")
    for msg in msgs:
        if isinstance(msg, Frame):
            table.write(msg, 0.5)
    table.close()
    assert (tmp_path / "f.csv").read_text().splitlines() == [
        "host_t,t_ms,seq,x,y", "0.5000,0,0,1,2", "host_t,t_ms,seq,z", "0.5000,50,1,3"]
