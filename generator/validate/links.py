"""Local links and images in Markdown: they must stay inside the content folder and exist.

Attachments live in a `files/` folder (per gathering, or `content/files/` for the
whole site) and are copied to the same place in the output; links to other
content files (`analyse-av-risiko.md`) become links to their pages.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

from generator.core.errors import Problems
from generator.core.model import Gathering, Note, Session, Site, Text
from generator.load import OUTSIDE, inside, readable
from generator.validate.markdown import MAX_LINES, MAX_MARKS, MAX_TABLE_CELLS, MAX_TABLE_COLUMNS, TOO_BIG, is_attachment

PAGE_SOURCES = (".md", ".yaml", ".yml")


def attachment_folders(root: Path) -> list[Path]:
    return [f for f in [root / "files", *(p / "files" for p in sorted(root.iterdir()) if p.is_dir())] if f.is_dir()]


def attachments(root: Path, problems: Problems) -> dict[str, Path]:
    """Every file in a `files/` folder: output path → source. Links out are refused."""
    found: dict[str, Path] = {}
    for folder in attachment_folders(root):
        for path in sorted(folder.rglob("*")):
            if path.name.startswith("."):
                continue
            if not inside(path, root):
                problems.add(path, 0, *OUTSIDE)
            elif not path.is_dir() and readable(path, root, problems, plain=True):
                found[path.relative_to(root).as_posix()] = path
    return found


def check_links(site: Site, problems: Problems, skip: frozenset[str] = frozenset()) -> None:
    """`skip`: gatherings (by key) whose links were found good, while no file has come or gone since."""
    root = site.root
    inside_root = _Containment(root)
    gatherings: dict[str, bool] = {}  # a top folder → whether it has a gathering.yaml (stat once, not once a link)
    for path, text in texts(site, skip):
        for link in text.links:
            target = link.name
            if link.kind == TOO_BIG:
                hint = (
                    f"keep a table to {MAX_TABLE_COLUMNS} columns and a file's tables to {MAX_TABLE_CELLS:,} cells"
                    " in all; attach a large table as a file (e.g. a spreadsheet in files/)"
                    if target.startswith("a table")
                    else f"keep a text to {MAX_LINES:,} lines and {MAX_MARKS:,} marks: split it into several files"
                )
                problems.add(path, link.line, f"{target} is more than a page can hold", hint)
                continue
            if target.startswith("../") or target == "..":
                problems.add(
                    path,
                    link.line,
                    f"the {link.kind} '{target}' points outside the content folder",
                    "link to a file inside content/, e.g. in a files/ folder",
                )
                continue
            source = root / target
            if not inside_root.file(source):
                problems.add(
                    path,
                    link.line,
                    f"the {link.kind} '{target}' does not exist",
                    "check the path; it is relative to the file it is written in",
                )
            elif is_attachment(target):
                if Path(target).name.startswith("."):
                    problems.add(
                        path,
                        link.line,
                        f"the {link.kind} '{target}' is a hidden file, which is not published",
                        "rename it without the leading dot",
                    )
            elif source.suffix in PAGE_SOURCES and not becomes_page(root, target, gatherings):
                problems.add(
                    path,
                    link.line,
                    f"the {link.kind} '{target}' is a file that does not become a page, so the link would be dead",
                    "link to a session, deck, worksheet, model or gathering.yaml, or put the file in a files/ folder",
                )
            elif source.suffix not in PAGE_SOURCES:
                problems.add(
                    path,
                    link.line,
                    f"the {link.kind} '{target}' is not in a files/ folder",
                    "put images and attachments in the gathering's files/ folder",
                )


def becomes_page(root: Path, target: str, gatherings: dict[str, bool] | None = None) -> bool:
    """Whether the content file `target` is one that load reads as a page, whether or not it is valid
    (so a broken session is not also reported as a dead link): gathering.yaml, sessions/ and decks/
    NAME.md, worksheets/ and models/ NAME.yaml, their names not starting with . _ or ~.
    `gatherings`: what is known of top folders (whether each has a gathering.yaml), added to."""
    parts = target.split("/")
    name = parts[-1]
    suffix = Path(name).suffix.lower()
    if name.startswith((".", "_", "~")):
        return False
    if len(parts) == 2 and parts[0] == "models":
        return suffix in (".yaml", ".yml")
    known = gatherings if gatherings is not None else {}
    if parts[0] not in known:
        known[parts[0]] = (root / parts[0] / "gathering.yaml").is_file()
    if not known[parts[0]]:
        return False
    if len(parts) == 2:
        return name == "gathering.yaml"
    return len(parts) == 3 and (
        (parts[1] in ("sessions", "decks") and suffix == ".md")
        or (parts[1] == "worksheets" and suffix in (".yaml", ".yml"))
    )


class _Containment:
    """`inside(path, root)`, resolving each folder once: only a link can take a file elsewhere than its folder."""

    def __init__(self, root: Path) -> None:
        self.root = os.path.join(os.path.realpath(root), "")
        self.folders: dict[str, str] = {}

    def __call__(self, path: Path) -> bool:
        if path.is_symlink():
            return inside(path, Path(self.root))
        return self._in_folder(path)

    def file(self, path: Path) -> bool:
        """`path.is_file() and self(path)`, with one lstat (not a stat and an lstat) for a file that is no link."""
        try:
            mode = os.lstat(path).st_mode
        except (OSError, ValueError):
            return path.is_file() and self(path)  # as is_file says: False, or its error
        if stat.S_ISLNK(mode):
            return path.is_file() and inside(path, Path(self.root))
        return stat.S_ISREG(mode) and self._in_folder(path)

    def _in_folder(self, path: Path) -> bool:
        folder, name = os.path.split(path)
        if folder not in self.folders:
            self.folders[folder] = os.path.join(os.path.realpath(folder), "")
        return (self.folders[folder] + name).startswith(self.root)


def texts(site: Site, skip: frozenset[str] = frozenset()) -> Iterator[tuple[Path, Text]]:
    """Every piece of Markdown in the site that came from a file, with that file."""
    for m in site.models:
        yield m.source.path, m.description
    for g in site.gatherings:
        if g.key not in skip:
            yield from _gathering_texts(g)


def _gathering_texts(g: Gathering) -> Iterator[tuple[Path, Text]]:
    yield g.source.path, g.description
    for s in g.sessions():
        yield from _session_texts(s)
    for w in g.worksheets:
        yield w.source.path, w.intro
        for block in w.blocks:
            if isinstance(block, Note):
                yield w.source.path, block.text
    for d in g.decks:
        for slide in d.slides:
            links = getattr(slide, "links", ())
            yield d.source.path, Text(links=links)


def _session_texts(s: Session) -> Iterator[tuple[Path, Text]]:
    yield s.source.path, s.body
    yield s.source.path, s.notes
    for item in s.items:
        yield from _session_texts(item)
