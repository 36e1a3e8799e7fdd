"""The reader's fast path (frames read as columns) gives exactly what the JSON parser gives, damage included."""

from __future__ import annotations

import json
import random

import pytest

from leanbot_kit.lesson import load_lesson
from leanbot_kit.telemetry import reader as reader_mod
from leanbot_kit.telemetry.reader import RecordingReader
from leanbot_kit.telemetry.report import summarise
from tests.conftest import LESSONS
from tests.telemetry_fixtures import robot_lines, write_recording

HEADER = {"type": "recording", "version": 1, "port": "COM3", "robot_id": None, "lesson": "x",
          "schema": ["ir0", "ir1", "line", "vl"], "started": "2026-11-28T09:00:00+00:00"}


def _lines(rnd: random.Random, count: int) -> list[str]:
    """A recording as the recorder writes it: frames (names with digits too), events, a reset."""
    out, seq = [json.dumps(HEADER, separators=(",", ":"))], 0
    for i in range(count):
        t = 20 * i if i < count // 2 else 20 * (i - count // 2)  # the robot restarts half-way
        if i % 37 == 0:
            out.append(json.dumps({"type": "event", "host_t": round(i / 50 + 0.001, 4), "robot_t": t,
                                   "seq": seq, "kind": "step", "args": [i // 37], "raw": "!"},
                                  separators=(",", ":")))
        else:
            values = {"ir0": rnd.randrange(-5, 900), "ir1": rnd.randrange(900), "line": i % 16,
                      "vl": rnd.choice((0, -1200, 1200))}
            out.append(json.dumps({"type": "frame", "host_t": round(i / 50 + 0.0031, 4), "robot_t": t,
                                   "seq": seq, "values": values, "raw": f"${seq},{t},x*0A"},
                                  separators=(",", ":")))
        seq = (seq + 1 + (i % 101 == 0)) % 65536  # a frame lost now and then
    return out


MUTATIONS = [
    lambda s, r: s[:r.randrange(len(s))],  # cut
    lambda s, r: s.replace('"ir0"', '"ir9"', 1),  # another name
    lambda s, r: s.replace('"ir0":', '"tmp":').replace('"ir1":', '"ir0":').replace('"tmp":', '"ir1":'),
    lambda s, r: s.replace('"ir1":', '"ir1":0', 1),  # a leading zero
    lambda s, r: s.replace('"vl":', '"vl":1e', 1),  # an exponent
    lambda s, r: s.replace('"line":', '"line":9999999999999999', 1),  # beyond 1e15
    lambda s, r: s.replace('"line":', '"line":-', 1),
    lambda s, r: s.replace('"seq":', '"seq":1.5,"x":', 1),
    lambda s, r: s.replace('x*0A', 'x\\"*0A', 1),  # an escape in raw
    lambda s, r: s.replace('x*0A', 'x"*0A', 1),  # a quote in raw
    lambda s, r: s.replace('x*0A', 'x\u00e9*0A', 1),  # not ASCII (still sound JSON)
    lambda s, r: s.replace(',"robot_t":', ' ,"robot_t":', 1),  # spacing (still sound JSON)
    lambda s, r: s.replace('"host_t":', '"host_t":1', 1),
    lambda s, r: s.replace('"host_t":', '"host_t":-', 1),
    lambda s, r: s.replace(".", "", 1),  # host_t an integer (still sound JSON)
    lambda s, r: s.replace('"values":{', '"values":{"ir0":1,', 1),  # a name twice
    lambda s, r: s + "}",
    lambda s, r: "",  # a blank line
    lambda s, r: s[:(k := r.randrange(len(s)))] + chr(r.randrange(32, 127)) + s[k + 1:],
    lambda s, r: s[:(k := r.randrange(len(s)))] + s[k + 1:],
    lambda s, r: "5" + s,  # a digit before the line
    lambda s, r: s.replace('"frame"', '"fr5ame"', 1),
    lambda s, r: s.replace('"type"', '"ty1pe"', 1),
    lambda s, r: s.rpartition(',"raw":')[0] + "}",  # no raw
    lambda s, r: s.replace(',"raw":', '\x1f,"raw":', 1),  # a control character
    lambda s, r: s.replace('"raw":"', '"raw":"\x1f', 1),
    lambda s, r: s + "\n" + s,  # the line twice
    lambda s, r: s + "\n",  # and a blank line
    lambda s, r: s.replace('"robot_t":', '"robot_t":-', 1),  # the robot's clock going back
    lambda s, r: s.replace('"robot_t":', '"robot_t":1', 1),
    lambda s, r: s.replace('"seq":', '"seq":9999', 1),  # beyond 65535
    lambda s, r: '{"type":"text","host_t":1.0,"robot_t":null,"seq":null,"raw":"hi"}',
    lambda s, r: '{"type":"disconnect","host_t":1.0,"robot_t":null,"seq":null,"detail":""}',
    lambda s, r: '{"type":"event","host_t":1.0,"robot_t":0,"seq":0,"kind":"boot","args":[],"raw":"!"}',
    lambda s, r: '{"type":"frame","host_t":1.5,"robot_t":5,"seq":9,"values":[1,2],"raw":"$9,5,1,2*00"}',
    lambda s, r: '{"type":"robot_id","host_t":0.5,"robot_id":"LB1"}',
]


def _report(path, monkeypatch, fast: bool, blocks: bool = True, lesson=None) -> tuple:
    """The report, damage and entries: read fast (chunks at once, else runs of frames between the
    other lines) or, with `fast` False, through the JSON parser alone."""
    with monkeypatch.context() as m:
        if not fast or not blocks:
            m.setattr(reader_mod, "read_block", lambda *args: None)
        if not fast:
            m.setattr(reader_mod, "read_frames", lambda lines: None)
        rec = RecordingReader(path)
        report = summarise(rec, lesson)
        entries = [e for batch in rec.batches() for e in batch]
    return (report.to_json(), report.first_damaged, report.truncated), entries


@pytest.mark.parametrize("seed", range(40))
def test_damaged_recordings_read_the_same_on_the_fast_path_and_through_the_json_parser(
        tmp_path, monkeypatch, seed):
    rnd = random.Random(seed)
    monkeypatch.setattr(reader_mod, "CHUNK", (300, 5000, 1 << 20)[seed % 3])  # lines across chunks
    lines = _lines(rnd, 400)
    for _ in range(rnd.randrange(4)):
        i = rnd.randrange(1, len(lines))
        lines[i] = rnd.choice(MUTATIONS)(lines[i], rnd)
    path = tmp_path / "run.jsonl"
    path.write_text("\n".join(lines) + ("\n" if seed % 3 else ""), encoding="utf-8")
    fast, fast_entries = _report(path, monkeypatch, fast=True)
    slow, slow_entries = _report(path, monkeypatch, fast=False)
    assert fast == slow
    assert fast_entries == slow_entries
    assert fast[0]["frames"] > 300
    assert _report(path, monkeypatch, fast=True, blocks=False) == (slow, slow_entries)


def test_every_mutation_reads_the_same_on_both_paths(tmp_path, monkeypatch):
    rnd = random.Random(7)
    for n, mutate in enumerate(MUTATIONS):
        lines = _lines(rnd, 120)
        lines[50] = mutate(lines[50], rnd)
        path = tmp_path / f"run{n}.jsonl"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        slow = _report(path, monkeypatch, False)
        assert _report(path, monkeypatch, True) == slow, n
        assert _report(path, monkeypatch, True, blocks=False) == slow, n


def test_a_sound_recording_takes_the_fast_path_for_every_frame(tmp_path):
    from leanbot_kit.telemetry.fastframes import FrameRun

    path = tmp_path / "run.jsonl"
    path.write_text("\n".join(_lines(random.Random(1), 400)) + "\n", encoding="utf-8")
    parts = [p for chunk in RecordingReader(path).parts() for p in chunk]
    assert sum(len(p) for p in parts if type(p) is FrameRun) == 400 - len(range(0, 400, 37))


@pytest.mark.parametrize("chunk", [200, 3000, 1 << 20])
@pytest.mark.parametrize("seed", range(8))
def test_recorder_output_reads_the_same_on_every_path_graded_too(tmp_path, monkeypatch, seed, chunk):
    """What the recorder writes (text, the robot's name, a header, boot, start and step events, real
    checksums), damaged at random and graded against a lesson: the same on every path."""
    rnd = random.Random(seed)
    monkeypatch.setattr(reader_mod, "CHUNK", chunk)
    source = write_recording(tmp_path / "source.jsonl", robot_lines(300))
    lines = source.read_text(encoding="utf-8").split("\n")[:-1]
    for _ in range(rnd.randrange(5)):
        i = rnd.randrange(1, len(lines))
        lines[i] = rnd.choice(MUTATIONS)(lines[i], rnd)
    path = tmp_path / "run.jsonl"
    path.write_text("\n".join(lines) + ("\n" if seed % 2 else ""), encoding="utf-8")
    lesson = load_lesson(LESSONS / "square-dance.yaml")
    slow = _report(path, monkeypatch, fast=False, lesson=lesson)
    assert _report(path, monkeypatch, fast=True, lesson=lesson) == slow
    assert _report(path, monkeypatch, fast=True, blocks=False, lesson=lesson) == slow
    assert slow[0][0]["frames"] > 250 and slow[0][0]["expectations"]


def test_a_chunk_read_at_once_keeps_its_events_and_damage_in_place(tmp_path):
    from leanbot_kit.telemetry.blocks import read_block

    lines = _lines(random.Random(3), 120)[1:]
    lines[10] = lines[10][:40]  # cut
    lines[11] = ""
    text = ("\n".join(lines) + "\n").encode()
    block = read_block(text)
    assert block is not None and block.lines == len(lines)
    kinds = {i: line[:16] for i, _frames, line in block.others}
    assert sorted(kinds) == sorted([10, 11, *range(0, len(lines), 37)])
    assert len(block.run) == len(lines) - len(kinds)


@pytest.mark.parametrize("chunk", [1000, 40_000, 100_000, 1 << 20])
def test_a_too_long_line_counts_once_wherever_the_chunks_cut_it(tmp_path, monkeypatch, chunk):
    monkeypatch.setattr(reader_mod, "CHUNK", chunk)
    lines = _lines(random.Random(5), 400)
    lines[100] = "x" * 150_000
    lines[300] = lines[300][:30]
    path = tmp_path / "run.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = summarise(RecordingReader(path))
    assert (report.damaged, report.first_damaged) == (2, 101)
    assert report.frames == 400 - len(range(0, 400, 37)) - 2
    lines[100] = "x" * 10
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert summarise(RecordingReader(path)).to_json() == report.to_json()
