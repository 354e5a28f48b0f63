"""The build, as a list of named steps: load → validate → render → write.

Nothing is written unless every earlier step succeeded without a problem. A `Builder` remembers
what it can between builds (generator/incremental/cache.py): parsed files, rendered Markdown, compiled
templates and which pages are up to date, so a repeat build redoes only what a change touched.
The heavy libraries are imported only when there is work to do, so that a repeat build with
nothing changed is a matter of reading the files.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.core.errors import Problems
from generator.core.rendered import BuildResult, Rendered
from generator.incremental.fingerprint import State, input_fingerprint, read_state, write_state
from generator.incremental.parallel import MIN_ITEMS, in_two
from generator.write.lock import output_lock
from generator.write.private import PrivateFolder
from generator.write.staging import MARKER, Staging, check_output_folder, digest, read_manifest, recover, write_changed
from generator.write.trust import file_stats, kept_files, prove_output

if TYPE_CHECKING:
    from generator.core.model import Site
    from generator.incremental.cache import BuildCache


def check(content: Path) -> Site:
    """Everything a build checks, without rendering or writing; raises ContentError listing every problem."""
    from generator.load import load
    from generator.render.theme import load_theme
    from generator.validate import validate
    from generator.validate.files import published_files

    problems = Problems(root=content)
    tree = load(content, problems)
    site = validate(tree, problems)
    # As the build does next: the theme, then the attachments and the logo as they would be published.
    load_theme(site.config.theme, tree.root, problems, site.config.source.path)
    problems.raise_if_any()
    published_files(site, problems)
    problems.raise_if_any()
    return site


def build(content: Path, output: Path) -> BuildResult:
    """A complete build into `output`, swapped in atomically; reuses the cache beside it."""
    return Builder(content, output, warm=False).build(None)


class Builder:
    """A build that can be repeated: the live preview and repeat builds call `build()`.

    `changed` names the files that changed since the last build (None: unknown — every file
    is read again and compared by content hash, and the output is swapped in whole). With a
    set, files not named are taken from memory and changed pages are replaced one by one in
    place (see write_changed). A ContentError leaves the output folder untouched.
    """

    def __init__(self, content: Path, output: Path, parallel_from: int = MIN_ITEMS, warm: bool = True) -> None:
        self.content = content
        self.output = output
        self.warm = warm  # False: one build only, so the files as read are let go before rendering
        self.parallel_from = parallel_from  # pages to render before a second process is worth its start
        self.cache: BuildCache | None = None
        self.manifest: dict[str, str] | None = None  # of the output as this Builder last left it
        self.site: Site | None = None
        self._gatherings: dict[str, Any] = {}  # validated gatherings by the key of their files (see validate)
        self._tree: Any = None  # the ContentTree of the last build
        self._theme: Any = None  # the Theme of the last build, while no theme file changes
        self._env: Any = None  # its compiled Jinja environment
        self._plans: dict[str, Any] = {}  # each gathering's page plans, while validation reuses the gathering
        self._code = ""
        self._build_id = ""  # the id this output's marker and build record share (see output_trust.prove_output)
        self._private: PrivateFolder | None = None  # checked at the start of each complete build
        self._state = State()
        self._source_stats: dict[str, tuple[int, int, int]] = {}  # attachment → (size, mtime, inode) as copied

    def build(self, changed: set[Path] | None = None) -> BuildResult:
        out = check_output_folder(self.output, self.content)
        with output_lock(out):  # a second build into `out` waits, else its recovery would take our staging folder
            return self._locked(out, changed)

    def _locked(self, out: Path, changed: set[Path] | None) -> BuildResult:
        in_place = changed is not None and self.manifest is not None and bool(self._build_id)
        if not in_place:
            # Only a build of this output, recorded in its owner-only folder, may replace what is in it.
            self._private = PrivateFolder(out)
            self._state = read_state(self._private, out)
            prove_output(out, self._state.build, self._state.marker)
            if not self._build_id:
                self._build_id = self._state.build or secrets.token_hex(16)
        recover(out, self._build_id)  # what a killed build left beside the output, even if there is nothing to build
        fingerprint = ""
        if not in_place:
            fingerprint = input_fingerprint(self.content)
            # A warm Builder (the live preview) builds even so: it needs the model in memory for the saves to come.
            done = None if self.warm else self._unchanged(out, fingerprint)
            if done is not None:
                return done
            if self._state.build != self._build_id:
                # Recorded before a marker names it, so that a build killed in between leaves a proven output.
                write_state(self._private, out, State("", self._state.marker, self._build_id))
        from generator.incremental.cache import BuildCache, code_key

        if self.cache is None:
            assert self._private is not None
            self.cache, self._code = BuildCache.load(self._private, out), code_key()
        names = {Path(p).resolve() for p in changed or ()}
        if not in_place or any(not n.is_relative_to(self.content.resolve()) for n in names):
            self._theme = self._env = None  # a theme file changed: load and compile afresh, whatever its clock says
        return self._build(out, in_place, fingerprint, names)

    def _prewarm(self) -> None:
        """Parse and render the Markdown of half the gatherings in a second process, the other half here."""
        from generator.incremental.cache import decode_prewarmed, encode_prewarmed, prewarm

        assert self.cache is not None
        root = self.content.resolve()
        folders = sorted(p for p in root.iterdir() if p.is_dir() and (p / "gathering.yaml").is_file())
        at_least = max(1, self.parallel_from // 20)  # ~20 sessions a gathering
        for parsed, texts in in_two(
            lambda half: prewarm(self.cache, root, half), folders, at_least, encode_prewarmed, decode_prewarmed
        ):
            self.cache.docs.parsed.update(parsed)
            self.cache.texts.entries.update(texts)

    def _render(self, site: Site, theme: Any, items: Sequence[Any], stage: Staging | None) -> Rendered:
        """Pages (PagePlans) and gatherings' other files (Gatherings), written to `stage` as they are
        made (or kept in memory for an in-place build without one)."""
        from generator.render import gathering_files, render_page
        from generator.render.pages import PagePlan

        result = Rendered(Problems(root=self.content))

        def emit(path: str, data: bytes) -> None:
            if stage is None:
                result.made[path] = data
            else:
                result.written += stage.add(path, data)
                result.digests[path] = stage.digests[path]

        for item in items:
            if isinstance(item, PagePlan):
                page = render_page(self._env, site, theme, item, result.found)
                emit(page.path, page.content)
            else:
                files = gathering_files(item, site.config.time_separator)
                for o in files:
                    emit(o.path, o.content)
                result.groups[item.key] = [o.path for o in files]
        return result

    def _unchanged(self, out: Path, fingerprint: str) -> BuildResult | None:
        """The output as the last build left it, every file as written, and no input changed: nothing to do."""
        state = self._state
        try:
            marker = (out / MARKER).read_bytes()
        except OSError:
            return None
        if not state.fingerprint or fingerprint != state.fingerprint or digest(marker) != state.marker:
            return None
        files = json.loads(marker).get("files", {})
        if file_stats(out, files) != state.files:  # an edited, removed or linked file: build, and rewrite it
            return None
        self.manifest = files
        pages = sum(1 for p in files if p.endswith(".html"))
        return BuildResult(
            lambda: self.site or check(self.content), pages, {"written": 0, "unchanged": len(files), "removed": 0}
        )

    def _build(self, out: Path, in_place: bool, fingerprint: str, changed: set[Path]) -> BuildResult:
        from generator.incremental.cache import PageKeys
        from generator.load import load, refresh
        from generator.render import other_files
        from generator.render.pages import plan_pages
        from generator.render.theme import load_theme
        from generator.validate import validate
        from generator.validate.files import published_files
        from generator.write.attachments import attachments_to_copy

        cache = self.cache
        assert cache is not None
        problems = Problems(root=self.content)
        # Only the changed files are read again when no file came or went; else every file is
        # listed, and read unless remembered from a build in which it was not named as changed.
        tree = refresh(self._tree, changed, problems, cache.docs) if in_place and self._tree else None
        same_files = tree is not None
        if tree is None:
            if not in_place:
                cache.docs.known = {}
                self._prewarm()
            for path in changed:
                cache.docs.known.pop(path, None)
                if path.is_dir() or not path.exists():  # a folder: forget what was under it too
                    for known in [k for k in cache.docs.known if k.is_relative_to(path)]:
                        del cache.docs.known[known]
            tree = load(self.content, problems, cache.docs)
        site = validate(tree, problems, cache.texts, self._gatherings, same_files)
        theme = self._theme
        if theme is None or self.site is None or self.site.config.theme != site.config.theme:
            theme = load_theme(site.config.theme, tree.root, problems, site.config.source.path)
            self._env = None
        problems.raise_if_any()
        if self._env is None:
            self._env = theme.environment()
        # A complete build is written file by file as it is made, into a folder swapped in at the end.
        # Only files checked as the last build wrote them are kept (an edited or linked file is rewritten).
        stage = (
            None if in_place else Staging(out, self._build_id, kept_files(out, read_manifest(out), self._state.files))
        )
        try:
            old = stage.old if stage is not None else (self.manifest or {})
            keys = PageKeys.of(tree, theme.folders, self._code)
            if not self.warm:  # the texts live on in the model; the files' raw text is no longer needed
                tree, cache.docs.known = None, {}
            plans = plan_pages(site, self._plans if self.warm else None)
            page_keys = [keys.key(plan) for plan in plans]
            todo: list[Any] = []
            for plan, key in zip(plans, page_keys, strict=True):
                if key is None or cache.pages.get(plan.path) != (key, old.get(plan.path)):
                    todo.append(plan)
            groups: dict[str, list[str]] = {}  # gathering → its other files (calendars)
            for g in site.gatherings:
                key, (before, paths) = keys.files_key(g), cache.groups.get(g.key, ("", []))
                if key and key == before and all(cache.pages.get(p) == (key, old.get(p)) for p in paths):
                    groups[g.key] = list(paths)
                else:
                    todo.append(g)
            made: dict[str, bytes] = {}
            written = 0
            work = todo[0::2] + todo[1::2]  # each half gets its share of pages and of the costlier calendars
            parts = in_two(
                lambda items: self._render(site, theme, items, stage),
                work,
                self.parallel_from,
                Rendered.plain,
                lambda value: Rendered.from_plain(value, self.content),
            )
            for part in parts:
                made.update(part.made)
                groups.update(part.groups)
                problems.items.extend(part.problems)
                written += part.written
                if stage is not None:
                    stage.merge(part.digests)
            published = published_files(site, problems)
            others = other_files(site, theme, problems, attachments_too=False, published=published)
            logo = others[-1:] if site.config.branding.logo is not None else []
            others = others[: len(others) - len(logo)]
            sources, self._source_stats = attachments_to_copy(published, problems, cache.sources)
            problems.raise_if_any()
            # In plan order, as a cold build lists them, so that the marker file is the same too.
            paths = [plan.path for plan in plans] + [p for g in site.gatherings for p in groups[g.key]]
            if stage is None:
                outputs = [(p, made.get(p)) for p in paths] + [(o.path, o.content) for o in others]
                for path, source, known in sources:  # an attachment is read only when it changed
                    outputs.append((path, None if known and old.get(path) == known else source.read_bytes()))
                outputs += [(o.path, o.content) for o in logo]
                counts = write_changed(outputs, out, old, self._build_id)
            else:
                written += sum(stage.add(p, None) for p in paths if p not in stage.digests)  # unchanged: linked
                written += sum(stage.add(o.path, o.content) for o in others)
                written += sum(stage.add_file(path, source, known) for path, source, known in sources)
                written += sum(stage.add(o.path, o.content) for o in logo)
                order = paths + [o.path for o in others] + [p for p, _, _ in sources] + [o.path for o in logo]
                removed = stage.swap(order)
                counts = {"written": written, "unchanged": len(order) - written, "removed": removed}
        except BaseException:
            if stage is not None:
                stage.abandon()
            raise
        self.manifest = read_manifest(out)
        for plan, key in zip(plans, page_keys, strict=True):
            if key is not None:
                cache.pages[plan.path] = (key, self.manifest.get(plan.path, ""))
        for g in site.gatherings:
            key = keys.files_key(g)
            cache.groups[g.key] = (key or "", groups[g.key])
            cache.pages.update({path: (key or "", self.manifest.get(path, "")) for path in groups[g.key]})
        cache.groups = {k: v for k, v in cache.groups.items() if k in groups}
        cache.pages = {p: v for p, v in cache.pages.items() if p in self.manifest}
        cache.sources = {
            path: (*stats, self.manifest[path]) for path, stats in self._source_stats.items() if path in self.manifest
        }
        cache.prune()
        if not in_place:
            # The fast path trusts this record; the live preview's in-place writes change the marker, so it
            # no longer matches and the next `samling build` does the work.
            assert self._private is not None
            cache.save(self._private, out)
            # An input saved during the build may or may not be in it: then the next build does the work.
            settled = fingerprint == input_fingerprint(self.content)
            marker = digest((out / MARKER).read_bytes())
            self._state = State(fingerprint if settled else "", marker, self._build_id, file_stats(out, self.manifest))
            write_state(self._private, out, self._state)
        self.site, self._tree, self._theme = site, tree, theme
        return BuildResult(site, sum(1 for p in plans if p.path.endswith(".html")), counts)
