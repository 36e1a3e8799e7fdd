"""`leanbot monitor` and `leanbot report` as a user runs them (ports: replay://)."""

from __future__ import annotations

import json

from click.testing import CliRunner

from leanbot_kit.cli import cli
from leanbot_kit.telemetry.recording import read_recording
from tests.telemetry_fixtures import robot_lines, write_recording


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_monitor_prints_plain_lines_records_and_summarises(tmp_path):
    src = write_recording(tmp_path / "src.jsonl", robot_lines(60))
    out, table = tmp_path / "out.jsonl", tmp_path / "out.csv"
    result = run("monitor", "--port", f"replay://{src}?speed=max", "--duration", "0.5",
                 "--record", str(out), "--csv", str(table))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert "text LB123456" in lines
    assert any(line.startswith("frame 2 t=0 line=0 ping_mm=100") for line in lines)
    assert "60 frames" in result.stderr and "lost 0" in result.stderr
    rec = read_recording(out)
    assert rec.header["robot_id"] == "LB123456"
    assert sum(e["type"] == "frame" for e in rec.entries) == 60
    assert table.read_text().splitlines()[0] == "host_t,t_ms,seq,line,ping_mm,dist_mm,rot_deg,vl,vr"


def test_monitor_grades_a_lessons_expectations_live(tmp_path, repo_root):
    src = write_recording(tmp_path / "src.jsonl", robot_lines(100, fields=("dist_mm", "rot_deg")))
    result = run("monitor", "--port", f"replay://{src}?speed=max", "--duration", "0.5",
                 "--lesson", str(repo_root / "lessons" / "square-dance.yaml"))
    assert result.exit_code == 0, result.output
    assert "pending  drives the four sides (80 cm)" in result.stderr  # live: not decided yet
    assert "skipped  ends where it started" in result.stderr  # sim_only: no ground truth here


def test_a_class_gets_one_recording_per_robot_and_a_bad_port_stays_isolated(tmp_path):
    a = write_recording(tmp_path / "a.jsonl", robot_lines(30, robot_id="LB000001"))
    b = write_recording(tmp_path / "b.jsonl", robot_lines(40, robot_id="LB000002"))
    folder = tmp_path / "class"
    result = run("monitor", "--port", f"replay://{a}?speed=max", "--port", f"replay://{b}?speed=max",
                 "--port", "/dev/ttyLEANBOT-NOT-HERE", "--record-dir", str(folder),
                 "--duration", "0.6")
    assert result.exit_code == 0, result.output
    assert "[LB000001] frame" in result.stdout and "[LB000002] frame" in result.stdout
    assert "there is no port" in result.stderr
    names = sorted(p.name for p in folder.glob("*.jsonl"))
    assert names == ["LB000001.jsonl", "LB000002.jsonl"]
    frames = [sum(e["type"] == "frame" for e in read_recording(folder / n).entries) for n in names]
    assert frames == [30, 40]
    from leanbot_kit.arduino.robots import known_robot_ids

    known = known_robot_ids()  # `leanbot ports` and `leanbot flash` name these robots from now on
    assert known[f"replay://{a}?speed=max"] == "LB000001"
    assert known[f"replay://{b}?speed=max"] == "LB000002"


def test_monitor_errors_are_plain_words():
    result = run("monitor", "--port", "/dev/ttyLEANBOT-NOT-HERE")
    assert result.exit_code == 1 and "Error: there is no port" in result.stderr
    result = run("monitor", "--port", "loop://", "--port", "loop://x", "--record", "x.jsonl")
    assert result.exit_code == 1 and "--record-dir" in result.stderr


def test_report_json_has_the_promised_keys(tmp_path):
    lines = robot_lines(200)
    assert lines[50][1].startswith(b"$")
    del lines[50]  # one frame lost on the way
    src = write_recording(tmp_path / "src.jsonl", lines)
    result = run("report", str(src), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["frames"] == 199 and data["lost"] == 1 and data["corrupt"] == 0
    assert data["duration_s"] > 9.9
    ping = data["fields"]["ping_mm"]
    assert (ping["min"], ping["max"]) == (100, 299) and abs(ping["mean"] - 199.5) < 1
    assert data["expectations"] == []


def test_report_with_a_lesson_and_a_plot(tmp_path, repo_root):
    src = write_recording(tmp_path / "src.jsonl", robot_lines(300, fields=("dist_mm", "rot_deg")))
    png = tmp_path / "plot.png"
    result = run("report", str(src), "--lesson", str(repo_root / "lessons" / "square-dance.yaml"),
                 "--plot", str(png))
    assert result.exit_code == 0, result.output
    assert "robot time 14.9 s" in result.stdout and "wall time 14.9 s" in result.stdout
    assert "dist_mm" in result.stdout
    assert "steps (robot time → step): 0.0s→1" in result.stdout
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 10_000
    data = json.loads(run("report", str(src), "--json", "--lesson",
                          str(repo_root / "lessons" / "square-dance.yaml")).stdout)
    assert data["expectations"] and {"name", "passed"} <= set(data["expectations"][0])


def test_report_refuses_a_file_that_is_not_a_recording(tmp_path):
    bad = tmp_path / "x.jsonl"
    bad.write_text("hello\n")
    result = run("report", str(bad))
    assert result.exit_code == 1 and "not a leanbot recording" in result.stderr


def test_ctrl_c_ends_the_monitor_with_a_summary_and_exit_0(tmp_path):
    import signal
    import subprocess
    import sys

    src = write_recording(tmp_path / "src.jsonl", robot_lines(2000))
    proc = subprocess.Popen([sys.executable, "-m", "leanbot_kit", "monitor", "--port",
                             f"replay://{src}?speed=1"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    for line in proc.stdout:
        if line.startswith("frame"):
            break
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=20)
    assert proc.returncode == 0, err
    assert "LB123456:" in err and "lost 0" in err and "Traceback" not in err


def test_the_live_view_shows_fields_line_sensors_step_link_and_console(tmp_path, repo_root):
    from rich.console import Console

    from leanbot_kit.lesson import load_lesson
    from leanbot_kit.telemetry.session import Session, SessionOptions
    from leanbot_kit.telemetry.state import RobotState
    from leanbot_kit.telemetry.view import render_class, render_robot, step_descriptions

    src = write_recording(tmp_path / "src.jsonl", robot_lines(45))
    lesson = load_lesson(repo_root / "lessons" / "square-dance.yaml")
    session = Session(SessionOptions(f"replay://{src}?speed=max", lesson=lesson))
    state = RobotState(session.options.port)
    for update in session.updates(duration=0.3):
        state.apply(update)
    console = Console(width=100, record=True, color_system=None)
    console.print(render_robot(state, step_descriptions(lesson, "en")))
    console.print(render_class([state, RobotState("COM7")]))
    text = console.export_text()
    assert "LB123456" in text and "ping_mm" in text and "▁" in text
    assert "line sensors  █ ░ ░ ░" in text  # line = 8 → the outer left sensor on black
    assert "step 3 — forward: One side of the square" in text
    assert "lost 0" in text and "corrupt 0" in text
    assert "pending" in text or "passed" in text  # the lesson's expectations, live
    assert "AT+NAME" in text and "COM7" in text


def test_monitor_without_a_port_explains_that_no_robot_is_plugged_in():
    from leanbot_kit.ports.open import robot_ports

    if robot_ports():
        return  # a robot is plugged into this computer
    for args in (["monitor"], ["monitor", "--all"]):
        result = run(*args)
        assert result.exit_code == 1 and "no robot found on USB" in result.stderr


def test_monitor_says_waiting_when_the_robot_is_unplugged_and_carries_on(tmp_path):
    from tests.telemetry_fixtures import register_flaky

    register_flaky()
    src = write_recording(tmp_path / "src.jsonl", robot_lines(20))
    result = run("monitor", "--port", f"flaky://{src}?up=0.2&down=0.4", "--duration", "1.2")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "# waiting" in out and out.index("# waiting") < out.rindex("# connected")
    assert out.count("frame ") == 40  # the run before the unplug, and again after the replug
