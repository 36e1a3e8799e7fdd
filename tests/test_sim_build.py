"""Building the simulated robot: cached runtime and sketches, atomic parallel builds, clear errors."""

from __future__ import annotations

import shutil
import threading

import pytest

from leanbot_kit.errors import SimError
from leanbot_kit.sim.build import build_runtime, build_sketch
from tests.sim_fixtures import (  # noqa: F401 - fixtures
    leanbot_sketch,
    needs_cxx,
    sim_cache,
    sim_cache_dir,
    write_sketch,
)

pytestmark = [needs_cxx, pytest.mark.usefixtures("sim_cache")]


def test_second_build_is_cached_and_does_not_recompile(tmp_path):
    write_sketch(tmp_path / "cached", leanbot_sketch('  Serial.println("hi");'))
    first = build_sketch(tmp_path / "cached")
    mtime = first.binary.stat().st_mtime_ns
    second = build_sketch(tmp_path / "cached")
    assert not first.cached and second.cached and second.runtime_cached
    assert second.binary == first.binary
    assert second.binary.stat().st_mtime_ns == mtime


def test_runtime_is_compiled_once():
    build_runtime()
    folder, cached = build_runtime()
    assert cached
    assert any(p.suffix == ".o" for p in folder.iterdir())


def test_any_change_in_the_sketch_folder_rebuilds(tmp_path):
    ino = write_sketch(tmp_path / "changes", leanbot_sketch('  Serial.println("one");'))
    first = build_sketch(tmp_path / "changes")
    (tmp_path / "changes" / "notes.h").write_text("#define NOTE 1\n")
    second = build_sketch(tmp_path / "changes")
    ino.write_text(leanbot_sketch('  Serial.println("two");'))
    third = build_sketch(ino)
    assert len({first.key, second.key, third.key}) == 3
    assert not third.cached


def test_moved_sketch_folder_is_still_cached(tmp_path):
    write_sketch(tmp_path / "a" / "moving", leanbot_sketch('  Serial.println("move");'))
    first = build_sketch(tmp_path / "a" / "moving")
    shutil.move(tmp_path / "a", tmp_path / "b")
    assert build_sketch(tmp_path / "b" / "moving").key == first.key


def test_two_builds_at_once_both_get_a_complete_binary(tmp_path):
    write_sketch(tmp_path / "race", leanbot_sketch('  Serial.println("race");'))
    results, errors = [], []

    def build():
        try:
            results.append(build_sketch(tmp_path / "race"))
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=build) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert results[0].binary == results[1].binary and results[0].binary.is_file()
    assert not list(results[0].binary.parent.glob("build-*"))  # no temporary left over


def test_compile_error_shows_the_compiler_lines_mapped_to_the_ino(tmp_path):
    ino = write_sketch(tmp_path / "broken", leanbot_sketch("  int x = ;"))
    with pytest.raises(SimError) as caught:
        build_sketch(ino)
    message = caught.value.message
    assert "does not compile" in message
    assert f"{ino}:5:" in message
    assert caught.value.hint


def test_missing_sketch_is_a_clear_error(tmp_path):
    with pytest.raises(SimError) as caught:
        build_sketch(tmp_path / "nothing-here")
    assert "no sketch" in caught.value.message


def test_an_ino_not_named_after_its_folder_is_built_on_its_own(tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    (folder / "first.ino").write_text(leanbot_sketch('  Serial.println("first");\n  LbMission.end();'))
    (folder / "second.ino").write_text(leanbot_sketch('  Serial.println("second");'))
    (folder / "helper.cpp").write_text("int broken = ;\n")
    build = build_sketch(folder / "first.ino")
    assert build.binary.name.startswith("first-")


def test_old_binaries_are_pruned_but_flashed_ones_kept(tmp_path, monkeypatch):
    from leanbot_kit.sim import build as build_module
    from leanbot_kit.sim.robots import flash_sim

    monkeypatch.setattr(build_module, "KEEP_BINARIES", 2)
    inos = [write_sketch(tmp_path / f"prune{i}", leanbot_sketch(f"  Serial.println({i});"))
            for i in range(4)]
    flashed = flash_sim("prune-robot", inos[0].parent).binary
    built = [build_sketch(ino).binary for ino in inos[1:]]
    assert flashed.is_file()  # a named robot's program stays
    assert not built[0].exists() and built[1].is_file() and built[2].is_file()
