"""`leanbot setup`: install the arduino:avr core and the Leanbot libraries, online or from a folder.

Online: `core update-index`, `core install arduino:avr@<pinned>`, `lib update-index`, `lib install
Leanbot@<pinned>`. Offline (a school without internet), from a folder prepared on a connected computer:

    <folder>/package_index.json   copy of ~/.arduino15/package_index.json (the board index)
    <folder>/staging/             copy of ~/.arduino15/staging (the core and tool archives)
    <folder>/*.zip                library archives (e.g. Leanbot-1.0.0.zip; also in libraries/)

The index is copied into arduino-cli's data folder when it has none; `core install` then finds every
archive in the staging folder (`ARDUINO_DIRECTORIES_DOWNLOADS`), checks its checksum and downloads
nothing. Libraries go in with `lib install --zip-path`, which arduino-cli allows only with
`ARDUINO_LIBRARY_ENABLE_UNSAFE_INSTALL=true` (set for that one command, the user's config is untouched).
Steps whose result `core list` / `lib list` already shows are skipped, so setup can run again safely.
"""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from leanbot_kit.arduino.cli_runner import ArduinoCli
from leanbot_kit.arduino.pinned import pinned
from leanbot_kit.errors import ArduinoCliError
from leanbot_kit.i18n import _


@dataclass(frozen=True)
class SetupStep:
    """One thing setup does: an arduino-cli command (with extra environment) or a file copy."""

    description: str
    args: tuple[str, ...] = ()
    env: tuple[tuple[str, str], ...] = ()
    copy: tuple[str, str] | None = None
    skipped: str = ""  # why it is not needed (already installed)

    def command_line(self, binary: list[str]) -> str:
        """How the step reads as a shell command."""
        if self.copy:
            return f"cp {shlex.quote(self.copy[0])} {shlex.quote(self.copy[1])}"
        env = " ".join(f"{k}={shlex.quote(v)}" for k, v in self.env)
        words = " ".join(shlex.quote(w) for w in [*binary, *self.args])
        return f"{env} {words}" if env else words


def default_data_dir() -> Path:
    """arduino-cli's default data folder on this operating system."""
    home = Path.home()
    if sys.platform.startswith("win"):
        return Path(os.environ.get("LOCALAPPDATA", home / "AppData" / "Local")) / "Arduino15"
    if sys.platform == "darwin":
        return home / "Library" / "Arduino15"
    return home / ".arduino15"


def data_dir(cli: ArduinoCli | None) -> Path:
    """Where arduino-cli keeps cores and indexes: `ARDUINO_DIRECTORIES_DATA`, `config dump`, default."""
    if cli is None:  # not installed yet (a dry run): where it will look
        return Path(os.environ.get("ARDUINO_DIRECTORIES_DATA") or default_data_dir())
    if cli.env.get("ARDUINO_DIRECTORIES_DATA"):
        return Path(cli.env["ARDUINO_DIRECTORIES_DATA"])
    try:
        dump = cli.run_json(["config", "dump"]) or {}
    except ArduinoCliError:
        dump = {}
    config = dump.get("config", dump) if isinstance(dump, dict) else {}
    folder = (config.get("directories") or {}).get("data") if isinstance(config, dict) else None
    return Path(folder) if folder else default_data_dir()


def plan_setup(cli: ArduinoCli | None, offline_dir: str | Path | None = None) -> list[SetupStep]:
    """The steps that would install what is missing (skipped ones say why).

    Without arduino-cli (`cli` None: a dry run before installing it) nothing counts as installed.
    """
    pins = pinned()
    cores, libs = (cli.installed_cores(), cli.installed_libraries()) if cli else ({}, {})
    core_ref = f"{pins.core}@{pins.core_version}"
    have_core = cores.get(pins.core)
    done = _("already installed ({version})")
    steps: list[SetupStep] = []
    if offline_dir is None:
        skip = done.format(version=have_core) if have_core else ""
        steps += [SetupStep(_("update the board index"), ("core", "update-index"), skipped=skip),
                  SetupStep(_("install {core}").format(core=core_ref), ("core", "install", core_ref),
                            skipped=skip)]
        missing = [(n, v) for n, v in pins.libraries if n not in libs]
        steps.append(SetupStep(_("update the library index"), ("lib", "update-index"),
                               skipped="" if missing else _("no library missing")))
        steps += [SetupStep(_("install {lib}").format(lib=f"{n}@{v}"), ("lib", "install", f"{n}@{v}"),
                            skipped=done.format(version=libs[n]) if n in libs else "")
                  for n, v in pins.libraries]
        return steps
    return _offline_plan(cli, Path(offline_dir), core_ref, have_core, libs)


def _offline_plan(cli: ArduinoCli | None, folder: Path, core_ref: str, have_core: str | None,
                  libs: dict[str, str]) -> list[SetupStep]:
    if not folder.is_dir():
        raise ArduinoCliError(_("the offline folder {folder} does not exist").format(folder=folder),
                              _("give the folder that holds package_index.json, staging/ and the "
                                "library .zip files"))
    done = _("already installed ({version})")
    steps = []
    if not have_core:
        index, target = folder / "package_index.json", data_dir(cli) / "package_index.json"
        if not index.is_file() or not (folder / "staging").is_dir():
            raise ArduinoCliError(
                _("{folder} has no package_index.json or staging/ folder").format(folder=folder),
                _("on a computer with internet run 'leanbot setup', then copy "
                  "~/.arduino15/package_index.json and ~/.arduino15/staging into that folder"))
        steps.append(SetupStep(_("copy the board index"), copy=(str(index), str(target)),
                               skipped=_("already there") if target.is_file() else ""))
    staging = str(folder / "staging")
    steps.append(SetupStep(_("install {core}").format(core=core_ref), ("core", "install", core_ref),
                           env=(("ARDUINO_DIRECTORIES_DOWNLOADS", staging),),
                           skipped=done.format(version=have_core) if have_core else ""))
    for name, _version in pinned().libraries:
        if name in libs:
            steps.append(SetupStep(_("install {lib}").format(lib=name),
                                   skipped=done.format(version=libs[name])))
            continue
        archive = _library_zip(folder, name)
        steps.append(SetupStep(_("install {lib}").format(lib=f"{name} ({archive.name})"),
                               ("lib", "install", "--zip-path", str(archive)),
                               env=(("ARDUINO_LIBRARY_ENABLE_UNSAFE_INSTALL", "true"),)))
    return steps


def _library_zip(folder: Path, name: str) -> Path:
    found = sorted(p for p in [*folder.glob("*.zip"), *folder.glob("libraries/*.zip")]
                   if p.name.lower().startswith(name.lower()))
    if not found:
        raise ArduinoCliError(_("no archive of the {name} library in {folder}").format(
            name=name, folder=folder), _("download {name}-<version>.zip from the Arduino library "
                                         "list and put it in that folder").format(name=name))
    return found[-1]


def setup(offline_dir: str | Path | None = None, dry_run: bool = False,
          cli: ArduinoCli | None = None) -> list[SetupStep]:
    """Install what is missing (or, with `dry_run`, only plan it); returns the steps."""
    cli = cli or ArduinoCli()
    steps = plan_setup(cli, offline_dir)
    if dry_run:
        return steps
    for step in steps:
        if step.skipped:
            continue
        if step.copy:
            Path(step.copy[1]).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(step.copy[0], step.copy[1])
        else:
            cli.run_json(list(step.args), extra_env=dict(step.env))
    return steps
