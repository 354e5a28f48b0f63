"""Which pages and files a build must make again, decided apart from how they are made.

Each page has an input key: the digests of every file it depends on (PageKeys). A page is out of
date unless the cache holds its key and the digest of the file the output holds now. A gathering's
other files (its calendars) are one item, keyed by the gathering's files alone.

The dependency graph is coarse on purpose, so that it cannot miss an edge when templates change:
a page of a gathering depends on that gathering's inputs (`GatheringFiles.inputs()`: its files,
its participant list and answers, and the documents it depends on outside its folder — the other
gatherings of its network), every page on `ContentTree.shared()` (site.yaml, programme.yaml, the
models), the theme and Samling's own code, and the pages outside gatherings (overview, network
pages, models) on everything.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.core.model import Gathering, Site
from generator.incremental.cache import BuildCache
from generator.incremental.fingerprint import folder_digest, hash_of
from generator.incremental.reads import Comparison, Watcher
from generator.load import ContentTree, GatheringFiles
from generator.render.pages import PagePlan


@dataclass(frozen=True)
class PageWork:
    """A page to render."""

    plan: PagePlan


@dataclass(frozen=True)
class FilesWork:
    """A gathering's other files (calendars) to make."""

    gathering: Gathering


Work = PageWork | FilesWork


@dataclass
class Outdated:
    work: list[Work]  # in the order a cold build makes them
    kept: dict[str, list[str]]  # gathering → its other files, unchanged and left as they are
    page_keys: list[str | None]  # of each plan, in plan order


def outdated(
    plans: list[PagePlan], gatherings: tuple[Gathering, ...], keys: PageKeys, cache: BuildCache, old: dict[str, str]
) -> Outdated:
    """What must be made again: every page and group of files whose key, or whose file in the output
    (`old`: path → digest), is not as the cache remembers."""
    page_keys = [keys.key(plan) for plan in plans]
    work: list[Work] = [
        PageWork(plan)
        for plan, key in zip(plans, page_keys, strict=True)
        if key is None or cache.pages.get(plan.path) != (key, old.get(plan.path))
    ]
    kept: dict[str, list[str]] = {}
    for g in gatherings:
        key, (before, paths) = keys.files_key(g), cache.groups.get(g.key, ("", []))
        if key and key == before and all(cache.pages.get(p) == (key, old.get(p)) for p in paths):
            kept[g.key] = list(paths)
        else:
            work.append(FilesWork(g))
    return Outdated(work, kept, page_keys)


def name(item: Work) -> str:
    """What a Watcher calls an item: a page by its path, a gathering's other files by the gathering."""
    return item.plan.path if isinstance(item, PageWork) else files_name(item.gathering.key)


def files_name(gathering: str) -> str:
    return f"{gathering}\0files"


@dataclass(frozen=True)
class Last:
    """The last build that succeeded, as a live Builder keeps it: its site, plans by path and templates."""

    site: Site
    plans: dict[str, PagePlan]
    templates: tuple[object, object]  # the Theme and its compiled Environment


def unread(
    todo: Outdated,
    last: Last | None,
    now: Last,
    watcher: Watcher,
    cache: BuildCache,
    old: dict[str, str],
) -> Outdated:
    """`todo` without the items that read none of the texts changed since `last` (see reads.py), whose
    files are as that build left them: the rest of the site and their plans are as they were."""
    if last is None or not todo.work or any(a is not b for a, b in zip(last.templates, now.templates, strict=True)):
        return todo
    comparison = Comparison()
    if not comparison.same(last.site, now.site):
        return todo
    candidates = [
        item
        for item in todo.work
        if name(item) in watcher.of
        and (not isinstance(item, PageWork) or comparison.same(last.plans.get(item.plan.path), item.plan))
    ]
    left: set[int] = set()
    kept = dict(todo.kept)
    for item in candidates:  # only now is `changed` complete: every plan has been compared
        if watcher.of[name(item)] & comparison.changed:
            continue
        paths = [item.plan.path] if isinstance(item, PageWork) else cache.groups.get(item.gathering.key, ("", []))[1]
        if paths and all(p in old and cache.pages.get(p, ("", ""))[1] == old[p] for p in paths):
            left.add(id(item))
            if isinstance(item, FilesWork):
                kept[item.gathering.key] = list(paths)
    work = [item for item in todo.work if id(item) not in left]
    return Outdated(work, kept, todo.page_keys)


def theme_key(folders: tuple[Path, ...]) -> str:
    """Every file of the theme's folders, by content."""
    return hash_of(*(f"{f}:{folder_digest(f)}" for f in folders))


def _gathering_key(files: GatheringFiles) -> str:
    return hash_of(*(f"{d.path}:{d.digest}" for d in files.inputs()), *sorted(files.unreadable))


@dataclass(frozen=True)
class PageKeys:
    """The input key of each page, from the digests of the files it depends on."""

    common: str  # site.yaml, programme.yaml, models, theme, code
    gatherings: dict[str, str]  # gathering (its folder's name) → key of its files
    everything: str
    # page → (what its key was made from, the key): kept by a live Builder, as most keys stay the same
    known: dict[str, tuple[tuple[str, ...], str]] = field(default_factory=dict, compare=False)

    @classmethod
    def of(
        cls, tree: ContentTree, theme: str, code: str, known: dict[str, tuple[tuple[str, ...], str]] | None = None
    ) -> PageKeys:
        """`theme`: the key of the theme's files (`theme_key`)."""
        common = hash_of(*(f"{d.path}:{d.digest}" for d in tree.shared()), theme, code)
        gatherings = {g.folder.name: _gathering_key(g) for g in tree.gatherings}
        everything = hash_of(common, *(f"{k}:{v}" for k, v in gatherings.items()))
        return cls(common, gatherings, everything, {} if known is None else known)

    def files_key(self, g: Gathering) -> str | None:
        """The key of a gathering's files other than pages (calendars, its part of the search index)."""
        files = self.gatherings.get(g.key)
        return hash_of(self.common, files, "files") if files else None

    def key(self, plan: PagePlan) -> str | None:
        """None when the page's sources are not known: then it is always rendered."""
        if plan.gathering is None:
            parts: tuple[str, ...] = (self.everything, plan.path, plan.template)
        elif files := self.gatherings.get(plan.gathering.key):
            parts = (self.common, files, plan.path, plan.template)
        else:
            return None
        known = self.known.get(plan.path)
        if known is None or known[0] != parts:
            known = self.known[plan.path] = (parts, hash_of(*parts))
        return known[1]
