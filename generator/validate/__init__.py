"""Stages 2 and 3, validate and model: loaded files → the typed content model.

Every problem in every file is reported into one `Problems`; the build stops
after this stage if there are any, before anything is rendered or written.
"""

from __future__ import annotations

import hashlib

from markdown_it import MarkdownIt

from generator.core.errors import Problems
from generator.core.model import Gathering, Model, Site
from generator.core.slugs import name_problem
from generator.load import ContentTree, GatheringFiles
from generator.validate.decks import deck
from generator.validate.gathering import Known, gathering, with_material
from generator.validate.links import check_links
from generator.validate.markdown import TextCache, make_markdown
from generator.validate.networks import site_programme
from generator.validate.people import with_people
from generator.validate.site import site_config
from generator.validate.summary import agreed_once
from generator.validate.worksheets import worksheet
from generator.write.private import notice


def validate(
    tree: ContentTree,
    problems: Problems,
    texts: TextCache | None = None,
    memo: dict[str, Gathering] | None = None,
    same_files: bool = False,
) -> Site:
    """The site model. `texts` caches rendered Markdown; `memo` (a Builder's, in memory) maps a key of
    everything a gathering is made from to the gathering, so an unchanged one is not validated again.
    Only gatherings without problems are remembered; `memo` is left holding the ones of this site.
    `same_files`: no file has come or gone since `memo` was filled, so the links of the gatherings
    found there still point at files that exist."""
    config = site_config(tree.site, tree.root, problems)
    md = make_markdown(config.raw_html, texts)
    models = _models(tree, md, problems)
    used: dict[str, Gathering] = {}
    gatherings = []
    checked: set[str] = set()  # gatherings whose links need no new look
    for files in tree.gatherings:
        key = _memo_key(tree, files, config.language, config.raw_html) if memo is not None else ""
        before = len(problems)
        g = memo.get(key) if memo is not None else None
        if g is not None and same_files:
            checked.add(g.key)
        if g is None:
            g = _gathering(files, config.language, md, models, problems)
        if g is not None:
            gatherings.append(g)
            if len(problems) == before:
                used[key] = g
    if memo is not None:
        memo.clear()
        memo.update(used)
    programme = site_programme(tree, gatherings, problems)
    for g in gatherings:
        agreed_once(g, programme, problems)
    site = Site(config, tuple(gatherings), models, tree.root, programme)
    check_links(site, problems, frozenset(checked))
    return site


def _memo_key(tree: ContentTree, files: GatheringFiles, language: str, raw_html: bool) -> str:
    docs = [*tree.shared(), *files.inputs()]
    parts = [language, str(raw_html), str(files.folder), *sorted(files.unreadable)]
    parts += [f"{d.path}:{d.digest}" for d in docs if d is not None]
    return hashlib.blake2b("\0".join(parts).encode(), digest_size=16).hexdigest()


DECK_VIEWS = ("presenter", "handout", "notes")  # the endings of render/pages.py deck_*_path


def _gathering(
    files: GatheringFiles, language: str, md: MarkdownIt, models: tuple[Model, ...], problems: Problems
) -> Gathering | None:
    for doc in (*files.decks, *files.worksheets):
        if bad := name_problem(doc.path.stem, doc.path.suffix):
            problems.add(doc.path, 0, *bad)
    names = {d.path.stem for d in files.decks}
    for doc in files.decks:
        # A deck's presenter, handout and notes pages are named after it with these endings.
        base, _, view = doc.path.stem.rpartition("-")
        if view in DECK_VIEWS and base in names:
            problems.add(
                doc.path,
                0,
                f"the page of this deck would overwrite the {view} page of the deck '{base}'",
                "rename the file",
            )
    known = Known(
        decks=frozenset(names),
        worksheets=frozenset(w.path.stem for w in files.worksheets),
        models=frozenset(m.key for m in models),
    )
    g = gathering(files, known, language, md, problems)
    if g is None:
        return None
    session_keys = frozenset(s.key for s in g.sessions())
    decks = tuple(d for doc in files.decks if (d := deck(doc, session_keys, md, problems)))
    sheets = tuple(
        w
        for doc in files.worksheets
        if (w := worksheet(doc, session_keys, md, problems, lang=g.language, models=models))
    )
    _check_embeds(g, decks, known, problems)
    notices: list[str] = []
    g = with_people(g, files, problems, notices)
    for line in notices:  # a duplicate person: one line, and the build goes on
        notice(line)
    return _responses(with_material(g, decks, sheets), files, problems)


def _responses(g: Gathering, files: GatheringFiles, problems: Problems) -> Gathering:
    """The answers files read back, and the summary, which may name their worksheets' items."""
    from dataclasses import replace

    from generator.validate.answers import responses_of
    from generator.validate.summary import summary

    notices: list[str] = []
    responses = responses_of(files.responses, g, problems, notices)
    doc = files.gathering
    raw = doc.data.get("summary") if doc is not None and isinstance(doc.data, dict) else None
    line = doc.data.line_of("summary") if raw is not None and doc is not None else 0
    found = summary(raw, line, g, g.source.path, problems)
    return replace(g, responses=responses, notices=tuple(notices), summary=found)


def _models(tree: ContentTree, md: MarkdownIt, problems: Problems) -> tuple[Model, ...]:
    if not tree.models:
        return ()
    from generator.validate.models import parse_model

    found = []
    for doc in tree.models:
        if bad := name_problem(doc.path.stem, doc.path.suffix):
            problems.add(doc.path, 0, *bad)
            continue
        model = parse_model(doc.path.stem, doc.data, doc.path, md, problems)
        if model is not None:
            found.append(model)
    return tuple(found)


def _check_embeds(g: Gathering, decks: tuple, known: Known, problems: Problems) -> None:
    for d in decks:
        for slide in d.slides:
            for embed in slide.embeds:
                names = known.models if embed.kind == "model" else known.worksheets
                if embed.name not in names:
                    problems.add(
                        d.source.path,
                        embed.line,
                        f"::: {embed.kind} '{embed.name}' does not exist",
                        f"check the name against {embed.kind}s/",
                    )
