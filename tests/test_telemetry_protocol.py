"""The telemetry parser: every counting rule of protocol v1, and property tests."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from leanbot_kit.telemetry.protocol import (
    MAX_PENDING,
    Corrupt,
    Event,
    Frame,
    Header,
    Parser,
    Text,
    checksum,
    encode_event,
    encode_frame,
    encode_header,
)
from tests.telemetry_fixtures import robot_lines, stream_bytes

HEADER = encode_header("demo", 50, ["line", "ping_mm"])


def parse(*chunks: bytes, schema=None) -> tuple[Parser, list]:
    parser = Parser(schema)
    out = []
    for chunk in chunks:
        out += parser.feed(chunk)
    return parser, out


def test_checksum_is_the_xor_of_the_payload():
    assert checksum(b"") == 0
    assert checksum(b"LBK,1,x,50") == 0x4C ^ 0x42 ^ 0x4B ^ 0x2C ^ 0x31 ^ 0x2C ^ 0x78 ^ 0x2C ^ 0x35 ^ 0x30
    assert encode_frame(7, 100, [1, -2]) == b"$7,100,1,-2*%02X\n" % checksum(b"7,100,1,-2")


def test_a_clean_stream_gives_header_events_frames_and_text():
    parser, msgs = parse(stream_bytes(robot_lines(50)))
    assert [type(m) for m in msgs[:4]] == [Text, Text, Header, Event]
    assert msgs[3].kind == "boot"
    frames = [m for m in msgs if isinstance(m, Frame)]
    assert len(frames) == 50 and frames[0].fields[:2] == ("line", "ping_mm")
    assert frames[1].as_dict()["ping_mm"] == 101
    stats = parser.stats()
    assert (stats.frames, stats.lost, stats.corrupt, stats.text) == (50, 0, 0, 2)
    assert parser.robot_id == "LB123456"


def test_crlf_line_endings_are_handled():
    _p, msgs = parse(HEADER.replace(b"\n", b"\r\n") + encode_frame(0, 0, [1, 2]).replace(b"\n", b"\r\n"))
    assert msgs[1] == Frame(0, 0, (1, 2), ("line", "ping_mm"))


def test_bad_checksum_is_corrupt_and_its_seq_is_lost():
    bad = encode_frame(1, 50, [1, 2]).replace(b"*", b"0*")
    parser, msgs = parse(HEADER, encode_frame(0, 0, [1, 2]), bad, encode_frame(2, 100, [1, 2]))
    assert isinstance(msgs[2], Corrupt) and msgs[2].reason == "bad checksum"
    assert (parser.corrupt, parser.lost, parser.frames) == (1, 1, 2)


def test_wrong_shape_with_a_right_checksum_is_corrupt():
    for payload in (b"1,2,x", b"1", b"99999,0,1", b"1,2,--3", b"1,2,,3", b"1,2,007"):
        line = b"$%s*%02X\n" % (payload, checksum(payload))
        parser, msgs = parse(line)
        assert isinstance(msgs[0], Corrupt) and msgs[0].reason == "bad shape", payload
    for line in (b"!1,2*%02X\n" % checksum(b"1,2"), b"#LBK,x*%02X\n" % checksum(b"LBK,x"),
                 b"$1,2,3\n", b"$1,2,3*4\n"):
        parser, msgs = parse(line)
        assert isinstance(msgs[0], Corrupt) and parser.corrupt == 1, line


def test_tiny_sigil_lines_are_corrupt():
    parser, msgs = parse(b"$\n!\n#\n$*\n$*0\n$*00\r\n")
    assert len(msgs) == 6 and all(isinstance(m, Corrupt) for m in msgs) and parser.corrupt == 6


def test_a_protocol_line_over_120_bytes_is_corrupt():
    line = encode_frame(1, 2, [1234567890] * 12)
    assert len(line) > 121
    parser, msgs = parse(line)
    assert msgs == [Corrupt(line[:-1].decode(), "too long")] and parser.corrupt == 1


def test_seq_gap_counts_lost_and_wraps_at_65535():
    parser, _m = parse(HEADER, *(encode_frame(s, 0, [0, 0]) for s in (65534, 65535, 0, 1)))
    assert parser.lost == 0
    parser, _m = parse(HEADER, *(encode_frame(s, 0, [0, 0]) for s in (65533, 1, 5)))
    assert parser.lost == 3 + 3  # 65534, 65535, 0 ; 2, 3, 4
    parser, _m = parse(HEADER, encode_frame(10, 0, [0, 0]), encode_event(13, 0, "mark"))
    assert parser.lost == 2  # frames and events share the seq


def test_a_robot_reset_restarts_counting_and_switches_the_schema():
    new_header = encode_header("other", 100, ["touch"])
    parser, msgs = parse(HEADER, encode_frame(500, 0, [1, 2]), b"LB123456\n", new_header,
                         encode_event(0, 0, "boot"), encode_frame(1, 100, [3]))
    assert (parser.lost, parser.resets, parser.corrupt) == (0, 1, 0)
    assert msgs[-1] == Frame(1, 100, (3,), ("touch",))
    assert parser.header.lesson_id == "other"


def test_frames_before_any_header_use_the_lessons_schema_else_stay_raw():
    frame = encode_frame(3, 10, [7, 8])
    _p, msgs = parse(frame, schema=["line", "ping_mm"])
    assert msgs[0].as_dict() == {"line": 7, "ping_mm": 8}
    _p, msgs = parse(frame)
    assert msgs[0].fields is None and msgs[0].values == (7, 8) and msgs[0].as_dict() == {}
    _p, msgs = parse(frame, schema=["only_one"])  # a schema that does not fit: kept raw
    assert msgs[0].fields is None


def test_an_over_long_line_is_dropped_without_unbounded_buffering():
    parser = Parser()
    out = []
    for _ in range(100):
        out += parser.feed(b"x" * 1000)
        assert len(parser._pending) <= MAX_PENDING
    out += parser.feed(b"tail\n" + HEADER)
    assert [m.reason for m in out if isinstance(m, Corrupt)] == ["too long"]
    assert isinstance(out[-1], Header) and parser.corrupt == 1


def test_wrong_baud_noise_is_counted_as_corrupt_never_raised():
    noise = bytes([0x00, 0xF8, 0x80, 0xFE, 0x1C, 0x0A]) * 50 + b"\xe0\xff\xfe\x78\n"
    parser, msgs = parse(noise, stream_bytes(robot_lines(10)))
    assert parser.corrupt > 0 and all(m.reason == "noise" for m in msgs if isinstance(m, Corrupt))
    assert parser.frames == 10


def test_console_text_passes_through_and_control_bytes_are_noise():
    parser, msgs = parse(b"AT+NAME\nspeed = 42 mm/s\n\nvalue:\t42\n")
    assert msgs[:2] == [Text("AT+NAME"), Text("speed = 42 mm/s")]
    assert msgs[2] == Corrupt("value:\t42", "noise") and parser.stats().text == 2


def test_a_frame_that_does_not_fit_the_header_is_corrupt_and_lost():
    parser, msgs = parse(HEADER, encode_frame(0, 0, [1, 2]), encode_frame(1, 50, [1, 2, 3]),
                         encode_frame(2, 100, [1, 2]))
    assert isinstance(msgs[2], Corrupt) and msgs[2].reason == "bad shape"
    assert (parser.frames, parser.corrupt, parser.lost) == (2, 1, 1)


# ---- properties ----

lines = st.one_of(
    st.builds(lambda s, t, v: encode_frame(s, t, v), st.integers(0, 65535),
              st.integers(0, 2**32 - 1), st.lists(st.integers(-(2**31), 2**31 - 1), max_size=5)),
    st.builds(lambda s, k: encode_event(s, 0, k, [s]), st.integers(0, 65535),
              st.sampled_from(["boot", "start", "step", "end"])),
    st.just(HEADER),
    st.binary(max_size=40).map(lambda b: b + b"\n"),
    st.text(st.characters(min_codepoint=32, max_codepoint=126), max_size=30).map(
        lambda s: s.encode() + b"\r\n"),
    st.binary(min_size=500, max_size=700),
)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000))
def test_random_bytes_never_raise(data):
    parser = Parser(["a", "b"])
    parser.feed(data)
    s = parser.stats()
    assert s.lines == s.frames + s.events + s.headers + s.text + s.corrupt


@settings(max_examples=200, deadline=None)
@given(st.lists(lines, max_size=30), st.lists(st.integers(0, 5000), max_size=10))
def test_any_chunking_gives_the_same_messages_and_counters(pieces, cuts):
    data = b"".join(pieces)
    whole = Parser()
    expected = whole.feed(data)
    chunked, got, last = Parser(), [], 0
    for cut in sorted({c % (len(data) + 1) for c in cuts}) + [len(data)]:
        got += chunked.feed(data[last:cut])
        last = cut
    assert got == expected
    assert chunked.stats() == whole.stats()


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 65535), st.integers(0, 2**32 - 1),
       st.lists(st.integers(-(2**31), 2**31 - 1), max_size=8),
       st.lists(st.one_of(st.integers(-999999, 999999),
                          st.from_regex(r"[a-z][a-z ]{0,8}", fullmatch=True)), max_size=2))
def test_encode_then_parse_round_trips(seq, t_ms, values, args):
    fields = tuple(f"f{i}" for i in range(len(values)))
    data = encode_header("round-trip", 20, fields) + encode_frame(seq, t_ms, values)
    data += encode_event(seq, t_ms, "mark", args)
    _p, msgs = parse(data)
    assert msgs == [Header(1, "round-trip", 20, fields), Frame(seq, t_ms, tuple(values), fields),
                    Event(seq, t_ms, "mark", tuple(args))]
