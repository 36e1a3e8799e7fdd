"""Readers for arduino-cli's JSON output, 0.x (`--format json`) and 1.x (`--json`) alike.

Shapes follow the real samples: bare arrays (0.x) or wrapped objects (1.x), enums as numbers (0.x) or
strings (1.x), optional keys omitted or empty. Unknown keys are ignored everywhere.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

_SKETCH_USES = re.compile(r"Sketch uses (\d+) bytes")
_GLOBALS_USE = re.compile(r"Global variables use (\d+) bytes")
_LIB_LOCATIONS = {0: "ide", 1: "user", 2: "platform", 3: "ref-platform", 4: "unmanaged", 5: "profile"}


@dataclass(frozen=True)
class DetectedPort:
    """One port of `board list`: address, USB ids (lower-case hex, no 0x) and matching boards."""

    address: str
    protocol: str = "serial"
    label: str = ""
    vid: str = ""
    pid: str = ""
    serial_number: str = ""
    boards: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Diagnostic:
    """One compiler message: file, line, column, severity and text."""

    file: str
    line: int
    column: int
    severity: str
    message: str


@dataclass(frozen=True)
class CompileOutput:
    """What `compile` reported: success, sizes, compiler text, build path and platform version."""

    success: bool
    flash_bytes: int | None = None
    ram_bytes: int | None = None
    compiler_out: str = ""
    compiler_err: str = ""
    error: str = ""
    build_path: str = ""
    platform_version: str = ""
    diagnostics: tuple[Diagnostic, ...] = field(default_factory=tuple)


def loads(text: str) -> Any:
    """Parse one JSON document; None when `text` is empty or not JSON."""
    text = (text or "").strip()
    if not text:
        return None
    try:
        return json.loads(text)
    except ValueError:
        return None


def _items(data: Any, key: str) -> list[Any]:
    """The list of a 1.x wrapper (`{key: [...]}`) or a 0.x bare array."""
    if isinstance(data, dict):
        data = data.get(key) or []
    return [item for item in data if isinstance(item, dict)] if isinstance(data, list) else []


def version_from_json(data: Any) -> str | None:
    """`VersionString` of `version --json` / `--format json`."""
    return str(data["VersionString"]) if isinstance(data, dict) and data.get("VersionString") else None


def version_from_text(text: str) -> str | None:
    """The version of a `arduino-cli version` text line (`... Version: 0.21.1 Commit: ...`)."""
    match = re.search(r"Version:\s*(\S+)", text or "")
    return match.group(1) if match else None


def version_number(version: str) -> tuple[int, int, int] | None:
    """`1.2.2` → (1, 2, 2); None for `git-snapshot`, `nightly-…` and other non-release builds."""
    match = re.match(r"v?(\d+)\.(\d+)\.(\d+)", version or "")
    return tuple(int(g) for g in match.groups()) if match else None  # type: ignore[return-value]


def cores(data: Any) -> dict[str, str]:
    """Installed platforms of `core list`: id → installed version (0.x `installed`, 1.x `installed_version`)."""
    found = {}
    for item in _items(data, "platforms"):
        version = item.get("installed_version") or item.get("installed")
        if item.get("id") and version:
            found[str(item["id"])] = str(version)
    return found


def libraries(data: Any) -> dict[str, str]:
    """Installed libraries of `lib list`: name → version (the first one found wins, as in the builder)."""
    found: dict[str, str] = {}
    for item in _items(data, "installed_libraries"):
        lib = item.get("library") if isinstance(item.get("library"), dict) else {}
        if lib.get("name") and lib["name"] not in found:
            found[str(lib["name"])] = str(lib.get("version", ""))
    return found


def library_location(value: Any) -> str:
    """The location of a library as 1.x names it (0.x prints a number, omitted when 0)."""
    if isinstance(value, int):
        return _LIB_LOCATIONS.get(value, str(value))
    return str(value) if value else "ide"


def _hexid(value: Any) -> str:
    text = str(value or "").lower()
    return text[2:] if text.startswith("0x") else text


def detected_ports(data: Any) -> list[DetectedPort]:
    """Ports of `board list`: 0.18 flat items, 0.19+ `{port, matching_boards}`, 1.x wrapped."""
    ports = []
    for item in _items(data, "detected_ports"):
        port = item.get("port") if isinstance(item.get("port"), dict) else item
        props = port.get("properties") if isinstance(port.get("properties"), dict) else {}
        old_boards = item.get("boards") or []
        boards = item.get("matching_boards") or old_boards
        first = old_boards[0] if old_boards and isinstance(old_boards[0], dict) else {}
        ports.append(DetectedPort(
            address=str(port.get("address", "")),
            protocol=str(port.get("protocol", "serial")),
            label=str(port.get("protocol_label", "")),
            vid=_hexid(props.get("vid") or first.get("vid")),
            pid=_hexid(props.get("pid") or first.get("pid")),
            serial_number=str(port.get("hardware_id") or props.get("serialNumber")
                              or props.get("serial") or item.get("serial_number") or ""),
            boards=tuple((str(b.get("name", "")), str(b.get("fqbn", "")))
                         for b in boards if isinstance(b, dict)),
        ))
    return ports


def _sizes(result: dict[str, Any], compiler_out: str) -> tuple[int | None, int | None]:
    flash = ram = None
    for section in result.get("executable_sections_size") or []:
        if section.get("name") == "text":
            flash = int(section.get("size", 0))
        elif section.get("name") == "data":
            ram = int(section.get("size", 0))
    if flash is None and (m := _SKETCH_USES.search(compiler_out)):
        flash = int(m.group(1))
    if ram is None and (m := _GLOBALS_USE.search(compiler_out)):
        ram = int(m.group(1))
    return flash, ram


def _diagnostics(result: dict[str, Any]) -> tuple[Diagnostic, ...]:
    return tuple(
        Diagnostic(str(d.get("file", "")), int(d.get("line", 0)), int(d.get("column", 0)),
                   str(d.get("severity", "")).lower(), str(d.get("message", "")))
        for d in result.get("diagnostics") or [] if isinstance(d, dict))


def compile_output(data: Any) -> CompileOutput:
    """The result of `compile`: `{compiler_out, compiler_err, builder_result, success[, error]}`."""
    data = data if isinstance(data, dict) else {}
    result = data.get("builder_result") if isinstance(data.get("builder_result"), dict) else {}
    out, err = str(data.get("compiler_out") or ""), str(data.get("compiler_err") or "")
    flash, ram = _sizes(result, out)
    platform = result.get("build_platform") or result.get("board_platform") or {}
    return CompileOutput(
        success=bool(data.get("success")), flash_bytes=flash, ram_bytes=ram, compiler_out=out,
        compiler_err=err, error=str(data.get("error") or ""),
        build_path=str(result.get("build_path") or ""),
        platform_version=str(platform.get("version", "")) if isinstance(platform, dict) else "",
        diagnostics=_diagnostics(result))


def error_text(stdout: str, stderr: str) -> str:
    """Everything a failure said: the JSON `error` and `output.stdout/stderr`, or the plain text."""
    parts = []
    for text in (stderr, stdout):
        data = loads(text)
        if isinstance(data, dict):
            output = data.get("output") if isinstance(data.get("output"), dict) else {}
            parts += [str(data.get("error") or ""), str(data.get("compiler_err") or ""),
                      str(output.get("stderr") or ""), str(output.get("stdout") or "")]
        elif text:
            parts.append(text)
    return "\n".join(p for p in parts if p.strip())
