"""Stage 5, write: put the rendered files on disk without ever losing the old site.

The new site is written to a temporary folder beside the output folder and swapped in at the end,
so a failed or killed build leaves the previous site as it was. Unchanged files are hard-linked (or
copied with their times) from the previous build, so a copy to a file share moves only what changed.
A marker file lists every file written; what proves it is Samling's is in generator/write/trust.py.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import stat
from collections.abc import Iterable
from pathlib import Path

from generator.core.atomic import replace_file, write_bytes
from generator.core.digests import copy_hashed
from generator.core.errors import ContentError, Problem
from generator.write.private import notice

MARKER = ".samling-output.json"
_TMP, _OLD = ".tmp-", ".old-"


class OutputRefused(Exception):
    """The output folder is not one this tool may write to."""


def check_output_folder(out: Path, content_root: Path | None = None) -> Path:
    out = out.expanduser().resolve()
    home = Path.home().resolve()
    if out == Path(out.anchor) or out == home or out in home.parents:
        raise OutputRefused(f"refusing to use {out} as the output folder — name a folder of its own, e.g. ./output")
    if content_root is not None:
        root = content_root.resolve()
        if out == root or root.is_relative_to(out) or out.is_relative_to(root):
            raise OutputRefused(
                f"the output folder {out} overlaps the content folder {root} — choose a separate folder"
            )
    for above in out.parents:
        if above.exists():
            if not above.is_dir():
                raise OutputRefused(f"{above} is a file, so {out} cannot be made — choose another output path")
            break
    if out.exists() and not out.is_dir():
        raise OutputRefused(f"{out} is a file, not a folder — choose another output path")
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).is_file():
        raise OutputRefused(f"{out} has files that Samling did not make — empty it or choose another output folder")
    return out


def digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def read_manifest(out: Path) -> dict[str, str]:
    return read_marker(out)[1]


def read_marker(out: Path) -> tuple[str, dict[str, str]]:
    """(build id, manifest) of the marker in `out`; ("", {}) when it is missing, a link or not Samling's."""
    try:
        if not stat.S_ISREG(os.lstat(out / MARKER).st_mode):
            return "", {}
        data = json.loads((out / MARKER).read_text("utf-8"))
    except (OSError, ValueError, RecursionError):
        return "", {}
    ours = isinstance(data, dict) and data.get("generator") == "samling"
    build, files = (data.get("build", ""), data.get("files", {})) if ours else (None, None)
    if isinstance(build, str) and isinstance(files, dict) and all(isinstance(v, str) for v in files.values()):
        return build, files  # keys: JSON object keys are always strings
    return "", {}


def check_paths(paths: Iterable[str]) -> None:
    """Refuse two outputs at one path, also paths differing only by case (Windows)."""
    seen: dict[str, str] = {}
    problems = []
    for path in paths:
        if path.startswith("/") or ".." in path.split("/") or path == MARKER:
            problems.append(Problem(path, 0, "an output path leaves the output folder", "report this as a bug"))
        folded = path.casefold()
        if folded in seen:
            problems.append(
                Problem(
                    path,
                    0,
                    f"two pages would be written to the same file ({seen[folded]})",
                    "rename one of the files they come from",
                )
            )
        seen[folded] = path
    if problems:
        raise ContentError(problems)


def recover(out: Path, build: str = "") -> None:
    """Tidy up after a build of this output (`build`: its id) that was killed: restore or remove its folders.

    A leftover is this output's only if its marker names the id; anyone could make one without."""
    parent = out.parent
    if not parent.is_dir():
        return
    leftovers = sorted(parent.glob(f".{out.name}{_TMP}*")) + sorted(parent.glob(f".{out.name}{_OLD}*"))
    for folder in leftovers:
        if folder.is_symlink() or not folder.is_dir():
            notice(f"{folder} is not a folder a build left; skipped — remove it if it is yours")
            continue
        if any(folder.iterdir()) and not (build and read_marker(folder)[0] == build):
            continue  # not ours to delete or to put in place
        if _OLD in folder.name and not out.exists():
            folder.rename(out)  # killed between the two renames of a swap
        else:
            remove_ours(folder)


def write_site(outputs: list[tuple[str, bytes | None]], out: Path) -> dict[str, int]:
    """Write a complete site into `out`, atomically, as a build does (see output_trust.write_site)."""
    from generator.write.trust import write_site as write_proven

    return write_proven(outputs, out)


class Staging:
    """A new site written file by file into a temporary folder beside `out`, then swapped in whole.

    Files can be added as they are made, so a big site is never held in memory at once, and by a
    forked child process too: it writes into the same folder, and its digests are handed back
    with `merge`.
    """

    def __init__(self, out: Path, build: str = "", old: dict[str, str] | None = None) -> None:
        recover(out, build)
        self.out = out
        self.build = build
        # Only files checked as the last build left them are taken from it (see kept_files).
        self.old = old if old is not None else read_manifest(out) if out.is_dir() else {}
        self.tmp = out.parent / f".{out.name}{_TMP}{os.getpid()}"
        if self.tmp.is_symlink() or (self.tmp.exists() and not self.tmp.is_dir()):
            raise OutputRefused(f"{self.tmp} is in the way of the build — remove it and build again")
        shutil.rmtree(self.tmp, ignore_errors=True)
        self.tmp.mkdir(parents=True)
        (self.tmp / MARKER).write_text(marker_text({}, build), "utf-8")
        self.digests: dict[str, str] = {}
        self._base = str(self.tmp)
        self._dirs: set[str] = {""}  # folders made in the staging folder (relative), each with one mkdir

    def add(self, path: str, data: bytes | None) -> bool:
        """Write one file (or take it from the previous build); True if its bytes were written."""
        if path.startswith("/") or ".." in path.split("/") or path == MARKER:
            check_paths([path])  # raises, before anything is written outside the folder
        self.folder(path.rpartition("/")[0])
        h = self.old.get(path) if data is None else digest(data)
        if h is None:  # only without data: a digest is never None
            raise FileNotFoundError(f"{self.out / path} went missing or changed during the build")
        self.digests[path] = h
        if self.old.get(path) == h and _reuse(self.out / path, self.tmp / path):
            return False
        if data is None:
            raise FileNotFoundError(f"{self.out / path} went missing during the build")
        write_bytes(f"{self._base}/{path}", data)
        return True

    def add_file(self, path: str, source: Path, known: str | None) -> bool:
        """Copy one file in by streaming (an attachment); `known` is its digest if its stat did not change.

        Taken from the previous build when that digest matches; else copied and hashed in one pass."""
        if path.startswith("/") or ".." in path.split("/") or path == MARKER:
            check_paths([path])
        self.folder(path.rpartition("/")[0])
        if known is not None and self.old.get(path) == known and _reuse(self.out / path, self.tmp / path):
            self.digests[path] = known
            return False
        self.digests[path] = copy_hashed(source, self.tmp / path)
        return True

    def folder(self, folder: str) -> None:
        """Make a folder (relative) and those above it, each once (before a fork: the child knows them made)."""
        if folder in self._dirs:
            return
        self.folder(folder.rpartition("/")[0])
        with contextlib.suppress(FileExistsError):
            os.mkdir(f"{self._base}/{folder}")
        self._dirs.add(folder)

    def merge(self, digests: dict[str, str]) -> None:
        self.digests.update(digests)

    def swap(self, order: list[str]) -> int:
        """Put the new site in place; `order` lists every file, in the order the marker names them.

        Returns the number of files of the previous build that are gone."""
        try:
            check_paths(order)
            missing = [p for p in order if p not in self.digests]
            if missing:
                raise FileNotFoundError(f"{missing[0]} was never written")
            manifest = {p: self.digests[p] for p in order}
            (self.tmp / MARKER).write_text(marker_text(manifest, self.build), "utf-8")
        except BaseException:
            self.abandon()
            raise
        _swap(self.tmp, self.out)
        return len(self.old.keys() - manifest.keys())  # files removed

    def abandon(self) -> None:
        remove_ours(self.tmp)


def write_changed(
    outputs: list[tuple[str, bytes | None]], out: Path, old: dict[str, str], build: str = ""
) -> dict[str, int]:
    """Update a folder made by write_site in place: only files whose bytes changed, each atomically.

    For the live preview, where swapping the whole folder on every save is too slow. A killed
    build can leave a mix of old and new pages (each one whole); the marker is first rewritten
    without the files about to change, so the next build never mistakes one of them for unchanged.
    Content None means "as in the previous build"; `old` is the manifest of that build.
    """
    check_paths(p for p, _ in outputs)
    new = {p: digest(data) for p, data in outputs if data is not None}
    changed = [(p, data) for p, data in outputs if data is not None and old.get(p) != new[p]]
    gone = old.keys() - {p for p, _ in outputs}
    if changed or gone:
        changing = {p for p, _ in changed} | gone
        _write_marker(out, {p: h for p, h in old.items() if p not in changing}, build)
    for path, data in changed:
        target = out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        replace_file(target, data)  # type: ignore[arg-type]  # `changed` holds only files with data
    for path in sorted(gone):
        (out / path).unlink(missing_ok=True)
    if changed or gone:
        _write_marker(out, {p: new.get(p) or old[p] for p, _ in outputs}, build)
    return {"written": len(changed), "unchanged": len(outputs) - len(changed), "removed": len(gone)}


def _write_marker(out: Path, manifest: dict[str, str], build: str = "") -> None:
    replace_file(out / MARKER, marker_text(manifest, build).encode("utf-8"), out / f"{MARKER}{_TMP}{os.getpid()}")


def marker_text(manifest: dict[str, str], build: str = "") -> str:
    """json.dumps({"generator": "samling", "build": build, "files": manifest}, indent=0), without the
    pure-Python encoder that any indent selects (milliseconds on every live-preview save at 1,000 sessions)."""
    quote = json.encoder.encode_basestring_ascii  # the C function json.dumps uses
    head = f'{{\n"generator": "samling",\n"build": {quote(build)},\n' if build else '{\n"generator": "samling",\n'
    if not manifest:
        return head + '"files": {}\n}'
    files = ",\n".join(f"{quote(p)}: {quote(h)}" for p, h in manifest.items())
    return f'{head}"files": {{\n{files}\n}}\n}}'


def _reuse(previous: Path, target: Path) -> bool:
    """Take a file from the previous build; never a link (a kept file was checked by kept_files)."""
    try:
        if not stat.S_ISREG(os.lstat(previous).st_mode):
            return False
        if os.link in os.supports_follow_symlinks:  # not on Windows; the lstat above is the check there
            os.link(previous, target, follow_symlinks=False)
        else:
            os.link(previous, target)
    except OSError:
        try:
            shutil.copy2(previous, target, follow_symlinks=False)
        except OSError:
            return False
    return True


def _swap(tmp: Path, out: Path) -> None:
    if not out.exists():
        tmp.rename(out)
        return
    old = out.parent / f".{out.name}{_OLD}{os.getpid()}"
    out.rename(old)
    tmp.rename(out)
    remove_ours(old)


def remove_ours(folder: Path) -> None:
    """Remove a folder a build made, its marker last: a removal cut short leaves one still known as ours."""
    try:
        entries = [e for e in os.scandir(folder) if e.name != MARKER]
    except OSError:
        return
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            shutil.rmtree(entry.path, ignore_errors=True)
        else:
            with contextlib.suppress(OSError):
                os.unlink(entry.path)
    with contextlib.suppress(OSError):
        os.unlink(folder / MARKER)
    with contextlib.suppress(OSError):
        os.rmdir(folder)
