"""The README's two commands work on a Python that refuses global installs, and CI runs the second one."""

from __future__ import annotations

import re

from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _blocks(lang: str) -> list[str]:
    return [b.strip() for b in re.findall(rf"^```{lang}\n(.*?)^```", README, re.M | re.S)]


def test_the_first_command_installs_into_a_virtual_environment_on_every_os():
    first, _tests = _blocks("bash")
    assert first.startswith("python3 -m venv .venv && . .venv/bin/activate && python -m pip install . && ")
    assert "leanbot sim lessons/square-dance.yaml" in first
    (windows,) = _blocks("powershell")
    assert windows.startswith("py -m venv .venv; .venv\\Scripts\\python -m pip install .;")
    assert "leanbot sim lessons\\square-dance.yaml" in windows
    # No bare global install in the README's commands: Debian, Ubuntu and Homebrew refuse it.
    for line in "\n".join(_blocks("bash") + _blocks("powershell")).splitlines():
        assert "pip install" not in line or "venv" in line or "pipx" in line, line


def test_ci_runs_exactly_the_readmes_test_command():
    _first, tests = _blocks("bash")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").rstrip().splitlines()
    assert ci[-1] == tests
    assert tests.endswith("python -m pytest -n 2")


def test_the_install_guide_uses_a_virtual_environment_in_both_languages():
    for lang in ("en", "vi"):
        page = (ROOT / "docs" / "guide" / lang / "install.md").read_text(encoding="utf-8")
        assert page.count("-m venv .venv") == 3, lang          # Windows, macOS, Linux
        assert "pipx install ." in page
        assert not re.search(r"^\s*(py|python3) -m pip install \.$", page, re.M), lang
