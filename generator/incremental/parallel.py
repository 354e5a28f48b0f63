"""Work split across two processes: the caller's and one forked child.

Forking (not spawning), and only from the main thread, means the child starts with everything
already in memory — the site model, compiled templates — so only the results travel back through a
pipe, as plain values (marshal of what `encode` makes of them: strings, bytes, numbers, lists,
dicts — nothing that names a class or runs code when read). Where fork does not exist (Windows) or
the work is small, everything runs in the calling process. A child that fails costs only time: its
half is then done here.
"""

from __future__ import annotations

import gc
import marshal
import multiprocessing
import multiprocessing.connection
import os
import sys
import threading
import time
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

MIN_ITEMS = 200  # below this a fork (~10–30 ms with a big heap) costs more than it saves


def in_two(
    work: Callable[[Sequence[T]], R],
    items: Sequence[T],
    min_items: int = MIN_ITEMS,
    encode: Callable[[R], Any] = lambda r: r,
    decode: Callable[[Any], R] = lambda v: v,
) -> list[R]:
    """work(items) as one or two results, the second half done in a forked child at the same time.

    The child's result travels as marshal(encode(result)) and is read back with decode. Only the main
    thread forks: a fork from another thread copies locks other threads held (a deadlock in the child),
    so the live preview, which builds in a worker thread, builds in one process."""
    if (
        len(items) < min_items
        or "fork" not in multiprocessing.get_all_start_methods()
        or os.cpu_count() == 1
        or threading.current_thread() is not threading.main_thread()
    ):
        return [work(items)]
    # What is in memory now (the model, the compiled templates) lives until both halves are done: out of
    # every collection meanwhile, here and in the child, whose collections would also write to (and so
    # copy) every page of the heap it shares.
    gc.freeze()
    try:
        mine, theirs = _halves(work, items, encode, decode)
    finally:
        gc.unfreeze()
    return [mine, theirs if theirs is not None else work(items[len(items) // 2 :])]


def _halves(
    work: Callable[[Sequence[T]], R], items: Sequence[T], encode: Callable[[R], Any], decode: Callable[[Any], R]
) -> tuple[R, R | None]:
    """The first half done here, the second in a forked child: None if it did not come back whole."""
    half = len(items) // 2
    sys.stdout.flush()
    sys.stderr.flush()
    receive, send = multiprocessing.get_context("fork").Pipe(duplex=False)
    child = multiprocessing.get_context("fork").Process(
        target=_child, args=(lambda part: encode(work(part)), items[half:], send, receive), daemon=True
    )
    child.start()
    send.close()
    try:
        mine = work(items[:half])
    except BaseException:
        child.kill()
        child.join()
        raise
    try:
        theirs = decode(marshal.loads(receive.recv_bytes()))
    except (EOFError, OSError, ValueError, TypeError, KeyError):
        theirs = None
    finally:
        receive.close()
        child.join()
    return mine, theirs if child.exitcode == 0 else None


def _child(
    work: Callable[[Sequence[T]], R],
    items: Sequence[T],
    send: multiprocessing.connection.Connection,
    receive: multiprocessing.connection.Connection,
) -> None:
    # Holding the read end would block this child forever on a full pipe once the parent is gone;
    # and the parent's stdout and stderr are not its to keep open (a caller waits for them to close).
    receive.close()
    threading.Thread(target=_exit_with, args=(os.getppid(),), daemon=True).start()
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    send.send_bytes(marshal.dumps(work(items)))  # pyright: ignore[reportArgumentType]  # `encode` made it plain
    send.close()


def _exit_with(parent: int) -> None:
    """End this child soon after its parent is killed, so it stops writing into a folder the next build tidies."""
    while os.getppid() == parent:
        time.sleep(0.05)
    os._exit(1)
