"""The one way Samling replaces a file: write a temporary file beside it, then rename it over.

A reader (a browser, a copy to a file share, the next build) sees the old file or the new one,
never part of one; a build killed in between leaves the temporary file, which the next one tidies.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


def replace_file(path: Path, data: bytes | Iterable[bytes], tmp: Path | None = None, owner_only: bool = False) -> None:
    """Put `data` (bytes, or bytes in pieces as they are made) at `path` atomically, by way of `tmp`
    (by default `.NAME.tmp-PID` beside it). If making a piece fails, `tmp` is left for the caller.

    `owner_only`: the file is made readable by its owner alone, and never through a link someone
    planted where the temporary file goes (for the owner-only folder, see write/private.py)."""
    tmp = tmp or path.with_name(f".{path.name}.tmp-{os.getpid()}")
    if owner_only:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | NOFOLLOW, 0o600)
        with os.fdopen(fd, "wb") as f:
            _write(f, data)
    else:
        with open(tmp, "wb") as f:
            _write(f, data)
    os.replace(tmp, path)


def _write(f: BinaryIO, data: bytes | Iterable[bytes]) -> None:
    if isinstance(data, bytes):
        f.write(data)
    else:
        for piece in data:
            f.write(piece)


_NEW = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0)


def write_bytes(path: str, data: bytes) -> None:
    """Path.write_bytes without a buffered file object (three system calls, not six): for a file no
    reader sees until its folder is put in place, as in a build's staging folder."""
    fd = os.open(path, _NEW, 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    finally:
        os.close(fd)
