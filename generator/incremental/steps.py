"""The Builder's steps that touch what it remembers: reading the files, choosing where the files go,
the files beside the pages, and remembering what was made for the next build."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from generator.core.errors import Problems
from generator.incremental import outdated as outdated_
from generator.incremental.fingerprint import input_fingerprint
from generator.incremental.outdated import Last, Outdated, PageKeys
from generator.incremental.parallel import in_two
from generator.load import ContentTree
from generator.write.record import State, write_state
from generator.write.staging import MARKER, Staging, digest, read_manifest
from generator.write.targets import Extra, InPlace, Staged, Target
from generator.write.trust import file_stats, kept_files

if TYPE_CHECKING:
    from generator.core.model import Site
    from generator.incremental.builder import Builder, Mode
    from generator.incremental.cache import BuildCache
    from generator.render.pages import PagePlan
    from generator.render.theme import Theme

__all__ = ["outdated", "page_keys", "read", "remember", "target"]


def read(b: Builder, mode: Mode, changed: set[Path], problems: Problems) -> tuple[ContentTree, bool]:
    """The content tree, and whether no file came or went since the last build.

    Only the changed files are read again when no file came or went; else every file is listed,
    and read unless remembered from a build in which it was not named as changed."""
    from generator.incremental.builder import Mode
    from generator.load import load, refresh

    assert b.cache is not None
    docs = b.cache.docs
    for path in changed:
        docs.forget(path)
    tree = refresh(b.tree, changed, problems, docs) if mode is Mode.IN_PLACE and b.tree else None
    if tree is not None:
        return tree, True
    if mode is Mode.COMPLETE:
        docs.known = {}
        prewarm(b)
    return load(b.content, problems, docs), False


def prewarm(b: Builder) -> None:
    """Parse and render the Markdown of half the gatherings in a second process, the other half here."""
    from generator.incremental.cache import decode_prewarmed, encode_prewarmed
    from generator.incremental.cache import prewarm as prewarm_half

    cache = b.cache
    assert cache is not None
    root = b.content.resolve()
    folders = sorted(p for p in root.iterdir() if p.is_dir() and (p / "gathering.yaml").is_file())
    at_least = max(1, b.parallel_from // 20)  # ~20 sessions a gathering
    for parsed, texts in in_two(
        lambda half: prewarm_half(cache, root, half), folders, at_least, encode_prewarmed, decode_prewarmed
    ):
        cache.docs.parsed.update(parsed)
        cache.texts.entries.update(texts)


def target(b: Builder, out: Path, mode: Mode) -> Target:
    """A complete build is written file by file as it is made, into a folder swapped in at the end.
    Only files checked as the last build wrote them are kept (an edited or linked file is rewritten)."""
    from generator.incremental.builder import Mode

    if mode is Mode.IN_PLACE:
        return InPlace(out, b.manifest or {}, b.build_id)
    return Staged(Staging(out, b.build_id, kept_files(out, read_manifest(out), b.state.files)))


def outdated(
    b: Builder,
    mode: Mode,
    plans: list[PagePlan],
    site: Site,
    templates: tuple[object, object],
    keys: PageKeys,
    old: dict[str, str],
) -> Outdated:
    """What the page keys say is out of date; in a live-preview save, less what read nothing that changed."""
    from generator.incremental.builder import Mode

    assert b.cache is not None and b.memo is not None
    todo = outdated_.outdated(plans, site.gatherings, keys, b.cache, old)
    if mode is not Mode.IN_PLACE or not b.live:
        return todo
    now = Last(site, {plan.path: plan for plan in plans}, templates)
    return outdated_.unread(todo, b.memo.last, now, b.memo.watcher, b.cache, old)


def page_keys(b: Builder, tree: ContentTree, theme: Theme) -> PageKeys:
    """The theme's files are read again only with the theme: a Builder keeps it while none of them changed."""
    assert b.memo is not None
    if b.memo.theme_key is None or b.memo.theme_key[0] is not theme:
        b.memo.theme_key = (theme, outdated_.theme_key(theme.folders))
    return PageKeys.of(tree, b.memo.theme_key[1], b.code, b.memo.page_keys if b.live else None)


def extra_files(b: Builder, site: Site, theme: Theme, cache: BuildCache, problems: Problems) -> Extra:
    from generator.render import other_files
    from generator.validate.files import published_files
    from generator.write.attachments import attachments_to_copy

    published = published_files(site, problems)
    others = [
        (o.path, o.content) for o in other_files(site, theme, problems, attachments_too=False, published=published)
    ]
    logo = others[-1:] if site.config.branding.logo is not None else []
    sources, b.source_stats = attachments_to_copy(published, problems, cache.sources)
    return Extra(others[: len(others) - len(logo)], sources, logo)


def remember(
    b: Builder,
    out: Path,
    mode: Mode,
    fingerprint: str,
    site: Site,
    plans: list[PagePlan],
    todo: Outdated,
    keys: PageKeys,
    groups: dict[str, list[str]],
    templates: tuple[object, object],
) -> None:
    """What the output now holds, as the cache and the build record of the next build know it."""
    from generator.incremental.builder import Mode

    cache = b.cache
    assert cache is not None and b.memo is not None
    b.manifest = manifest = read_manifest(out)
    for plan, key in zip(plans, todo.page_keys, strict=True):
        if key is not None:
            cache.pages[plan.path] = (key, manifest.get(plan.path, ""))
    for g in site.gatherings:
        key = keys.files_key(g)
        cache.groups[g.key] = (key or "", groups[g.key])
        cache.pages.update({path: (key or "", manifest.get(path, "")) for path in groups[g.key]})
    cache.groups = {k: v for k, v in cache.groups.items() if k in groups}
    cache.pages = {p: v for p, v in cache.pages.items() if p in manifest}
    cache.sources = {path: (*stats, manifest[path]) for path, stats in b.source_stats.items() if path in manifest}
    cache.prune()
    b.memo.watcher.settle({plan.path for plan in plans} | {outdated_.files_name(g.key) for g in site.gatherings})
    if b.live:
        b.memo.last = last = Last(site, {plan.path: plan for plan in plans}, templates)
        if len(b.memo.page_keys) > len(plans) + 100:  # pages gone since
            b.memo.page_keys = {p: v for p, v in b.memo.page_keys.items() if p in last.plans}
    if mode is Mode.COMPLETE:
        # The fast path trusts this record; the live preview's in-place writes change the marker, so it
        # no longer matches and the next `samling build` does the work.
        assert b.private is not None
        cache.save(b.private, out)
        # An input saved during the build may or may not be in it: then the next build does the work.
        settled = fingerprint == input_fingerprint(b.content, b.seen)
        marker = digest((out / MARKER).read_bytes())
        b.state = State(fingerprint if settled else "", marker, b.build_id, file_stats(out, manifest))
        write_state(b.private, out, b.state)
