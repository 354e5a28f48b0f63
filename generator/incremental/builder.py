"""The Builder: one build after another into one output, remembering what it can in between.

`Builder._build` is the build as a list of named steps: load → validate → plan → outdated →
render → write. The stages are pure functions (generator/load, validate, render); the Builder owns
everything remembered — the cache on disk (cache.py), what is kept in memory (memo.py) — and
decides what is out of date (outdated.py) apart from how pages are made. Nothing is written
unless every earlier step succeeded without a problem. The heavy libraries are imported only when
there is work to do, so that a repeat build with nothing changed is a matter of reading the files.
"""

from __future__ import annotations

import enum
import functools
import gc
import json
import secrets
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.core.errors import Problems
from generator.core.memory import give_back
from generator.core.rendered import BuildResult, Rendered
from generator.incremental.fingerprint import Seen, input_fingerprint
from generator.incremental.parallel import MIN_ITEMS, in_two
from generator.write.lock import output_lock
from generator.write.private import PrivateFolder
from generator.write.record import State, read_state, write_state
from generator.write.staging import MARKER, check_output_folder, digest, recover
from generator.write.trust import file_stats, prove_output

if TYPE_CHECKING:
    from jinja2 import Environment

    from generator.core.model import Site
    from generator.incremental.cache import BuildCache
    from generator.incremental.memo import Memo
    from generator.incremental.outdated import Work
    from generator.load import ContentTree
    from generator.render.pages import PagePlan
    from generator.render.theme import Theme
    from generator.write.targets import Target


class Mode(enum.Enum):
    COMPLETE = "complete"  # every file listed and checked; the output swapped in whole
    IN_PLACE = "in place"  # a live-preview save: the named files read again, changed files replaced in place


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


class Builder:
    """A build that can be repeated: `samling build` builds once, the live preview on every save.

    `changed` names the files that changed since the last build (None: unknown — every file is
    read again and compared by content hash, and the output is swapped in whole). With a set,
    files not named are taken from memory and changed files are replaced one by one in place.
    `live`: the Builder keeps the model and the files as read for the saves to come; a one-off
    build lets them go before rendering. A ContentError leaves the output folder untouched.
    """

    def __init__(
        self,
        content: Path,
        output: Path,
        parallel_from: int = MIN_ITEMS,
        warm: bool = True,
        finish: Callable[[Site, Mapping[str, bytes]], list[tuple[str, bytes]]] | None = None,
        replan: Callable[[Site, list[PagePlan]], list[PagePlan]] | None = None,
    ) -> None:
        self.content = content
        self.output = output
        self.live = warm
        self.finish = finish  # files made from the rendered site, in the same build (the PDFs of `samling print`)
        self.replan = (
            replan  # pages that show what `finish` makes (overviews linking the packs); own templates, own keys
        )
        self.parallel_from = parallel_from  # pages to render before a second process is worth its start
        self.cache: BuildCache | None = None  # what the next build may reuse, persisted beside the output
        self.memo: Memo | None = None  # what is reused in memory: validated gatherings, page plans, texts
        self.manifest: dict[str, str] | None = None  # of the output as this Builder last left it
        self.site: Site | None = None
        self.tree: ContentTree | None = None
        self._theme: Theme | None = None  # kept while no theme file changes
        self._env: Environment | None = None  # its compiled Jinja environment
        self.code = ""
        self.build_id = ""  # the id this output's marker and build record share (see write/trust.py)
        self.private: PrivateFolder | None = None  # checked at the start of each complete build
        self.state = State()
        self.source_stats: dict[str, tuple[int, int, int]] = {}  # attachment → (size, mtime, inode) as copied
        self.seen = Seen()  # the input files as this build's fingerprint read them, checked again at its end
        self.unsettled: set[Path] = set()  # named as changed to builds that failed since the last one that did not

    def build(self, changed: set[Path] | None = None) -> BuildResult:
        out = check_output_folder(self.output, self.content)
        with output_lock(out):  # a second build into `out` waits, else its recovery would take our staging folder
            in_place = changed is not None and self.manifest is not None and bool(self.build_id)
            mode = Mode.IN_PLACE if in_place else Mode.COMPLETE
            fingerprint = ""
            if mode is Mode.COMPLETE:
                self._open(out)
            recover(out, self.build_id)  # what a killed build left beside the output, even with nothing to build
            if mode is Mode.COMPLETE:
                self.seen = Seen()
                fingerprint = input_fingerprint(self.content, self.seen)
                # A live Builder builds even so: it needs the model in memory for the saves to come.
                done = None if self.live or self.finish else self._unchanged(out, fingerprint)
                if done is not None:
                    return done
                self._record_build_id(out)
            # The files of saves that failed since the last build that succeeded count as changed too: that
            # build's tree, which this one starts from, has them as they were.
            names = {Path(p).resolve() for p in changed or ()} | self.unsettled
            if mode is Mode.COMPLETE or any(not n.is_relative_to(self.content.resolve()) for n in names):
                self._theme = self._env = None  # a theme file changed: load and compile afresh, whatever its clock
            try:
                result = self._build(out, mode, fingerprint, names)
            except BaseException:
                self.unsettled = names
                raise
            self.unsettled = set()
            return result

    def _build(self, out: Path, mode: Mode, fingerprint: str, changed: set[Path]) -> BuildResult:
        """The build, one named step a line."""
        from generator.incremental import steps

        cache, memo = self._remembered(out)
        problems = Problems(root=self.content)
        tree, same_files = steps.read(self, mode, changed, problems)  # load: the files, as read
        site = memo.validate(tree, problems, same_files)  # validate: the model, or every problem at once
        theme, env = self._theme_for(site, tree, problems)  # the theme, compiled while unchanged
        problems.raise_if_any()
        target = steps.target(self, out, mode)  # where the files go: a staging folder, or the output
        try:
            keys = steps.page_keys(self, tree, theme)  # what each page is made from
            if not self.live:  # the texts live on in the model; the files' raw text is no longer needed
                tree, cache.docs.known = None, {}
                give_back()
            plans = memo.plan_pages(site, self.live)  # plan: every page and what it shows
            if self.replan:
                plans = self.replan(site, plans)
            todo = steps.outdated(self, mode, plans, site, (theme, env), keys, target.old)  # outdated: to make again
            made = self._render(site, theme, env, todo.work, target, problems)  # render: bytes, written as made
            extra = steps.extra_files(self, site, theme, cache, problems)  # static files, attachments, the logo
            problems.raise_if_any()
            groups = {**todo.kept, **made.groups}  # gathering → its other files (calendars)
            pages = [plan.path for plan in plans] + [p for g in site.gatherings for p in groups[g.key]]
            finish = functools.partial(self.finish, site) if self.finish else None
            counts = target.commit(made, pages, extra, finish)  # write: the new site put in place
        except BaseException:
            target.abandon()
            raise
        steps.remember(self, out, mode, fingerprint, site, plans, todo, keys, groups, (theme, env))  # for the next
        self.site, self.tree, self._theme, self._env = site, tree, theme, env
        if self.live and mode is Mode.COMPLETE:
            gc.collect()  # what the first build left over is collected now, not in the middle of a save
        return BuildResult(site, sum(1 for p in plans if p.path.endswith(".html")), counts)

    def _open(self, out: Path) -> None:
        """Only a build of this output, recorded in its owner-only folder, may replace what is in it."""
        self.private = PrivateFolder(out)
        self.state = read_state(self.private, out)
        prove_output(out, self.state.build, self.state.marker)
        if not self.build_id:
            self.build_id = self.state.build or secrets.token_hex(16)

    def _record_build_id(self, out: Path) -> None:
        """Recorded before a marker names it, so that a build killed in between leaves a proven output."""
        if self.state.build != self.build_id:
            assert self.private is not None
            write_state(self.private, out, State("", self.state.marker, self.build_id))

    def _remembered(self, out: Path) -> tuple[BuildCache, Memo]:
        from generator.incremental.cache import BuildCache, code_key
        from generator.incremental.memo import Memo

        if self.cache is None:
            assert self.private is not None
            self.cache, self.code = BuildCache.load(self.private, out), code_key()
        if self.memo is None:
            self.memo = Memo()
        self.memo.texts = self.cache.texts
        if self.live:  # its texts say which pages read them, for the saves to come (reads.py)
            self.cache.texts.watcher = self.memo.watcher
        return self.cache, self.memo

    def _theme_for(self, site: Site, tree: ContentTree, problems: Problems) -> tuple[Theme, Environment]:
        from generator.render.theme import load_theme

        theme, env = self._theme, self._env
        if theme is None or self.site is None or self.site.config.theme != site.config.theme:
            theme = load_theme(site.config.theme, tree.root, problems, site.config.source.path)
            env = None
        problems.raise_if_any()
        return theme, env or theme.environment()

    def _render(
        self, site: Site, theme: Theme, env: Environment, work: list[Work], target: Target, problems: Problems
    ) -> Rendered:
        """The outdated pages and files, in two processes when there are many."""
        from generator.incremental.outdated import PageWork, name
        from generator.render.pages import calendar_path
        from generator.render.search import part_name

        assert self.memo is not None
        watcher = self.memo.watcher
        watcher.forget([name(item) for item in work])
        # Every folder made here first, or both processes try to make each: pages, calendars, search parts.
        parts = [f"assets/{part_name(w.gathering)}" for w in work if not isinstance(w, PageWork)]
        target.prepare([w.plan.path if isinstance(w, PageWork) else calendar_path(w.gathering) for w in work] + parts)
        # One page of each template first, here: Jinja compiles a template when a page first needs it
        # (about 4 ms each), so a forked child then has them compiled instead of compiling them again.
        first: dict[str, Work] = {}
        for w in work:
            if isinstance(w, PageWork):
                first.setdefault(w.plan.template, w)
        taken = {id(w) for w in first.values()}
        rest = [w for w in work if id(w) not in taken]
        ordered = rest[0::2] + rest[1::2]  # each half gets its share of pages and of the costlier calendars
        made = Rendered(Problems(root=self.content))

        def decode(value: list[Any]) -> Rendered:  # a child's half, and what its pages read
            watcher.take(value[1])
            return Rendered.from_plain(value[0], self.content)

        parts = [self._render_part(site, theme, env, list(first.values()), target)] if first else []
        for part in parts + in_two(
            lambda items: self._render_part(site, theme, env, items, target),
            ordered,
            self.parallel_from,
            lambda part: [part.plain(), watcher.plain()],
            decode,
        ):
            made.made.update(part.made)
            made.groups.update(part.groups)
            problems.items.extend(part.problems)
            made.written += part.written
            target.take(part)
        return made

    def _render_part(
        self, site: Site, theme: Theme, env: Environment, items: Sequence[Work], target: Target
    ) -> Rendered:
        from generator.incremental.outdated import PageWork, name
        from generator.render import gathering_files, render_page

        assert self.memo is not None
        watcher = self.memo.watcher
        result = Rendered(Problems(root=self.content))
        for item in items:
            if isinstance(item, PageWork):
                with watcher.making(name(item)):
                    page = render_page(env, site, theme, item.plan, result.found)
                target.emit(result, page.path, page.content)
            else:
                with watcher.making(name(item)):
                    files = gathering_files(item.gathering, site, theme)
                for o in files:
                    target.emit(result, o.path, o.content)
                result.groups[item.gathering.key] = [o.path for o in files]
        return result

    def _unchanged(self, out: Path, fingerprint: str) -> BuildResult | None:
        """The output as the last build left it, every file as written, and no input changed: nothing to do."""
        state = self.state
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
