"""Participant lists as registration systems and Excel export them: encodings, separators, workbooks,
bad rows with the row the user sees, and duplicates."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.core.errors import Problems
from generator.domain.people import Participant, column_field, find_duplicates, organisation_key
from generator.load.participants import read_participants

CONTENT = Path(__file__).resolve().parent.parent / "content"
EXAMPLE = CONTENT / "nettverk-omdomme-2013-03" / "participants.csv"
DAYS = (dt.date(2013, 3, 11), dt.date(2013, 3, 12))
PORSANGER = "Porsanger kommune – Porsáŋgu gielda – Porsangin komuuni"


def read(path: Path, dates: tuple[dt.date, ...] = DAYS) -> tuple[tuple[Participant, ...], list[str]]:
    problems = Problems(root=path)  # paths are shown relative to the root's folder: the file's name
    people = read_participants(path, problems, dates)
    return people, [str(p) for p in sorted(problems.items)]


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.replace("\n", "\r\n").encode(encoding))
    return path


EXPORT = """Navn;Kommune;Rolle;E-post;Dager;Allergier;Telefon
Åse Kristin Sørbø;Lom;Rådmann;ase.sorbo@lom.kommune.example;1, 2;Nøtter;61 21 00 00
Øyvind Hætta;{porsanger};Prosjektleder;oyvind@porsanger.kommune.example;dag 2;;
"""


@pytest.mark.parametrize("encoding", ["cp1252", "utf-8-sig", "utf-8", "utf-16"])
def test_an_excel_export_loads_in_every_encoding_excel_writes(tmp_path: Path, encoding: str) -> None:
    porsanger = PORSANGER if encoding != "cp1252" else "Porsanger kommune"  # ŋ is not in Windows-1252
    text = EXPORT.format(porsanger=porsanger)
    if encoding == "utf-16":  # Excel's "Unicode text": tab separated
        text = text.replace(";", "\t")
    people, problems = read(write(tmp_path, "deltakere.csv", text, encoding))
    assert not problems
    ase, oyvind = people
    assert (ase.name, ase.organisation, ase.role, ase.dietary, ase.days) == (
        "Åse Kristin Sørbø",
        "Lom",
        "Rådmann",
        "Nøtter",
        (1, 2),
    )
    assert ase.extra == (("Telefon", "61 21 00 00"),)
    assert (ase.row, oyvind.row) == (2, 3)
    assert oyvind.organisation == porsanger and oyvind.days == (2,)
    assert ase.key == "email:ase.sorbo@lom.kommune.example"


def test_windows_1252_is_never_half_decoded(tmp_path: Path) -> None:
    # One æ in Windows-1252 makes the file invalid UTF-8; the whole file is read as Windows-1252.
    people, problems = read(write(tmp_path, "a.csv", "Navn;Kommune\nPer Ås;Vågå\nKari Bæk;Lom\n", "cp1252"))
    assert not problems
    assert [p.name for p in people] == ["Per Ås", "Kari Bæk"]


def test_comma_separated_with_quotes_and_a_line_break_in_a_cell(tmp_path: Path) -> None:
    text = 'Name,Organisation,Dietary requirements\n"Nordmann, Kari",Lom,"Gluten\nLaktose"\nOla Vik,Sel,\n'
    people, problems = read(write(tmp_path, "a.csv", text, "utf-8-sig"))
    assert not problems
    assert [(p.name, p.dietary, p.row) for p in people] == [("Nordmann, Kari", "Gluten Laktose", 2), ("Ola Vik", "", 3)]


def test_excels_sep_line_is_honoured_and_hidden_from_row_numbers(tmp_path: Path) -> None:
    people, problems = read(write(tmp_path, "a.csv", "sep=,\nNavn,Kommune\nKari;Nordmann,Lom\n,\n"))
    assert not problems and [(p.name, p.row) for p in people] == [("Kari;Nordmann", 2)]


def test_first_and_last_names_are_joined(tmp_path: Path) -> None:
    people, _ = read(write(tmp_path, "a.csv", "Fornavn;Etternavn;Virksomhet\nKari;Nordmann;Lom kommune\n"))
    assert [(p.name, p.organisation) for p in people] == [("Kari Nordmann", "Lom kommune")]


def test_a_whole_name_wins_and_every_other_column_is_kept(tmp_path: Path) -> None:
    text = "Fornavn;Navn;Etternavn;Kommune;Organisasjon;;T-skjorte\nKari;Kari A. Nordmann;Nordmann;Lom;KS;x;M\n"
    people, problems = read(write(tmp_path, "a.csv", text))
    assert not problems
    (kari,) = people
    assert (kari.name, kari.organisation) == ("Kari A. Nordmann", "Lom")
    assert kari.extra == (
        ("Fornavn", "Kari"),
        ("Etternavn", "Nordmann"),
        ("Organisasjon", "KS"),
        ("column 6", "x"),
        ("T-skjorte", "M"),
    )


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Navn", "name"),
        ("Namn", "name"),
        ("  NAVN ", "name"),
        ("Fornavn", "first_name"),
        ("Etternavn", "last_name"),
        ("Kommune", "organisation"),
        ("Organisasjon", "organisation"),
        ("Virksomhet", "organisation"),
        ("E-post", "email"),
        ("Epost", "email"),
        ("E-postadresse", "email"),
        ("Rolle", "role"),
        ("Dager", "days"),
        ("Allergier", "dietary"),
        ("Matallergi/diett", "dietary"),
        ("Name", "name"),
        ("Organisation", "organisation"),
        ("Email", "email"),
        ("E-mail", "email"),
        ("Days", "days"),
        ("Dietary requirements", "dietary"),
        ("Telefon", None),
    ],
)
def test_column_names_in_nb_nn_and_en(header: str, field: str | None) -> None:
    assert column_field(header) == field


def test_days_as_numbers_words_and_dates(tmp_path: Path) -> None:
    text = "Navn;Dager\nA;1 og 2\nB;Begge dager\nC;12.03.2013\nD;2013-03-11\nE;Dag 2\nF;\n"
    people, problems = read(write(tmp_path, "a.csv", text))
    assert not problems
    assert [p.days for p in people] == [(1, 2), (), (2,), (1,), (2,), ()]
    assert people[1].attends(2) and not people[4].attends(1)


def test_bad_rows_are_named_by_the_row_excel_shows(tmp_path: Path) -> None:
    long = "x" * 1001
    text = (
        "Navn;Kommune;E-post;Dager\n"  # row 1
        "Kari Nordmann;Lom;kari@lom.example;1\n"  # 2
        ";Lom;;\n"  # 3: no name
        "\n"  # 4: empty, skipped
        "Ola Vik;Sel;ola(at)sel;1\n"  # 5
        "Per Ås;Vågå;;3\n"  # 6: no third day
        f"Liv Berg;{long};;\n"  # 7
        "Siri Dahl;Dovre;;1;ekstra\n"  # 8
        "Bo\x07 Ek;Lesja;;\n"  # 9
        "Ane Lie;\u202eajseL;;\n"  # 10: a right-to-left override
    )
    people, problems = read(write(tmp_path, "participants.csv", text))
    assert [p.name for p in people] == ["Kari Nordmann"]
    assert problems == [
        "participants.csv:3: has no name — fill in the name, or delete the row",
        "participants.csv:5: 'ola(at)sel' is not an e-mail address — correct it, or leave the cell empty",
        "participants.csv:6: '3' is not a day of the gathering — write day numbers (1 to 2) or dates",
        "participants.csv:7: the cell in 'Kommune' is longer than 1000 characters — shorten it",
        "participants.csv:8: has more cells than the header has columns — give each column a name in row 1",
        "participants.csv:9: 'Navn' contains a control character — retype the cell",
        "participants.csv:10: 'Kommune' contains a control character — retype the cell",
    ]


def test_duplicates_are_a_notice_on_the_later_row_and_the_first_kept(tmp_path: Path) -> None:
    text = (
        "Navn;Kommune;E-post\n"
        "Kari Nordmann;Lom;kari@lom.example\n"
        "Kari Nordmann;Lom;KARI@lom.example\n"  # same address
        "Ola  Vik;Sel kommune;\n"
        "ola vik;Sel;\n"  # same name and municipality
        "Ola Vik;Vågå;\n"  # another Ola Vik
        "Per Berg;Lom;per@lom.example\n"
        "Per Berg;Lom;per.berg@lom.example\n"  # the same name, another address: maybe two people
    )
    path = write(tmp_path, "p.csv", text)
    problems, notices = Problems(root=path), []
    people = read_participants(path, problems, DAYS, notices)
    assert not problems  # the build goes on
    assert [(p.name, p.row) for p in people] == [
        ("Kari Nordmann", 2),
        ("Ola Vik", 4),
        ("Ola Vik", 6),
        ("Per Berg", 7),
        ("Per Berg", 8),
    ]
    assert notices == [
        "p.csv:3: Kari Nordmann appears twice: same e-mail address as row 2; the row is left out"
        " — delete one of the rows if it is one person",
        "p.csv:5: ola vik appears twice: same name and organisation as row 4; the row is left out"
        " — delete one of the rows if it is one person",
        "p.csv:8: Per Berg appears twice: same name and organisation as row 7; both are kept"
        " — delete one of the rows if it is one person",
    ]
    assert len({p.key for p in people}) == len(people)


def test_one_key_for_two_people_is_a_problem(tmp_path: Path) -> None:
    text = "Navn;Kommune;E-post\nKari Nordmann;Lom;post@lom.example\nOla Vik;Lom;post@lom.example\n"
    people, problems = read(write(tmp_path, "p.csv", text))
    assert [p.name for p in people] == ["Kari Nordmann"]
    assert problems == [
        "p.csv:3: Ola Vik appears twice: same e-mail address as row 2 (Kari Nordmann)"
        " — give each person their own e-mail or id"
    ]


def test_find_duplicates_by_key() -> None:
    a = Participant("id:17", "Kari", row=2)
    b = Participant("id:17", "Karianne", row=9)
    assert [(d.first.row, d.again.row, d.reason) for d in find_duplicates([a, b])] == [(2, 9, "id")]
    assert organisation_key(" LOM   Kommune ") == organisation_key("Lom") == "lom"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Telefon;Kommune\n1;Lom\n", "p.csv:1: row 1 has no column for names (found: Telefon, Kommune)"),
        ("Navn;navn\nA;B\n", "p.csv:1: two columns are called 'navn'"),
        ("\n;;\n", "p.csv: has no rows"),
        ('Navn;Kommune\nKari;Lom\n"Ola;Sel\nPer;Vågå\n', "p.csv:3: a quotation mark in this row is never closed"),
        ("Navn\nRÃ¸d Ã…s\n", "p.csv:2: the text looks garbled ('Ã¸' where 'ø' was meant)"),
    ],
)
def test_a_list_samling_cannot_use_is_one_problem(tmp_path: Path, text: str, expected: str) -> None:
    people, problems = read(write(tmp_path, "p.csv", text))
    assert people == ()
    assert [p.split(" — ")[0] for p in problems] == [expected]


def test_bytes_no_encoding_explains(tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    path.write_bytes(b"Navn\nA\x81\x8d\n")  # invalid UTF-8 and undefined in Windows-1252
    assert read(path)[1] == ["p.csv: is not text Excel writes — save it from Excel as 'CSV UTF-8' or as .xlsx"]


def test_too_many_rows_is_one_problem(tmp_path: Path) -> None:
    text = "Navn\n" + "".join(f"Person {i}\n" for i in range(5001))
    people, problems = read(write(tmp_path, "p.csv", text))
    assert people == () and problems == ["p.csv:5002: the list has more than 5000 rows — split it into smaller lists"]


def test_participants_yaml_with_line_numbers(tmp_path: Path) -> None:
    text = (
        "- navn: Kari Nordmann\n"
        "  kommune: Lom\n"
        "  dager: [1, 2]\n"
        "  t-skjorte: M\n"
        "- name: Ola Vik\n"
        "  organisation: Sel\n"
        "  days: 2013-03-12\n"
        "- kommune: Vågå\n"
        "- just text\n"
    )
    people, problems = read(write(tmp_path, "participants.yaml", text))
    assert [(p.name, p.organisation, p.days, p.row, p.extra) for p in people] == [
        ("Kari Nordmann", "Lom", (1, 2), 1, (("t-skjorte", "M"),)),
        ("Ola Vik", "Sel", (2,), 5, ()),
    ]
    assert problems == [
        "participants.yaml:8: has no name — fill in the name, or delete the row",
        "participants.yaml:9: this item is not a person — write `- name: …` with the fields below",
    ]
    assert read(write(tmp_path, "p.yaml", "navn: Kari\n"))[1] == [
        "p.yaml:1: is not a list of people — write one `- name: …` item per person"
    ]


def test_the_example_list_has_sixteen_municipalities_and_reads_cleanly() -> None:
    assert EXAMPLE.read_bytes().startswith(b"\xef\xbb\xbf")  # as Excel's "CSV UTF-8" writes it
    people, problems = read(EXAMPLE)
    assert not problems
    municipalities = {organisation_key(p.organisation) for p in people}
    assert len(municipalities) == 16
    assert 32 <= len(people) <= 48


def test_the_example_list_stays_out_of_the_built_site(built_site: Path) -> None:
    # Until the facilitator pages show participants, no built file may; after, none outside them.
    people, _ = read(EXAMPLE)
    marks = [p.name for p in people] + [p.email for p in people]
    facilitator = built_site / "nettverk-omdomme-2013-03" / "fasilitator"
    leaking = [
        str(path.relative_to(built_site))
        for path in sorted(built_site.rglob("*"))
        if path.is_file() and not path.is_relative_to(facilitator)
        if any(m in path.read_text("utf-8", errors="replace") for m in marks) or path.suffix == ".csv"
    ]
    assert not leaking
