"""The one-file pack, made in Python: what is in it, what never is, and how links are rewritten."""

from __future__ import annotations

import csv
import html
import json
import re
from pathlib import Path

import pytest
from conftest import CONTENT
from test_search import notes_of

from generator.cli import main
from generator.commands.build import check
from generator.core.model import Site
from generator.render.pack_html import Target, Words, page_id, rewrite

GATHERING = "nettverk-omdomme-2013-03"
WORDS = Words("lenke ut av fila")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("pack") / "output"
    assert main(["pack", GATHERING, "--content", str(CONTENT), "--output", str(out)]) == 0
    return out


@pytest.fixture(scope="module")
def text(built: Path) -> str:
    return (built / "pack" / f"{GATHERING}.html").read_text("utf-8")


def readable(text: str) -> str:
    """The pack's text with its JSON's escapes undone, so a word hidden in a stored page is found too."""
    data = re.search(r'id="pack-data">(.*?)</script>', text, re.S)
    assert data is not None
    docs = json.loads(data.group(1))["docs"]
    return html.unescape(text + "\n".join(docs.values()))


def test_the_pack_is_one_file_under_budget_beside_the_site(built: Path, text: str) -> None:
    assert (built / "index.html").is_file()  # the site is built as well
    assert sorted(p.name for p in (built / "pack").iterdir()) == [f"{GATHERING}.html"]
    assert len(text.encode()) < 3_000_000


def test_build_pack_makes_every_gatherings_pack(tmp_path: Path) -> None:
    out = tmp_path / "output"
    assert main(["build", "--pack", "--content", str(CONTENT), "--output", str(out)]) == 0
    assert (out / "pack" / f"{GATHERING}.html").is_file()


def test_an_unknown_gathering_is_one_line_and_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    out = tmp_path / "output"
    assert main(["pack", "nei", "--content", str(CONTENT), "--output", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "there is no gathering 'nei'" in err and GATHERING in err
    assert not out.exists()


def test_no_facilitator_text_notes_or_participants_in_the_pack(text: str) -> None:
    site: Site = check(CONTENT)
    words = readable(text)
    assert "fasilitator" not in words.lower()
    notes = notes_of(site)
    assert notes and not [n for n in notes if n[:60] in words]
    with (CONTENT / GATHERING / "participants.csv").open(encoding="utf-8-sig") as f:
        people = list(csv.DictReader(f, delimiter=";"))
    facilitators = {f.name for g in site.gatherings for s in g.sessions() for f in s.facilitators}
    names = [p["Navn"] for p in people if p["Navn"] not in facilitators]
    assert names and not [n for n in names if n in words]
    assert not [p["E-post"] for p in people if p["E-post"] in words]


def test_everything_is_inside_the_file(text: str) -> None:
    """No address beside the file: links are anchors, data: URLs or marked links out."""
    every = re.findall(r'(?:href|src)="([^"]*)"', readable(text))
    assert every and not [u for u in every if not re.match(r"^(#|data:|https?:|mailto:|tel:)", u)]
    assert re.search(r"<a [^>]*download[^>]*>", text) and "data:text/calendar" in text


def test_ids_are_unique_and_every_anchor_has_its_target(text: str) -> None:
    static = text.split('id="pack-data"')[0]
    ids = re.findall(r'\sid="([^"]+)"', static)
    assert len(ids) == len(set(ids))
    missing = {h for h in re.findall(r'href="#([^"]+)"', static) if h not in ids}
    assert not missing


def pages(*paths: str) -> dict[str, Target]:
    return {p: Target(page_id=page_id(p, "g")) for p in paths}


def test_links_become_anchors_files_data_and_the_rest_text() -> None:
    known = pages("g/index.html", "g/sessions/a.html") | {"g/kalender.ics": Target(data=b"BEGIN:VCALENDAR")}
    page = (
        '<main><h1 id="t">A</h1><a href="../index.html#x">overview</a> <a href="#t">top</a>'
        ' <a href="../kalender.ics">ics</a> <a href="../../index.html">site</a>'
        ' <a class="ext" href="https://example.org/">out</a><label for="q">Q</label></main>'
    )
    out = rewrite(page, "g/sessions/a.html", "p-sessions-a", known.get, WORDS, section=True)
    assert '<h1 id="p-sessions-a-t">' in out and 'href="#p-sessions-a-t"' in out
    assert 'href="#p-index"' in out and 'for="p-sessions-a-q"' in out
    assert 'download="kalender.ics"' in out and "data:text/calendar;charset=utf-8;base64," in out
    assert "<a>site</a>" in out  # the site's front page is not in the pack: text, not a dead link
    assert 'class="ext pack-out"' in out and '<span class="visually-hidden"> (lenke ut av fila)</span></a>' in out


def test_a_whole_page_keeps_its_ids_and_holds_its_scripts_as_markers() -> None:
    page = (
        '<html><head><link rel="stylesheet" href="../assets/style.css"></head><body>'
        '<form role="search" class="site-search"><input id="s"></form><main id="main"><p id="x">x</p></main>'
        '<script src="../assets/slides.js"></script><script src="../assets/search.js"></script></body></html>'
    )
    out = rewrite(page, "g/index.html", "p-index", {}.get, WORDS, section=False)
    assert "<head><!--samling-pack:router:-->" in out and "<!--samling-pack:css:style.css-->" in out
    assert "<!--samling-pack:js:slides.js-->" in out and "search" not in out and "<script" not in out
    assert '<main id="main"><p id="x">x</p></main>' in out


def test_page_ids() -> None:
    assert page_id("g/index.html", "g") == "p-index"
    assert page_id("g/decks/d-presenter.html", "g") == "p-decks-d-presenter"
    assert page_id("models/forankring.html", "g") == "p-models-forankring"


def test_a_link_to_a_page_the_pack_does_not_hold_is_text_without_rel(text: str) -> None:
    """The network's previous/next links (rel=prev/next) lead out of the gathering: plain text in the pack."""
    pages = readable(text)
    assert "Nettverk – omdømme 1" in pages
    assert not re.search(r"<a(?![^>]*\bhref=)[^>]*\brel=", pages)
