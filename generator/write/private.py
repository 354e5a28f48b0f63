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
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from generator.core.atomic import NOFOLLOW, replace_file

NAME = ".samling-cache"


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
            if not stat.S_ISREG(st.st_mode) or not _owned(st):
                notice(f"{self.path / name} is not a file of yours alone; ignored")
                return None
            with os.fdopen(fd, "rb", closefd=False) as f:
                return json.loads(f.read())
        except (OSError, ValueError, RecursionError):
            notice(f"{self.path / name} is damaged; ignored")
            return None
        finally:
            os.close(fd)

    def write(self, name: str, data: Any) -> None:
        """Write JSON atomically, readable by the owner only; nothing when the folder is refused."""
        if not self.ok:
            return
        path = self.path / name
        tmp = path.with_name(f"{name}.{os.getpid()}.tmp")
        try:
            replace_file(path, _chunks(json_pieces(data)), tmp, owner_only=True)
        except (ValueError, TypeError, RecursionError):
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            return  # e.g. an integer too long to print: the next build just does the work
        except OSError as exc:
            notice(f"{path} cannot be written ({exc.strerror}); the next build does the work again")


_ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode  # what json.dumps makes anew each call
_QUOTE = json.encoder.encode_basestring  # json.dumps(text, ensure_ascii=False), in C


def json_pieces(value: Any, depth: int = 0) -> Iterator[str]:
    """json.dumps(value, ensure_ascii=False, separators=(",", ":")) in pieces, one per entry of the
    outer two levels: the cache of 10,000 sessions is some 120 MB of JSON, which made whole (as text,
    then as bytes) was the peak of a build's memory."""
    if depth < 2 and isinstance(value, Mapping):
        yield "{"
        for i, (key, item) in enumerate(value.items()):
            if not isinstance(key, str):
                raise TypeError("only text keys are written")
            yield f"{',' if i else ''}{_QUOTE(key)}:"
            yield from json_pieces(item, depth + 1)
        yield "}"
    else:
        yield _ENCODE(value)


def _chunks(pieces: Iterator[str], size: int = 1 << 20) -> Iterator[bytes]:
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
