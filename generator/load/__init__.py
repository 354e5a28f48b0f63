"""Stage 1, load: find the content files and read them, reporting unreadable ones.

The content folder looks like this (see docs/content-format.md):

    site.yaml
    models/NAME.yaml
    GATHERING/gathering.yaml
    GATHERING/sessions/NAME.md
    GATHERING/decks/NAME.md
    GATHERING/worksheets/NAME.yaml
    GATHERING/files/...            images and attachments
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field, replace
from pathlib import Path

from generator.core.errors import Problems
from generator.load.documents import PLAIN, Document, Reader, read_markdown, read_yaml


@dataclass(frozen=True)
class GatheringFiles:
    folder: Path
    gathering: Document | None
    sessions: dict[str, Document] = field(default_factory=dict)
    decks: tuple[Document, ...] = ()
    worksheets: tuple[Document, ...] = ()
    unreadable: frozenset[str] = frozenset()  # session files already reported as broken


@dataclass(frozen=True)
class ContentTree:
    root: Path
    site: Document | None
    models: tuple[Document, ...]
    gatherings: tuple[GatheringFiles, ...]


def inside(path: Path, root: Path) -> bool:
    """True if `path`, with symlinks followed, lies inside `root`."""
    try:
        path.resolve().relative_to(root.resolve())
    except (ValueError, OSError):
        return False
    return True


OUTSIDE = ("is a link to outside the content folder", "copy the file in instead")


def readable(path: Path, root: Path, problems: Problems, plain: bool = False) -> bool:
    """The one check every file read from the content folder passes: it lies inside `root` with its
    links followed, and it is a regular file (a pipe or a device would hang or flood the build).

    `plain`: the caller knows the file's folder lies inside `root` and the file is no link, so
    resolving it again is not needed. A refused file is named, never read or quoted.
    """
    if not plain and not inside(path, root):
        problems.add(path, 0, *OUTSIDE)
        return False
    try:
        regular = stat.S_ISREG(path.stat().st_mode)
    except OSError:
        return False  # vanished, or a broken link: as if it were not there
    if not regular:
        problems.add(path, 0, "is not a regular file", "remove it, or replace it with a plain file")
    return regular


def content_files(folder: Path, suffixes: tuple[str, ...], root: Path, problems: Problems) -> list[Path]:
    """The files of a folder with the given endings, sorted; links out are refused."""
    if not folder.is_dir():
        return []
    # Resolving every file is the slow part of a repeat build: inside a folder that is itself
    # inside the content folder, only symbolic links can point out.
    plain = inside(folder, root)
    found = []
    for entry in sorted(os.scandir(folder), key=lambda e: e.name):
        path = folder / entry.name
        if entry.name.startswith((".", "_", "~")) or path.suffix.lower() not in suffixes:
            continue
        if entry.is_dir():
            continue  # a folder that happens to be named like a file
        if readable(path, root, problems, plain and not entry.is_symlink()):
            found.append(path)
    return found


def load(root: Path, problems: Problems, reader: Reader = PLAIN) -> ContentTree:
    root = root.resolve()
    site_path = root / "site.yaml"
    site = None
    if site_path.is_symlink() or site_path.exists():
        if readable(site_path, root, problems):
            site = read_yaml(site_path, problems, reader)
    else:
        problems.add(site_path, 0, "is missing", "create it with at least `title:` (or run `samling new`)")
    models = tuple(
        doc
        for path in content_files(root / "models", (".yaml", ".yml"), root, problems)
        if (doc := read_yaml(path, problems, reader))
    )
    gatherings = []
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        marker = folder / "gathering.yaml"
        if not (marker.is_symlink() or marker.exists()):
            continue
        if not inside(folder, root):
            problems.add(folder, 0, "is a link to a folder outside the content folder", "copy the gathering in instead")
            continue
        gatherings.append(load_gathering(folder, root, problems, reader))
    return ContentTree(root, site, models, tuple(gatherings))


def load_gathering(folder: Path, root: Path, problems: Problems, reader: Reader = PLAIN) -> GatheringFiles:
    marker = folder / "gathering.yaml"
    gathering = read_yaml(marker, problems, reader) if readable(marker, root, problems) else None
    sessions: dict[str, Document] = {}
    unreadable = set()
    for path in content_files(folder / "sessions", (".md",), root, problems):
        doc = read_markdown(path, problems, reader)
        if doc is None:
            unreadable.add(path.stem)
        else:
            sessions[path.stem] = doc
    decks = tuple(
        doc
        for path in content_files(folder / "decks", (".md",), root, problems)
        if (doc := read_markdown(path, problems, reader))
    )
    worksheets = tuple(
        doc
        for path in content_files(folder / "worksheets", (".yaml", ".yml"), root, problems)
        if (doc := read_yaml(path, problems, reader))
    )
    return GatheringFiles(folder, gathering, sessions, decks, worksheets, frozenset(unreadable))


def documents(tree: ContentTree) -> list[Document]:
    found = [d for d in (tree.site, *tree.models) if d is not None]
    for g in tree.gatherings:
        found += [d for d in (g.gathering, *g.sessions.values(), *g.decks, *g.worksheets) if d is not None]
    return found


def refresh(tree: ContentTree, changed: set[Path], problems: Problems, reader: Reader = PLAIN) -> ContentTree | None:
    """`tree` with the changed files read again, when they are all files it already holds.

    None when a file came, went or no longer reads (the caller then loads everything, so the
    problems and the folder listings are exactly those of a full load).
    """
    known = {d.path: d for d in documents(tree)}
    if not changed or not changed <= known.keys():
        return None
    scratch = Problems(root=problems.root)
    fresh: dict[Path, Document] = {}
    for path in changed:
        if path.is_symlink():  # whether it still lies inside the content folder is load()'s to decide
            return None
        read = read_markdown if path.suffix == ".md" else read_yaml
        doc = read(path, scratch, reader) if path.is_file() else None
        if doc is None or scratch:
            return None
        fresh[path] = doc

    def swap(doc: Document | None) -> Document | None:
        return fresh.get(doc.path, doc) if doc is not None else None

    def swap_all(docs: tuple[Document, ...]) -> tuple[Document, ...]:
        return tuple(fresh.get(d.path, d) for d in docs)

    gatherings = tuple(
        replace(
            g,
            gathering=swap(g.gathering),
            sessions={k: fresh.get(v.path, v) for k, v in g.sessions.items()},
            decks=swap_all(g.decks),
            worksheets=swap_all(g.worksheets),
        )
        for g in tree.gatherings
    )
    return replace(tree, site=swap(tree.site), models=swap_all(tree.models), gatherings=gatherings)
