"""The folder where a build keeps what only its owner may write: the cache, the state, the build id.

It is `.samling-cache/` beside the output, made with owner-only permissions. On a shared folder
anyone else could plant or swap files there, so it is checked before every read — a real folder
(not a link), owned by the user who builds, writable by no one else — and so is every file read
from it. What fails a check is ignored with one notice on stderr: the build then does the work.
Everything in it is JSON of plain values, validated by its reader; nothing in it is ever run.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
import sys
from collections.abc import Generator, Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from generator.core.atomic import NOFOLLOW, replace_file

NAME = ".samling-cache"
HEAD_BYTES = 4096  # the longest first line read_lines takes: a header


def notice(message: str) -> None:
    print(f"samling: {message}", file=sys.stderr)


def _owned(st: os.stat_result) -> bool:
    """Owned by the user who builds and writable by no one else (Windows: no owners to check)."""
    mine = not hasattr(os, "getuid") or st.st_uid == os.getuid()
    return mine and not st.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


class PrivateFolder:
    """The checked folder for one output; `ok` is False when it is refused (then reads find nothing)."""

    def __init__(self, out: Path, create: bool = True) -> None:
        self.path = out.parent / NAME
        self.ok = False
        self.why = ""
        if create and out.parent.is_dir():
            try:
                os.mkdir(self.path, 0o700)
            except FileExistsError:
                pass
            except OSError as exc:
                self.why = f"cannot be made ({exc.strerror})"
        try:
            st = os.lstat(self.path)
        except FileNotFoundError:
            return
        except OSError as exc:
            self.why = f"cannot be read ({exc.strerror})"
        else:
            if stat.S_ISLNK(st.st_mode) or not stat.S_ISDIR(st.st_mode):
                self.why = "is not a folder (a link or a file)"
            elif not _owned(st):
                self.why = "belongs to another user or others may write in it"
            else:
                self.ok = True
        if self.why:
            notice(f"{self.path} {self.why}; the cache and build record are ignored — delete it if it is not yours")

    def read(self, name: str) -> Any:
        """The JSON in `name`, or None when there is none or it fails a check (one notice)."""
        f = self._open(name)
        if f is None:
            return None
        try:
            with f:
                return json.loads(f.read())
        except (OSError, ValueError, RecursionError):
            notice(f"{self.path / name} is damaged; ignored")
            return None

    def read_lines(self, name: str) -> Generator[Any, None, None] | None:
        """The JSON values in `name`, one a line, each parsed as it is taken (a line that is not JSON raises
        ValueError then), or None when there is none or it fails a check. A file whose first line is not
        a short one was not written a value a line (an older cache): it gives nothing.

        Read whole, the cache of 10,000 sessions was some 220 MB of text (two bytes a character, for one
        en dash) beside what was parsed from it: the peak of a build's memory."""
        f = self._open(name)
        return None if f is None else _values(f)

    def _open(self, name: str) -> BinaryIO | None:
        if not self.ok:
            return None
        try:
            fd = os.open(self.path / name, os.O_RDONLY | NOFOLLOW)
        except FileNotFoundError:
            return None
        except OSError as exc:
            notice(f"{self.path / name} cannot be read ({exc.strerror}); ignored")
            return None
        try:
            st = os.fstat(fd)
            if stat.S_ISREG(st.st_mode) and _owned(st):
                return os.fdopen(fd, "rb")
            notice(f"{self.path / name} is not a file of yours alone; ignored")
        except OSError:
            notice(f"{self.path / name} is damaged; ignored")
        os.close(fd)
        return None

    def write(self, name: str, data: Any) -> None:
        """Write JSON atomically, readable by the owner only; nothing when the folder is refused."""
        self._write(name, map(_ENCODE, [data]))  # encoded inside _write, which turns its errors away

    def write_lines(self, name: str, values: Iterable[Any]) -> None:
        """Write JSON values one a line (each made as it is written), as `write` does."""
        self._write(name, (piece for value in values for piece in (_ENCODE(value), "\n")))

    def _write(self, name: str, pieces: Iterable[str]) -> None:
        if not self.ok:
            return
        path = self.path / name
        tmp = path.with_name(f"{name}.{os.getpid()}.tmp")
        try:
            replace_file(path, _chunks(pieces), tmp, owner_only=True)
        except (ValueError, TypeError, RecursionError):
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            return  # e.g. an integer too long to print: the next build just does the work
        except OSError as exc:
            notice(f"{path} cannot be written ({exc.strerror}); the next build does the work again")


def _values(f: BinaryIO) -> Generator[Any, None, None]:
    with f:
        first = f.readline(HEAD_BYTES)
        if not first.endswith(b"\n"):
            return
        yield json.loads(first)
        for line in f:
            yield json.loads(line)


_ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode  # what json.dumps makes anew each call


def _chunks(pieces: Iterable[str], size: int = 1 << 20) -> Iterator[bytes]:
    """The pieces joined into about `size` characters each before they are encoded and written."""
    held: list[str] = []
    count = 0
    for piece in pieces:
        held.append(piece)
        count += len(piece)
        if count >= size:
            yield "".join(held).encode("utf-8")
            held, count = [], 0
    if held:
        yield "".join(held).encode("utf-8")
