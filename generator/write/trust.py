"""Whether an output folder is Samling's, and which of its files are still as a build wrote them.

Anyone who can write beside an output can write a marker file, plant a link or edit a page, so none
of that is taken on trust: a marker is proven by the build id that the owner-only build record also
holds (generator/write/private.py), and a file is kept only if it is a regular file with the size and times
recorded when it was written, or else the bytes its manifest names.
"""

from __future__ import annotations

import os
import posixpath
import secrets
import stat
from collections.abc import Iterable
from pathlib import Path

from generator.core.digests import file_digest
from generator.write.staging import MARKER, OutputRefused, Staging, check_paths, digest, read_manifest, read_marker


def prove_output(out: Path, build: str, marker_digest: str) -> None:
    """Refuse a non-empty `out` unless Samling made it: a marker is not enough, anyone can write one.

    The proof is the build id in the marker matching the owner-only build record (`build`; a record
    from before ids existed proves it by the digest of the marker it saw). Without a record (deleted,
    damaged), the folder must hold exactly the files its manifest names and no link: then a build
    replaces only what a build made (a file edited since is written again, see kept_files).
    """
    if not out.is_dir() or not any(out.iterdir()):
        return
    marked, manifest = read_marker(out)
    if build and marked == build:
        return
    try:
        if marker_digest and not marked and digest((out / MARKER).read_bytes()) == marker_digest:
            return
    except OSError:
        pass
    if manifest and _exactly(out, manifest):
        return
    raise OutputRefused(
        f"{out} holds files that no Samling build of this output made (its marker is not proven) — "
        "if it is an old output of yours, delete the folder and build again; otherwise choose another output folder"
    )


def _exactly(out: Path, manifest: dict[str, str]) -> bool:
    """Every entry below `out` is a real folder or a file the manifest names; all of them are there."""
    seen = 0
    for top, dirs, files in os.walk(out):
        for name in dirs:
            if os.path.islink(os.path.join(top, name)):
                return False
        for name in files:
            path = os.path.join(top, name)
            rel = os.path.relpath(path, out).replace(os.sep, "/")
            if rel == MARKER:
                continue
            try:
                if not stat.S_ISREG(os.lstat(path).st_mode) or rel not in manifest:
                    return False
            except OSError:
                return False
            seen += 1
    return seen == len(manifest)


def kept_files(out: Path, manifest: dict[str, str], recorded: dict[str, tuple[int, int, int]]) -> dict[str, str]:
    """The files of `manifest` still in `out` as the last build wrote them: path → digest.

    A file whose size, modification and change times are those recorded is taken as it is; one that differs
    is read (in chunks) and compared with its digest. Links, files of other users and anything not a
    regular file, also below a folder that became a link, are never kept: they are written afresh.
    """
    real_dirs: dict[str, bool] = {"": True}
    kept = {}
    for path, expected in manifest.items():
        folder = posixpath.dirname(path)
        if folder not in real_dirs:
            real_dirs[folder] = _real_folder(out, folder, real_dirs)
        if not real_dirs[folder]:
            continue
        try:
            st = os.lstat(out / path)
            if not stat.S_ISREG(st.st_mode) or (hasattr(os, "getuid") and st.st_uid != os.getuid()):
                continue  # a file someone else owns could be changed by them once it is linked into the site
            if (
                recorded.get(path) == (st.st_size, st.st_mtime_ns, st.st_ctime_ns)
                or file_digest(out / path) == expected
            ):
                kept[path] = expected
        except OSError:
            continue
    return kept


def _real_folder(out: Path, folder: str, known: dict[str, bool]) -> bool:
    parent = posixpath.dirname(folder)
    if parent not in known:
        known[parent] = _real_folder(out, parent, known)
    try:
        return known[parent] and stat.S_ISDIR(os.lstat(out / folder).st_mode)
    except OSError:
        return False


def file_stats(out: Path, paths: Iterable[str]) -> dict[str, tuple[int, int, int]]:
    """(size, mtime, ctime in ns) of each file as written, for the build record.

    The change time is set by the system on every write, also when the modification time is put back."""
    stats = {}
    base = f"{out}/"  # joined as text: a Path made for each of 20,000 files costs as much as its lstat
    for path in paths:
        try:
            st = os.lstat(base + path)
        except OSError:
            continue
        if stat.S_ISREG(st.st_mode):
            stats[path] = (st.st_size, st.st_mtime_ns, st.st_ctime_ns)
    return stats


def write_site(outputs: list[tuple[str, bytes | None]], out: Path) -> dict[str, int]:
    """Write a complete site into `out`, atomically. Returns counts for the summary.

    Content None means "as in the previous build": the file is taken from `out` as it is. Like a
    build, it holds the output's lock and replaces only an output proven to be a build's (see Builder).
    """
    from generator.write.lock import output_lock
    from generator.write.private import PrivateFolder
    from generator.write.record import State, read_state, write_state

    check_paths(p for p, _ in outputs)
    with output_lock(out):
        private = PrivateFolder(out)
        state = read_state(private, out)
        prove_output(out, state.build, state.marker)
        build = state.build or secrets.token_hex(16)
        if build != state.build:
            write_state(private, out, State("", state.marker, build))
        stage = Staging(out, build, kept_files(out, read_manifest(out), state.files))
        try:
            written = sum(stage.add(path, data) for path, data in outputs)
        except BaseException:
            stage.abandon()
            raise
        removed = stage.swap([p for p, _ in outputs])
        marker = digest((out / MARKER).read_bytes())
        write_state(private, out, State("", marker, build, file_stats(out, stage.digests)))
    return {"written": written, "unchanged": len(outputs) - written, "removed": removed}
