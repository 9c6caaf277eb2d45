"""Files that are never half-written: write beside the target under a unique name, then rename; lock
a file for a read-modify-write shared by processes. Every writer of the project goes through here."""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock


@contextmanager
def replacing(path: Path) -> Iterator[Path]:
    """A temporary path beside ``path`` to write to; on success it replaces ``path`` at once.

    The temporary file lives in a fresh private directory next to the target (``tempfile``), so its
    name can never be that of another file, and the rename stays on one file system. Whatever
    happens, the directory is removed; on failure the target is left as it was.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{path.name[:40]}.", suffix=".tmp", dir=path.parent))
    try:
        temporary = staging / path.name
        yield temporary
        fsync(temporary)
        os.replace(temporary, path)
        fsync(path.parent)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def write_atomically(path: Path, data: bytes | str, mode: int | None = None) -> None:
    """Replace ``path`` with these bytes (or UTF-8 text) in one step; ``mode`` sets its permissions."""
    with replacing(path) as temporary:
        temporary.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        if mode is not None:
            temporary.chmod(mode)


@contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold an exclusive lock for ``path`` across processes (on a side file, since ``path`` gets replaced)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with FileLock(path.with_name(f".{path.name}.lock"), mode=0o600):
        yield


def fsync(path: Path) -> None:
    """Make a file's contents (or a directory's entries) durable before going on."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


ERRORS = {
    errno.ENOENT: "bestaat niet", errno.EACCES: "geen toegang", errno.EPERM: "niet toegestaan",
    errno.ENOSPC: "de schijf is vol", errno.EROFS: "alleen-lezen bestandssysteem", errno.EISDIR: "is een map",
    errno.ENOTDIR: "een deel van het pad is geen map", errno.ENAMETOOLONG: "de naam is te lang",
    errno.EEXIST: "bestaat al", errno.EDQUOT: "het schijfquotum is op", errno.EIO: "lees- of schrijffout",
}


def os_error_text(error: OSError) -> str:
    """A file-system error in Dutch: 'kan niet lezen of schrijven (geen toegang: /pad)'."""
    reason = ERRORS.get(error.errno or 0, error.strerror or type(error).__name__)
    where = f": {error.filename}" if error.filename else ""
    return f"kan niet lezen of schrijven ({reason}{where})"
