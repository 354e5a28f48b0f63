"""Has anything changed since the last build? Answered by reading the inputs, before importing the heavy libraries.

A repeat build with nothing changed costs reading every input file once: the content folder,
the themes beside it, the default theme and Samling's own code. The answer is compared with a
build record (generator/write/record.py) of the last complete build of the same output.
"""

from __future__ import annotations

import hashlib
import os
import stat
import sys
import sysconfig
import time
from dataclasses import dataclass, field
from pathlib import Path

from generator.core.digests import file_digest

CODE = Path(__file__).resolve().parents[1]  # the generator package
DEFAULT_THEME = CODE.parent / "themes" / "default"


def hash_of(*parts: str | None) -> str:
    return hashlib.blake2b("\0".join(p or "" for p in parts).encode(), digest_size=16).hexdigest()


def code_key() -> str:
    """Samling's own code and the installed libraries: a change to either invalidates everything."""
    parts = [sys.version]
    for path in sorted(CODE.rglob("*.py")):
        st = path.stat()
        parts.append(f"{path.relative_to(CODE)}:{st.st_size}:{st.st_mtime_ns}")
    purelib = Path(sysconfig.get_paths()["purelib"])
    if purelib.is_dir():
        parts.extend(sorted(n for n in os.listdir(purelib) if n.endswith(".dist-info")))
    return hash_of(*parts)


@dataclass
class Seen:
    """The files a fingerprint read, by their stat, so that the check at the end of a build reads only
    those whose stat changed since. Any write sets a file's change time to the system's clock, which no
    one can set back; a file changed less than MARGIN before `since` is read every time, as its times
    may not tell two writes apart (coarse clocks, file systems counting in seconds)."""

    since: int = field(default_factory=lambda: time.time_ns() - MARGIN)
    files: dict[str, tuple[tuple[int, int, int, int], str]] = field(default_factory=dict)


MARGIN = 3_000_000_000  # ns


def folder_digest(folder: Path, content: bool = False, seen: Seen | None = None) -> str:
    """Every file below `folder` that a build may read, by content, with its name.

    Only regular files are opened (a FIFO would block, a device never end), each in chunks.
    A link counts by where it points and, inside the folder, by that file's content; a link out of
    the folder is never opened (the build refuses it). In the content folder (`content`), hidden files
    and folders are left out, as the build never reads them — except folders below `files/`, whose
    attachments are published; those count by size, time and inode (as generator/write/attachments.py
    copies them). A theme's hidden static files are published, so there everything counts.
    `seen`: files read before, by their stat (see Seen); those read now are added.
    """
    root = os.path.realpath(folder)
    parts = []
    for top, dirs, files in os.walk(folder):
        under = os.path.relpath(top, folder)
        attachments = content and "files" in Path(under).parts
        dirs[:] = sorted(d for d in dirs if attachments or not content or not d.startswith("."))
        for d in dirs:
            if os.path.islink(os.path.join(top, d)):
                parts.append(f"{os.path.relpath(os.path.join(top, d), folder)}->{os.readlink(os.path.join(top, d))}")
        here = "" if under == "." else f"{under}{os.sep}"  # what os.path.relpath gives, made once a folder
        for name in sorted(files):
            if content and name.startswith(".") and not attachments:
                continue
            path = os.path.join(top, name)
            parts.append(f"{here}{name}:{_entry_digest(path, root, attachments, seen)}")
    return hash_of(*parts)


def _entry_digest(path: str, root: str, by_stat: bool, seen: Seen | None = None) -> str:
    """An attachment (`by_stat`) counts by size, modification time and inode, so it is never read here."""
    try:
        st = os.lstat(path)
        if seen is not None and stat.S_ISREG(st.st_mode) and not by_stat:
            key = (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)
            known = seen.files.get(path)
            if known is not None and known[0] == key and st.st_ctime_ns < seen.since:
                return known[1]
            seen.files[path] = (key, file_digest(path))
            return seen.files[path][1]
        if stat.S_ISLNK(st.st_mode):
            target = os.path.realpath(path)
            if os.path.commonpath([target, root]) != root:
                return f"link out:{os.readlink(path)}"
            st = os.stat(target)
            path = target
        if not stat.S_ISREG(st.st_mode):
            return "not a file"  # a FIFO, device or socket: never opened, and never read by the build
        return f"{st.st_size}:{st.st_mtime_ns}:{st.st_ino}" if by_stat else file_digest(path)
    except (OSError, ValueError):
        return "unreadable"


def input_fingerprint(content: Path, seen: Seen | None = None) -> str:
    """All a build reads: the content folder, the themes beside it, the default theme and the code.

    `seen`: given again, only the files whose stat changed are read again (see Seen)."""
    themes = content.parent / "themes"
    return hash_of(
        folder_digest(content, content=True, seen=seen),
        folder_digest(themes, seen=seen) if themes.is_dir() else "",
        folder_digest(DEFAULT_THEME, seen=seen),
        code_key(),
    )
