"""Output folders for the benchmarks that no earlier build wrote into, and no deletions while timing.

Some file systems are slow to create files just after many were deleted near them. ext4 without a
journal (this machine's disk) passes over every inode freed in the last one to six minutes when it
looks for a free one, so each file made in a folder where a build's output was just deleted costs
up to ~0.8 ms of kernel time instead of ~0.03 ms. A benchmark that deletes the last output just
before a timed build measures that, not the build, and by as much as the tool's files happen to
land near the deleted ones: it skewed the ratio to Hugo. So every timed build here writes into a
folder of its own, an output that must go away before a build (the "cache kept" row) is renamed
aside, and everything is deleted only when the timings are done. `creation_us` measures how fast
files are made in the work folder, so a report can show the file system's state before and after.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

PROBE_FILES = 400
SLOW_US = 150.0  # a file made here usually takes 15–60 µs; above this, deleted inodes are in the way


class Scratch:
    """Fresh folders under WORK/runs/, deleted all at once by `clean` (leftovers of an interrupted run too)."""

    def __init__(self, work: Path) -> None:
        self.root = work / "runs"
        self.leftovers: list[Path] = []
        if self.root.exists():  # renamed, not deleted: deleting now would slow the builds to come
            aside = work / f"runs.old-{os.getpid()}-{time.time_ns()}"
            self.root.rename(aside)
            self.leftovers.append(aside)
        self.root.mkdir(parents=True)
        self.made = 0

    def folder(self, name: str) -> Path:
        """A new, empty folder no build has written into."""
        self.made += 1
        path = self.root / f"{self.made:04d}-{name}"
        path.mkdir()
        return path

    def set_aside(self, path: Path) -> None:
        """Move `path` out of the way without deleting anything (if it exists)."""
        if path.exists():
            path.rename(self.folder("aside") / path.name)

    def creation_us(self) -> float:
        """Microseconds the kernel takes to make one empty file in a new folder here (median of a batch)."""
        folder = self.folder("probe")
        times = []
        for i in range(PROBE_FILES):
            started = time.perf_counter()
            os.close(os.open(folder / f"{i}.html", os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644))
            times.append(time.perf_counter() - started)
        return sorted(times)[len(times) // 2] * 1e6

    def clean(self) -> None:
        for path in [self.root, *self.leftovers]:
            shutil.rmtree(path, ignore_errors=True)


def file_system_line(us: float, when: str) -> str:
    state = "normal" if us < SLOW_US else "SLOW: files deleted here minutes ago are in the way; wait and run again"
    return f"# new files in the work folder {when}: {us:.0f} µs each ({state})"
