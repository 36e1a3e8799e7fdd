"""`leanbot setup`: online or from a folder, idempotent, and a dry run that only prints."""

from __future__ import annotations

import zipfile

import pytest
from click.testing import CliRunner

from leanbot_kit.arduino.setup import setup
from leanbot_kit.cli import cli
from leanbot_kit.errors import ArduinoCliError
from tests.arduino_fixtures import fake_cli_fixture  # noqa: F401 - fixtures


def installing(fake_cli):
    return [a for a in fake_cli.calls() if a[:2] in (["core", "install"], ["lib", "install"],
                                                     ["core", "update-index"], ["lib", "update-index"])]


@pytest.mark.parametrize("version", ["1.2.2", "0.35.3"])
def test_online_setup_installs_then_skips(fake_cli, version):
    fake_cli.set(version=version, mode="no-core,no-library")
    steps = setup()
    assert not any(s.skipped for s in steps)
    assert fake_cli.installed() == {"cores": {"arduino:avr": "1.8.6"},
                                    "libraries": {"Leanbot": "1.0.0"}}
    done = [a[:3] for a in installing(fake_cli)]
    assert done == [["core", "update-index", done[0][2]], ["core", "install", "arduino:avr@1.8.6"],
                    ["lib", "update-index", done[2][2]], ["lib", "install", "Leanbot@1.0.0"]]
    again = setup()
    assert all(s.skipped for s in again)
    assert len(installing(fake_cli)) == 4  # nothing ran the second time


def test_dry_run_prints_the_commands_and_changes_nothing(fake_cli):
    fake_cli.set(mode="no-library")
    result = CliRunner().invoke(cli, ["setup", "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "lib install Leanbot@1.0.0" in result.stdout
    assert "already installed (1.8.6)" in result.stdout
    assert installing(fake_cli) == []


def offline_folder(tmp_path, *, library=True):
    folder = tmp_path / "offline"
    (folder / "staging" / "packages").mkdir(parents=True)
    (folder / "package_index.json").write_text('{"packages": []}')
    if library:
        with zipfile.ZipFile(folder / "Leanbot-1.0.0.zip", "w") as archive:
            archive.writestr("Leanbot/library.properties", "name=Leanbot\nversion=1.0.0\n")
            archive.writestr("Leanbot/src/Leanbot.h", "#pragma once\n")
    return folder


def test_offline_setup_from_a_folder(fake_cli, tmp_path, monkeypatch):
    fake_cli.set(mode="no-core,no-library")
    data = tmp_path / "arduino15"
    monkeypatch.setenv("ARDUINO_DIRECTORIES_DATA", str(data))
    folder = offline_folder(tmp_path)
    setup(folder)
    assert (data / "package_index.json").is_file()
    assert fake_cli.installed()["libraries"] == {"Leanbot": "1.0.0"}
    log = {tuple(e["argv"][:2]): e for e in fake_cli.log()}
    assert log[("core", "install")]["env"]["ARDUINO_DIRECTORIES_DOWNLOADS"] == str(folder / "staging")
    assert log[("lib", "install")]["env"]["ARDUINO_LIBRARY_ENABLE_UNSAFE_INSTALL"] == "true"
    assert "--zip-path" in log[("lib", "install")]["argv"]
    assert not [a for a in fake_cli.calls() if "update-index" in a]  # nothing from the internet
    assert all(s.skipped for s in setup(folder))


def test_offline_dry_run_shows_environment(fake_cli, tmp_path):
    fake_cli.set(mode="no-core,no-library")
    folder = offline_folder(tmp_path)
    result = CliRunner().invoke(cli, ["setup", "--offline", str(folder), "--dry-run"])
    assert result.exit_code == 0, result.output
    assert "ARDUINO_LIBRARY_ENABLE_UNSAFE_INSTALL=true" in result.stdout
    assert "--zip-path" in result.stdout and "core install arduino:avr@1.8.6" in result.stdout
    assert "package_index.json" in result.stdout


def test_offline_folder_without_the_library_zip(fake_cli, tmp_path):
    fake_cli.set(mode="no-library")
    with pytest.raises(ArduinoCliError) as info:
        setup(offline_folder(tmp_path, library=False))
    assert "Leanbot" in info.value.message and ".zip" in info.value.hint


def test_offline_folder_without_the_index(fake_cli, tmp_path):
    fake_cli.set(mode="no-core")
    (tmp_path / "bare").mkdir()
    with pytest.raises(ArduinoCliError) as info:
        setup(tmp_path / "bare")
    assert "staging" in info.value.hint


def test_zip_install_is_refused_by_arduino_cli_without_the_unsafe_switch(fake_cli, tmp_path):
    from leanbot_kit.arduino.cli_runner import ArduinoCli

    folder = offline_folder(tmp_path)
    with pytest.raises(ArduinoCliError) as info:
        ArduinoCli().run_json(["lib", "install", "--zip-path", str(folder / "Leanbot-1.0.0.zip")])
    assert "--zip-path are disabled" in info.value.stderr


def _no_arduino_cli(monkeypatch, tmp_path):
    """A machine without arduino-cli: ARDUINO_CLI unset and nothing named arduino-cli on the PATH."""
    monkeypatch.delenv("ARDUINO_CLI", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))
    monkeypatch.setenv("ARDUINO_DIRECTORIES_DATA", str(tmp_path / "arduino-data"))


def test_dry_run_without_arduino_cli_shows_what_it_would_run(monkeypatch, tmp_path):
    _no_arduino_cli(monkeypatch, tmp_path)
    result = CliRunner().invoke(cli, ["setup", "--dry-run"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == ["arduino-cli core update-index",
                                          "arduino-cli core install arduino:avr@1.8.6",
                                          "arduino-cli lib update-index",
                                          "arduino-cli lib install Leanbot@1.0.0"]
    assert "arduino-cli is not installed" in result.stderr
    folder = offline_folder(tmp_path)
    result = CliRunner().invoke(cli, ["setup", "--offline", str(folder), "--dry-run"])
    assert result.exit_code == 0, result.output
    assert f"cp {folder / 'package_index.json'} {tmp_path / 'arduino-data' / 'package_index.json'}" \
        in result.stdout
    assert "arduino-cli lib install --zip-path" in result.stdout


def test_setup_without_arduino_cli_still_fails_with_advice(monkeypatch, tmp_path):
    _no_arduino_cli(monkeypatch, tmp_path)
    result = CliRunner().invoke(cli, ["setup"])
    assert result.exit_code == 1
    assert "arduino-cli" in result.output and "Traceback" not in result.output
