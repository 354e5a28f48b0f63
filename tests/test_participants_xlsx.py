"""Participant lists as .xlsx workbooks: Excel's row numbers, cached values only, hostile files refused."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import openpyxl
import pytest
from test_participants import PORSANGER, read


def make_workbook(path: Path, rows: list[list[object]]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for number, row in enumerate(rows, start=1):
        for column, value in enumerate(row, start=1):
            sheet.cell(row=number, column=column, value=value)
    book.save(path)
    return path


def test_an_xlsx_workbook_loads_with_excels_row_numbers(tmp_path: Path) -> None:
    path = make_workbook(
        tmp_path / "deltakere.xlsx",
        [
            ["Navn", "Kommune", "Dager", "Allergier", "Deltakernummer", "Påmeldt"],
            [PORSANGER, "Porsanger", 2, "", 17, dt.datetime(2013, 2, 1, 9, 30)],
            [],
            ["Kari Nordmann", "Lom", dt.datetime(2013, 3, 11), "Nøtter", 18, None],
            ["=1+1", "Vågå", "", "", "", ""],  # a formula is never run: its (absent) cached value is read
            ["Ola Vik", "Sel", 3, "", 19, None],
        ],
    )
    people, problems = read(path)
    assert [(p.name, p.days, p.row, p.key) for p in people] == [
        (PORSANGER, (2,), 2, "id:17"),
        ("Kari Nordmann", (1,), 4, "id:18"),
    ]
    assert people[0].extra == (("Påmeldt", "2013-02-01 09:30"),)
    assert problems == [
        "deltakere.xlsx:5: has no name — fill in the name, or delete the row",
        "deltakere.xlsx:6: '3' is not a day of the gathering — write day numbers (1 to 2) or dates",
    ]


def test_a_broken_or_inflated_workbook_is_one_problem(tmp_path: Path) -> None:
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    assert read(broken)[1] == ["broken.xlsx: is not an .xlsx workbook — open it in Excel and save it as .xlsx again"]
    fake = tmp_path / "fake.xlsx"
    with zipfile.ZipFile(fake, "w") as archive:
        archive.writestr("hello.txt", "a zip, but no workbook")
    assert read(fake)[1][0].startswith("fake.xlsx: cannot be read as a workbook")
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (41 * 1024 * 1024))
    assert bomb.stat().st_size < 100_000
    assert read(bomb)[1] == [
        "bomb.xlsx: unpacks to more than a participant list may be — keep only the list in the workbook"
    ]
    old = tmp_path / "gammel.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    assert read(old)[1][0].startswith("gammel.xls: is not a participant list Samling reads")


@pytest.mark.parametrize(
    "doctype",
    [
        '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
        + "".join(f'<!ENTITY a{i} "{("&a;" if i == 1 else f"&a{i - 1};") * 10}">' for i in range(1, 10))
        + "]>",
        '<!DOCTYPE x [<!ENTITY a9 SYSTEM "file:///etc/passwd">]>',
    ],
    ids=["entity-expansion", "external-entity"],
)
def test_a_workbook_with_xml_entities_is_refused_unexpanded(tmp_path: Path, doctype: str) -> None:
    plain = make_workbook(tmp_path / "plain.xlsx", [["Navn"], ["Kari"]])
    hostile = tmp_path / "hostile.xlsx"
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(hostile, "w") as dst:
        for name in src.namelist():
            data = src.read(name)
            if name == "xl/worksheets/sheet1.xml":
                body = data.decode().split("?>", 1)[-1]
                data = ('<?xml version="1.0"?>' + doctype + body.replace("Kari", "&a9;")).encode()
            dst.writestr(name, data)
    people, problems = read(hostile)
    assert people == ()
    assert problems == ["hostile.xlsx: cannot be read as a workbook (ParseError) — save it from Excel again"]
