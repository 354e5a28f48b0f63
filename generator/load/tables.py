"""Tables from registration exports: CSV as Excel writes it in Norway, and .xlsx workbooks.

    read_csv(path, problems) -> Table | None
    read_xlsx(path, problems) -> Table | None

Both files are untrusted: sizes, rows, columns and cell lengths are bounded, a workbook's cached
values are read (its formulas never run, its links never followed), and a broken file is one
problem, never a traceback. Row numbers are the rows the user sees in Excel (the header is row 1).

CSV text is UTF-8 (with or without a byte-order mark), UTF-16 with a mark ("Unicode text"), or
else Windows-1252 — decided for the whole file, so a name is never half-decoded. The separator is
`;`, `,` or a tab, whichever the header line uses most (Excel's `sep=;` first line is honoured).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import warnings
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.core.errors import Problems

MAX_CSV_BYTES = 5 * 1024 * 1024
MAX_XLSX_BYTES = 10 * 1024 * 1024
MAX_XLSX_UNPACKED = 40 * 1024 * 1024  # guards against a zip bomb: the sum of the parts' declared sizes
MAX_ROWS = 5000
MAX_COLUMNS = 100
MAX_CELL = 1000

Cell = str | dt.date


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    header_row: int
    rows: tuple[tuple[int, tuple[Cell, ...]], ...]  # (row as Excel numbers it, cells); empty rows left out


# Text that was UTF-8, read as Windows-1252 and saved again: "Ã¸" for "ø", "Ã…" for "Å".
_GARBLED = re.compile("Ã[\u00a0-\u00bf\u2020\u2026\u02dc\u201e\u201c\u2018\u2122]")


def _size_ok(path: Path, limit: int, problems: Problems) -> bool:
    try:
        size = path.stat().st_size
    except OSError as exc:
        problems.add(path, 0, f"cannot be read ({exc.strerror})", "check that the file exists")
        return False
    if size > limit:
        problems.add(path, 0, f"is larger than a participant list may be ({limit // 2**20} MB)", "remove other sheets")
        return False
    return True


def decode(raw: bytes) -> tuple[str, str] | None:
    """The text and the name of its encoding, or None when it is none of the ones Excel writes."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError:
            return None
    for encoding, name in (("utf-8-sig", "UTF-8"), ("cp1252", "Windows-1252")):
        try:
            return raw.decode(encoding), name
        except UnicodeDecodeError:
            continue
    return None


def sniff(line: str) -> str:
    """The separator the header line uses most, quoted parts aside; `;` when it is a single column."""
    bare = re.sub(r'"[^"]*"', "", line)
    counts = {sep: bare.count(sep) for sep in (";", "\t", ",")}
    best = max(counts, key=lambda sep: counts[sep])  # ties go to the first: ; then tab then ,
    return best if counts[best] else ";"


def read_csv(path: Path, problems: Problems) -> Table | None:
    if not _size_ok(path, MAX_CSV_BYTES, problems):
        return None
    try:
        decoded = decode(path.read_bytes())
    except OSError as exc:
        problems.add(path, 0, f"cannot be read ({exc.strerror})", "check that the file exists")
        return None
    if decoded is None:
        problems.add(path, 0, "is not text Excel writes", "save it from Excel as 'CSV UTF-8' or as .xlsx")
        return None
    text = decoded[0]
    if "\x00" in text:
        problems.add(path, 0, "contains a NUL byte, so it is no CSV file", "save it from Excel as 'CSV UTF-8'")
        return None
    first, _, rest = text.partition("\n")
    hidden = 0  # Excel hides its own `sep=;` line: rows are numbered without it
    if re.fullmatch(r"sep=.\r?", first):
        separator, text, hidden = first[4], rest, 1
    else:
        separator = sniff(next((line for line in text.splitlines() if line.strip()), ""))
    rows: list[tuple[int, list[str]]] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    try:
        for number, cells in enumerate(reader, start=1):
            if number > MAX_ROWS + 1:
                problems.add(path, number, f"the list has more than {MAX_ROWS} rows", "split it into smaller lists")
                return None
            rows.append((number, cells))
    except csv.Error as exc:
        problems.add(path, reader.line_num + hidden, f"cannot be read as CSV ({exc})", "check the quotes in the row")
        return None
    if rows and any("\n" in cell and separator in cell for cell in rows[-1][1]):
        # A quote never closed swallows every row after it into one last cell.
        problems.add(path, rows[-1][0], "a quotation mark in this row is never closed", "close it, or remove it")
        return None
    garbled = {number for number, cells in rows if any(_GARBLED.search(cell) for cell in cells)}
    for number in sorted(garbled):
        problems.add(
            path,
            number,
            "the text looks garbled ('Ã¸' where 'ø' was meant)",
            "export the list again as 'CSV UTF-8' and do not save it in another program in between",
        )
    header = next((n for n, cells in rows if any(c.strip() for c in cells)), 0)
    return _table(path, [(n, cells) for n, cells in rows if n == header or n not in garbled], problems)


def read_xlsx(path: Path, problems: Problems) -> Table | None:
    if path.suffix.lower() != ".xlsx":
        problems.add(path, 0, "is not an .xlsx workbook", "save it from Excel as .xlsx or as 'CSV UTF-8'")
        return None
    if not _size_ok(path, MAX_XLSX_BYTES, problems):
        return None
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        problems.add(path, 0, "is not an .xlsx workbook", "open it in Excel and save it as .xlsx again")
        return None
    if unpacked > MAX_XLSX_UNPACKED:
        problems.add(path, 0, "unpacks to more than a participant list may be", "keep only the list in the workbook")
        return None
    import openpyxl  # only gatherings with a workbook pay for the import

    rows: list[tuple[int, list[Cell]]] = []
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about every Excel feature it skips
            book = openpyxl.load_workbook(path, read_only=True, data_only=True, keep_links=False, keep_vba=False)
        try:
            sheet = book.worksheets[0]
            lines = sheet.iter_rows(max_row=MAX_ROWS + 2, max_col=MAX_COLUMNS + 1, values_only=True)
            for number, values in enumerate(lines, start=1):
                if number > MAX_ROWS + 1:
                    problems.add(path, number, f"the list has more than {MAX_ROWS} rows", "split it into smaller lists")
                    return None
                rows.append((number, [_cell(v) for v in values]))
        finally:
            book.close()
    except Exception as exc:  # a broken workbook raises anything from KeyError to a parse error
        problems.add(path, 0, f"cannot be read as a workbook ({type(exc).__name__})", "save it from Excel again")
        return None
    return _table(path, rows, problems)


def _cell(value: object) -> Cell:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date() if value.time() == dt.time() else value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, dt.date):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # Excel stores every number as a float: day 2 is 2.0
    return str(value)


def _filled(cell: Cell) -> bool:
    return bool(cell.strip()) if isinstance(cell, str) else True


def _table(path: Path, rows: Sequence[tuple[int, Sequence[Cell]]], problems: Problems) -> Table | None:
    filled = [(n, cells) for n, cells in rows if any(_filled(c) for c in cells)]
    if not filled:
        problems.add(path, 0, "has no rows", "put the column names (Navn, Kommune, …) in the first row, people below")
        return None
    header_row, header_cells = filled[0]
    while header_cells and not str(header_cells[-1]).strip():
        header_cells = header_cells[:-1]
    if len(header_cells) > MAX_COLUMNS:
        problems.add(path, header_row, f"has more than {MAX_COLUMNS} columns", "keep only the columns you need")
        return None
    # A column without a name keeps its values, under its place ("column 3"), as an unknown column.
    header = tuple(str(c).strip() or f"column {i + 1}" for i, c in enumerate(header_cells))
    found: list[tuple[int, tuple[Cell, ...]]] = []
    for number, cells in filled[1:]:
        beyond = [c for c in cells[len(header) :] if str(c).strip()]
        if beyond:
            problems.add(path, number, "has more cells than the header has columns", "give each column a name in row 1")
            continue
        long = [i for i, c in enumerate(cells) if isinstance(c, str) and len(c) > MAX_CELL]
        if long:
            column = header[long[0]] if long[0] < len(header) else str(long[0] + 1)
            problems.add(path, number, f"the cell in '{column}' is longer than {MAX_CELL} characters", "shorten it")
            continue
        padded = tuple(cells[: len(header)]) + ("",) * (len(header) - len(cells))
        found.append((number, padded))
    return Table(header, header_row, tuple(found))
