"""Has anything changed since the last build? Answered by reading the inputs, before importing the heavy libraries.

A repeat build with nothing changed costs reading every input file once: the content folder,
the themes beside it, the default theme and Samling's own code. The answer is compared with a
small state file written by the last complete build of the same output, in its owner-only folder.
"""

from __future__ import annotations

import hashlib
import os
import stat
import sys
import sysconfig
from dataclasses import dataclass, field
from pathlib import Path

from generator.core.digests import file_digest
from generator.write.private import PrivateFolder, notice

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


def folder_digest(folder: Path, content: bool = False) -> str:
    """Every file below `folder` that a build may read, by content, with its name.

    Only regular files are opened (a FIFO would block, a device never end), each in chunks.
    A link counts by where it points and, inside the folder, by that file's content; a link out of
    the folder is never opened (the build refuses it). In the content folder (`content`), hidden files
    and folders are left out, as the build never reads them — except folders below `files/`, whose
    attachments are published; those count by size, time and inode (as generator/write/attachments.py
    copies them). A theme's hidden static files are published, so there everything counts.
    """
    root = os.path.realpath(folder)
    parts = []
    for top, dirs, files in os.walk(folder):
        attachments = content and "files" in Path(os.path.relpath(top, folder)).parts
        dirs[:] = sorted(d for d in dirs if attachments or not content or not d.startswith("."))
        for d in dirs:
            if os.path.islink(os.path.join(top, d)):
                parts.append(f"{os.path.relpath(os.path.join(top, d), folder)}->{os.readlink(os.path.join(top, d))}")
        for name in sorted(files):
            if content and name.startswith(".") and not attachments:
                continue
            path = os.path.join(top, name)
            parts.append(f"{os.path.relpath(path, folder)}:{_entry_digest(path, root, attachments)}")
    return hash_of(*parts)


def _entry_digest(path: str, root: str, by_stat: bool) -> str:
    """An attachment (`by_stat`) counts by size, modification time and inode, so it is never read here."""
    try:
        st = os.lstat(path)
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


def input_fingerprint(content: Path) -> str:
    """All a build reads: the content folder, the themes beside it, the default theme and the code."""
    themes = content.parent / "themes"
    return hash_of(
        folder_digest(content, content=True),
        folder_digest(themes) if themes.is_dir() else "",
        folder_digest(DEFAULT_THEME),
        code_key(),
    )


@dataclass
class State:
    """What the last complete build into an output recorded, in its owner-only folder (generator/write/private.py).

    `build` is the id that build wrote into the output's marker too: a marker naming another id (or
    none) was not written by a build of this output, and the folder is not emptied. `files` holds
    the size, modification and change time of each file as written, to tell an edited file from a kept one.
    """

    fingerprint: str = ""
    marker: str = ""  # digest of the marker file as that build left it
    build: str = ""
    files: dict[str, tuple[int, int, int]] = field(default_factory=dict)  # output path → (size, mtime, ctime in ns)


def read_state(private: PrivateFolder, out: Path) -> State:
    """The state of the last complete build into `out`; an empty one if there is none or it fails a check."""
    data = private.read(f"{out.name}.json")
    if not isinstance(data, dict):
        return State()
    texts = [data.get(k, "") for k in ("fingerprint", "marker", "build")]
    files = data.get("files", {})
    if not all(isinstance(t, str) for t in texts) or not isinstance(files, dict):
        return _damaged(private, out)
    kept: dict[str, tuple[int, int, int]] = {}
    for path, value in files.items():
        if not (isinstance(value, list) and len(value) == 3 and all(type(v) is int for v in value)):
            return _damaged(private, out)
        kept[path] = (value[0], value[1], value[2])
    return State(*texts, files=kept)


def _damaged(private: PrivateFolder, out: Path) -> State:
    notice(f"{private.path / (out.name + '.json')} is not a build record Samling wrote; ignored")
    return State()


def write_state(private: PrivateFolder, out: Path, state: State) -> None:
    data = {"fingerprint": state.fingerprint, "marker": state.marker, "build": state.build, "files": state.files}
    private.write(f"{out.name}.json", data)
