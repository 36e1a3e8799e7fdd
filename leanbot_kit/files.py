"""Files the tools read and write, handled safely.

Reading: every input (lesson, world, recording, sketch) is checked for kind (a regular file) and size
*before* a byte is read, and read with a bound, so `/dev/zero`, a FIFO or a directory gives a clear
error at once instead of filling the memory or waiting for ever.

Writing: an output goes to a temporary file in the target folder and is renamed over the target, so
a symlink already sitting at the target is replaced, never written through; a target outside the
folder it must stay in, and a name Windows reserves (`con`, `nul`, `com1` …), are refused.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import tempfile
from pathlib import Path
from typing import BinaryIO, TextIO

from leanbot_kit.errors import FileError
from leanbot_kit.i18n import N_, _

MB = 1_000_000
LESSON_BYTES = 1 * MB
WORLD_BYTES = 1 * MB
SKETCH_BYTES = 4 * MB  # one source file of a sketch; the ATmega328P holds 32 KB of program
RECORDING_BYTES = 64_000 * MB  # recordings are streamed; this only stops a runaway file

_KINDS = (
    (stat.S_ISDIR, N_("a folder")),
    (stat.S_ISFIFO, N_("a pipe (FIFO)")),
    (stat.S_ISCHR, N_("a device")),
    (stat.S_ISBLK, N_("a device")),
    (stat.S_ISSOCK, N_("a socket")),
)
# What the system says of the commonest failures, in its own (English) words: shown translated.
_OS_ERRORS = {
    errno.ENOENT: N_("No such file or directory"),
    errno.EACCES: N_("Permission denied"),
    errno.EPERM: N_("Operation not permitted"),
    errno.EISDIR: N_("Is a directory"),
    errno.ENOTDIR: N_("Not a directory"),
    errno.ELOOP: N_("Too many levels of symbolic links"),
    errno.ENAMETOOLONG: N_("File name too long"),
    errno.ENOSPC: N_("No space left on device"),
    errno.EROFS: N_("Read-only file system"),
}
# Names Windows keeps for devices, in any case and with any extension (`CON.yaml`, `lpt1.ino`).
_RESERVED = re.compile(r"(con|prn|aux|nul|com[1-9¹²³]|lpt[1-9¹²³])(\..*)?", re.IGNORECASE)


def _kind(mode: int) -> str:
    return next((_(name) for test, name in _KINDS if test(mode)), _("not a regular file"))


def _check(path: Path, st: os.stat_result, limit: int) -> None:
    if not stat.S_ISREG(st.st_mode):
        raise FileError(
            _("{path} is {kind}, not a file").format(path=path, kind=_kind(st.st_mode)),
            _("name a regular file"),
        )
    if st.st_size > limit:
        raise FileError(
            _("{path} is too big: {size} bytes, at most {limit} are read here").format(
                path=path, size=st.st_size, limit=limit
            ),
            _("is this the right file?"),
        )


def os_error_text(exc: OSError) -> str:
    """Why an operation on a file failed, in the user's language for the common cases."""
    known = _OS_ERRORS.get(exc.errno)
    return _(known) if known else str(exc.strerror or exc)


def _cannot(path: Path, exc: OSError) -> FileError:
    return FileError(
        _("cannot read {path}: {error}").format(path=path, error=os_error_text(exc)),
        _("check the path"),
    )


def open_input(path: str | Path, limit: int) -> BinaryIO:
    """Open a regular file of at most `limit` bytes for reading; FileError otherwise.

    The kind and size are checked before opening (a FIFO would block the open) and again on the
    open file (it may have been swapped in between).
    """
    path = Path(path)
    try:
        _check(path, os.stat(path), limit)
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise _cannot(path, exc) from exc
    try:
        _check(path, os.fstat(fd), limit)
    except FileError:
        os.close(fd)
        raise
    return os.fdopen(fd, "rb")


def read_input(path: str | Path, limit: int) -> bytes:
    """The bytes of a regular file of at most `limit` bytes; FileError otherwise."""
    path = Path(path)
    with open_input(path, limit) as fh:
        try:
            data = fh.read(limit + 1)
        except OSError as exc:
            raise _cannot(path, exc) from exc
    if len(data) > limit:  # it grew after the check
        raise FileError(
            _("{path} is too big: {size} bytes, at most {limit} are read here").format(
                path=path, size=len(data), limit=limit
            ),
            _("is this the right file?"),
        )
    return data


def reserved_name(name: str) -> bool:
    """True when Windows keeps `name` for a device (`con`, `NUL.txt`, `com1.ino` …)."""
    return _RESERVED.fullmatch(name.strip().rstrip(". ")) is not None


def check_name(name: str) -> None:
    """FileError when `name` cannot be a file name on every system the class uses."""
    if reserved_name(name):
        raise FileError(
            _("{name!r} is a name Windows keeps for a device, so no file may be called that")
            .format(name=name),
            _("choose another name"),
        )


def inside(folder: str | Path, target: str | Path) -> Path:
    """`target` as an absolute path, checked to lie inside `folder`; FileError if it escapes."""
    root = Path(os.path.abspath(folder))
    full = Path(os.path.abspath(target))
    if full != root and root not in full.parents:
        raise FileError(
            _("{path} is outside the output folder {folder}").format(path=target, folder=root),
            _("write inside the folder given with -o"),
        )
    return full


def write_output(path: str | Path, data: bytes | str, *, folder: str | Path | None = None) -> Path:
    """Write `data` to `path` through a temporary file in the same folder, then rename it.

    A symlink (or anything else) at `path` is replaced, never followed; a folder on the way that
    is a symlink is refused; with `folder`, `path` must lie inside it. Returns the path written.
    """
    path = inside(folder, path) if folder is not None else Path(path)
    check_name(path.name)
    parent = path.parent
    _no_symlinked_folders(parent, Path(folder) if folder is not None else None)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        parent.mkdir(parents=True, exist_ok=True)
        if path.is_dir() and not path.is_symlink():
            raise IsADirectoryError(21, os.strerror(21), str(path))
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name[:40]}.", suffix=".tmp", dir=parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(payload)
            os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes it private; give it the usual mode
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
    except OSError as exc:
        raise FileError(
            _("cannot write {path}: {error}").format(path=path, error=os_error_text(exc)),
            _("check that the folder exists and you may write to it"),
        ) from exc
    return path


def open_output_stream(path: str | Path, newline: str | None = None) -> TextIO:
    """A text file opened for writing as data arrives (a recording), never through a symlink.

    A recording is written line by line so that a killed process keeps what came before, so it
    cannot be renamed into place at the end; instead the open refuses a symlink at `path`.
    """
    path = Path(path)
    check_name(path.name)
    if path.is_symlink():
        raise _symlink(path)
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags, 0o666)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise _symlink(path) from exc
        raise
    return os.fdopen(fd, "w", encoding="utf-8", newline=newline)


def _symlink(path: Path) -> FileError:
    return FileError(
        _("{path} is a symbolic link; leanbot-kit does not write through links").format(path=path),
        _("remove the link or choose another output folder with -o"),
    )


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _no_symlinked_folders(parent: Path, root: Path | None) -> None:
    """FileError when a folder between `root` (exclusive) and `parent` is a symlink."""
    if root is None:
        return
    top = Path(os.path.abspath(root))
    here = Path(os.path.abspath(parent))
    while here != top and top in here.parents:
        if here.is_symlink():
            raise _symlink(here)
        here = here.parent
