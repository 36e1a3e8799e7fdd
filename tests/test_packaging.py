"""A non-editable install finds its templates, runtime header, API header and sample lessons."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel built from this checkout, installed into a folder of its own."""
    tmp = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation",
                    "-w", str(tmp / "dist"), str(ROOT)], check=True, cwd=tmp)
    wheel = next((tmp / "dist").glob("leanbot_kit-*.whl"))
    site = tmp / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(site),
                    str(wheel)], check=True, cwd=tmp)
    return site


def _run(site: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(site))
    return subprocess.run([sys.executable, "-m", "leanbot_kit", *args], capture_output=True,
                          text=True, env=env, cwd=cwd)


def test_wheel_ships_data_files(installed: Path) -> None:
    pkg = installed / "leanbot_kit"
    assert (pkg / "firmware_templates" / "lbk_runtime.h").is_file()
    assert (pkg / "firmware_templates" / "api" / "Leanbot.h").is_file()
    shipped = [p.relative_to(pkg / "lessons").as_posix() for p in (pkg / "lessons").rglob("*")
               if p.suffix in (".yaml", ".ino")]
    assert sorted(shipped) == sorted(p.relative_to(ROOT / "lessons").as_posix()
                                     for p in (ROOT / "lessons").rglob("*") if p.suffix in (".yaml", ".ino"))
    assert list((pkg / "firmware_templates").glob("*.ino.j2"))
    assert (installed / "bin" / "leanbot").is_file()
    for page in ("index.html", "app.js", "app.css"):  # the class dashboard, served offline
        assert (pkg / "classroom" / "static" / page).is_file()


def test_installed_cli_validates_and_generates_shipped_lessons(installed: Path, tmp_path: Path) -> None:
    lessons = installed / "leanbot_kit" / "lessons"
    where = subprocess.run([sys.executable, "-c", "import leanbot_kit, sys; print(leanbot_kit.__file__)"],
                           capture_output=True, text=True, cwd=tmp_path,
                           env=dict(os.environ, PYTHONPATH=str(installed))).stdout
    assert str(installed) in where
    res = _run(installed, "validate", str(lessons), cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    res = _run(installed, "generate", str(lessons), "-o", str(tmp_path / "out"), cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    assert (tmp_path / "out" / "square-dance" / "square-dance.ino").is_file()
    assert (tmp_path / "out" / "square-dance" / "lbk_runtime.h").is_file()


def test_installed_worlds_are_found_by_name_from_anywhere(installed: Path, tmp_path: Path):
    res = _run(installed, "worlds", cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    assert {line.split()[0] for line in res.stdout.splitlines()[:-1]} == {
        p.stem for p in (ROOT / "worlds").glob("*.yaml")}
    res = _run(installed, "new", "my-lesson", cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    text = (tmp_path / "my-lesson.yaml").read_text(encoding="utf-8").replace("world: empty", "world: arena")
    (tmp_path / "my-lesson.yaml").write_text(text, encoding="utf-8")
    res = _run(installed, "validate", "my-lesson.yaml", cwd=tmp_path)
    assert res.returncode == 0, res.stdout + res.stderr
    sample = (installed / "leanbot_kit" / "lessons" / "line-follow.yaml").read_text(encoding="utf-8")
    assert "../worlds/" in sample  # the samples' relative paths fall back to the shipped worlds
    (tmp_path / "line-follow.yaml").write_text(sample, encoding="utf-8")
    res = _run(installed, "validate", "line-follow.yaml", cwd=tmp_path)
    assert res.returncode == 0, res.stdout + res.stderr
