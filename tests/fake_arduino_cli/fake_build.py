"""The fake arduino-cli's `compile` and `upload`: real result shapes, build artifacts, failures."""

from __future__ import annotations

import os
import re
import sys
import time
from pathlib import Path

from fake_common import AVR_BOARDS, AVR_VERSIONS, HEADER_LIBS, STATE, TIPS, installed, opt, sample
from fake_query import port_entries


# ---------------------------------------------------------------- compile
def sketch_of(positional):
    path = Path(positional[0] if positional else os.getcwd()).resolve()
    folder = path.parent if path.suffix == ".ino" else path
    return folder, folder / (folder.name + ".ino")


def profile_target(folder, profile):
    """fqbn and libraries of a sketch.yaml profile (read line by line: no YAML library needed)."""
    path = folder / "sketch.yaml"
    if not path.exists():
        return None, []
    fqbn, libs, inside, in_libs = None, [], False, False
    for line in path.read_text().splitlines():
        indent = len(line) - len(line.lstrip())
        stripped = line.strip()
        if indent == 2 and stripped.rstrip(":") == profile:
            inside = True
        elif indent <= 2 and stripped:
            inside = False
        if inside and stripped.startswith("fqbn:"):
            fqbn = stripped.split(":", 1)[1].strip()
        if inside and indent == 4:
            in_libs = stripped.startswith("libraries:")
        if inside and in_libs and stripped.startswith("- "):
            libs.append(stripped[2:].split("(")[0].strip())
    return fqbn, libs


def compile_fail(cli, error, compiler_err="", out="", builder=None):
    result = {"compiler_out": out, "compiler_err": compiler_err, "builder_result": builder,
              "upload_result": {} if cli.v1 else None, "success": False, "error": error}
    if cli.legacy:  # <= 0.29: JSON without `error` on stdout, the reason as text on stderr (#1698)
        del result["upload_result"], result["error"]
        cli.out(result)
        sys.stderr.write(error + "\n")
    else:
        cli.out(result)
    sys.exit(1)


def cmd_compile(cli, positional):
    folder, ino = sketch_of(positional)
    profile = opt(cli.opts, "--profile", "-m")
    fqbn = opt(cli.opts, "--fqbn", "-b")
    state = installed(cli.ctl)
    libs = list(state["libraries"])
    if profile:
        fqbn, libs = profile_target(folder, profile)
    if not ino.exists():
        cli.fatal(f"Can't open sketch: main file missing from sketch: {ino}")
    if not fqbn:
        compile_fail(cli, "Missing FQBN (Fully Qualified Board Name)")
    platform = ":".join(fqbn.split(":")[:2])
    if not profile and platform not in state["cores"]:
        compile_fail(cli, f"Error during build: Platform '{platform}' not found: platform not "
                     f"installed\nTry running `arduino-cli core install {platform}`")
    if platform == "arduino:avr" and fqbn.split(":")[2] not in AVR_BOARDS:
        compile_fail(cli, f"Error during build: Invalid FQBN: board {fqbn} not found")
    time.sleep(cli.ctl["compile_seconds"])
    source = ino.read_text(encoding="utf-8", errors="replace")
    check_includes(cli, ino, source, folder, libs)
    check_broken(cli, ino, source)
    build_ok(cli, folder, ino, source, state["cores"].get(platform, AVR_VERSIONS[-1]))


def check_includes(cli, ino, source, folder, libs):
    for number, line in enumerate(source.splitlines(), 1):
        match = re.match(r'\s*#include\s*[<"]([\w./]+)[>"]', line)
        if not match or (folder / match.group(1)).exists():
            continue
        lib = HEADER_LIBS.get(match.group(1))
        if lib and lib not in libs:
            col = line.index(match.group(1)) if "<" not in line else line.index("<") + 1
            err = (f"{ino}:{number}:{col}: fatal error: {match.group(1)}: No such file or "
                   f"directory\n{line}\n{' ' * (col - 1)}^{'~' * (len(match.group(1)) + 1)}\n"
                   "compilation terminated.\n")
            compile_fail(cli, "Error during build: exit status 1", err)


def check_broken(cli, ino, source):
    lines = source.splitlines()
    hits = [(n, line) for n, line in enumerate(lines, 1) if re.search(r"\bBROKEN\b", line)]
    if not hits and "compile-error" in cli.ctl["modes"]:
        hits = [(1, lines[0] if lines else "")]
    if not hits:
        return
    number, line = hits[0]
    col = line.find("BROKEN") + 1 if "BROKEN" in line else 1
    word = "BROKEN" if "BROKEN" in line else "compile_error"
    caret = f" {line}\n {' ' * (col - 1)}^~~~~~"
    err = (f"{ino}: In function 'void loop()':\n{ino}:{number}:{col}: error: '{word}' was not "
           f"declared in this scope\n{caret}\n")
    builder = None
    if cli.v1:
        builder = {"diagnostics": [{"severity": "ERROR", "file": str(ino), "line": number,
                                    "column": col, "message": f"'{word}' was not declared in "
                                    f"this scope\n{caret}"}]}
    compile_fail(cli, "Error during build: exit status 1", err, builder=builder)


def sizes(cli, source):
    flash = int(cli.ctl.get("flash_bytes") or 1200 + 2 * len(source.encode()))
    ram = int(cli.ctl.get("ram_bytes") or 180 + len(source) // 40)
    if "too-big" in cli.ctl["modes"]:
        flash = 33412
    if "ram-too-big" in cli.ctl["modes"]:
        ram = 2131
    return flash, ram


def build_ok(cli, folder, ino, source, core_version):
    flash, ram = sizes(cli, source)
    out = (f"Sketch uses {flash} bytes ({flash * 100 // 32256}%) of program storage space. "
           f"Maximum is 32256 bytes.\nGlobal variables use {ram} bytes ({ram * 100 // 2048}%) "
           f"of dynamic memory, leaving {2048 - ram} bytes for local variables. "
           "Maximum is 2048 bytes.\n")
    import hashlib

    digest = hashlib.md5(str(folder).encode()).hexdigest().upper()
    build_path = Path(opt(cli.opts, "--build-path") or STATE / "cache" / "sketches" / digest)
    name = ino.name
    data = sample("1.x-compile-ok.json" if cli.v1 else "0.35-compile-ok.json")
    result = data["builder_result"]
    result["build_path"] = str(build_path)
    result["executable_sections_size"] = [{"name": "text", "size": flash, "max_size": 32256},
                                          {"name": "data", "size": ram, "max_size": 2048}]
    for key in ("board_platform", "build_platform"):
        result[key]["version"] = core_version
        result[key]["install_dir"] = result[key]["install_dir"].replace("1.8.6", core_version)
    result["build_properties"] = [p.replace("Blink.ino", name).replace(
        "/home/user/.cache/arduino/sketches/277E164C8E35884E434E7157DC19B184", str(build_path))
        .replace("/tmp/arduino/sketches/277E164C8E35884E434E7157DC19B184", str(build_path))
        for p in result["build_properties"]]
    data["compiler_out"] = out
    if flash > 32256:
        compile_fail(cli, "Error during build: text section exceeds available space in board",
                     f"Sketch too big; see {TIPS} for tips on reducing it.\n", out, result)
    if ram > 2048:
        compile_fail(cli, "Error during build: data section exceeds available space in board",
                     f"Not enough memory; see {TIPS} for tips on reducing your footprint.\n",
                     out, result)
    if ram > 2048 * 3 // 4:
        data["compiler_err"] = "Low memory available, stability problems may occur.\n"
    write_artifacts(build_path, name, flash)
    if opt(cli.opts, "--output-dir"):
        write_artifacts(Path(opt(cli.opts, "--output-dir")), name, flash)
    cli.out(data) if cli.json else print(out, end="")


def intel_hex(size):
    import hashlib

    lines, seed = [], hashlib.sha256(str(size).encode()).digest()
    for address in range(0, min(size, 4096), 16):
        chunk = (seed * 2)[address % 32: address % 32 + 16]
        record = bytes([len(chunk), address >> 8 & 255, address & 255, 0]) + chunk
        lines.append(":" + record.hex().upper() + f"{(-sum(record)) & 255:02X}")
    return "\n".join(lines + [":00000001FF", ""])


def write_artifacts(folder, name, flash):
    folder.mkdir(parents=True, exist_ok=True)
    text = intel_hex(flash)
    (folder / f"{name}.hex").write_text(text)
    (folder / f"{name}.with_bootloader.hex").write_text(text)
    (folder / f"{name}.eep").write_text(":00000001FF\n")
    (folder / f"{name}.elf").write_bytes(b"\x7fELF\x01\x01\x01" + bytes(flash % 997))
    (folder / f"{name}.bin").write_bytes(bytes(flash))
    (folder / f"{name}.with_bootloader.bin").write_bytes(bytes(flash + 512))


# ---------------------------------------------------------------- upload
AVRDUDE = {  # avrdude 6.3 lines (samples/errors-avrdude.txt); "not-responding" is DERIVED
    "permission": 'avrdude: ser_open(): can\'t open device "{port}": Permission denied\n',
    "busy": 'avrdude: ser_open(): can\'t open device "{port}": Device or resource busy\n',
    "no-port": 'avrdude: ser_open(): can\'t open device "{port}": No such file or directory\n',
    "not-responding": "avrdude: stk500_recv(): programmer is not responding\n",
}


def upload_failure(cli, port):
    behaviour = cli.ctl["upload_by_port"].get(port)
    if behaviour is None:
        behaviour = next((m for m in ("not-in-sync", "busy", "permission", "no-port",
                                      "not-responding") if m in cli.ctl["modes"]), None)
        if behaviour and "fail-once" in cli.ctl["modes"]:
            behaviour += "-once"
    if not behaviour or behaviour == "ok":
        return None
    if behaviour.endswith("-once"):
        behaviour = behaviour[:-5]
        marker = STATE / "failed-once" / re.sub(r"[^A-Za-z0-9]", "_", port)
        if marker.exists():
            return None
        marker.parent.mkdir(parents=True, exist_ok=True)
        marker.write_text(port)
    return behaviour


def cmd_upload(cli, positional):
    port = opt(cli.opts, "--port", "-p")
    fqbn = opt(cli.opts, "--fqbn", "-b") or opt(cli.opts, "--profile", "-m")
    input_dir = opt(cli.opts, "--input-dir")
    if not port:
        cli.fatal("Failed uploading: no upload port provided")
    if not fqbn:
        cli.fatal("Missing FQBN (Fully Qualified Board Name)")
    folder = Path(input_dir) if input_dir else sketch_of(positional)[0]
    if not any(folder.glob("*.ino.hex")):
        cli.fatal(f"Error finding build artifacts: Compiled sketch not found in {folder}")
    behaviour = upload_failure(cli, port)
    if behaviour:
        time.sleep(min(cli.ctl["upload_seconds"], 0.3))
        if behaviour == "not-in-sync":
            stderr = sample("1.x-upload-fail-not-in-sync.json")["output"]["stderr"]
        else:
            stderr = AVRDUDE[behaviour].format(port=port)
        cli.fatal("Failed uploading: uploading error: exit status 1", 1,
                  {"stdout": "", "stderr": stderr})
    time.sleep(cli.ctl["upload_seconds"])
    data = sample("1.x-upload-ok-port-not-discovered.json")
    data["updated_upload_port"]["address"] = port
    for entry in port_entries(cli):
        if entry["port"]["address"] == port:
            data["updated_upload_port"] = entry["port"]
    if cli.json:
        cli.out(data)


