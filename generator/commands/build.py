"""`samling build` and `samling check`: one complete build into an output, or every check without writing."""

from __future__ import annotations

from pathlib import Path

from generator.core.rendered import BuildResult
from generator.incremental.builder import Builder, check

__all__ = ["build", "check"]


def build(content: Path, output: Path) -> BuildResult:
    """A complete build into `output`, swapped in atomically; reuses the cache beside it."""
    return Builder(content, output, warm=False).build(None)
