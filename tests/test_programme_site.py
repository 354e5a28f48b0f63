"""The programme wired into the build: front page, network pages, planned pages, calendars,
previous/next and what carries over, the network keys checked, and repeat builds kept right."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from generator.commands.build import build
from generator.core.errors import ContentError
from generator.incremental.builder import Builder
from tests.series_site import write_series_site

SEED = "nettverk-omdomme-2013-03"
TAGS = re.compile(r"<[^>]+>")


def text_of(path: Path) -> str:
    return " ".join(html.unescape(TAGS.sub(" ", path.read_text("utf-8"))).split())


def entries(page: Path, network: str) -> list[str]:
    """The visible text of each entry of one network's series, in page order."""
    source = page.read_text("utf-8")
    block = re.search(rf'<ol class="series" data-network="{network}">(.*?)</ol>', source, re.S)
    assert block, f"no series of {network} on {page}"
    return [" ".join(html.unescape(TAGS.sub(" ", li)).split()) for li in re.findall(r"<li.*?</li>", block[1], re.S)]


# --- the example ----------------------------------------------------------------------------------


def test_the_front_page_lists_every_network_and_the_series_in_date_order(built_site: Path) -> None:
    index = built_site / "index.html"
    source = index.read_text("utf-8")
    networks = re.findall(r'<section class="network" aria-labelledby="network-([a-z0-9-]+)"', source)
    assert networks == [
        "omdomme-1",
        "omdomme-2",
        "innovasjon-1",
        "innovasjon-2",
        "kompetanse-og-rekruttering",
        "heltidskultur",
        "sykefravaer",
        "sammensatt",
    ]
    assert entries(index, "omdomme-1") == [
        "1. samling : Nettverk – omdømme 11.–12. mars 2013 · Gardermoen",
        "Temadag mai–juni 2013 (planlagt)",
        # The theme and place agreed at 1. samling, written on this entry of programme.yaml.
        "2. samling august–september 2013 · Gardermoen · Status i prosjektene og måling av omdømme (planlagt)",
        "3. samling februar–mars 2014 (planlagt)",
    ]
    assert 'data-programme data-label-next="neste" data-label-today="i dag"' in source
    assert 'src="assets/programme.js"' in source
    # The past seed gathering stays reachable from the front page.
    assert f'href="{SEED}/index.html"' in source


def test_each_network_has_a_page_with_its_series_as_a_timeline(built_site: Path) -> None:
    page = built_site / "networks" / "omdomme-1.html"
    text = text_of(page)
    assert "Nettverksledere Asbjørn L. Stavem, KS, Bjørn Pettersen, Fagforbundet" in text
    assert "16 kommuner sammen med Nettverk – omdømme 2" in text
    source = page.read_text("utf-8")
    assert 'class="samling-figure samling-figure--timeline"' in source
    assert "august–september 2013 (planlagt)" in text  # the figure's text alternative says it in words
    assert 'href="../nettverk-omdomme-2013-03/index.html"' in source
    assert 'href="omdomme-1/gathering-2.html"' in source
    assert 'href="omdomme-1.ics"' in source
    for key in ("omdomme-2", "innovasjon-1", "sammensatt"):
        assert (built_site / "networks" / f"{key}.html").is_file()
        assert not (built_site / "networks" / f"{key}.ics").exists()  # nothing fixed: no calendar


def test_a_planned_gathering_has_a_page_of_what_is_known_and_no_calendar_event(built_site: Path) -> None:
    text = text_of(built_site / "networks" / "omdomme-1" / "gathering-2.html")
    assert "2. samling (planlagt)" in text
    assert "Når august–september 2013" in text
    assert "Tid og sted er ikke fastsatt ennå" in text
    assert "Forrige samling: Temadag , mai–juni 2013 (planlagt)" in text
    assert "Neste samling: 3. samling , februar–mars 2014 (planlagt)" in text
    calendar = (built_site / "networks" / "omdomme-1.ics").read_bytes()
    assert calendar.count(b"BEGIN:VEVENT") == 1  # the seed gathering alone: its days are fixed
    assert b"DTSTART;VALUE=DATE:20130311\r\nDTEND;VALUE=DATE:20130313\r\n" in calendar
    assert b"2013-08" not in calendar and b"201308" not in calendar
    everything = b"".join(p.read_bytes() for p in built_site.rglob("*.ics"))
    assert b"SUMMARY:Nettverk \xe2\x80\x93 omd\xc3\xb8mme 1: 2. samling" not in everything


def test_the_seed_gathering_links_its_network_and_the_next_and_the_goals_carry_over(built_site: Path) -> None:
    overview = built_site / SEED / "index.html"
    source = overview.read_text("utf-8")
    assert 'href="../networks/omdomme-1/theme-day.html" rel="next"' in source
    assert 'href="../networks/omdomme-1.html"' in source
    assert 'rel="prev"' not in source  # the first of its series
    # The goals agreed at the first gathering are shown at the second, past the theme day between.
    second = text_of(built_site / "networks" / "omdomme-1" / "gathering-2.html")
    assert "Avtalt på 1. samling Prosessmål til denne samlingen Hver kommune har satt seg prosessmål" in second
    assert "Prosessmål" not in text_of(built_site / "networks" / "omdomme-1" / "theme-day.html")


def test_no_facilitator_note_or_participant_reaches_the_programme_files(built_site: Path) -> None:
    files = [built_site / "index.html", *sorted((built_site / "networks").rglob("*"))]
    files = [f for f in files if f.is_file()]
    assert len(files) >= 12
    participants = (Path(__file__).parents[1] / "content" / SEED / "participants.csv").read_text("utf-8-sig")
    names = [line.split(";")[0] for line in participants.splitlines()[1:] if line.strip()]
    secret = ["Avtal tema, tid og sted for neste samling", "Sissel noterer", "fasilitator/", *names]
    for f in files:
        data = html.unescape(f.read_bytes().decode("utf-8"))
        assert not [s for s in secret if s in data], f


# --- a generated programme ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def series_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("series")
    content = write_series_site(root / "content", networks=2, per_network=3)
    build(content, root / "output")
    return root / "output"


@pytest.mark.parametrize(
    ("folder", "previous", "next_one"),
    [
        ("nettverk-1-samling-1", None, "nettverk-1-samling-2/index.html"),
        ("nettverk-1-samling-2", "nettverk-1-samling-1/index.html", "nettverk-1-samling-3/index.html"),
        ("nettverk-1-samling-3", "nettverk-1-samling-2/index.html", "networks/nettverk-1/gathering-4.html"),
        ("nettverk-2-samling-1", None, "nettverk-2-samling-2/index.html"),
        ("nettverk-2-samling-2", "nettverk-2-samling-1/index.html", "nettverk-2-samling-3/index.html"),
        ("nettverk-2-samling-3", "nettverk-2-samling-2/index.html", "networks/nettverk-2/gathering-4.html"),
    ],
)
def test_previous_and_next_stay_within_the_network(
    series_site: Path, folder: str, previous: str | None, next_one: str
) -> None:
    """The two networks meet a week apart, so by date alone the neighbour would be the other's."""
    source = (series_site / folder / "index.html").read_text("utf-8")
    found_prev = re.search(r'href="\.\./([^"]+)" rel="prev"', source)
    found_next = re.search(r'href="\.\./([^"]+)" rel="next"', source)
    assert (found_prev[1] if found_prev else None) == previous
    assert found_next is not None and found_next[1] == next_one
    network = folder.rsplit("-samling-", 1)[0]
    number = int(folder[-1])
    text = text_of(series_site / folder / "index.html")
    if number > 1:
        assert f"Prosessmål til denne samlingen Mål fra {network} samling {number - 1}" in text
    else:
        assert "Prosessmål" not in text


def test_the_network_calendar_holds_its_fixed_gatherings_only(series_site: Path) -> None:
    calendar = (series_site / "networks" / "nettverk-2.ics").read_text("utf-8")
    assert calendar.count("BEGIN:VEVENT") == 3
    assert re.findall(r"DTSTART;VALUE=DATE:(\d+)", calendar) == ["20130211", "20130511", "20130811"]
    assert "LOCATION:Sted 2.1" in calendar and "Sted 1." not in calendar


@pytest.mark.parametrize(
    ("language", "planned"),
    [("nb", "august–september 2014"), ("nn", "august–september 2014"), ("en", "August–September 2014")],
)
def test_planned_months_read_in_the_sites_language(tmp_path: Path, language: str, planned: str) -> None:
    content = write_series_site(tmp_path / "content", networks=1, per_network=1, language=language)
    build(content, tmp_path / "output")
    page = text_of(tmp_path / "output" / "networks" / "nettverk-1" / "gathering-2.html")
    assert planned in page
    label = {"nb": "2. samling (planlagt)", "nn": "2. samling (planlagd)", "en": "Gathering 2 (planned)"}[language]
    assert label in page


# --- problems -------------------------------------------------------------------------------------


def problems_of(content: Path, tmp_path: Path) -> str:
    with pytest.raises(ContentError) as caught:
        build(content, tmp_path / "output")
    return str(caught.value)


def test_an_unknown_network_key_is_a_problem_at_its_line_with_a_did_you_mean(tmp_path: Path) -> None:
    content = write_series_site(tmp_path / "content", networks=2, per_network=1)
    yaml = content / "nettverk-2-samling-1" / "gathering.yaml"
    yaml.write_text(yaml.read_text("utf-8").replace("network: nettverk-2", "network: nettverk-3"), "utf-8")
    first = content / "nettverk-1-samling-1" / "gathering.yaml"
    first.write_text(first.read_text("utf-8").replace("network: nettverk-1", "network: Nettverk 1"), "utf-8")
    message = problems_of(content, tmp_path)
    assert "nettverk-2-samling-1/gathering.yaml:2: the network 'nettverk-3' is not in programme.yaml" in message
    assert "did you mean 'nettverk-1'?" in message or "did you mean 'nettverk-2'?" in message
    assert "nettverk-1-samling-1/gathering.yaml:2: the network 'Nettverk 1' is not in programme.yaml" in message
    assert "write the network's key 'nettverk-1', not its title" in message
    assert "Traceback" not in message


def test_a_network_without_a_programme_file_is_a_problem(tmp_path: Path) -> None:
    content = write_series_site(tmp_path / "content", networks=1, per_network=1)
    (content / "programme.yaml").unlink()
    message = problems_of(content, tmp_path)
    assert "nettverk-1-samling-1/gathering.yaml:2: the network 'nettverk-1' is not in programme.yaml" in message


def test_a_programme_problem_leaves_the_output_as_it_was(tmp_path: Path) -> None:
    content = write_series_site(tmp_path / "content", networks=1, per_network=1)
    build(content, tmp_path / "output")
    before = (tmp_path / "output" / "index.html").read_bytes()
    programme = content / "programme.yaml"
    programme.write_text(programme.read_text("utf-8").replace("place:", "plase:"), "utf-8")
    message = problems_of(content, tmp_path)
    assert "programme.yaml:" in message and "did you mean 'place'?" in message
    assert (tmp_path / "output" / "index.html").read_bytes() == before


# --- repeat builds --------------------------------------------------------------------------------


def test_a_change_to_programme_yaml_remakes_the_pages_that_show_it(tmp_path: Path) -> None:
    content = write_series_site(tmp_path / "content", networks=1, per_network=2)
    out = tmp_path / "output"
    build(content, out)
    programme = content / "programme.yaml"
    programme.write_text(programme.read_text("utf-8").replace("Mål fra nettverk-1 samling 1", "Nytt mål"), "utf-8")
    programme.write_text(programme.read_text("utf-8").replace("Nettverk 1", "Omdømme"), "utf-8")
    build(content, out)  # a repeat build with its cache
    assert "Nytt mål" in text_of(out / "nettverk-1-samling-2" / "index.html")
    assert "Omdømme" in text_of(out / "index.html")
    assert "Omdømme" in text_of(out / "nettverk-1-samling-1" / "index.html")  # its previous/next links


def test_the_live_preview_remakes_them_too(tmp_path: Path) -> None:
    content = write_series_site(tmp_path / "content", networks=1, per_network=2)
    out = tmp_path / "output"
    builder = Builder(content, out)
    builder.build(None)
    programme = content / "programme.yaml"
    programme.write_text(programme.read_text("utf-8").replace("Mål fra nettverk-1 samling 1", "Nytt mål"), "utf-8")
    builder.build({programme})
    assert "Nytt mål" in text_of(out / "nettverk-1-samling-2" / "index.html")
    site = content / "site.yaml"
    site.write_text("title: Annet navn\nlanguage: nb\n", "utf-8")
    builder.build({site})  # site.yaml alone: programme.yaml's part of the key is kept
    assert "Nytt mål" in text_of(out / "nettverk-1-samling-2" / "index.html")
    assert "Annet navn" in text_of(out / "networks" / "nettverk-1.html")
    gathering = content / "nettverk-1-samling-1" / "gathering.yaml"
    gathering.write_text(gathering.read_text("utf-8").replace("venue: Sted 1.1", "venue: Bergen"), "utf-8")
    builder.build({gathering})
    assert "LOCATION:Bergen" in (out / "networks" / "nettverk-1.ics").read_text("utf-8")


def test_process_goals_need_a_next_gathering_to_be_shown_at(tmp_path: Path) -> None:
    content = write_series_site(tmp_path / "content", networks=1, per_network=2)
    programme = content / "programme.yaml"
    text = programme.read_text("utf-8")
    programme.write_text(text.replace("      - when: august/september 2014\n        theme: det som kommer\n", ""))
    message = problems_of(content, tmp_path)
    assert (
        "programme.yaml:11: the process goals of the last gathering of 'nettverk-1' are for a next gathering" in message
    )


def test_a_gathering_folder_may_not_take_the_network_pages_folder(tmp_path: Path) -> None:
    content = write_series_site(tmp_path / "content", networks=1, per_network=1)
    (content / "nettverk-1-samling-1").rename(content / "networks")
    programme = content / "programme.yaml"
    programme.write_text(programme.read_text("utf-8").replace("gathering: nettverk-1-samling-1", "gathering: networks"))
    assert "networks/gathering.yaml: the folder name 'networks' is where the network pages go" in problems_of(
        content, tmp_path
    )
