"""Attachments (`files/` folders) are copied by streaming, and an unchanged one is not read at all."""

from __future__ import annotations

from pathlib import Path

from generator.core.errors import Problems

Stats = tuple[int, int, int]  # size, modification time in ns, inode


def attachments_to_copy(
    published: dict[str, Path | bytes], problems: Problems, before: dict[str, tuple[int, int, int, str]]
) -> tuple[list[tuple[str, Path, str | None]], dict[str, Stats]]:
    """Every published attachment (validate/files.py) as (output path, source, digest if unchanged), and their stats.

    Unchanged means the same size, modification time and file (inode) as when it was last copied
    (`before`): then its digest is known without reading it. Only regular files are listed."""
    found, stats = [], {}
    for path, source in published.items():
        if isinstance(source, bytes) or path.startswith("assets/"):  # a cleaned SVG, the logo: written as bytes
            continue
        try:
            st = source.stat()
        except OSError as exc:
            problems.add(source, 0, f"cannot be read ({exc.strerror})", "check that the file exists")
            continue
        stats[path] = now = (st.st_size, st.st_mtime_ns, st.st_ino)
        seen = before.get(path)
        found.append((path, source, seen[3] if seen and seen[:3] == now else None))
    return found, stats
