"""Which files changed under the watched folders: told by the system (watchfiles), polled where not.

watchfiles (Rust's `notify`, as uvicorn uses it) hears every save as the system reports it, so a
burst of quick saves is never lost between two scans and a big site costs nothing to watch. A
folder that does not exist yet (the site themes beside the content) is polled until it does, and
everything is polled if the system's watcher cannot start (some network or container file systems).
"""

from __future__ import annotations

import asyncio
import os
import threading
import time
from collections.abc import Iterable
from pathlib import Path

import watchfiles

_EDITOR_TEMP = (".swp", ".swx", ".swo", ".tmp", ".bak", "~")


def ignored(name: str) -> bool:
    """Hidden files and editor scratch files are not content; skipping them spares needless rebuilds."""
    return name.startswith((".", "#")) or name.endswith(_EDITOR_TEMP) or name == "4913"


class Watcher:
    """Polls modification times and sizes under some roots; a root may appear or vanish later."""

    def __init__(self, roots: Iterable[Path]) -> None:
        self.roots = tuple(str(r) for r in roots)
        self.snapshot = self.scan()
        self.cost = 0.0  # seconds the last scan took

    def changes(self) -> set[Path]:
        started = time.perf_counter()
        new = self.scan()
        self.cost = time.perf_counter() - started
        changed = {Path(p) for p in new.keys() | self.snapshot.keys() if new.get(p) != self.snapshot.get(p)}
        self.snapshot = new
        return changed

    def scan(self) -> dict[str, tuple[int, int]]:
        # Plain strings and DirEntry.stat(): at 10,000 files Path objects alone would cost more than the stats.
        found: dict[str, tuple[int, int]] = {}
        for root in self.roots:
            if os.path.isfile(root):
                _stat_into(found, root)
            else:
                _walk(root, found)
        return found


def _walk(folder: str, found: dict[str, tuple[int, int]]) -> None:
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                if ignored(entry.name):
                    continue
                if entry.is_dir():
                    _walk(entry.path, found)
                else:
                    _stat_into(found, entry.path, entry)
    except OSError:
        return  # not there (yet), or vanished mid-scan: the next scan sees it


def _stat_into(found: dict[str, tuple[int, int]], path: str, entry: os.DirEntry[str] | None = None) -> None:
    try:
        st = entry.stat() if entry is not None else os.stat(path)
    except OSError:
        return
    found[path] = (st.st_mtime_ns, st.st_size)


class NotifyWatcher:
    """The system's watcher over the roots that exist; polling over those that do not (yet)."""

    def __init__(self, roots: Iterable[Path]) -> None:
        roots = tuple(roots)
        self.watched = tuple(r for r in roots if r.is_dir())
        self.polled = Watcher(r for r in roots if r not in self.watched)
        self.cost = 0.0
        self._seen: set[Path] = set()
        self._lock = threading.Lock()
        self._stop = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self.failed = False  # the system's watcher stopped: everything is polled from then on

    def start(self) -> None:
        if self.watched:
            self._task = asyncio.ensure_future(self._listen())

    async def _listen(self) -> None:
        try:
            async for batch in watchfiles.awatch(
                *self.watched, watch_filter=self._wanted, debounce=1600, step=20, stop_event=self._stop
            ):
                with self._lock:
                    self._seen.update(Path(path) for _, path in batch)
        except Exception:  # no watcher on this file system: poll instead, from a fresh snapshot
            self.polled = Watcher((*self.watched, *(Path(r) for r in self.polled.roots)))
            self.failed = True

    def _wanted(self, change: watchfiles.Change, path: str) -> bool:
        for root in self.watched:
            if path.startswith(str(root) + os.sep):
                return not any(ignored(part) for part in Path(path).relative_to(root).parts)
        return True

    def changes(self) -> set[Path]:
        started = time.perf_counter()
        found = self.polled.changes()
        self.cost = self.polled.cost + time.perf_counter() - started
        with self._lock:
            found |= self._seen
            self._seen = set()
        return found

    def stop(self) -> None:
        self._stop.set()
