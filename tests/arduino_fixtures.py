"""Shared fixtures of the arduino tests: the fake arduino-cli on $ARDUINO_CLI, a cache, sketches.

Import the `*_fixture` functions (`# noqa: F401`); tests ask for them as `fake_cli` and `sketch_dir`.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

FAKE = Path(__file__).resolve().parent / "fake_arduino_cli" / "arduino-cli"
SAMPLES = FAKE.parent / "samples"

SKETCH = """\
#include <Leanbot.h>
// Lesson: test sketch
void setup() {
  Leanbot.begin();
}

void loop() {
  // Step 1: drive forward 200 mm
  LbMotion.runLR(400, 400);
  LbMotion.waitDistanceMm(200);
  // Step 2: beep
  Leanbot.tone(880, 200);
  LbDelay(200);
}
"""


def fake_command() -> str:
    """$ARDUINO_CLI for the fake: this interpreter without site-packages (fast to start, any OS)."""
    return f'"{sys.executable}" -S "{FAKE}"'


class FakeCli:
    """The fake arduino-cli of one test: its state dir, behaviour switches and invocation log."""

    def __init__(self, state: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        self.state = state
        self.monkeypatch = monkeypatch

    def set(self, **env: object) -> FakeCli:
        """Set FAKE_ARDUINO_CLI_<KEY> variables (version, mode, upload_seconds, ports, ...)."""
        for key, value in env.items():
            self.monkeypatch.setenv(f"FAKE_ARDUINO_CLI_{key.upper()}", str(value))
        return self

    def control(self, **data: object) -> None:
        """Write control.json (e.g. upload_by_port={...})."""
        (self.state / "control.json").write_text(json.dumps(data))

    def log(self) -> list[dict]:
        """Every invocation so far."""
        path = self.state / "log.jsonl"
        if not path.exists():
            return []
        return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]

    def calls(self, *command: str) -> list[list[str]]:
        """The argv of every invocation that starts with `command`."""
        n = len(command)
        return [e["argv"] for e in self.log() if e["argv"][:n] == list(command)]

    def installed(self) -> dict:
        """The fake's installed cores and libraries (after `core install` / `lib install`)."""
        return json.loads((self.state / "installed.json").read_text())


@pytest.fixture(name="fake_cli")
def fake_cli_fixture(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> FakeCli:
    """The fake arduino-cli on $ARDUINO_CLI (1.2.2, instant uploads), a private cache and state dir."""
    state = tmp_path / "fake-state"
    state.mkdir()
    monkeypatch.setenv("ARDUINO_CLI", fake_command())
    monkeypatch.setenv("FAKE_ARDUINO_CLI_STATE_DIR", str(state))
    monkeypatch.setenv("FAKE_ARDUINO_CLI_UPLOAD_SECONDS", "0")
    monkeypatch.setenv("LEANBOT_CACHE", str(tmp_path / "cache"))
    for key in ("FAKE_ARDUINO_CLI_MODE", "FAKE_ARDUINO_CLI_VERSION", "FAKE_ARDUINO_CLI_PORTS",
                "ARDUINO_DIRECTORIES_DATA"):
        monkeypatch.delenv(key, raising=False)
    return FakeCli(state, monkeypatch)


def write_sketch(root: Path, name: str = "Robot", text: str = SKETCH, *,
                 profile: bool = False) -> Path:
    """A sketch folder `root/name/name.ino` (with a `leanbot` sketch.yaml profile if asked)."""
    folder = root / name
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{name}.ino").write_text(text)
    if profile:
        (folder / "sketch.yaml").write_text(
            "profiles:\n  leanbot:\n    fqbn: arduino:avr:uno\n    platforms:\n"
            "      - platform: arduino:avr (1.8.6)\n    libraries:\n      - Leanbot (1.0.0)\n"
            "default_profile: leanbot\n")
    return folder


@pytest.fixture(name="sketch_dir")
def sketch_dir_fixture(tmp_path: Path) -> Path:
    """A small hand-written Leanbot sketch folder with `// Step N:` comments."""
    return write_sketch(tmp_path / "sketches")
