"""The example gathering, built end to end: times, links, and nothing fetched from outside."""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

GATHERING = "nettverk-omdomme-2013-03"

DAY_1 = [
    ("09.30–09.40", "Program"),
    ("09.40–09.50", "Presentasjoner"),
    ("09.50–09.55", "Scanning"),
    ("09.55–10.15", "Vi tar ut forventninger"),
    ("10.15–10.30", "Et opptrekk …"),
    ("10.30–10.50", "Saman om ein betre kommune"),
    ("10.50–11.00", "Hva er Saman om …"),
    ("11.00–11.05", "Kvelden i kveld"),
    ("11.05–11.10", "Praktiske opplysninger"),
    ("11.30–12.30", "Lunsj"),
    ("12.30–13.30", "Presentasjoner av prosjekt"),
    ("13.30–14.00", "Prosjektets hensikt"),
    ("14.00–14.15", "Pause"),
    ("14.15–15.15", "Attraktive arbeidsgivere"),
    ("15.15–15.35", "Pause med kaffe og noe å bite i"),
    ("15.35–16.45", "Måling av resultater"),
    ("16.45–17.00", "Oppsummering av dagen"),
    ("17.00–18.45", "Møte med prosjektlederne"),
    ("18.45–20.00", "Aperitiff og quiz"),
    ("fra 20.00", "Middag"),
]
DAY_2 = [
    ("08.30–08.45", "Oppstart tirsdag 12. mars"),
    ("08.45–10.30", "Prosjektplanlegging"),
    ("10.30–10.45", "Analyse av risiko"),
    ("10.45–11.25", "Gruppearbeid"),
    ("11.25–12.25", "Helhetlig kommunikasjon"),
    ("12.25–12.40", "Veien videre"),
    ("12.40–13.00", "Oppsummering – neste samling"),
    ("13.00–14.00", "Lunsj og avrunding"),
]


def visible_text(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def agenda_rows(page: Path) -> list[str]:
    """The text of each top-level row of the agenda table, in order."""
    tbody = re.search(r"<tbody>(.*)</tbody>", page.read_text("utf-8"), re.S)
    assert tbody, f"no agenda table in {page}"
    return [visible_text(row) for row in re.findall(r"<tr\b[^>]*>(.*?)</tr>", tbody.group(1), re.S)]


@pytest.mark.parametrize(("day", "expected"), [("2013-03-11", DAY_1), ("2013-03-12", DAY_2)])
def test_agenda_lists_the_seed_items_in_order_with_their_times(
    built_site: Path, day: str, expected: list[tuple[str, str]]
) -> None:
    rows = agenda_rows(built_site / GATHERING / f"{day}.html")
    found = []
    for span, title in expected:
        match = next((i for i, row in enumerate(rows) if row.startswith(span) and title in row), None)
        assert match is not None, f"{span} {title} not in the agenda of {day}: {rows}"
        found.append(match)
    assert found == sorted(found), "the items are out of order"


def test_the_gap_before_lunch_shows_as_free_time(built_site: Path) -> None:
    rows = agenda_rows(built_site / GATHERING / "2013-03-11.html")
    assert any(row.startswith("11.10–11.30") for row in rows), rows


def test_group_work_runs_inside_measuring_results(built_site: Path) -> None:
    rows = agenda_rows(built_site / GATHERING / "2013-03-11.html")
    measuring = next(row for row in rows if "Måling av resultater" in row)
    assert "15.55–16.45" in measuring and "Gruppearbeid" in measuring


def all_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


LINK = re.compile(r"""(?:href|src)\s*=\s*["']([^"']*)["']""", re.I)


def test_every_internal_link_resolves_to_a_file(built_site: Path) -> None:
    pages = all_pages(built_site)
    assert len(pages) > 20
    broken = []
    for page in pages:
        for target in LINK.findall(page.read_text("utf-8")):
            parts = urlsplit(html.unescape(target))
            if parts.scheme or target.startswith("#") or not parts.path:
                continue
            assert not parts.path.endswith("/"), f"{page}: link to a folder {target}"
            resolved = (page.parent / unquote(parts.path)).resolve()
            if not resolved.is_file():
                broken.append(f"{page.relative_to(built_site)} → {target}")
    assert not broken, "\n".join(broken)


def test_no_file_loads_anything_from_outside(built_site: Path) -> None:
    remote = re.compile(
        r"""(?:src\s*=\s*["']|<link[^>]+href\s*=\s*["']|url\(\s*["']?|@import\s+["']?)(?:https?:)?//""", re.I
    )
    offenders = [
        str(p.relative_to(built_site))
        for p in built_site.rglob("*")
        if p.is_file() and p.suffix in {".html", ".css", ".js", ".svg"} and remote.search(p.read_text("utf-8"))
    ]
    assert not offenders


def test_file_names_are_safe_on_windows_shares(built_site: Path) -> None:
    names = [p.relative_to(built_site).as_posix() for p in built_site.rglob("*")]
    assert not [n for n in names if re.search(r'[<>:"\\|?*\x00-\x1f]', n)]
    folded = [n.casefold() for n in names]
    assert len(folded) == len(set(folded))
    assert not [n for n in names if re.search(r"[^\x21-\x7e]", n)], "non-ASCII file names"


def test_every_page_names_its_language(built_site: Path) -> None:
    for page in all_pages(built_site):
        assert re.search(r'<html lang="(nb|nn|en)"', page.read_text("utf-8")), page


def test_ids_are_unique_on_every_page(built_site: Path) -> None:
    repeated = {}
    for page in all_pages(built_site):
        ids = re.findall(r'\sid="([^"]+)"', page.read_text("utf-8"))
        if dupes := sorted({i for i in ids if ids.count(i) > 1}):
            repeated[str(page.relative_to(built_site))] = dupes
    assert not repeated


def test_a_model_shown_twice_on_a_page_gets_ids_of_its_own(content_copy: Path, tmp_path: Path) -> None:
    from generator.commands.build import build

    session = content_copy / GATHERING / "sessions" / "program.md"
    session.write_text(
        session.read_text("utf-8") + "\n::: model forankring\n:::\n\n::: model forankring\n:::\n", "utf-8"
    )
    build(content_copy, tmp_path / "out")
    text = (tmp_path / "out" / GATHERING / "sessions" / "program.html").read_text("utf-8")
    assert 'id="fig-forankring"' in text and 'id="fig-forankring-2"' in text
    assert 'aria-labelledby="fig-forankring-2-title"' in text
    model_page = (tmp_path / "out" / "models" / "forankring.html").read_text("utf-8")
    assert "<figcaption>" not in model_page, "the model's own page says title and description once"
