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

from dataclasses import dataclass, field
from pathlib import Path

from generator.errors import Problems
from generator.load.documents import Document, read_markdown, read_yaml


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


def content_files(folder: Path, suffixes: tuple[str, ...], root: Path, problems: Problems) -> list[Path]:
    """The files of a folder with the given endings, sorted; links out are refused."""
    if not folder.is_dir():
        return []
    found = []
    for path in sorted(folder.iterdir()):
        if path.name.startswith((".", "_", "~")) or path.suffix.lower() not in suffixes:
            continue
        if not inside(path, root):
            problems.add(path, 0, "is a link to outside the content folder", "copy the file in instead")
            continue
        if path.is_file():
            found.append(path)
    return found


def load(root: Path, problems: Problems) -> ContentTree:
    root = root.resolve()
    site_path = root / "site.yaml"
    site = None
    if site_path.is_file():
        site = read_yaml(site_path, problems)
    else:
        problems.add(site_path, 0, "is missing", "create it with at least `title:` (or run `samling new`)")
    models = tuple(
        doc
        for path in content_files(root / "models", (".yaml", ".yml"), root, problems)
        if (doc := read_yaml(path, problems))
    )
    gatherings = []
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        if not (folder / "gathering.yaml").exists() or not inside(folder, root):
            continue
        gatherings.append(load_gathering(folder, root, problems))
    return ContentTree(root, site, models, tuple(gatherings))


def load_gathering(folder: Path, root: Path, problems: Problems) -> GatheringFiles:
    gathering = read_yaml(folder / "gathering.yaml", problems)
    sessions: dict[str, Document] = {}
    unreadable = set()
    for path in content_files(folder / "sessions", (".md",), root, problems):
        doc = read_markdown(path, problems)
        if doc is None:
            unreadable.add(path.stem)
        else:
            sessions[path.stem] = doc
    decks = tuple(
        doc
        for path in content_files(folder / "decks", (".md",), root, problems)
        if (doc := read_markdown(path, problems))
    )
    worksheets = tuple(
        doc
        for path in content_files(folder / "worksheets", (".yaml", ".yml"), root, problems)
        if (doc := read_yaml(path, problems))
    )
    return GatheringFiles(folder, gathering, sessions, decks, worksheets, frozenset(unreadable))
