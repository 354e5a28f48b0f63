"""Stage 1, load: find the content files and read them, reporting unreadable ones.

The content folder looks like this (see docs/content-format.md):

    site.yaml
    programme.yaml                 the programme's networks and their series (optional)
    models/NAME.yaml
    GATHERING/gathering.yaml
    GATHERING/sessions/NAME.md
    GATHERING/decks/NAME.md
    GATHERING/worksheets/NAME.yaml
    GATHERING/files/...            images and attachments
    GATHERING/participants.csv     or .xlsx or .yaml: who comes (personal data, see docs/participants.md)
    GATHERING/responses/NAME.json  answers files read back (docs/worksheets.md)
"""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass, field, replace
from pathlib import Path

from generator.core.errors import Problems
from generator.load.documents import PLAIN, Document, Reader, read_markdown, read_plain, read_yaml
from generator.load.inputs import with_network_inputs

RESPONSE_ENDINGS = (".json", ".yaml", ".yml")


@dataclass(frozen=True)
class GatheringFiles:
    folder: Path
    gathering: Document | None
    sessions: dict[str, Document] = field(default_factory=dict)
    decks: tuple[Document, ...] = ()
    worksheets: tuple[Document, ...] = ()
    unreadable: frozenset[str] = frozenset()  # session files already reported as broken
    # Inputs read in validation, tracked here by path and digest like every other document.
    participants: Document | None = None  # the list, by digest only (read by load/participants.py)
    responses: tuple[Document, ...] = ()  # answers files, kept as text
    # Documents outside the gathering's folder that its pages are made from: the other gatherings
    # of its network (gathering.yaml, worksheets, responses; its results page shows them). Set by
    # load/inputs.py; the incremental layer sees them through `inputs()`.
    depends_on: tuple[Document, ...] = ()

    def own(self) -> tuple[Document, ...]:
        """The gathering's own files that a repeat build reads again when they change."""
        docs = (self.gathering, *self.sessions.values(), *self.decks, *self.worksheets, *self.responses)
        return tuple(d for d in docs if d is not None)

    def inputs(self) -> tuple[Document, ...]:
        """Every document this gathering's pages and files are made from: what their keys cover."""
        extra = (self.participants,) if self.participants is not None else ()
        return (*self.own(), *extra, *self.depends_on)


@dataclass(frozen=True)
class ContentTree:
    root: Path
    site: Document | None
    models: tuple[Document, ...]
    gatherings: tuple[GatheringFiles, ...]
    programme: Document | None = None  # programme.yaml

    def shared(self) -> tuple[Document, ...]:
        """The documents every page may be made from: site.yaml, programme.yaml, the models."""
        return tuple(d for d in (self.site, self.programme, *self.models) if d is not None)


def inside(path: Path, root: Path) -> bool:
    """True if `path`, with symlinks followed, lies inside `root`.

    `root` is resolved only when the resolved path is not under it as written: a resolved path has
    no link in it, so a root it starts with is resolved already (load's is: one lstat a folder saved)."""
    try:
        real = path.resolve()
        return real.is_relative_to(root) or real.is_relative_to(root.resolve())
    except (ValueError, OSError):
        return False


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
    programme = None
    programme_path = root / "programme.yaml"
    if (programme_path.is_symlink() or programme_path.exists()) and readable(programme_path, root, problems):
        programme = read_yaml(programme_path, problems, reader)
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
    return ContentTree(root, site, models, with_network_inputs(tuple(gatherings)), programme)


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
    responses = tuple(
        doc
        for path in content_files(folder / "responses", RESPONSE_ENDINGS, root, problems)
        if (doc := read_plain(path, problems, reader))
    )
    participants = participant_file(folder, root, problems)
    unread = frozenset(unreadable)
    return GatheringFiles(folder, gathering, sessions, decks, worksheets, unread, participants, responses)


MAX_LIST_BYTES = 10 * 1024 * 1024
PARTICIPANT_FILES = ("participants.yaml", "participants.yml", "participants.csv", "participants.xlsx")


def participant_file(folder: Path, root: Path, problems: Problems) -> Document | None:
    """The gathering's participant list as a tracked input: its path and the digest of its bytes."""
    found = [folder / n for n in PARTICIPANT_FILES if (folder / n).is_symlink() or (folder / n).exists()]
    if len(found) > 1:
        names = ", ".join(p.name for p in found)
        problems.add(found[1], 0, f"the gathering has more than one participant list ({names})", "keep one of them")
        return None
    if not found or not readable(found[0], root, problems):
        return None
    try:
        with open(found[0], "rb") as f:  # bounded: read_participants refuses a list over 10 MB anyway
            digest = hashlib.blake2b(f.read(MAX_LIST_BYTES + 1), digest_size=16).hexdigest()
    except OSError as exc:
        problems.add(found[0], 0, f"cannot be read ({exc.strerror})", "check that the file exists")
        return None
    return Document(found[0], None, digest=digest)


def documents(tree: ContentTree) -> list[Document]:
    """The documents a repeat build may read again on their own (see refresh)."""
    found = [d for d in (tree.site, *tree.models) if d is not None]
    for g in tree.gatherings:
        found += g.own()
    return found


def refresh(tree: ContentTree, changed: set[Path], problems: Problems, reader: Reader = PLAIN) -> ContentTree | None:
    """`tree` with the changed files read again, when they are all files it already holds.

    None when a file came, went or no longer reads (the caller then loads everything, so the
    problems and the folder listings are exactly those of a full load).
    """
    # Neither programme.yaml nor a participant list: a change to them loads everything.
    known = {d.path: d for d in documents(tree)}
    responses = {d.path for g in tree.gatherings for d in g.responses}
    if not changed or not changed <= known.keys():
        return None
    scratch = Problems(root=problems.root)
    fresh: dict[Path, Document] = {}
    for path in changed:
        if path.is_symlink():  # whether it still lies inside the content folder is load()'s to decide
            return None
        read = read_markdown if path.suffix == ".md" else read_yaml
        if path.parent.name == "responses" and path in responses:
            read = read_plain
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
            responses=swap_all(g.responses),
        )
        for g in tree.gatherings
    )
    gatherings = with_network_inputs(gatherings)
    return replace(tree, site=swap(tree.site), models=swap_all(tree.models), gatherings=gatherings)
