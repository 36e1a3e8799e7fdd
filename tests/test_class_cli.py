"""`leanbot class serve` as a teacher runs it: the JSON first line, the dashboard answering, SIGTERM
ending with the class report and exit 0; bad input gives `Error: …` and exit 1."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import urllib.request

from click.testing import CliRunner

from leanbot_kit.cli import cli
from tests.class_fixtures import free_port
from tests.conftest import LESSONS, ROOT


def test_serve_json_then_sigterm_writes_the_report(tmp_path):
    http, mq = free_port(), free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "leanbot_kit", "--lang", "en", "class", "serve", "--json",
         "--lesson", str(LESSONS / "square-dance.yaml"), "--class", "6B Toán",
         "--listen", f"127.0.0.1:{http}", "--mqtt", f"127.0.0.1:{mq}",
         "--record-dir", str(tmp_path / "rec")],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        first = json.loads(proc.stdout.readline())
        assert set(first) >= {"dashboard", "broker", "code", "class"}
        assert first["class"] == "6b-toan" and len(first["code"]) == 4
        assert first["broker"] == f"mqtt://127.0.0.1:{mq}"
        assert first["dashboard"].startswith(f"http://127.0.0.1:{http}/?token=")
        token = first["dashboard"].split("token=")[1]
        with urllib.request.urlopen(f"http://127.0.0.1:{http}/api/state?token={token}", timeout=5) as r:
            assert json.load(r)["lesson"] == "square-dance"
        assert f"--code {first['code']}" in first["join"]
    finally:
        os.kill(proc.pid, signal.SIGTERM)
        out, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    assert "report" in json.loads(out.strip().splitlines()[-1])
    assert (tmp_path / "rec" / "class-report.csv").exists()
    assert (tmp_path / "rec" / "class-report.html").exists()


def run(*args):
    return CliRunner().invoke(cli, ["--lang", "en", "class", "serve", *args])


def test_bad_class_name_broker_url_and_busy_port(tmp_path):
    result = run("--class", "!!!")
    assert result.exit_code == 1 and "Error:" in result.output and "class" in result.output
    result = run("--broker", "http://nowhere", "--listen", "127.0.0.1:0", "--record-dir", str(tmp_path))
    assert result.exit_code == 1 and "not a broker address" in result.output
    port = free_port()
    result = run("--broker", f"mqtt://127.0.0.1:{port}", "--listen", "127.0.0.1:0",
                 "--record-dir", str(tmp_path))
    assert result.exit_code == 1 and "cannot reach the broker" in result.output
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        taken = busy.getsockname()[1]
        result = run("--mqtt", f"127.0.0.1:{taken}", "--listen", "127.0.0.1:0",
                     "--record-dir", str(tmp_path))
    assert result.exit_code == 1 and "cannot start the class broker" in result.output
    assert "Traceback" not in result.output
    result = run("--code", "0O0O")
    assert result.exit_code == 1 and "not a class code" in result.output


def test_help_in_vietnamese():
    result = CliRunner().invoke(cli, ["--lang", "vi", "class", "serve", "--help"])
    assert result.exit_code == 0
    assert "bảng theo dõi" in result.output and "Thư mục chứa bản ghi" in result.output
    result = CliRunner().invoke(cli, ["--lang", "vi", "class", "serve", "--code", "0O0O"])
    assert result.exit_code == 1 and "không phải mã lớp học" in result.output


def test_page_text_in_both_languages():
    from leanbot_kit.classroom.pagetext import TEXT, page_text

    vi, en = page_text("vi"), page_text("en")
    assert en["stop_all"] == "Stop all robots" and vi["stop_all"] == "Dừng tất cả robot"
    untranslated = [k for k in TEXT if vi[k] == en[k] and k not in ("robot",)]
    assert untranslated == []


def test_broker_files_for_a_school_mosquitto(tmp_path):
    result = CliRunner().invoke(cli, ["class", "broker-files", str(tmp_path / "b"), "--class", "7A",
                                      "--class", "8b", "--port", "1884", "--json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert set(out["classes"]) == {"7a", "8b"}
    acl = (tmp_path / "b" / "acl").read_text()
    code = out["classes"]["7a"]
    assert f"user lbk-{code}\ntopic read leanbot/join/{code}\ntopic read leanbot/7a/lesson" in acl
    assert "pattern write leanbot/+/s/%c/t" in acl and "cmd" not in acl.split("pattern write")[1]
    users = [line.split(":")[0] for line in (tmp_path / "b" / "passwd").read_text().splitlines()]
    assert sorted(users) == sorted(["lbk-teacher", f"lbk-{code}", f"lbk-{out['classes']['8b']}"])
    assert "listener 1884 0.0.0.0" in (tmp_path / "b" / "mosquitto.conf").read_text()
