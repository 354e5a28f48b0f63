"""What a Builder remembers in memory between builds, wrapped around the pure stages from outside.

Validation and the page plan are pure functions of their inputs (generator/validate/,
generator/render/pages.py). A Memo composes the same steps, but looks up each gathering first: a
gathering whose files did not change is the very object of the last build, and so are its page plans.
Only gatherings without problems are remembered.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markdown_it import MarkdownIt

from generator.core.errors import Problems
from generator.core.model import Deck, Gathering, Site, Worksheet
from generator.core.model.answers import Response
from generator.incremental.outdated import Last
from generator.incremental.reads import Watcher
from generator.incremental.texts import TextCache, remembering
from generator.load import ContentTree
from generator.load.documents import Document
from generator.render.pages import PagePlan, gathering_plans, plan_pages
from generator.validate import FileSteps, assemble, gathering_key, site_parts, validate_gathering
from generator.validate.answers import response_of
from generator.validate.decks import deck
from generator.validate.worksheets import worksheet

Crumb = tuple[str, str]


@dataclass
class Memo:
    texts: TextCache = field(default_factory=TextCache)
    gatherings: dict[str, tuple[Gathering, frozenset[str]]] = field(default_factory=dict)  # by gathering_key
    material: dict[Path, tuple[Hashable, Deck | Worksheet, frozenset[str]]] = field(default_factory=dict)
    responses: dict[Path, tuple[Hashable, Response, tuple[str, ...]]] = field(default_factory=dict)
    plans: dict[str, tuple[Gathering, Crumb, list[PagePlan]]] = field(default_factory=dict)
    watcher: Watcher = field(default_factory=Watcher)  # what each page read when it was last made
    last: Last | None = None  # the last build that succeeded, for the next save to compare with
    theme_key: tuple[object, str] | None = None  # a Theme, and the key of its files as it was loaded
    page_keys: dict[str, tuple[tuple[str, ...], str]] = field(default_factory=dict)  # see PageKeys.known

    def validate(self, tree: ContentTree, problems: Problems, same_files: bool) -> Site:
        """validate(tree, problems), reusing unchanged gatherings, decks and worksheets. `same_files`: no
        file came or went since the last build, so the links of a reused gathering still point at files
        that exist. The texts of what is reused are kept in the TextCache as if they were made again."""
        config, md, models = site_parts(tree, problems, remembering(self.texts))
        found: list[Gathering | None] = []
        used: dict[str, tuple[Gathering, frozenset[str]]] = {}
        links_known: set[str] = set()
        for files in tree.gatherings:
            key, before = gathering_key(tree, files, config), len(problems)
            hit = self.gatherings.get(key)
            if hit is not None:
                g, texts = hit
                self.texts.used |= texts
                if same_files:
                    links_known.add(g.key)
            else:
                with self.texts.collecting() as texts:
                    g = validate_gathering(files, config.language, md, models, problems, self._steps)
            if g is not None and len(problems) == before:
                used[key] = (g, frozenset(texts))
            found.append(g)
        self.gatherings = used
        paths = {d.path for files in tree.gatherings for d in (*files.decks, *files.worksheets)}
        self.material = {p: v for p, v in self.material.items() if p in paths}
        paths = {d.path for files in tree.gatherings for d in files.responses}
        self.responses = {p: v for p, v in self.responses.items() if p in paths}
        return assemble(config, found, models, tree, problems, frozenset(links_known))

    @property
    def _steps(self) -> FileSteps:
        return FileSteps(self._deck, self._worksheet, self._response)

    def _response(self, doc: Document, g: Gathering, problems: Problems, notices: list[str]) -> Response | None:
        """An answers file as read for the same gathering key and worksheets (the only parts of the
        gathering it is checked against), with the notices it gave, if it gave no problem."""
        key = (doc.digest, g.key, g.worksheets)  # the worksheets: by value, and mostly the very objects
        hit = self.responses.get(doc.path)
        if hit is not None and hit[0] == key:
            notices.extend(hit[2])
            return hit[1]
        before, said = len(problems), len(notices)
        made = response_of(doc, g, problems, notices)
        if made is not None and len(problems) == before:
            self.responses[doc.path] = (key, made, tuple(notices[said:]))
        return made

    def _deck(self, doc: Document, session_keys: frozenset[str], md: MarkdownIt, problems: Problems) -> Deck | None:
        key = (doc.digest, session_keys, md.options["html"])
        return self._material(doc, key, problems, lambda: deck(doc, session_keys, md, problems))

    def _worksheet(
        self, doc: Document, session_keys: frozenset[str], md: MarkdownIt, problems: Problems, **more: Any
    ) -> Worksheet | None:
        key = (doc.digest, session_keys, md.options["html"], tuple(sorted(more.items())))  # models: by value
        return self._material(doc, key, problems, lambda: worksheet(doc, session_keys, md, problems, **more))

    def _material(self, doc: Document, key: Hashable, problems: Problems, make: Callable[[], Any]) -> Any:
        """A deck or worksheet as made from the same file for the same gathering: the very object, if
        it was made without a problem."""
        hit = self.material.get(doc.path)
        if hit is not None and hit[0] == key:
            self.texts.used |= hit[2]
            return hit[1]
        before = len(problems)
        with self.texts.collecting() as texts:
            made = make()
        if made is not None and len(problems) == before:
            self.material[doc.path] = (key, made, frozenset(texts))
        return made

    def plan_pages(self, site: Site, remember: bool) -> list[PagePlan]:
        """plan_pages(site); with `remember`, a reused gathering keeps its plans."""
        if not remember:
            return plan_pages(site)
        plans = plan_pages(site, self._pages_of)
        keys = {g.key for g in site.gatherings}
        self.plans = {k: v for k, v in self.plans.items() if k in keys}
        return plans

    def _pages_of(self, site: Site, g: Gathering, site_crumb: Crumb) -> list[PagePlan]:
        # The plans also show programme.yaml's series and the network's other gatherings; `g` is the very
        # object of the last build only if none of them changed (validate.gathering_key covers them).
        hit = self.plans.get(g.key)
        if hit is not None and hit[0] is g and hit[1] == site_crumb:
            return hit[2]
        plans = gathering_plans(site, g, site_crumb)
        self.plans[g.key] = (g, site_crumb, plans)
        return plans
