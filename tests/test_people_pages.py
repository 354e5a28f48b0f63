"""The people in the build: the list as a tracked input, groups declared in the programme, and the
facilitator pages that show them (participant list, groups, run-sheet counts)."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from generator.commands.build import check
from generator.core.errors import ContentError
from generator.incremental.builder import Builder
from tests.conftest import CONTENT

GATHERING = "nettverk-omdomme-2013-03"
FAC = f"{GATHERING}/fasilitator"


def text(path: Path) -> str:
    return html.unescape(path.read_text("utf-8"))


def problems_of(content: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        check(content)
    return [str(p) for p in caught.value.problems]


def test_the_example_groups_are_made_at_validation_from_the_list() -> None:
    g = check(CONTENT).gatherings[0]
    assert len(g.participants) == 39
    grouped = g.grouped_sessions()
    assert [(day.number, s.title, s.groups.spec.rounds) for day, s in grouped] == [
        (1, "Gruppearbeid", 1),
        (2, "Gruppearbeid", 2),
    ]
    for day, s in grouped:
        attending = {p.key for p in g.participants if p.attends(day.number)}
        for groups in s.groups.grouping.rounds:
            assert {p.key for group in groups for p in group.members} == attending
            assert all(group.room for group in groups)  # rooms from `rooms:`
            # Mixed across municipalities: a municipality of 2 or 3 never has two in one group of four.
            for group in groups:
                orgs = [p.organisation for p in group.members]
                assert len(orgs) == len(set(orgs))


def test_the_participant_list_is_a_complete_sorted_table_with_labelled_filters(built_site: Path) -> None:
    page = text(built_site / FAC / "deltakere.html")
    rows = re.findall(r'<tr data-days="([^"]*)" data-organisation="([^"]*)">\s*<td>([^<]*)</td>', page)
    assert len(rows) == 39
    surnames = [name.split()[-1] for _, _, name in rows]
    assert surnames == sorted(surnames, key=lambda s: s.casefold().translate(str.maketrans("æøå", "{|}")))
    assert {days for days, _, _ in rows} == {"1 2", "1", "2"}
    assert '<form class="participant-filter" hidden' in page  # shown by the script; the table works without
    for control in ("filter-day", "filter-org"):
        assert f'<label for="{control}">' in page and f'<select id="{control}"' in page
    assert 'role="status"' in page and '<meta name="robots" content="noindex, nofollow">' in page


def test_the_groups_page_and_the_run_sheets_show_groups_rooms_and_counts(built_site: Path) -> None:
    groups = text(built_site / FAC / "grupper.html")
    assert groups.count("<h4>Gruppe 1") == 2 and "Runde 2" in groups  # day 2: two rounds
    assert "Møterom Hedmark" in groups and "Bord 4" in groups
    day1, day2 = text(built_site / FAC / "2013-03-11.html"), text(built_site / FAC / "2013-03-12.html")
    assert "4 grupper à 9" in day1 and 'href="grupper.html#groups-1"' in day1
    assert re.search(r"4 grupper à \d+(–\d+)?, 2 runder", day2)
    index = text(built_site / FAC / "index.html")
    for target in ("deltakere.html", "grupper.html", "navneskilt.html", "innsjekk-dag-2.html", "gruppelister.html"):
        assert f'href="{target}"' in index


def test_a_change_to_the_list_rebuilds_the_facilitator_pages(content_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    builder = Builder(content_copy, out)
    builder.build(None)
    agenda = out / GATHERING / "2013-03-11.html"
    before = agenda.stat()
    listing = content_copy / GATHERING / "participants.csv"
    listing.write_bytes(listing.read_bytes() + b"Ny Deltaker Nilsen;Lom;;ny@lom.example;1;\r\n")
    builder.build({listing})  # the live preview, told what changed
    after = agenda.stat()  # a participant page does not depend on the list: not written again
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    assert "Ny Deltaker Nilsen" in text(out / FAC / "deltakere.html")
    assert "Ny Deltaker Nilsen" in text(out / FAC / "grupper.html")
    listing.write_bytes(listing.read_bytes().replace(b"Ny Deltaker", b"Nyere Deltaker"))
    Builder(content_copy, out, warm=False).build(None)  # a repeat `samling build`
    assert "Nyere Deltaker Nilsen" in text(out / FAC / "deltakere.html")
    assert "Nyere Deltaker" in text(out / FAC / "navneskilt.html")  # wrapped on the badge


def write_session(content: Path, groups: str) -> Path:
    session = content / GATHERING / "sessions" / "gruppearbeid-risiko.md"
    body = session.read_text("utf-8")
    start, end = body.index("groups:"), body.index("---", body.index("groups:"))
    session.write_text(body[:start] + groups + body[end:], "utf-8")
    return session


def test_fixed_groups_by_name_and_e_mail_and_unknown_names_at_their_line(content_copy: Path) -> None:
    write_session(
        content_copy,
        "groups:\n  rule: fixed\n  groups:\n"
        "    - name: Nord\n      room: A\n      members: [Ingrid Bakken Lien, marit.holen@vaga.kommune.example]\n"
        "    - name: Sør\n      members:\n        - Kari Ukjent\n        - ingrid bakken lien\n",
    )
    assert problems_of(content_copy) == [
        f"{content_copy.name}/{GATHERING}/sessions/gruppearbeid-risiko.md:16: 'Kari Ukjent' in group 'Sør' is not on"
        " the participant list — write the name as on the list, or the e-mail address",
        f"{content_copy.name}/{GATHERING}/sessions/gruppearbeid-risiko.md:17: 'ingrid bakken lien' in group 'Sør' is in"
        " more than one group — keep one",
    ]


@pytest.mark.parametrize(
    ("groups", "expected"),
    [
        ("groups: {count: 0}", ":8: 'groups' has a count of the int '0' — write a whole number from 1 to 100"),
        ("groups: {count: 2, rooms: [A, B, C]}", ":8: 'groups' lists 3 rooms for 2 groups — list one room a group"),
        ("groups: {count: 2, rule: random}", ":8: 'groups' has the rule 'random' — write mixed, by_organisation"),
        ("groups: {rule: fixed, rounds: 2, count: 2}", ":8: 'groups' has several rounds, which only mixed groups"),
    ],
)
def test_a_bad_groups_declaration_is_one_line_at_its_key(content_copy: Path, groups: str, expected: str) -> None:
    write_session(content_copy, groups + "\n")
    (found,) = problems_of(content_copy)
    assert expected in found and found.startswith(f"{content_copy.name}/{GATHERING}/sessions/gruppearbeid-risiko.md")


def test_groups_without_a_participant_list_say_what_to_add(content_copy: Path) -> None:
    (content_copy / GATHERING / "participants.csv").unlink()
    found = problems_of(content_copy)
    assert len(found) == 1 and "maling-av-resultater.md" in found[0]
    assert "groups need the gathering's participant list — add participants.csv" in found[0]


def test_by_organisation_groups_one_municipality_each(content_copy: Path) -> None:
    write_session(content_copy, "groups: {rule: by organisation, min_size: 3}\n")
    g = check(content_copy).gatherings[0]
    (_, session) = g.grouped_sessions()[1]
    groups = session.groups.grouping.rounds[0]
    assert all(len(group.members) >= 3 for group in groups)
    assert sum(len(group.members) for group in groups) == sum(p.attends(2) for p in g.participants)


def test_two_participant_lists_are_a_problem(content_copy: Path) -> None:
    (content_copy / GATHERING / "participants.yaml").write_text("- name: Kari\n", "utf-8")
    found = problems_of(content_copy)
    assert any("the gathering has more than one participant list" in p for p in found)


@pytest.mark.browser
def test_the_filters_hide_rows_and_say_how_many_are_shown(built_site: Path, page: object) -> None:
    page.goto((built_site / FAC / "deltakere.html").as_uri())  # type: ignore[attr-defined]
    visible = "() => [...document.querySelectorAll('table.participants tbody tr')].filter(r => !r.hidden).length"
    assert page.is_visible("#filter-day") and page.evaluate(visible) == 39  # type: ignore[attr-defined]
    page.select_option("#filter-day", "2")  # type: ignore[attr-defined]
    assert page.evaluate(visible) == 36  # type: ignore[attr-defined]
    assert page.text_content(".filter-status") == "Viser 36 av 39 deltakere."  # type: ignore[attr-defined]
    page.select_option("#filter-org", "lom")  # type: ignore[attr-defined]
    rows = page.eval_on_selector_all(  # type: ignore[attr-defined]
        "table.participants tbody tr:not([hidden]) td:nth-child(2)", "cells => cells.map(c => c.textContent)"
    )
    assert rows == ["Lom", "Lom"]
    page.select_option("#filter-day", "")  # type: ignore[attr-defined]
    page.select_option("#filter-org", "")  # type: ignore[attr-defined]
    assert page.evaluate(visible) == 39  # type: ignore[attr-defined]
