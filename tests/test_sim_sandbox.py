"""The native robot process cannot reach the computer, leaves nothing running, and loses no output."""

from __future__ import annotations

import os
import socket
import sys
import time
from pathlib import Path

import pytest

from leanbot_kit.errors import SimError
from leanbot_kit.sim import run as run_module
from leanbot_kit.sim import sandbox
from leanbot_kit.sim.run import simulate
from tests.sim_fixtures import needs_cxx, sim_cache, sim_cache_dir, write_sketch  # noqa: F401

pytestmark = [needs_cxx, pytest.mark.usefixtures("sim_cache"),
              pytest.mark.skipif(os.name == "nt", reason="POSIX process confinement")]
linux = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux layers")

HEADERS = ("#include <Leanbot.h>\n#include <stdio.h>\n#include <stdlib.h>\n#include <unistd.h>\n"
           "#include <signal.h>\n#include <sys/socket.h>\n#include <netinet/in.h>\n"
           "#include <arpa/inet.h>\n")


def _sketch(tmp_path: Path, name: str, setup: str) -> Path:
    body = f"{HEADERS}\nvoid setup() {{\n  Leanbot.begin();\n{setup}\n  LbMission.end();\n}}\n" \
           "void loop() {}\n"
    return write_sketch(tmp_path / name, body)


def _lines(run) -> dict[str, str]:
    return dict(line.split(" ", 1) for line in run.serial_lines() if " " in line)


def _processes_of(binary: Path) -> list[int]:
    """Pids of live processes running `binary` (zombies do not count)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if os.readlink(entry / "exe") == str(binary) and "Z" not in \
                    (entry / "stat").read_text().rsplit(")", 1)[1].split()[:1]:
                found.append(int(entry.name))
        except OSError:
            continue
    return found


@linux
def test_the_computer_is_out_of_reach(tmp_path):
    granted = sandbox.layers()  # each assertion below stands on the layer that guarantees it
    outside = tmp_path / "outside"
    outside.mkdir()
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    listener.settimeout(0.5)
    port = listener.getsockname()[1]
    setup = f"""
  Serial.print("system "); Serial.println(system("touch {outside}/by-system"));
  FILE* f = fopen("{outside}/by-fopen", "w");
  Serial.print("outside "); Serial.println(f ? "open" : "refused");
  FILE* g = fopen("mine.txt", "w");
  Serial.print("inside "); Serial.println(g ? "open" : "refused");
  int s = socket(AF_INET, SOCK_STREAM, 0);
  struct sockaddr_in a = {{}};
  a.sin_family = AF_INET; a.sin_port = htons({port}); a.sin_addr.s_addr = htonl(0x7f000001);
  Serial.print("socket "); Serial.println(s < 0 ? -1 : connect(s, (struct sockaddr*)&a, sizeof a));
  Serial.print("kill "); Serial.println(kill(-1, 0));
  Serial.print("home "); Serial.println(getenv("HOME"));
  Serial.print("secret "); Serial.println(getenv("LEANBOT_TEST_SECRET") ? "seen" : "none");
"""
    os.environ["LEANBOT_TEST_SECRET"] = "x"
    try:
        run = simulate(_sketch(tmp_path, "reach", setup), cpu="native")
    finally:
        del os.environ["LEANBOT_TEST_SECRET"]
    got = _lines(run)
    assert got["inside"] == "open" and got["secret"] == "none" and got["home"] != str(Path.home())
    if granted.no_processes:
        assert got["system"] != "0" and got["socket"] == "-1" and got["kill"] == "-1"
    if granted.no_writes:
        assert got["outside"] == "refused"
    if granted.no_processes and granted.no_writes:
        assert list(outside.iterdir()) == []
    if granted.no_processes or granted.no_network:
        assert got["socket"] == "-1"
        with pytest.raises(TimeoutError):
            listener.accept()
    listener.close()
    if os.environ.get("CI") and not (granted.no_processes and granted.no_writes):
        # seccomp and Landlock need no privilege on any current kernel (user namespaces may be
        # refused by policy, e.g. Ubuntu's AppArmor, so the network layer is not required here)
        pytest.fail(f"CI must grant seccomp and Landlock; this kernel grants {granted}")


@linux
def test_a_forked_child_does_not_outlive_the_run(tmp_path):
    setup = """
  int p = fork();
  if (p == 0) { setsid(); for (;;) sleep(1); }
  Serial.print("fork "); Serial.println(p > 0 ? 1 : p);
"""
    run = simulate(_sketch(tmp_path, "forker", setup), cpu="native")
    if sandbox.layers().no_processes:
        assert _lines(run)["fork"] == "-1"
    time.sleep(0.2)
    assert _processes_of(run.build.binary) == []


@linux
def test_without_seccomp_the_process_group_is_still_killed(tmp_path, monkeypatch):
    monkeypatch.setattr(sandbox, "layers", lambda: sandbox.Layers(True, False, False, False))
    setup = """
  int p = fork();
  if (p == 0) { for (;;) sleep(1); }
  Serial.print("fork "); Serial.println(p > 0 ? 1 : p);
"""
    run = simulate(_sketch(tmp_path, "grandchild", setup), cpu="native")
    assert _lines(run)["fork"] == "1"  # the child really started
    time.sleep(0.2)
    assert _processes_of(run.build.binary) == []


def test_resource_limits_stop_a_memory_hog(tmp_path):
    setup = """
  char* p = (char*)malloc(1024UL * 1024 * 1024);
  Serial.print("malloc "); Serial.println(p ? "granted" : "refused");
"""
    assert _lines(simulate(_sketch(tmp_path, "hog", setup), cpu="native"))["malloc"] == "refused"


def test_a_crash_keeps_every_line_and_runs_the_sketch_once(tmp_path, monkeypatch):
    starts = []
    real = run_module.start_robot
    monkeypatch.setattr(run_module, "start_robot", lambda *a, **k: starts.append(1) or real(*a, **k))
    done = []
    real_execute = run_module._execute

    def execute(*args):  # what the robot wrote, read before the run's folder is removed
        result = real_execute(*args)
        done.append(result.serial.read_bytes())
        return result

    monkeypatch.setattr(run_module, "_execute", execute)
    setup = """
  for (int i = 0; i < 300; i++) { Serial.print("line "); Serial.println(i); }
  volatile int* nothing = 0;
  *nothing = 1;
"""
    with pytest.raises(SimError) as caught:
        simulate(_sketch(tmp_path, "crash", setup), cpu="native")
    assert "line 299" in caught.value.message
    assert len(starts) == 1
    lines = done[0].decode().splitlines()
    assert lines == [f"line {i}" for i in range(300)]


def test_the_wall_clock_limit_keeps_every_line(tmp_path):
    setup = """
  for (int i = 0; i < 300; i++) { Serial.print("line "); Serial.println(i); }
  for (volatile int spin = 0; ; spin = spin + 1) {}
"""
    run = simulate(_sketch(tmp_path, "spin", setup), wall_limit_s=1, cpu="native")
    assert run.end_reason == "wall_limit"
    assert run.serial_lines() == [f"line {i}" for i in range(300)]


@linux
def test_the_compiler_has_a_time_limit(tmp_path, monkeypatch):
    from leanbot_kit.sim import build

    monkeypatch.setattr(build, "COMPILE_TIMEOUT_S", 3)
    body = ("constexpr long spin() {\n  long s = 0;\n  for (long i = 0; i < 200000; i++)\n"
            "    for (long j = 0; j < 200000; j++) s += i ^ j;\n  return s;\n}\n"
            "constexpr long forever = spin();\nvoid setup() { Serial.println(forever); }\n"
            "void loop() {}\n")
    ino = write_sketch(tmp_path / "slowbuild", body)
    with pytest.raises(SimError) as caught:
        simulate(ino, cpu="native")
    assert "stopped after 3 s" in caught.value.message
    time.sleep(0.5)
    left = [p for p in Path("/proc").iterdir() if p.name.isdigit() and _cmdline(p).count("slowbuild")]
    assert left == []


def _cmdline(proc: Path) -> str:
    try:
        return (proc / "cmdline").read_bytes().decode(errors="replace")
    except OSError:
        return ""


@pytest.mark.slow
@pytest.mark.parametrize("bug", ["int a[4];\n  volatile int i = 4;\n  a[i] = 1;",
                                 "char* p = (char*)malloc(4);\n  volatile int i = 8;\n  p[i] = 1;"],
                         ids=["undefined behaviour", "heap overflow"])
def test_a_checking_build_keeps_the_lines_before_the_report(tmp_path, bug):
    from leanbot_kit.sim.build import check_sanitizer
    from leanbot_kit.sim.compiler import current_compiler

    try:
        check_sanitizer(current_compiler())
    except SimError:
        pytest.skip("this compiler cannot build with the sanitizers")
    setup = f'  Serial.println("before the bug");\n  {bug}\n  Serial.println("after");'
    with pytest.raises(SimError) as caught:
        simulate(_sketch(tmp_path, "checked", setup), sanitize=True)
    assert "before the bug" in caught.value.message
    assert "runtime error" in caught.value.message or "AddressSanitizer" in caught.value.message


def test_the_limits_and_the_environment_of_the_robot_process(tmp_path, monkeypatch):
    import signal
    import subprocess

    monkeypatch.setenv("LEANBOT_TEST_SECRET", "x")
    script = 'ulimit -v; ulimit -c; pwd; echo "$HOME"; echo "${LEANBOT_TEST_SECRET:-none}"'
    done = subprocess.run(["/bin/sh", "-c", script], capture_output=True, text=True, timeout=60,
                          **sandbox.popen_options(tmp_path, cpu_s=5))
    limit_kb, core, cwd, home, secret = done.stdout.split()
    assert int(limit_kb) == sandbox.ADDRESS_SPACE // 1024 or sys.platform == "darwin"
    assert core == "0" and cwd == home == str(tmp_path) and secret == "none"
    spin = subprocess.run(["/bin/sh", "-c", "while :; do :; done"], timeout=120,
                          **sandbox.popen_options(tmp_path, cpu_s=1))
    assert spin.returncode in (-signal.SIGXCPU, -signal.SIGKILL)


@linux
def test_a_live_robot_dies_with_the_program_that_started_it_even_when_killed(tmp_path, sim_cache_dir):  # noqa: F811
    import signal
    import subprocess

    ino = write_sketch(tmp_path / "forever", "void setup() {}\nvoid loop() { delay(10); }\n")
    opener = ("import sys, time, serial, leanbot_kit.ports\n"
              f"port = serial.serial_for_url('sim://{ino}?speed=1')\n"
              "print(port._robot.proc.pid, flush=True)\ntime.sleep(600)\n")
    root = Path(__file__).resolve().parents[1]
    proc = subprocess.Popen([sys.executable, "-c", opener], cwd=root, stdout=subprocess.PIPE, text=True,
                            env={**os.environ, "LEANBOT_CACHE": str(sim_cache_dir)})
    robot = int(proc.stdout.readline())
    assert _processes_of(Path(os.readlink(f"/proc/{robot}/exe"))) == [robot]
    binary = Path(os.readlink(f"/proc/{robot}/exe"))
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    end = time.monotonic() + 10
    while _processes_of(binary) and time.monotonic() < end:
        time.sleep(0.1)
    assert _processes_of(binary) == []
