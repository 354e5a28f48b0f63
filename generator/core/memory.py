"""Memory a build has let go of, handed back to the system where it would otherwise stay; and Python's
garbage collector run less often while a build makes what lives until its end."""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterator
from contextlib import contextmanager

# Python's collector runs every 700 new objects and, now and then, goes through every object alive. A
# build makes millions that live until it ends (the model, a print's layouts), so with the default
# those full passes found little to free: at 10,000 sessions 0.68 s of the parent's CPU, 0.16 s with this.
GC_THRESHOLD = (50_000, 10, 10)


def give_back() -> None:
    """Return the free pages inside the C heap to the system (glibc's malloc_trim; elsewhere nothing).

    What Python frees stays in the heap, between what lives on: the raw text of 10,000 session files,
    dropped once the model is made (some 45 MB), sat there for the rest of a build, unused, since
    Python's small objects come from arenas of their own and only large ones could reuse it."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        trim = ctypes.CDLL(None).malloc_trim
    except (ImportError, OSError, AttributeError):  # no ctypes, or a C library without it (musl)
        return
    trim(0)


@contextmanager
def fewer_collections() -> Iterator[None]:
    """The collector run less often (GC_THRESHOLD) inside; whatever was frozen inside (`gc.freeze`) is
    collected as usual again after. The thresholds are the process's: for a command, not for a thread."""
    before = gc.get_threshold()
    gc.set_threshold(*GC_THRESHOLD)
    try:
        yield
    finally:
        gc.set_threshold(*before)
        gc.unfreeze()
