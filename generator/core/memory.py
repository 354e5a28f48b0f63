"""Memory a build has let go of, handed back to the system where it would otherwise stay."""

from __future__ import annotations

import sys


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
