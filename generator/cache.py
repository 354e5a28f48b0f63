"""What a build remembers for the next one, and which pages a change makes out of date.

Kept in memory by a Builder and persisted as one pickle in `.samling-cache/` beside the output:

- parsed YAML and rendered Markdown, keyed by content hash, so unchanged files are not parsed again;
- for every page, the key of everything it was made from and the digest of what was written, so an
  unchanged page is neither rendered nor written again;
- a fingerprint of every input (content, themes, code), so a repeat build with nothing changed
  stops after reading the files.

The dependency graph is coarse on purpose, so that it cannot miss an edge when templates change:
a page of a gathering depends on that gathering's files, every page on site.yaml, the models, the
theme and Samling's own code, and the pages outside gatherings (overview, models) on everything.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.errors import Problems
from generator.fingerprint import code_key, folder_digest, hash_of
from generator.load import ContentTree, GatheringFiles, load_gathering
from generator.load.documents import DocumentCache, read_yaml
from generator.markdown import TextCache, make_markdown, render_markdown
from generator.model import Gathering
from generator.render.pages import PagePlan

FORMAT = 2  # bump when what is pickled changes shape


@dataclass
class BuildCache:
    docs: DocumentCache = field(default_factory=DocumentCache)
    texts: TextCache = field(default_factory=TextCache)
    pages: dict[str, tuple[str, str]] = field(default_factory=dict)  # output path → (input key, output digest)
    groups: dict[str, tuple[str, list[str]]] = field(default_factory=dict)  # gathering → (key, its other files)

    @staticmethod
    def path_for(out: Path) -> Path:
        return out.parent / ".samling-cache" / f"{out.name}.pickle"

    @classmethod
    def load(cls, out: Path) -> BuildCache:
        """The cache of the last build into `out`; an empty one if there is none or it is unreadable."""
        try:
            with cls.path_for(out).open("rb") as f:
                version, cache = pickle.load(f)
            if version == (FORMAT, code_key()) and isinstance(cache, cls):
                cache.docs.known = {}  # files may have changed since: only content hashes are trusted
                return cache
        except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError, ImportError):
            pass
        return cls()

    def save(self, out: Path) -> None:
        path = self.path_for(out)
        path.parent.mkdir(parents=True, exist_ok=True)
        known, self.docs.known = self.docs.known, {}
        try:
            tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
            with tmp.open("wb") as f:
                pickle.dump(((FORMAT, code_key()), self), f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        finally:
            self.docs.known = known

    def prune(self) -> None:
        self.docs.prune()
        self.texts.prune()


def _gathering_key(files: GatheringFiles) -> str:
    docs = [files.gathering, *files.sessions.values(), *files.decks, *files.worksheets]
    return hash_of(*(f"{d.path}:{d.digest}" for d in docs if d is not None), *sorted(files.unreadable))


@dataclass(frozen=True)
class PageKeys:
    """The input key of each page, from the digests of the files it depends on."""

    common: str  # site.yaml, models, theme, code
    gatherings: dict[str, str]  # gathering (its folder's name) → key of its files
    everything: str

    @classmethod
    def of(cls, tree: ContentTree, theme_folders: tuple[Path, ...], code: str) -> PageKeys:
        common = hash_of(
            tree.site.digest if tree.site else "",
            *(f"{m.path}:{m.digest}" for m in tree.models),
            *(f"{f}:{folder_digest(f)}" for f in theme_folders),
            code,
        )
        gatherings = {g.folder.name: _gathering_key(g) for g in tree.gatherings}
        return cls(common, gatherings, hash_of(common, *(f"{k}:{v}" for k, v in gatherings.items())))

    def files_key(self, g: Gathering) -> str | None:
        """The key of a gathering's files other than pages (calendars), made from it alone."""
        files = self.gatherings.get(g.key)
        return hash_of(self.common, files, "files") if files else None

    def key(self, plan: PagePlan) -> str | None:
        """None when the page's sources are not known: then it is always rendered."""
        if plan.gathering is None:
            return hash_of(self.everything, plan.path, plan.template)
        files = self.gatherings.get(plan.gathering.key)
        return hash_of(self.common, files, plan.path, plan.template) if files else None


def prewarm(cache: BuildCache, root: Path, folders: Sequence[Path]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Parse the YAML and render the session Markdown of some gatherings into `cache`, ahead of validation.

    Run on half the gatherings in each of two processes (see build.py); returns what it added, to
    be merged into the other process's cache. Problems are left for the real load and validation
    to report; a text rendered here under other settings than validation's is simply not used.
    """
    before_parsed, before_texts = set(cache.docs.parsed), set(cache.texts.entries)
    scratch = Problems(root=root)
    site = read_yaml(root / "site.yaml", scratch, cache.docs) if (root / "site.yaml").is_file() else None
    raw_html = isinstance(site.data, dict) and site.data.get("raw_html") is True if site else False
    md = make_markdown(raw_html, cache.texts)
    for folder in folders:
        files = load_gathering(folder, root, scratch, cache.docs)
        for doc in files.sessions.values():
            render_markdown(md, doc.body, doc.body_line, f"{folder.name}/sessions")
    return (
        {k: v for k, v in cache.docs.parsed.items() if k not in before_parsed},
        {k: v for k, v in cache.texts.entries.items() if k not in before_texts},
    )
