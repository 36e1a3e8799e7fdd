"""lbk_runtime.h speaks protocol v1 byte for byte (host build: stub Serial and clock)."""

from __future__ import annotations

import re
import subprocess
from functools import reduce
from pathlib import Path

import pytest

from tests.generate_fixtures import build_harness

LINE = re.compile(r"^([#$!])([ -~]*)\*([0-9A-F]{2})$")


@pytest.fixture(scope="module")
def harness(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_harness(tmp_path_factory.mktemp("harness"))


def run(harness: Path, scenario: str, *args: str) -> list[str]:
    out = subprocess.run(
        [str(harness), scenario, *args], capture_output=True, timeout=30, check=True
    ).stdout
    assert b"\r" not in out
    return out.decode("ascii").split("\n")[:-1]


def protocol_lines(lines: list[str]) -> list[str]:
    return [line for line in lines if not line.startswith("[")]


def checksum(body: str) -> str:
    return f"{reduce(lambda a, b: a ^ b, body.encode('ascii'), 0):02X}"


def test_basic_session_is_byte_exact(harness: Path):
    assert protocol_lines(run(harness, "basic")) == [
        "#LBK,1,demo-1,100,a,t,big*23",
        "!0,1000,boot*27",
        "$1,1000,-123,1000,2147483647*26",
        "$2,1100,-123,1100,2147483647*25",
        "$3,1200,-123,1200,2147483647*24",
        "!4,1250,start*52",
        "!5,1250,step,3*3E",
        "!6,1250,end*5F",
    ]


@pytest.mark.parametrize("scenario", ["basic", "wrap", "headers", "nofields", "melody"])
def test_every_line_has_a_correct_checksum_and_fits(harness: Path, scenario: str):
    for line in protocol_lines(run(harness, scenario)):
        match = LINE.match(line)
        assert match, line
        assert checksum(match.group(2)) == match.group(3), line
        assert len(line) <= 120


def test_checksum_is_the_xor_of_the_bytes_between_sigil_and_star():
    assert checksum("0,1000,boot") == "27"
    assert checksum("LBK,1,demo-1,100,a,t,big") == "23"


def test_seq_is_shared_by_frames_and_events_and_wraps_after_65535(harness: Path):
    lines = protocol_lines(run(harness, "wrap"))
    seqs = [int(line[1:].split(",")[0]) for line in lines if line[0] in "$!"]
    assert seqs == [0, 65534, 65535, 0]
    assert [line.split("*")[0] for line in lines[2:]] == [
        "!65534,1000,step,1",
        "!65535,1000,step,2",
        "!0,1000,step,3",
    ]


def test_header_repeats_every_5_seconds_and_frames_keep_the_period(harness: Path):
    lines = protocol_lines(run(harness, "headers"))
    headers = [i for i, line in enumerate(lines) if line.startswith("#LBK,1,headers,1000,a*")]
    assert len(headers) == 3
    frame_times = [int(line.split(",")[1]) for line in lines if line.startswith("$")]
    assert frame_times == list(range(1000, 11001, 1000))
    assert [int(line[1:].split(",")[0]) for line in lines if line.startswith("$")] == list(
        range(1, 12)
    )


def test_no_fields_gives_a_header_without_names_and_empty_frames(harness: Path):
    lines = protocol_lines(run(harness, "nofields"))
    assert lines[0] == "#LBK,1,none,500*67"
    assert lines[2].split("*")[0] == "$1,1000"


def test_ping_is_cached_for_50_ms(harness: Path):
    (pings,) = [line for line in run(harness, "ping") if line.startswith("[pings")]
    assert pings == "[pings 5 1234]"  # 200 ms of calls, one ping every 50 ms


def test_melody_plays_each_note_and_rests_with_telemetry_flowing(harness: Path):
    lines = run(harness, "melody")
    assert "[tone 440 100 @1000]" in lines and "[tone 880 200 @1150]" in lines
    assert "[done @1350]" in lines
    assert any(line.startswith("$") for line in lines)


def test_wheel_speeds_are_limited_and_integer_helpers_divide_safely(harness: Path):
    lines = run(harness, "basic")
    assert "[runLR 2000 -2000]" in lines
    assert run(harness, "wrap")[-1] == "[divs 0 0 -3 -1 5]"


def test_numbers_are_written_in_decimal_and_thirds_are_exact(harness: Path):
    values = [0, 1, 9, 10, 99, 100, 909, 1000, 65535, 65536, 99999, 100000, 1234567, 999999999,
              1000000000, 2147483647, -1, -10, -65536, -2147483647, -2147483648]
    assert run(harness, "numbers") == [str(v) for v in values] + ["4294967295", "[thirds and small quotients wrong 0]"]


def test_runtime_is_integer_only_and_guarded():
    from leanbot_kit.resources import templates_dir

    text = (templates_dir() / "lbk_runtime.h").read_text()
    code = re.sub(r"//.*", "", text)
    for banned in ("float", "double", "printf", "String(", "Serial.print"):
        assert banned not in code
    assert code.strip().startswith("#ifndef LBK_RUNTIME_H")


def command(word: str) -> str:
    """A host → robot line as the computer sends it (docs/protocol.md)."""
    return f"?{word}*{checksum(word)}\n"


def test_stop_command_ends_the_mission_with_the_reason(harness: Path):
    lines = run(harness, "listen", command("stop"))
    ends = [line for line in lines if line.startswith("!") and ",end," in line]
    assert [line.split("*")[0] for line in ends] == ["!2,1100,end,stopped"]
    assert lines[-1] == "[halt @1100]"  # LbMission.end(): the wheels stop, the program halts
    assert not any(line.startswith("[done") for line in lines)


@pytest.mark.parametrize("noise", [
    "hello robot\n", "?stop*00\n", "?STOP*38\n", "?stop\n", "?reboot*" + checksum("reboot") + "\n",
    "?stopstopstop*" + checksum("stopstopstop") + "\n", "?stop*1a\n",
    "\x01\xff?\n", "$1,2,3*00\n", "?sto", "??stop*18\n",
])
def test_garbage_and_unknown_commands_are_ignored(harness: Path, noise: str):
    lines = run(harness, "listen", noise)
    assert lines[-1] == "[done @2000]"
    assert not any(",end" in line for line in lines)


def test_a_command_after_a_garbage_line_still_counts(harness: Path):
    lines = run(harness, "listen", "x" * 300 + "\n\r\n" + command("stop").replace("\n", "\r\n"))
    assert lines[-1] == "[halt @1100]"


def test_start_command_releases_the_start_wait_with_a_countdown(harness: Path):
    lines = run(harness, "startwait", command("start"))
    tones = [line for line in lines if line.startswith("[tone")]
    assert tones == ["[tone 880 100 @1101]", "[tone 880 100 @1601]", "[tone 880 100 @2101]"]
    assert "[mission 0 @2601]" in lines and "[started @2601]" in lines
    assert any(line.startswith("$") for line in lines)  # telemetry flows while waiting


def test_touching_the_pads_hands_the_start_to_the_library(harness: Path):
    lines = run(harness, "startwait", "", "1500")
    assert "[mission 3 @1500]" in lines
    assert not any(line.startswith("[tone") for line in lines)


def test_stop_while_waiting_for_the_start_ends_the_lesson(harness: Path):
    lines = run(harness, "startwait", command("stop"))
    assert lines[-1] == "[halt @1100]"
    assert not any(line.startswith("[mission") for line in lines)
