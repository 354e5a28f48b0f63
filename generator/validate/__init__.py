"""Stage 2, validate: loaded files → the typed content model (generator/core/model/).

Every problem in every file is reported into one `Problems`; the build stops
after this stage if there are any, before anything is rendered or written.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from markdown_it import MarkdownIt

from generator.core.errors import Problems
from generator.core.model import Deck, Gathering, Model, Site, SiteConfig, Worksheet
from generator.core.model.answers import Response
from generator.core.slugs import name_problem
from generator.load import ContentTree, GatheringFiles
from generator.load.documents import Document
from generator.validate.answers import response_of
from generator.validate.decks import deck
from generator.validate.gathering import Known, gathering, with_material
from generator.validate.links import check_links
from generator.validate.markdown import SamlingMarkdown, make_markdown
from generator.validate.networks import site_programme
from generator.validate.people import with_people
from generator.validate.site import site_config
from generator.validate.summary import agreed_once
from generator.validate.worksheets import worksheet


def validate(tree: ContentTree, problems: Problems) -> Site:
    """The site model, every problem in every file reported into `problems`."""
    config, md, models = site_parts(tree, problems)
    found = [validate_gathering(files, config.language, md, models, problems) for files in tree.gatherings]
    return assemble(config, found, models, tree, problems)


# The steps of validate, public so that a Builder can remember gatherings between builds
# (generator/incremental/memo.py) without validation knowing it.


def site_parts(
    tree: ContentTree, problems: Problems, markdown: Callable[[bool], SamlingMarkdown] = make_markdown
) -> tuple[SiteConfig, SamlingMarkdown, tuple[Model, ...]]:
    """site.yaml, the parser it asks for, and the models: what every gathering is validated with."""
    config = site_config(tree.site, tree.root, problems)
    md = markdown(config.raw_html)
    return config, md, _models(tree, md, problems)


def assemble(
    config: SiteConfig,
    found: Iterable[Gathering | None],
    models: tuple[Model, ...],
    tree: ContentTree,
    problems: Problems,
    links_known: frozenset[str] = frozenset(),
) -> Site:
    """The site, its links checked (but those of the gatherings in `links_known`, known to be good);
    the programme checked against the gatherings, and what they agreed written in one place only."""
    gatherings = tuple(g for g in found if g is not None)
    programme = site_programme(tree, gatherings, problems)
    for g in gatherings:
        agreed_once(g, programme, problems)
    site = Site(config, gatherings, models, tree.root, programme)
    check_links(site, problems, links_known)
    return site


def gathering_key(tree: ContentTree, files: GatheringFiles, config: SiteConfig) -> str:
    """A key of everything a gathering's model (and so its page plans) is made from: the site-wide
    documents and the gathering's inputs, the other gatherings of its network among them."""
    docs = [*tree.shared(), *files.inputs()]
    parts = [config.language, str(config.raw_html), str(files.folder), *sorted(files.unreadable)]
    parts += [f"{d.path}:{d.digest}" for d in docs if d is not None]
    return hashlib.blake2b("\0".join(parts).encode(), digest_size=16).hexdigest()


DECK_VIEWS = ("presenter", "handout", "notes")  # the endings of render/pages.py deck_*_path


@dataclass(frozen=True)
class FileSteps:
    """How one deck, worksheet or answers file becomes part of a gathering's model. A Builder hands in
    steps that remember what they made from files that did not change (generator/incremental/memo.py)."""

    deck: Callable[[Document, frozenset[str], MarkdownIt, Problems], Deck | None] = deck
    worksheet: Callable[..., Worksheet | None] = worksheet
    response: Callable[[Document, Gathering, Problems, list[str]], Response | None] = response_of


def validate_gathering(
    files: GatheringFiles,
    language: str,
    md: MarkdownIt,
    models: tuple[Model, ...],
    problems: Problems,
    steps: FileSteps = FileSteps(),
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
    decks = tuple(d for doc in files.decks if (d := steps.deck(doc, session_keys, md, problems)))
    sheets = tuple(
        w
        for doc in files.worksheets
        if (w := steps.worksheet(doc, session_keys, md, problems, lang=g.language, models=models))
    )
    _check_embeds(g, decks, known, problems)
    notices: list[str] = []  # a duplicate person, an answer that no longer fits: one line each, the build goes on
    g = with_people(g, files, problems, notices)
    return _responses(with_material(g, decks, sheets), files, problems, notices, steps)


def _responses(
    g: Gathering, files: GatheringFiles, problems: Problems, notices: list[str], steps: FileSteps
) -> Gathering:
    """The answers files read back, and the summary, which may name their worksheets' items."""
    from dataclasses import replace

    from generator.validate.summary import summary

    responses = tuple(r for d in files.responses if (r := steps.response(d, g, problems, notices)))
    doc = files.gathering
    raw = doc.data.get("summary") if doc is not None and isinstance(doc.data, dict) else None
    line = doc.line_of("summary") if raw is not None and doc is not None else 0
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
