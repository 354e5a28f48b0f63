"""Optional native accelerators, each behind a guarantee of the very same output as the pure-Python path.

An accelerator is used when its wheel is installed and it is not switched off; without it the build
works unchanged, only slower. `SAMLING_ACCELERATORS=off` switches every one off: that is how the
tests run the pure-Python path on a machine that has the wheels (the path Windows, macOS or musl
take where a wheel is missing), and how a user rules an accelerator out when in doubt.
"""

from __future__ import annotations

import importlib
import os
from types import ModuleType

SWITCH = "SAMLING_ACCELERATORS"


def switched_off() -> bool:
    return os.environ.get(SWITCH, "").strip().lower() in {"off", "0", "no", "false", "none"}


def accelerator(module: str) -> ModuleType | None:
    """The module if it is installed, importable and not switched off; None otherwise."""
    if switched_off():
        return None
    try:
        return importlib.import_module(module)
    except ImportError:  # no wheel for this platform, or a broken one: the pure-Python path
        return None
