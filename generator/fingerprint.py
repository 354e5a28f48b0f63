"""Has anything changed since the last build? Answered by reading the inputs, before importing the heavy libraries.

A repeat build with nothing changed costs reading every input file once: the content folder,
the themes beside it, the default theme and Samling's own code. The answer is compared with a
small state file written by the last complete build into the same output folder.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import sysconfig
from pathlib import Path

CODE = Path(__file__).resolve().parent
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


def folder_digest(folder: Path) -> str:
    """Every file below `folder` by content, with its name (links are followed to files, not folders)."""
    parts = []
    for top, dirs, files in os.walk(folder):
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(top, name)
            try:
                with open(path, "rb") as f:
                    data = hashlib.blake2b(f.read(), digest_size=16).hexdigest()
            except OSError:
                data = "unreadable"
            parts.append(f"{os.path.relpath(path, folder)}:{data}")
    return hash_of(*parts)


def input_fingerprint(content: Path) -> str:
    """All a build reads: the content folder, the themes beside it, the default theme and the code."""
    themes = content.parent / "themes"
    return hash_of(
        folder_digest(content),
        folder_digest(themes) if themes.is_dir() else "",
        folder_digest(DEFAULT_THEME),
        code_key(),
    )


def state_path(out: Path) -> Path:
    return out.parent / ".samling-cache" / f"{out.name}.json"


def read_state(out: Path) -> dict[str, str]:
    """{"fingerprint": …, "marker": …} of the last complete build into `out`, or {}."""
    try:
        data = json.loads(state_path(out).read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def write_state(out: Path, fingerprint: str, marker: str) -> None:
    path = state_path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps({"fingerprint": fingerprint, "marker": marker}), "utf-8")
    os.replace(tmp, path)
