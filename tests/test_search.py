"""The search index: what goes in (participant pages only, never notes), folding, weights and size."""

from __future__ import annotations

import html
import json
import sys
import unicodedata
from pathlib import Path

import pytest
from conftest import CONTENT
from hypothesis import given
from hypothesis import strategies as st

from generator.commands.build import check
from generator.core.model import Site, Text
from generator.render import search
from generator.render.search import SearchRecord, fold, index_data, index_files, plain_text, search_records, tokens

NOTE = "Sissel noterer svarene fra hver kommune"
MIXED = ["ΟΔΟΣ ΣΑΣ.Α", "A\u030a\u0327ker ǅ ﬁ ™ ½ İ", "Ærlig, Øst og Å – 2013 ⅻ", "x" * 31 + "æ", "Ŋ ŧ ł œ ß đ ǽ"]
MALING = "nettverk-omdomme-2013-03/sessions/maling-av-resultater.html"


@pytest.fixture(scope="module")
def site() -> Site:
    return check(CONTENT)


@pytest.fixture(scope="module")
def records(site: Site) -> list[SearchRecord]:
    return search_records(site)


def notes_of(site: Site) -> list[str]:
    """Every facilitator note in the example, as plain text."""
    found: list[str] = []

    def text(t: Text) -> None:
        found.extend(plain_text(h) for h in (t.notes_html,) if h)

    for g in site.gatherings:
        text(g.description)
        for s in g.sessions():
            for one in (s, *s.items):
                text(one.body)
                found.extend(plain_text(h) for h in (one.notes.html, one.notes.notes_html) if h)
        for d in g.decks:
            found.extend(plain_text(slide.notes_html) for slide in d.slides if slide.notes_html)
        for w in g.worksheets:
            text(w.intro)
    for m in site.models:
        text(m.description)
    return [n for n in found if n]


def decoded(data: dict) -> dict[str, list[tuple[int, int]]]:
    """term → [(doc, weight)] from the postings' base-36 deltas."""
    out = {}
    for term, line in zip(data["terms"], data["postings"], strict=True):
        doc, entries = 0, []
        for part in line.split(","):
            value = int(part, 36)
            doc += value // 32
            entries.append((doc, value % 32))
        out[term] = entries
    return out


def test_records_cover_every_participant_page_and_nothing_else(records: list[SearchRecord], built_site: Path) -> None:
    urls = [r.url for r in records]
    assert len(urls) == len(set(urls))
    for url in urls:
        assert url.endswith(".html") and (built_site / url).is_file(), url
    assert not [u for u in urls if "/fasilitator/" in u or u.endswith(("-presenter.html", "-notes.html"))]
    kinds = {r.kind for r in records}
    assert kinds == set(search.KINDS)
    sessions = {
        p.relative_to(built_site).as_posix()
        for p in (built_site / "nettverk-omdomme-2013-03" / "sessions").glob("*.html")
    }
    assert sessions == {r.url for r in records if r.kind == "session"}
    by_url = {r.url: r for r in records}
    assert by_url[MALING].title == "Måling av resultater"
    assert by_url[MALING].gathering_key == "nettverk-omdomme-2013-03"
    assert by_url[MALING].gathering_title == "Nettverk – omdømme"
    assert all(r.gathering_key == "" for r in records if r.kind == "model")


def test_no_facilitator_note_reaches_the_index(site: Site, records: list[SearchRecord], built_site: Path) -> None:
    notes = notes_of(site)
    assert len(notes) > 10 and any(NOTE in n for n in notes)
    script = "".join(data.decode() for _, data in index_files(site))
    for note in notes:
        assert not any(note in r.text for r in records), note
        assert note not in script, note
    # Stronger: a word found only in notes (on no participant page) is not a term of the index.
    folder = built_site / "nettverk-omdomme-2013-03" / "fasilitator"
    shown: set[str] = set()
    for page in built_site.rglob("*.html"):
        if not page.is_relative_to(folder) and not page.name.endswith(("-presenter.html", "-notes.html")):
            shown.update(tokens(html.unescape(plain_text(page.read_text("utf-8")))))
    only_in_notes = {t for n in notes for t in tokens(n)} - shown
    assert {"noterer", "svarene"} <= only_in_notes
    assert not only_in_notes & set(index_data(records)["terms"])


def test_slide_text_is_in_but_not_its_notes(site: Site, records: list[SearchRecord]) -> None:
    deck = next(r for r in records if r.kind == "deck")
    first = site.gatherings[0].decks[0].slides[0]
    assert plain_text(first.html)[:40] in deck.text
    assert plain_text(first.notes_html) not in deck.text


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Måling", "maling"),
        ("MÅLING", "maling"),
        ("Ærlighet", "aerlighet"),
        ("Søkeord", "sokeord"),
        ("café", "cafe"),
        ("Čáhppes", "cahppes"),
        ("Điehtu", "diehtu"),
        ("Straße", "strasse"),
        ("Ǽrlig", "aerlig"),
        ("A\u030aker", "aker"),
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_folding_a_character_at_a_time_is_folding_the_whole_text() -> None:
    """fold() replaces each character by its own folding; that holds because NFKD reorders only the
    characters with a combining class, and every one of them is a mark, which folding removes."""
    every = (chr(i) for i in range(sys.maxunicode + 1) if not 0xD800 <= i < 0xE000)
    assert [c for c in every if unicodedata.combining(c) and unicodedata.category(c)[0] != "M"] == []


@given(st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=40) | st.sampled_from(MIXED))
def test_fold_is_fold_whole_and_tokens_are_as_by_unicode_classes(text: str) -> None:
    assert fold(text) == search.fold_whole(text.lower())
    assert tokens(text) == search._TOKEN.findall(search.fold_whole(text.lower()))


def test_tokens_are_letters_and_digits_of_two_or_more() -> None:
    assert tokens("Måling av resultater, 2013 – i dag!") == ["maling", "av", "resultater", "2013", "dag"]
    assert tokens("x" * 50) == ["x" * search.MAX_TOKEN]


def test_plain_text_parses_html() -> None:
    assert (
        plain_text("<p>Ein <em>betre</em> kommune</p><ul><li>a&amp;b</li><li>c</li></ul>") == "Ein betre kommune a&b c"
    )
    assert plain_text("<p>x<!--samling:model:forankring--></p><script>alert(1)</script>") == "x"
    assert plain_text("<p>1 &lt; 2</p>") == "1 < 2"


def test_weights_put_the_title_above_the_body() -> None:
    records = [
        SearchRecord("a.html", "Risiko", "session", "g", "G", "noe annet"),
        SearchRecord("b.html", "Annet", "session", "g", "G", "risiko risiko risiko " * 10),
        SearchRecord("c.html", "Tredje", "session", "g", "G", "risiko"),
    ]
    data = index_data(records)
    assert decoded(data)["risiko"] == [(0, search.TITLE_BONUS), (1, search.MAX_TF), (2, 1)]
    assert data["gathering"] == ["g", "G"]
    assert data["docs"][0] == ["session", "a.html", "Risiko", "noe annet"]
    assert data["terms"] == sorted(data["terms"])
    assert index_data([SearchRecord("models/m.html", "M", "model", "", "", "")])["gathering"] is None


def parse(script: bytes, assignment: str) -> dict:
    text = script.decode()
    head, _, body = text.partition(assignment)
    assert head.startswith("/*") and body.endswith(";\n"), text[:200]
    return json.loads(body[:-2])


def test_the_index_is_scripts_that_assign_globals(site: Site) -> None:
    files = dict(index_files(site))
    listing = parse(files[search.INDEX_PATH], "window.SAMLING_SEARCH=")
    assert listing == {"v": 2, "lang": "nb", "parts": ["search/nettverk-omdomme-2013-03.js", "search-models.js"]}
    assert set(files) == {search.INDEX_PATH} | {f"assets/{name}" for name in listing["parts"]}
    parts = {}
    for name in listing["parts"]:
        parts[name] = parse(
            files[f"assets/{name}"], f'(window.SAMLING_SEARCH_PARTS=window.SAMLING_SEARCH_PARTS||{{}})["{name}"]='
        )
    gathering = parts["search/nettverk-omdomme-2013-03.js"]
    assert gathering["gathering"] == ["nettverk-omdomme-2013-03", "Nettverk – omdømme"]
    assert "maling" in gathering["terms"] and "malig" not in gathering["terms"]
    assert MALING in [d[1] for d in gathering["docs"]]
    models = parts["search-models.js"]
    assert models["gathering"] is None and all(d[0] == "model" for d in models["docs"])


def test_the_index_is_within_15_percent_of_the_site_html(site: Site, built_site: Path) -> None:
    html_bytes = sum(p.stat().st_size for p in built_site.rglob("*.html"))
    size = sum(len(data) for _, data in index_files(site))
    assert size <= 0.15 * html_bytes, f"index {size} B, HTML {html_bytes} B"


def test_snippets_are_cut_at_a_word() -> None:
    text = "ord " * 100
    cut = search.snippet(text.strip())
    assert len(cut) <= search.SNIPPET + 2 and cut.endswith(" …") and "or …" not in cut


def test_a_gathering_is_found_by_its_networks_title_not_its_key(site: Site, records: list[SearchRecord]) -> None:
    (overview,) = [r for r in records if r.kind == "gathering"]
    assert site.gatherings[0].network == "omdomme-1"
    assert "Nettverk – omdømme 1" in overview.text and "omdomme-1" not in overview.text


def test_a_matrix_without_written_axis_titles_is_found_by_the_themes_words(site: Site) -> None:
    from generator.core.errors import Problems
    from generator.render.theme import load_theme

    theme = load_theme("default", CONTENT, Problems(root=CONTENT), CONTENT / "site.yaml")
    words = {lang: theme.strings[lang] for lang in theme.strings}
    (ros,) = [r for r in search_records(site, words) if r.url.endswith("ros-matrise.html")]
    # The sheet writes no axis titles: its page shows the theme's rm_probability and rm_consequence.
    assert "Sannsynlighet Konsekvens Liten Stor" in ros.text
    (bare,) = [r for r in search_records(site) if r.url.endswith("ros-matrise.html")]
    assert "Sannsynlighet Konsekvens" not in bare.text


def test_a_saved_session_reaches_its_part_of_the_index(content_copy: Path, tmp_path: Path) -> None:
    """A warm repeat build (the live preview) makes the changed gathering's part again."""
    from generator.incremental.builder import Builder

    out = tmp_path / "output"
    builder = Builder(content_copy, out)
    builder.build(None)
    part = out / "assets" / "search" / "nettverk-omdomme-2013-03.js"
    assert "Måling av resultater" in part.read_text("utf-8")
    session = content_copy / "nettverk-omdomme-2013-03" / "sessions" / "maling-av-resultater.md"
    session.write_text(session.read_text("utf-8").replace("Måling av resultater", "Måling av virkninger", 1), "utf-8")
    builder.build({session})
    assert "Måling av virkninger" in part.read_text("utf-8")
    assert (out / search.INDEX_PATH).is_file() and (out / "assets" / search.MODELS_PART).is_file()


def test_plain_text_is_made_where_the_markdown_is_rendered(site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    """A save in the live preview makes its gathering's part again without parsing any HTML."""
    for g in site.gatherings:
        for s in g.sessions():
            assert s.body.plain == plain_text(s.body.html)
        for d in g.decks:
            assert all(slide.plain == plain_text(slide.html) for slide in d.slides)
    expected = [search.gathering_part(g) for g in site.gatherings]

    def refused(html: str) -> str:
        raise AssertionError(f"parsed HTML again: {html[:40]}")

    monkeypatch.setattr(search, "plain_text", refused)
    assert [search.gathering_part(g) for g in site.gatherings] == expected


def test_the_cache_on_disk_keeps_a_texts_plain_text() -> None:
    """A text read back from the cache has its plain text, so a save never parses HTML again."""
    from generator.incremental.cache import decode_text, encode_text
    from generator.validate.markdown import make_markdown, render_markdown

    text = render_markdown(make_markdown(), "Ei *økt* om måling\n\n::: notes\nhemmeleg\n:::\n")
    assert text.plain == "Ei økt om måling"
    assert decode_text(json.loads(json.dumps(encode_text(text)))) == text


def test_the_built_sites_index_holds_no_notes_facilitator_pages_or_participants(site: Site, built_site: Path) -> None:
    """The files the build wrote, read back: what a participant's browser loads."""
    import csv

    parts = [built_site / "assets" / search.MODELS_PART, *(built_site / "assets" / "search").glob("*.js")]
    written = "".join(p.read_text("utf-8") for p in [built_site / search.INDEX_PATH, *parts])
    assert len(parts) >= 2 and "Måling av resultater" in written
    assert "fasilitator" not in written and "-presenter.html" not in written and "-notes.html" not in written
    assert not [n for n in notes_of(site) if n in written]
    terms = {t for p in parts for t in json.loads(p.read_text("utf-8").split("]=", 1)[1].rstrip()[:-1])["terms"]}
    assert "maling" in terms and not {"noterer", "svarene"} & terms
    with (CONTENT / "nettverk-omdomme-2013-03" / "participants.csv").open(encoding="utf-8-sig") as f:
        people = list(csv.DictReader(f, delimiter=";"))
    leading = {f.name for g in site.gatherings for s in g.sessions() for f in s.facilitators}
    assert people and not [p["Navn"] for p in people if p["Navn"] not in leading and p["Navn"] in written]
    assert not [p["E-post"] for p in people if p["E-post"] in written]
