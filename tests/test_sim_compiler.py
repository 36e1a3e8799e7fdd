"""Which compiler builds the simulator: $CXX, then c++/g++/clang++ on PATH, then ziglang."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from leanbot_kit.errors import SimError
from leanbot_kit.sim import compiler as compiler_module
from leanbot_kit.sim.compiler import find_compiler


def fake(folder: Path, name: str, version: str, works: bool = True) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    code = 0 if works else 1
    path.write_text(f"#!/bin/sh\necho '{version}'\nexit {code}\n")
    path.chmod(0o755)
    return path


def test_cxx_comes_first(tmp_path):
    cxx = fake(tmp_path / "own", "my-cxx", "my compiler 1.0")
    fake(tmp_path / "bin", "g++", "g++ 12")
    chosen = find_compiler({"CXX": str(cxx), "PATH": str(tmp_path / "bin")})
    assert chosen.source == "CXX"
    assert chosen.version == "my compiler 1.0"


def test_broken_cxx_falls_back_to_path_in_order(tmp_path):
    bin_dir = tmp_path / "bin"
    fake(bin_dir, "clang++", "clang 16")
    fake(bin_dir, "g++", "g++ 12")
    chosen = find_compiler({"CXX": str(tmp_path / "missing"), "PATH": str(bin_dir)})
    assert (chosen.source, chosen.version) == ("PATH", "g++ 12")
    fake(bin_dir, "c++", "c++ 12")
    assert find_compiler({"PATH": str(bin_dir)}).version == "c++ 12"


def test_a_compiler_that_fails_is_skipped(tmp_path):
    bin_dir = tmp_path / "bin"
    fake(bin_dir, "c++", "broken", works=False)
    fake(bin_dir, "clang++", "clang 16")
    assert find_compiler({"PATH": str(bin_dir)}).version == "clang 16"


@pytest.mark.skipif(sys.platform == "win32", reason="PATH handling differs")
def test_ziglang_when_nothing_is_on_path(tmp_path):
    pytest.importorskip("ziglang")
    chosen = find_compiler({"PATH": str(tmp_path)})
    assert chosen.source == "ziglang"
    assert "clang" in chosen.version


def test_no_compiler_at_all_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setattr(compiler_module, "ZIG_COMMAND", (str(tmp_path / "no-zig"),))
    with pytest.raises(SimError) as caught:
        find_compiler({"PATH": str(tmp_path)})
    assert "no working C++ compiler" in caught.value.message
    assert "ziglang" in caught.value.hint
