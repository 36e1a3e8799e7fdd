"""`build_sketch`: compiled once per content hash, sizes checked, profiles where arduino-cli has them."""

from __future__ import annotations

import pytest

from leanbot_kit.arduino.build import build_sketch
from leanbot_kit.arduino.compile_errors import step_of_line
from leanbot_kit.arduino.sketches import SketchSource
from leanbot_kit.errors import ArduinoCliError, SketchError
from tests.arduino_fixtures import fake_cli_fixture, sketch_dir_fixture, write_sketch  # noqa: F401 - fixtures
from tests.conftest import LESSONS


def test_cold_build_compiles_and_warm_build_does_not(fake_cli, sketch_dir):
    cold = build_sketch(sketch_dir)
    warm = build_sketch(sketch_dir)
    assert (cold.cached, warm.cached) == (False, True)
    assert len(fake_cli.calls("compile")) == 1
    assert warm.hex_dir == cold.hex_dir and list(warm.hex_dir.glob("Robot.ino.hex"))
    assert (warm.flash_bytes, warm.ram_bytes) == (cold.flash_bytes, cold.ram_bytes)
    assert 0 < cold.flash_bytes <= 32256 and 0 < cold.ram_bytes <= 2048


def test_build_outputs_land_in_the_user_cache(fake_cli, sketch_dir, tmp_path):
    result = build_sketch(sketch_dir)
    assert result.hex_dir.parent == tmp_path / "cache" / "builds"
    compile_argv = fake_cli.calls("compile")[0]
    assert "--output-dir" in compile_argv


def test_editing_the_sketch_compiles_again(fake_cli, sketch_dir):
    first = build_sketch(sketch_dir)
    ino = sketch_dir / "Robot.ino"
    ino.write_text(ino.read_text() + "// changed\n")
    second = build_sketch(sketch_dir)
    assert not second.cached and second.key != first.key
    assert len(fake_cli.calls("compile")) == 2


def test_another_core_version_or_cli_version_compiles_again(fake_cli, sketch_dir):
    first = build_sketch(sketch_dir)
    fake_cli.state.joinpath("installed.json").write_text(
        '{"cores": {"arduino:avr": "1.8.5"}, "libraries": {"Leanbot": "1.0.0"}}')
    second = build_sketch(sketch_dir)
    fake_cli.set(version="1.2.3")
    third = build_sketch(sketch_dir)
    assert len({first.key, second.key, third.key}) == 3
    assert len(fake_cli.calls("compile")) == 3


def test_fqbn_is_part_of_the_key(fake_cli, sketch_dir):
    build_sketch(sketch_dir)
    old = build_sketch(sketch_dir, fqbn="arduino:avr:nano:cpu=atmega328old")
    assert not old.cached and old.fqbn == "arduino:avr:nano:cpu=atmega328old"


@pytest.mark.parametrize("version, expected", [("1.2.2", "--profile"), ("0.35.3", "--profile"),
                                               ("0.27.1", "--fqbn")])
def test_profile_is_used_where_arduino_cli_supports_it(fake_cli, tmp_path, version, expected):
    fake_cli.set(version=version)
    folder = write_sketch(tmp_path, "Prof", profile=True)
    result = build_sketch(folder)
    argv = fake_cli.calls("compile")[0]
    assert expected in argv
    assert result.fqbn == "arduino:avr:uno"
    assert result.profile == ("leanbot" if expected == "--profile" else None)


def test_fqbn_option_overrides_the_profile(fake_cli, tmp_path):
    folder = write_sketch(tmp_path, "Prof", profile=True)
    build_sketch(folder, fqbn="arduino:avr:nano:cpu=atmega328old")
    argv = fake_cli.calls("compile")[0]
    assert "--profile" not in argv and "arduino:avr:nano:cpu=atmega328old" in argv


def test_sketch_without_profile_uses_the_uno(fake_cli, sketch_dir):
    build_sketch(sketch_dir)
    argv = fake_cli.calls("compile")[0]
    assert argv[argv.index("--fqbn") + 1] == "arduino:avr:uno"


def test_a_failed_build_leaves_nothing_in_the_cache(fake_cli, sketch_dir, tmp_path):
    fake_cli.set(mode="too-big")
    with pytest.raises(ArduinoCliError):
        build_sketch(sketch_dir)
    builds = tmp_path / "cache" / "builds"
    assert not [p for p in builds.iterdir() if not p.name.startswith(".")]
    fake_cli.set(mode="")
    assert build_sketch(sketch_dir).cached is False


def test_low_memory_is_a_warning(fake_cli, sketch_dir):
    fake_cli.control(ram_bytes=1700)
    result = build_sketch(sketch_dir)
    assert result.warnings and "348" in result.warnings[0]


def test_lone_ino_file_is_built_in_its_own_folder(fake_cli, tmp_path):
    ino = tmp_path / "loose.ino"
    ino.write_text("void setup() {}\nvoid loop() {}\n")
    result = build_sketch(ino)
    assert result.sketch_folder.name == "loose"
    assert not result.cached


def test_missing_source_is_explained(fake_cli, tmp_path):
    with pytest.raises(SketchError):
        build_sketch(tmp_path / "nothing.yaml")
    (tmp_path / "empty").mkdir()
    with pytest.raises(SketchError) as info:
        build_sketch(tmp_path / "empty")
    assert "empty.ino" in info.value.message


def test_lesson_is_generated_then_built(fake_cli):
    result = build_sketch(LESSONS / "square-dance.yaml")
    assert result.lesson_path == LESSONS / "square-dance.yaml"
    assert (result.sketch_folder / "sketch.yaml").is_file()
    assert result.profile == "leanbot"
    assert build_sketch(LESSONS / "square-dance.yaml").cached


def test_compile_error_in_generated_code_names_the_lesson_step(fake_cli):
    lesson = LESSONS / "square-dance.yaml"
    built = build_sketch(lesson)
    ino = built.sketch_folder / f"{built.sketch_folder.name}.ino"
    lines = ino.read_text().splitlines()
    step_line = next(i for i, line in enumerate(lines) if "// Step 2:" in line or "// Bước 2:" in line)
    lines.insert(step_line + 1, "  BROKEN;")
    ino.write_text("\n".join(lines) + "\n")
    src = SketchSource(built.sketch_folder, ino, lesson)
    with pytest.raises(ArduinoCliError) as info:
        build_sketch(src)
    err = info.value
    assert err.kind == "compile-error" and err.step == "2"
    assert "step 2" in err.message and "square-dance.yaml" in err.message
    assert "'BROKEN' was not declared" in err.message


def test_step_of_line_takes_the_nearest_step_above():
    text = "a\n  // Step 1: go\nx\n  // Step 3.2: beep\ny\nz\n"
    assert [step_of_line(text, n) for n in (1, 2, 3, 5, 6)] == [None, "1", "1", "3.2", "3.2"]
    assert step_of_line("  // Bước 4: đi\nx\n", 2) == "4"


def test_compile_error_in_a_generated_sketch_folder_names_the_step(fake_cli, tmp_path):
    from leanbot_kit.generate import generate_sketch
    from leanbot_kit.lesson import load_lesson

    sketch = generate_sketch(load_lesson(LESSONS / "square-dance.yaml"), tmp_path / "out")
    lines = sketch.ino.read_text().splitlines()
    step_line = next(i for i, line in enumerate(lines) if "// Step 3:" in line or "// Bước 3:" in line)
    lines.insert(step_line + 1, "  BROKEN;")
    sketch.ino.write_text("\n".join(lines) + "\n")
    with pytest.raises(ArduinoCliError) as info:
        build_sketch(sketch.folder)
    assert info.value.step == "3" and "step 3" in info.value.message
