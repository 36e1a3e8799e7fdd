"""Is a serial port free? Without resetting the robot where possible.

On Linux the processes holding the device are found in /proc (no side effect; names the holder) and
the permission is checked with access(2). Elsewhere, or when asked, an exclusive open is tried; note
that opening a port raises DTR, which resets an Arduino-style robot.
"""

from __future__ import annotations

import os
from pathlib import Path

PROC = Path("/proc")


def holders(device: str, proc: Path = PROC) -> list[tuple[int, str]]:
    """(pid, name) of the other processes that have `device` open (Linux; readable processes only)."""
    try:
        target = os.path.realpath(device)
    except OSError:
        return []
    found = []
    for entry in proc.iterdir() if proc.is_dir() else []:
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            links = [os.readlink(fd) for fd in (entry / "fd").iterdir()]
        except OSError:
            continue
        if target in links:
            found.append((int(entry.name), _name(entry)))
    return found


def _name(entry: Path) -> str:
    try:
        return (entry / "comm").read_text().strip()
    except OSError:
        return "?"


def probe_open(device: str) -> tuple[str, str]:
    """Try an exclusive open: free, busy, no-permission or missing."""
    import serial

    port = serial.Serial()
    port.port, port.exclusive, port.timeout = device, True, 0
    try:
        port.open()
    except serial.SerialException as exc:
        text = str(exc)
        if getattr(exc, "errno", None) == 13 or "ermission" in text or "Access is denied" in text:
            return "no-permission", ""
        if "No such file" in text or "could not find" in text.lower():
            return "missing", ""
        return "busy", ""
    except (OSError, ValueError):
        return "unknown", ""
    port.close()
    return "free", ""


def probe_status(device: str, *, use_open: bool | None = None, proc: Path = PROC) -> tuple[str, str]:
    """(status, holder) of a device: free, busy, no-permission, missing or unknown."""
    if device.startswith(("sim://", "loop://", "replay://")):
        return "free", ""
    if use_open is None:
        use_open = not proc.is_dir()
    if not use_open:
        if not os.path.exists(device):
            return "missing", ""
        found = holders(device, proc)
        if found:
            return "busy", ", ".join(f"{name} (pid {pid})" for pid, name in found)
        if not os.access(device, os.R_OK | os.W_OK):
            return "no-permission", ""
        return "free", ""
    return probe_open(device)
