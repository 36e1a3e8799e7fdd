"""The fake arduino-cli's plumbing: behaviour switches, the log, options, JSON output, state."""

from __future__ import annotations

import json
import os
import re
import sys
import time
from pathlib import Path

SAMPLES = Path(__file__).resolve().parent / "samples"
STATE = Path(os.environ.get("FAKE_ARDUINO_CLI_STATE_DIR")
             or Path(os.environ.get("TMPDIR") or os.environ.get("TEMP") or "/tmp") / "fake-arduino-cli")
VALUED = {"--format", "--port", "-p", "--fqbn", "-b", "--input-dir", "--input-file", "-i",
          "--output-dir", "--build-path", "--profile", "-m", "--additional-urls", "--config-file",
          "--protocol", "-l", "--warnings", "--libraries", "--config-dir", "--log-level",
          "--log-file", "--programmer", "-P"}
KNOWN_LIBS = {"Leanbot": "1.0.0", "Servo": "1.3.0", "IRremote": "4.4.1"}
HEADER_LIBS = {"Leanbot.h": "Leanbot", "Servo.h": "Servo", "IRremote.h": "IRremote",
               "IRremote.hpp": "IRremote"}
AVR_BOARDS = {"uno", "nano", "mega", "leonardo", "micro", "pro", "mini", "yun"}
AVR_VERSIONS = ("1.8.3", "1.8.4", "1.8.5", "1.8.6")
TIPS = "https://support.arduino.cc/hc/en-us/articles/360013825179"


# ---------------------------------------------------------------- set-up, options, output
def sample(name):
    return json.loads((SAMPLES / name).read_text(encoding="utf-8"))


def control():
    path = STATE / "control.json"
    ctl = json.loads(path.read_text()) if path.exists() else {}
    env = os.environ
    ctl["version"] = env.get("FAKE_ARDUINO_CLI_VERSION") or ctl.get("version") or "1.2.2"
    modes = env.get("FAKE_ARDUINO_CLI_MODE", "").split(",") + list(ctl.get("modes", []))
    ctl["modes"] = {m.strip() for m in modes if m.strip()}
    for key, default in (("upload_seconds", 2.0), ("compile_seconds", 0.0)):
        value = env.get("FAKE_ARDUINO_CLI_" + key.upper())
        ctl[key] = float(value if value not in (None, "") else ctl.get(key, default))
    ports = env.get("FAKE_ARDUINO_CLI_PORTS")
    ctl["ports"] = ports if ports is not None else ctl.get("ports", "ch340")
    ctl.setdefault("upload_by_port", {})
    return ctl


def log(argv):
    STATE.mkdir(parents=True, exist_ok=True)
    entry = {"argv": argv, "cwd": os.getcwd(), "time": time.time(), "pid": os.getpid(),
             "env": {k: v for k, v in os.environ.items() if k.startswith("ARDUINO_")
                     and k != "ARDUINO_CLI"}}
    fd = os.open(STATE / "log.jsonl", os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        os.write(fd, (json.dumps(entry) + "\n").encode())
    finally:
        os.close(fd)


def parse_args(argv):
    opts, positional, i = {}, [], 0
    while i < len(argv):
        arg = argv[i]
        if arg.startswith("-") and "=" in arg:
            key, value = arg.split("=", 1)
            opts[key] = value
        elif arg in VALUED and i + 1 < len(argv):
            opts[arg] = argv[i + 1]
            i += 1
        elif arg.startswith("-"):
            opts[arg] = True
        else:
            positional.append(arg)
        i += 1
    return opts, positional


def opt(opts, *names):
    return next((opts[n] for n in names if n in opts), None)


def go_json(obj):
    text = json.dumps(obj, indent=2, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026") + "\n"


class Cli:
    def __init__(self, ctl, opts):
        self.ctl, self.opts = ctl, opts
        self.v1 = not ctl["version"].startswith("0.")
        fmt = opts.get("--format")
        self.json = bool(opts.get("--json")) or fmt in ("json", "jsonmini")

    def out(self, obj):
        sys.stdout.write(go_json(obj))

    @property
    def legacy(self):
        """Up to 0.29 errors were plain text even in JSON mode (arduino-cli#1961, #1698)."""
        match = re.match(r"0\.(\d+)\.", self.ctl["version"])
        return bool(match) and int(match.group(1)) < 30

    def fatal(self, message, code=1, output=None):
        if self.legacy and message.startswith("Failed uploading"):
            message = "Error during Upload: " + message
        if self.json and not self.legacy:
            err = {"error": message}
            if output is not None:
                err["output"] = output
            sys.stderr.write(go_json(err))
        else:
            if output:
                sys.stderr.write(output.get("stderr", ""))
            sys.stderr.write(message + "\n")
        sys.exit(code)


# ---------------------------------------------------------------- installed state
def installed(ctl):
    path = STATE / "installed.json"
    if path.exists():
        return json.loads(path.read_text())
    cores = {} if "no-core" in ctl["modes"] else {"arduino:avr": "1.8.6"}
    libs = {} if "no-library" in ctl["modes"] else {"Leanbot": "1.0.0"}
    return {"cores": cores, "libraries": libs}


def save_installed(state):
    STATE.mkdir(parents=True, exist_ok=True)
    (STATE / "installed.json").write_text(json.dumps(state, indent=2))


def data_dir():
    return os.environ.get("ARDUINO_DIRECTORIES_DATA") or str(STATE / "arduino15")


