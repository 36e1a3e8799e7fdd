"""The ground-truth trace: rows, events and the end line; damaged lines are skipped, not fatal."""

from __future__ import annotations

from leanbot_kit.sim.grade import samples
from leanbot_kit.sim.trace import parse_trace

LEDS = " ".join(["000000"] * 7)


def row(t: int, x: float, dist: int = 0) -> str:
    return f"T {t} {x} 0.0 0.0 0 0 {dist} 0 10000 0 {'100 ' * 6}768 768 0 0 0 {LEDS} 0"


def test_rows_events_and_end():
    trace = parse_trace("\n".join([row(0, 0.0), "E 20 mission_start", row(20, 1.5), "E 30 tone 440 100",
                                   row(40, 3.0), "X 40 end"]))
    assert [r.t_ms for r in trace.rows] == [0, 20, 40]
    assert trace.event_time("mission_start") == 20
    assert trace.events[1].args == ("440", "100")
    assert (trace.end_ms, trace.end_reason) == (40, "end")
    assert trace.at(30).values["x_mm"] == 1.5 and trace.at(-5).t_ms == 0


def test_a_cut_or_damaged_line_is_skipped():
    trace = parse_trace(row(0, 0.0) + "\nT 20 1.0 oops\nE x y\nT 40 2.0 0.0 0.0")
    assert [r.t_ms for r in trace.rows] == [0, 40]
    assert trace.end_reason is None


def test_samples_merge_frames_with_ground_truth_from_the_start(tmp_path):
    from leanbot_kit.telemetry.protocol import encode_event, encode_frame, encode_header

    trace = parse_trace("\n".join([row(0, 0.0), row(100, 5.0, 5), row(200, 9.6, 10), "X 200 end"]))
    serial = tmp_path / "serial.out"
    serial.write_bytes(encode_header("t", 50, ("dist_mm",)) + encode_frame(0, 50, [2])
                       + encode_event(1, 100, "start") + encode_frame(2, 150, [7]))
    got = [(s.mission_ms, s.values) for s in samples(serial, trace)]
    quiet = {"tone_hz": 0, "leds_lit": 0, "leds_rgb": 0, "tones": 0, "held": 0}
    assert got == [(50, {"dist_mm": 7, "x_mm": 5, "y_mm": 0, "heading_deg": 0, **quiet}),
                   (100, {"dist_mm": 7, "x_mm": 10, "y_mm": 0, "heading_deg": 0, **quiet})]
