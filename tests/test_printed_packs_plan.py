"""The packs' plan, pure: names, parts, models, the footer's CSS and the links on paper."""

from __future__ import annotations

from conftest import CONTENT

from generator.commands.build import check
from generator.commands.printed_packs import pack_documents
from generator.core.errors import Problems
from generator.render.printed_packs import (
    css_string,
    facilitator_parts,
    models_used,
    pack_path,
    page_counter,
    paper_links,
    participant_parts,
)
from generator.render.theme import load_theme


def example():  # type: ignore[no-untyped-def]
    site = check(CONTENT)
    return site, next(g for g in site.gatherings if g.days)


def test_packs_are_named_in_the_gatherings_language() -> None:
    import dataclasses

    _, g = example()
    assert pack_path(g, "participant") == f"print/{g.key}-deltaker.pdf"
    assert pack_path(g, "facilitator") == f"print/{g.key}-fasilitator.pdf"
    assert pack_path(dataclasses.replace(g, language="nn"), "participant") == f"print/{g.key}-deltakar.pdf"
    assert pack_path(dataclasses.replace(g, language="en"), "participant") == f"print/{g.key}-participant.pdf"
    assert pack_path(dataclasses.replace(g, language="en"), "facilitator") == f"print/{g.key}-facilitator.pdf"


def test_models_are_those_the_gathering_shows_in_the_order_it_first_shows_them() -> None:
    site, g = example()
    assert [m.key for m in models_used(site, g)] == [
        "forankring",
        "maling-av-resultater",
        "omdommebygging",
        "erfaringer",
        "bevissthet-aksept-eierskap",
    ]


def test_the_participant_pack_has_no_part_made_from_facilitator_templates() -> None:
    site, g = example()
    participant = {p.template for p in participant_parts(site, g)}
    assert participant == {"day.html", "deck_handout.html", "worksheet.html", "model.html"}
    facilitator = [p.template for p in facilitator_parts(site, g)]
    assert facilitator[:4] == [
        "print/pack_duties.html",
        "facilitator/day.html",
        "facilitator/day.html",
        "print/pack_packing.html",
    ]


def test_the_footer_strings_become_css_content_safely() -> None:
    assert page_counter("side {n} av {total}") == '"side " counter(page) " av " counter(pages)'
    assert page_counter("{n}/{total}") == 'counter(page) "/" counter(pages)'
    assert css_string('A "quoted" \\ </style>') == '"A \\22 quoted\\22  \\5c  \\3c /style\\3e "'


def test_links_on_paper_point_online_or_nowhere() -> None:
    html = '<a href="../g/2013-03-11.html">Dag</a> <a href="#pack-3">3</a> <a class="x" href="https://x.no/">x</a>'
    here = "print/g-deltaker.html"
    assert paper_links(html, here, "") == '<a>Dag</a> <a href="#pack-3">3</a> <a class="x" href="https://x.no/">x</a>'
    assert paper_links(html, here, "https://k.no/s/").startswith('<a href="https://k.no/s/g/2013-03-11.html">Dag</a>')


def test_without_base_url_no_pack_has_a_qr_code() -> None:
    site, _ = example()
    problems = Problems(root=site.root)
    theme = load_theme(site.config.theme, site.root, problems, site.config.source.path)
    documents = pack_documents(theme.environment(), site, theme, problems)
    assert len(documents) == 2 and not problems.items
    for html in documents.values():
        assert b"qr-code" not in html and b"pack-online" not in html
