"""`leanbot sim SKETCH --serve` opened by serial tools we did not write: pyserial, miniterm, picocom.

The server runs as `python -m leanbot_kit sim … --serve`; every client is a separate program with no
leanbot_kit import: a plain pyserial script, pyserial's miniterm and picocom (both driven through
tmux, as a person types). The echo sketch prints `boot` in setup() and echoes what it reads.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.sim_fixtures import needs_cxx, sim_cache, sim_cache_dir, write_sketch  # noqa: F401

pytestmark = [needs_cxx, pytest.mark.usefixtures("sim_cache")]
posix = pytest.mark.skipif(os.name != "posix", reason="pseudo-terminals are POSIX")
ROOT = Path(__file__).resolve().parents[1]
ECHO = ('void setup() {\n  Serial.begin(115200);\n  Serial.println("boot");\n}\n\n'
        "void loop() {\n  while (Serial.available()) Serial.write((uint8_t)Serial.read());\n"
        "  delay(1);\n}\n")

PYSERIAL_CLIENT = r'''
import sys, time
import serial

def read_until(port, text, limit=15):
    data, end = b"", time.monotonic() + limit
    while text not in data:
        if time.monotonic() > end:
            sys.exit("waited for %r, got %r" % (text, data))
        data += port.read(port.in_waiting or 1)
    return data

where = sys.argv[1]
port = serial.serial_for_url(where, 115200, timeout=0.2)
read_until(port, b"boot")
port.write(b"ping 42\n")
read_until(port, b"ping 42\n")
if where.startswith("rfc2217://"):
    port.dtr = False
    time.sleep(0.1)
    port.dtr = True
    read_until(port, b"boot")
port.close()
if not where.startswith("rfc2217://"):
    port = serial.Serial(where, 115200, timeout=0.2)  # opening the terminal again restarts it
    read_until(port, b"boot")
    port.close()
assert "leanbot_kit" not in sys.modules
print("OK")
'''


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(f"{name} is required in CI")
        pytest.skip(f"{name} is not installed")
    return path


@pytest.fixture
def served(tmp_path, sim_cache_dir):  # noqa: F811 - the fixture
    """A running `leanbot sim echo --serve`; yields (pty link, rfc2217 URL); stops it with Ctrl-C."""
    ino = write_sketch(tmp_path / "echo", ECHO)
    link = tmp_path / "robot"
    proc = subprocess.Popen([sys.executable, "-m", "leanbot_kit", "--lang", "en", "sim", str(ino),
                             "--serve", "--link", str(link)], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "LEANBOT_CACHE": str(sim_cache_dir)})
    url = None
    end = time.monotonic() + 180
    lines = []
    while url is None and time.monotonic() < end:
        line = proc.stdout.readline()
        if not line:
            break
        lines.append(line)
        found = re.search(r"rfc2217://\S+", line)
        url = found.group(0) if found else None
    assert url, "".join(lines) + proc.stderr.read()
    yield link, url
    proc.send_signal(signal.SIGINT)
    _out, err = proc.communicate(timeout=20)
    assert proc.returncode == 0, err
    assert "stopped" in err and "Traceback" not in err
    assert not link.exists()  # the link goes with the terminal


def _client(where: str) -> None:
    done = subprocess.run([sys.executable, "-I", "-c", PYSERIAL_CLIENT, where], capture_output=True,
                          text=True, timeout=90, cwd="/")
    assert done.stdout.strip() == "OK", done.stdout + done.stderr


@posix
def test_plain_pyserial_on_the_pseudo_terminal(served):
    link, _url = served
    _client(os.path.realpath(link))


def test_plain_pyserial_over_rfc2217(served):
    _link, url = served
    _client(url)


class Tmux:
    """A private tmux server (its own socket) running one command in a detached session."""

    def __init__(self, tmp_path: Path) -> None:
        self.base = [_tool("tmux"), "-S", str(tmp_path / "tmux.sock")]

    def start(self, command: str) -> None:
        subprocess.run([*self.base, "new-session", "-d", "-s", "t", "-x", "120", "-y", "40",
                        command], check=True)

    def keys(self, *keys: str) -> None:
        subprocess.run([*self.base, "send-keys", "-t", "t", *keys], check=True)

    def screen(self) -> str:
        done = subprocess.run([*self.base, "capture-pane", "-p", "-J", "-S", "-", "-t", "t"],
                              capture_output=True, text=True)
        return done.stdout

    def wait_for(self, pattern: str, count: int = 1, limit_s: float = 20) -> str:
        end = time.monotonic() + limit_s
        while time.monotonic() < end:
            text = self.screen()
            if len(re.findall(pattern, text)) >= count:
                return text
            time.sleep(0.2)
        raise AssertionError(f"{count}× {pattern!r} not on screen:\n{self.screen()}")

    def wait_gone(self, text: str, limit_s: float = 20) -> None:
        end = time.monotonic() + limit_s
        while text in self.screen():
            assert time.monotonic() < end, f"{text!r} still on screen:\n{self.screen()}"
            time.sleep(0.2)

    def close(self) -> None:
        subprocess.run([*self.base, "kill-server"], capture_output=True)


@pytest.fixture
def tmux(tmp_path):
    session = Tmux(tmp_path)
    yield session
    session.close()


MINITERM = f"{sys.executable} -I -m serial.tools.miniterm"


def test_miniterm_over_rfc2217_echoes_and_restarts_on_dtr(served, tmux):
    _link, url = served
    tmux.start(f"{MINITERM} {url} 115200")
    tmux.wait_for(r"\bboot\b")
    tmux.keys("hello-robot")
    tmux.wait_for("hello-robot")
    tmux.keys("C-t", "C-d")  # DTR off
    tmux.wait_for("DTR inactive")
    tmux.keys("C-t", "C-d")  # DTR on: the reset
    tmux.wait_for(r"\bboot\b", count=2)


@posix
def test_miniterm_on_the_pseudo_terminal(served, tmux):
    link, _url = served
    # Twice in a row: quitting (Ctrl-]) and opening the terminal again restarts the sketch.
    tmux.start(f"{MINITERM} {link} 115200; {MINITERM} {link} 115200")
    tmux.wait_for(r"\bboot\b")
    tmux.keys("abc-123")
    tmux.wait_for("abc-123")
    tmux.keys("C-]")
    tmux.wait_for(r"\bboot\b", count=2)


@posix
def test_picocom_on_the_pseudo_terminal(served, tmux):
    link, _url = served
    picocom = _tool("picocom")
    tmux.start(f"{picocom} -b 115200 {link}; {picocom} -b 115200 {link}")
    tmux.wait_for("Terminal ready")
    tmux.wait_for(r"\bboot\b")
    tmux.keys("xyz-789")
    tmux.wait_for("xyz-789")
    tmux.keys("C-a", "C-x")  # quit; the second picocom opens it again: a restart
    tmux.wait_for("Terminal ready", count=2)
    tmux.wait_for(r"\bboot\b", count=2)


@posix
def test_screen_on_the_pseudo_terminal(served, tmux):
    link, _url = served
    screen = _tool("screen")
    tmux.start(f"{screen} {link} 115200; {screen} {link} 115200")
    tmux.wait_for(r"\bboot\b")
    tmux.keys("qwe-456")
    tmux.wait_for("qwe-456")
    tmux.keys("C-a", "k")  # kill the window (screen asks to confirm)
    time.sleep(0.5)
    tmux.keys("y")
    tmux.wait_gone("qwe-456")  # the first screen has ended
    tmux.wait_for(r"\bboot\b")  # the second one opened the terminal again: a new boot line


def test_options_that_do_not_fit_serve_are_usage_errors():
    from click.testing import CliRunner

    from leanbot_kit.cli import cli

    done = CliRunner().invoke(cli, ["--lang", "en", "sim", "x.ino", "--serve", "--json", "--plot", "p.png"])
    assert done.exit_code == 2 and "--serve cannot be combined with --plot, --json" in done.output
    from leanbot_kit.i18n import set_language

    try:
        done = CliRunner().invoke(cli, ["--lang", "vi", "sim", "x.ino", "--tcp", "2217"])
    finally:
        set_language(None)  # the language chosen in-process must not leak into other tests
    assert done.exit_code == 2 and "các tùy chọn này cần --serve: --tcp" in done.output


def test_a_busy_tcp_port_is_a_clear_error(tmp_path, sim_cache_dir):  # noqa: F811 - the fixture
    import socket

    ino = write_sketch(tmp_path / "echo", ECHO)
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        done = subprocess.run([sys.executable, "-m", "leanbot_kit", "--lang", "en", "sim", str(ino),
                               "--serve", "--tcp", str(busy.getsockname()[1])], cwd=ROOT,
                              capture_output=True, text=True, timeout=180,
                              env={**os.environ, "LEANBOT_CACHE": str(sim_cache_dir)})
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "Error: cannot listen on 127.0.0.1:" in done.stderr and "--tcp" in done.stderr
