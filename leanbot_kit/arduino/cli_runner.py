"""The only module that runs arduino-cli: finds it, learns its version, runs commands, reads their JSON.

The binary is `$ARDUINO_CLI` (a path, or a command line such as `python3 fake-cli`) or `arduino-cli` on
PATH. 1.x takes `--json`; 0.x only `--format json`. Every failure becomes an ArduinoCliError with the
command, return code and stderr kept, and plain advice from `advice.py`.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from leanbot_kit.arduino import advice, parse
from leanbot_kit.errors import ArduinoCliError
from leanbot_kit.i18n import _

# Build profiles (`sketch.yaml` + `compile --profile`) arrived in arduino-cli 0.22; the oldest
# documentation we checked that describes them is 0.28, so that is the floor we rely on.
# Older or unnumbered (nightly, git-snapshot) builds get the plain `--fqbn`, which always works.
PROFILES_SINCE = (0, 28, 0)
TIMEOUTS = {"compile": 900, "upload": 300, "core": 1800, "lib": 600}


@dataclass(frozen=True)
class CliVersion:
    """The arduino-cli version and the flags it speaks."""

    text: str
    number: tuple[int, int, int] | None
    json_flags: tuple[str, ...]

    @property
    def supports_profiles(self) -> bool:
        """True when `compile --profile` can be used."""
        return self.number is not None and self.number >= PROFILES_SINCE


@dataclass(frozen=True)
class CliResult:
    """A finished command: what ran, its exit code and its output."""

    command: tuple[str, ...]
    returncode: int
    stdout: str
    stderr: str


def find_command(env: Mapping[str, str] | None = None) -> list[str] | None:
    """The command that starts arduino-cli, or None when there is none."""
    env = os.environ if env is None else env
    configured = env.get("ARDUINO_CLI", "").strip()
    if configured:
        if os.path.exists(configured):
            return [configured]
        words = [w.strip('"') for w in shlex.split(configured, posix=os.name != "nt")]
        found = bool(words) and (os.path.exists(words[0]) or shutil.which(words[0]) is not None)
        return words if found else None
    found = shutil.which("arduino-cli", path=env.get("PATH"))
    return [found] if found else None


class ArduinoCli:
    """A handle on one arduino-cli binary; learns its version once."""

    def __init__(self, command: Sequence[str] | None = None,
                 env: Mapping[str, str] | None = None) -> None:
        self.env = dict(os.environ if env is None else env)
        found = list(command) if command else find_command(self.env)
        if not found:
            err = advice.not_installed()
            if self.env.get("ARDUINO_CLI", "").strip():
                err.message = _("ARDUINO_CLI is set to '{value}', which does not exist").format(
                    value=self.env["ARDUINO_CLI"])
            raise err
        self.command = found
        self._version: CliVersion | None = None

    def run(self, args: Sequence[str], *, cwd: str | None = None, timeout: float | None = None,
            extra_env: Mapping[str, str] | None = None) -> CliResult:
        """Run `arduino-cli ARGS` and return what it did (a non-zero exit is not raised here)."""
        argv = [*self.command, *args]
        env = {**self.env, **(extra_env or {})}
        timeout = timeout or TIMEOUTS.get(args[0] if args else "", 120)
        try:
            done = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True,
                                  encoding="utf-8", errors="replace", timeout=timeout)
        except OSError as exc:  # missing, not executable, not a program
            raise advice.not_installed(argv) from exc
        except subprocess.TimeoutExpired as exc:
            err = ArduinoCliError(
                _("arduino-cli did not finish within {seconds} s").format(seconds=int(timeout)),
                _("check the robot and the cable, then try again"), command=argv)
            err.kind, err.step, err.line = "timeout", None, None
            raise err from exc
        return CliResult(tuple(argv), done.returncode, done.stdout or "", done.stderr or "")

    @property
    def version(self) -> CliVersion:
        """The version, asked once: `version --json` (1.x), `--format json` (0.x), else the text line."""
        if self._version is None:
            self._version = self._detect_version()
        return self._version

    def _detect_version(self) -> CliVersion:
        for flags in (("--json",), ("--format", "json")):
            result = self.run(["version", *flags])
            text = parse.version_from_json(parse.loads(result.stdout))
            if result.returncode == 0 and text:
                return CliVersion(text, parse.version_number(text), flags)
        result = self.run(["version"])
        text = parse.version_from_text(result.stdout)
        if result.returncode != 0 or not text:
            err = advice.not_installed(list(result.command))
            err.message = _("'{command}' does not answer like arduino-cli").format(
                command=" ".join(self.command))
            raise err
        number = parse.version_number(text)
        flags = ("--json",) if number and number[0] >= 1 else ("--format", "json")
        return CliVersion(text, number, flags)

    def run_json(self, args: Sequence[str], *, port: str = "", fqbn: str = "",
                 cwd: str | None = None, extra_env: Mapping[str, str] | None = None) -> Any:
        """Run a command with the JSON flag of this version; its parsed output, or an advised error."""
        result = self.run([*args, *self.version.json_flags], cwd=cwd, extra_env=extra_env)
        if result.returncode != 0:
            raise self.failure(result, port=port, fqbn=fqbn)
        return parse.loads(result.stdout)

    def failure(self, result: CliResult, *, port: str = "", fqbn: str = "") -> ArduinoCliError:
        """The ArduinoCliError (with advice) for a failed command."""
        text = parse.error_text(result.stdout, result.stderr)
        return advice.advise(text, command=list(result.command), returncode=result.returncode,
                             stderr=result.stderr or text, port=port, fqbn=fqbn)

    def inventory(self) -> tuple[CliVersion, dict[str, str], dict[str, str]]:
        """Version, installed cores and installed libraries, asked at the same time.

        `core list --json` and `lib list --json` start alongside `version`: on 1.x that is one round
        trip instead of three; on 0.x (which refuses `--json`) they are asked again with `--format`.
        """
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(max_workers=3) as pool:
            version = pool.submit(lambda: self.version)
            cores = pool.submit(self.run, ["core", "list", "--json"])
            libs = pool.submit(self.run, ["lib", "list", "--json"])
            found = version.result()
            guesses = (cores.result(), libs.result())
        if found.json_flags == ("--json",) and all(g.returncode == 0 for g in guesses):
            return (found, parse.cores(parse.loads(guesses[0].stdout)),
                    parse.libraries(parse.loads(guesses[1].stdout)))
        return found, self.installed_cores(), self.installed_libraries()

    def installed_cores(self) -> dict[str, str]:
        """Installed platforms: id → version."""
        return parse.cores(self.run_json(["core", "list"]))

    def installed_libraries(self) -> dict[str, str]:
        """Installed libraries: name → version."""
        return parse.libraries(self.run_json(["lib", "list"]))

    def board_list(self) -> list[parse.DetectedPort]:
        """Ports arduino-cli sees, with their matching boards."""
        return parse.detected_ports(self.run_json(["board", "list"]))

    def compile(self, sketch: str, *, fqbn: str | None, profile: str | None,
                output_dir: str) -> parse.CompileOutput:
        """Compile `sketch` into `output_dir`; failures (exit 1, result on stdout) are returned too."""
        target = ["--profile", profile] if profile else ["--fqbn", fqbn or ""]
        args = ["compile", *target, "--output-dir", output_dir, sketch, *self.version.json_flags]
        result = self.run(args)
        data = parse.loads(result.stdout)
        if not isinstance(data, dict):
            raise self.failure(result, fqbn=fqbn or "")
        out = parse.compile_output(data)
        if result.returncode != 0 and out.success:
            raise self.failure(result, fqbn=fqbn or "")
        if not out.success and not out.error and result.stderr.strip():
            # up to 0.29 the reason went to stderr as text ("Error during build: ..."), not in the JSON
            out = replace(out, error=parse.error_text("", result.stderr))
        return out

    def upload(self, port: str, *, fqbn: str, input_dir: str) -> CliResult:
        """Upload the build in `input_dir` to `port`; an advised error when it fails."""
        args = ["upload", "--port", port, "--fqbn", fqbn, "--input-dir", input_dir,
                *self.version.json_flags]
        result = self.run(args, cwd=input_dir)
        if result.returncode != 0:
            raise self.failure(result, port=port, fqbn=fqbn)
        return result
