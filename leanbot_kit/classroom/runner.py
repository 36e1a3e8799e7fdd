"""Run a class server until Ctrl-C or SIGTERM, on a fresh asyncio loop."""

from __future__ import annotations

import asyncio
import contextlib
import signal
from collections.abc import Callable
from pathlib import Path
from typing import Any


def run_until_signal(server: Any, started: Callable[[Any], None]) -> dict[str, Path]:
    """Start `server`, call `started(info)`, wait for SIGINT/SIGTERM, stop it; returns the report paths."""
    return asyncio.run(_main(server, started))


async def _main(server: Any, started: Callable[[Any], None]) -> dict[str, Path]:
    loop = asyncio.get_running_loop()
    done = asyncio.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):  # Windows: Ctrl-C raises instead
            loop.add_signal_handler(sig, done.set)
    info = await server.start()
    try:
        started(info)
        await done.wait()
    except (KeyboardInterrupt, asyncio.CancelledError):
        pass
    return await server.stop()
