"""A gathering's participant list: `participants.yaml`, `.csv` or `.xlsx`, as Participants.

    read_participants(path, problems, dates=(), notices=None) -> tuple[Participant, ...]

`path` ends in .yaml/.yml (a list of mappings), .csv or .xlsx (see `generator/load/tables.py`).
Columns and keys are matched by name (`generator/domain/people.py`, `column_field`); unknown ones
are kept in `Participant.extra`. `dates` are the gathering's days in order: with them a day may
be written as a date and day numbers are checked against them.

Every bad row is one problem `path:row: what — what to do` in `problems`, and is left out. A
duplicate person is a notice in `notices` (one line; the build goes on): a row with the key and
name of an earlier one is left out, one with the same name and organisation but its own key is
kept. Only when one key (id or e-mail) names two different people is it a problem, since groups
and print could not tell them apart. So keys in the result are unique.

Participants are personal data: this module only reads them; where they may be shown is the
renderers' business (never on participant pages, calendars, search data or the pack).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from generator.core.errors import Problem, Problems
from generator.domain.people import Participant, column_field, find_duplicates, normal, participant_key
from generator.load.documents import read_text
from generator.load.tables import MAX_CELL, MAX_ROWS, Cell, read_csv, read_xlsx
from generator.load.yamlfile import YamlList, YamlMap, YamlProblem, parse_yaml

SUFFIXES = (".yaml", ".yml", ".csv", ".xlsx")
# Control characters, and the bidirectional overrides that could print a name backwards on a badge.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_EVERY_DAY = {"", "alle", "begge", "all", "both", "alle dager", "alle dagar", "begge dager", "begge dagar", "both days"}
_DAY_WORD = re.compile(r"^(dag|day)\s*", re.I)
_SPLIT = re.compile(r"\s*(?:[,;/&+]|\bog\b|\band\b)\s*", re.I)
_NORWEGIAN_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})?")


def read_participants(
    path: Path, problems: Problems, dates: Sequence[dt.date] = (), notices: list[str] | None = None
) -> tuple[Participant, ...]:
    notes = notices if notices is not None else []
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        rows = _yaml_rows(path, problems)
    elif suffix in (".csv", ".xlsx"):
        table = read_csv(path, problems) if suffix == ".csv" else read_xlsx(path, problems)
        rows = None if table is None else _table_rows(path, table.header, table.header_row, table.rows, problems)
    else:
        problems.add(path, 0, "is not a participant list Samling reads", "use .csv, .xlsx or participants.yaml")
        return ()
    if rows is None:
        return ()
    people = [p for number, pairs in rows if (p := _person(path, number, pairs, dates, problems))]
    dropped = set()
    for dup in find_duplicates(people):
        what = {"id": "id", "email": "e-mail address", "name": "name and organisation"}[dup.reason]
        said = f"{dup.again.name} appears twice: same {what} as row {dup.first.row}"
        if dup.again.key == dup.first.key and normal(dup.again.name) != normal(dup.first.name):
            # One key for two names: groups and print could not tell them apart.
            problems.add(path, dup.again.row, f"{said} ({dup.first.name})", "give each person their own e-mail or id")
        elif dup.again.key == dup.first.key:
            notes.append(str(Problem(problems.display(path), dup.again.row, f"{said}; the row is left out", DELETE)))
        else:  # two keys, so nothing is ambiguous: both are kept, and the author hears of it
            notes.append(str(Problem(problems.display(path), dup.again.row, f"{said}; both are kept", DELETE)))
            continue
        dropped.add(id(dup.again))
    return tuple(p for p in people if id(p) not in dropped)


DELETE = "delete one of the rows if it is one person"


Pairs = list[tuple[str, Any]]


def _table_rows(
    path: Path,
    header: tuple[str, ...],
    header_row: int,
    rows: Sequence[tuple[int, tuple[Cell, ...]]],
    problems: Problems,
) -> list[tuple[int, Pairs]] | None:
    seen: dict[str, int] = {}
    for i, name in enumerate(header):
        if not name:
            continue
        if name.casefold() in seen:
            problems.add(path, header_row, f"two columns are called '{name}'", "rename or delete one of them")
            return None
        seen[name.casefold()] = i
    fields = {column_field(h) for h in header}
    if not fields & {"name", "first_name", "last_name"}:
        problems.add(
            path,
            header_row,
            f"row {header_row} has no column for names (found: {', '.join(h for h in header if h) or 'none'})",
            "call the column 'Navn' (or 'Fornavn' and 'Etternavn'), with the column names in the first row",
        )
        return None
    return [(number, [(h, c) for h, c in zip(header, cells, strict=True) if h]) for number, cells in rows]


def _yaml_rows(path: Path, problems: Problems) -> list[tuple[int, Pairs]] | None:
    text = read_text(path, problems)
    if text is None:
        return None
    try:
        data = parse_yaml(text)
    except YamlProblem as exc:
        problems.add(path, exc.line, exc.message, exc.hint)
        return None
    if not isinstance(data, YamlList):
        problems.add(path, getattr(data, "line", 1), "is not a list of people", "write one `- name: …` item per person")
        return None
    if len(data) > MAX_ROWS:
        problems.add(path, data.line_of(MAX_ROWS), f"the list has more than {MAX_ROWS} people", "split it")
        return None
    rows = []
    for i, item in enumerate(data):
        if not isinstance(item, YamlMap):
            problems.add(path, data.line_of(i), "this item is not a person", "write `- name: …` with the fields below")
            continue
        rows.append((data.line_of(i), list(item.items())))
    return rows


def _text(path: Path, row: int, column: str, value: Any, problems: Problems) -> str | None:
    if isinstance(value, (dict, list)):
        problems.add(path, row, f"'{column}' holds a list or mapping", "write plain text")
        return None
    text = "" if value is None else str(value)
    if len(text) > MAX_CELL:
        problems.add(path, row, f"'{column}' is longer than {MAX_CELL} characters", "shorten it")
        return None
    text = " ".join(text.replace("\t", " ").splitlines()).strip()  # a cell's Alt+Enter line break is a space
    if _CONTROL.search(text):
        problems.add(path, row, f"'{column}' contains a control character", "retype the cell")
        return None
    return text


def _person(path: Path, row: int, pairs: Pairs, dates: Sequence[dt.date], problems: Problems) -> Participant | None:
    values: dict[str, str] = {}
    source: dict[str, str] = {}  # field → the column that filled it (the first one wins)
    days_value: Any = None
    extra = []
    ok = True
    for column, value in pairs:
        field = column_field(column)
        if field == "days" and "days" not in values:
            days_value, values["days"] = value, ""
            continue
        text = _text(path, row, column, value, problems)
        if text is None:
            ok = False
        elif field and field not in values:
            values[field], source[field] = text, column
        elif text:
            extra.append((column, text))
    if not ok:
        return None
    name = values.get("name") or " ".join(v for v in (values.get("first_name"), values.get("last_name")) if v)
    if not name:
        problems.add(path, row, "has no name", "fill in the name, or delete the row")
        return None
    email = values.get("email", "")
    if email and not _EMAIL.fullmatch(email):
        problems.add(path, row, f"'{email}' is not an e-mail address", "correct it, or leave the cell empty")
        return None
    days = _days(path, row, days_value, dates, problems)
    if days is None:
        return None
    if "name" in values:  # the name came whole: first and last names are kept as they were written
        extra = [(source[f], values[f]) for f in ("first_name", "last_name") if values.get(f)] + extra
    organisation = values.get("organisation", "")
    return Participant(
        key=participant_key(values.get("id", ""), email, name, organisation),
        name=" ".join(name.split()),
        organisation=" ".join(organisation.split()),
        role=values.get("role", ""),
        email=email,
        days=days,
        dietary=values.get("dietary", ""),
        extra=tuple(extra),
        row=row,
    )


def _days(path: Path, row: int, value: Any, dates: Sequence[dt.date], problems: Problems) -> tuple[int, ...] | None:
    """Day numbers from "1, 2", "dag 1 og 2", "begge", a date or (YAML) a list of them; () = every day."""
    items = list(value) if isinstance(value, list) else [value]
    tokens: list[Any] = []
    for item in items:
        if isinstance(item, str):
            tokens += [] if item.strip().casefold() in _EVERY_DAY else _SPLIT.split(item.strip())
        elif item is not None:
            tokens.append(item)
    found = set()
    for token in tokens:
        day = _day(token, dates)
        if day is None or day < 1 or (dates and day > len(dates)):
            days_hint = f"1 to {len(dates)}" if dates else "1, 2"
            problems.add(
                path, row, f"'{token}' is not a day of the gathering", f"write day numbers ({days_hint}) or dates"
            )
            return None
        found.add(day)
    return tuple(sorted(found))


def _day(token: Any, dates: Sequence[dt.date]) -> int | None:
    if isinstance(token, bool):
        return None
    if isinstance(token, int):
        return token
    when = token if isinstance(token, dt.date) else None
    if isinstance(token, str):
        token = _DAY_WORD.sub("", token.strip()).rstrip(".")
        if token.isdigit():
            return int(token)
        match = _NORWEGIAN_DATE.fullmatch(token + ".") or _NORWEGIAN_DATE.fullmatch(token)
        try:
            if match and dates:
                year = int(match[3]) if match[3] else dates[0].year
                when = dt.date(year, int(match[2]), int(match[1]))
            elif re.fullmatch(r"\d{4}-\d{2}-\d{2}", token):
                when = dt.date.fromisoformat(token)
        except ValueError:
            return None
    if when is not None and when in dates:
        return list(dates).index(when) + 1
    return None
