"""One build at a time per output folder: a lock on a file beside it.

A second build into the same output would tidy away the first one's staging folder as a leftover of
a killed build. So a build takes an exclusive lock on `.samling-cache/NAME.lock` beside the output (flock, or
msvcrt on Windows: released by the system when the process ends, however it ends), waits a bounded
time for it, and otherwise says who holds it. The file itself stays: removing it would race the lock.
"""

from __future__ import annotations

import contextlib
import errno
import os
import socket
import stat
import time
from collections.abc import Iterator
from pathlib import Path

from generator.write.private import NAME, notice
from generator.write.staging import OutputRefused

WAIT_SECONDS = 30.0  # SAMLING_LOCK_WAIT overrides it (tests use a short wait)
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_BUSY = {errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK, getattr(errno, "EDEADLOCK", errno.EAGAIN)}


class OutputBusy(OutputRefused):
    """Another build holds the output's lock."""


def lock_path(out: Path) -> Path:
    return out.parent / NAME / f"{out.name}.lock"


def _try_lock(fd: int) -> bool:
    try:
        if os.name == "nt":
            import msvcrt

            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        if exc.errno in _BUSY:
            return False
        raise  # the file system cannot lock (some network shares): the caller goes on without
    return True


def _locked(fd: int, path: Path) -> bool:
    try:
        return _try_lock(fd)
    except OSError as exc:
        notice(f"{path} cannot be locked ({exc.strerror}); building without the lock — run one build at a time")
        return True


@contextlib.contextmanager
def output_lock(out: Path, wait: float | None = None) -> Iterator[None]:
    """Hold the output's lock for the block; raises OutputBusy after `wait` seconds (OSError if it cannot be made)."""
    if wait is None:
        try:
            wait = float(os.environ.get("SAMLING_LOCK_WAIT", WAIT_SECONDS))
        except ValueError:
            wait = WAIT_SECONDS
    path = lock_path(out)
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT | _NOFOLLOW | getattr(os, "O_NONBLOCK", 0), 0o600)
    except OSError as exc:
        raise OutputRefused(f"{path} cannot be made ({exc.strerror}) — check the folder above the output") from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OutputRefused(f"{path} is not a regular file — delete it and build again")
        deadline = time.monotonic() + wait
        while not _locked(fd, path):
            if time.monotonic() >= deadline:
                raise OutputBusy(f"another build is writing {out} ({_holder(path)}) — wait for it to end, or stop it")
            time.sleep(0.1)  # polling a lock: the wait is bounded by the deadline, not by who wins
        st = os.fstat(fd)
        if st.st_nlink != 1 or (hasattr(os, "getuid") and st.st_uid != os.getuid()):
            yield  # not a file of ours alone (planted?): lock it, but never write into it
            return
        holder = f"pid {os.getpid()} on {socket.gethostname()} since {time.strftime('%Y-%m-%d %H:%M:%S %Z')}"
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, holder.encode("utf-8", "replace")[:200])
        yield
    finally:
        os.close(fd)  # releases the lock


def _holder(path: Path) -> str:
    try:
        with open(path, "rb") as f:
            text = f.read(200).decode("utf-8", "replace")
    except OSError:
        text = ""
    text = "".join(c if c.isprintable() else "?" for c in text).strip()
    return text or "holder unknown"
