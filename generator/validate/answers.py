"""GATHERING/responses/*.json|yaml → Response: answers files checked against their worksheet.

A file saved by "Lagre svar" or typed from a paper sheet (docs/worksheets.md, "Answers as files").
Every problem is one `file:line: what — what to do`; a file with a problem gives no response. A file
for a sheet whose questions changed since it was saved keeps the answers to items that still exist,
and says so in a notice (`path:line: …`, printed by the caller, not a problem: the build goes on).
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
from pathlib import Path
from typing import Any, TypeGuard

from generator.core.errors import Problems
from generator.core.model import Gathering, Source, Worksheet
from generator.domain import answers as a
from generator.load import content_files
from generator.load.documents import Document, read_text
from generator.load.yamlfile import YamlList, YamlMap, YamlProblem, parse_yaml

ENDINGS = (".json", ".yaml", ".yml")
TOP = ("samling", "version", "worksheet", "fingerprint", "header", "answers")
MAX_TEXT = 20_000  # letters in one answer: a page of handwriting is far less


class _Wrong(Exception):
    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.message, self.hint = message, hint


def read_responses(
    gathering_folder: Path, gathering: Gathering, problems: Problems, notices: list[str] | None = None
) -> tuple[a.Response, ...]:
    """Every answers file of the gathering that is right, in file-name order."""
    found = []
    for path in content_files(gathering_folder / "responses", ENDINGS, gathering_folder.parent, problems):
        response = read_response(path, gathering, problems, notices if notices is not None else [])
        if response is not None:
            found.append(response)
    return tuple(found)


def response_of(doc: Document, gathering: Gathering, problems: Problems, notices: list[str]) -> a.Response | None:
    """An answers file as loaded (load/: kept as text), checked against the gathering's worksheets."""
    return read_response(doc.path, gathering, problems, notices, doc.body)


def read_response(
    path: Path, gathering: Gathering, problems: Problems, notices: list[str], text: str | None = None
) -> a.Response | None:
    if text is None:
        text = read_text(path, problems)
    if text is None:
        return None
    shown = problems.display(path)
    if path.suffix.lower() == ".json":
        # The common case, a right file saved on screen, is read at C speed; only a file with
        # something to say is read again by the YAML reader, which knows every key's line.
        quick = _quick_json(text)
        if quick is not None:
            said: list[str] = []
            scratch = Problems(problems.root)
            response = _response(path, quick, gathering, scratch, said, shown)
            if response is not None and not scratch and not said:
                return response
        text = re.sub(r"^\t+", lambda m: "  " * len(m.group()), text, flags=re.MULTILINE)  # JSON may use tabs
    try:
        data = parse_yaml(text)
    except YamlProblem as exc:
        problems.add(path, exc.line, exc.message, exc.hint)
        return None
    own = Problems(problems.root)
    response = _response(path, data, gathering, own, notices, shown)
    problems.extend(own)
    return None if own else response


def _quick_json(text: str) -> Any:
    """JSON as YamlMap/YamlList without lines, or None when it is not plain, right JSON."""

    def pairs(items: list[tuple[str, Any]]) -> YamlMap:
        found = YamlMap(items)
        if len(found) != len(items):
            raise ValueError("a key twice")
        found.line, found.key_lines = 0, {}
        return found

    def listing(value: Any) -> Any:
        if isinstance(value, list):
            done = YamlList(listing(v) for v in value)
            done.line, done.item_lines = 0, []
            return done
        if isinstance(value, dict):
            for k, v in value.items():
                value[k] = listing(v)
        return value

    try:
        return listing(json.loads(text, object_pairs_hook=pairs, parse_float=_no_float, parse_constant=_no_float))
    except (ValueError, RecursionError):
        return None


def _no_float(text: str) -> Any:
    raise ValueError(text)  # the YAML reader reads it as text, and the problem names its line


def _response(
    path: Path, data: Any, gathering: Gathering, problems: Problems, notices: list[str], shown: str
) -> a.Response | None:
    if not isinstance(data, YamlMap):
        problems.add(
            path, getattr(data, "line", 1), "is not an answers file", 'it should start with `"samling": "answers"`'
        )
        return None
    for key in data:
        if key not in TOP:
            problems.add(
                path, data.line_of(key), f"unknown key '{key}' in an answers file", f"known keys: {', '.join(TOP)}"
            )
    if data.get("samling") != "answers":
        problems.add(path, data.line_of("samling"), "is not an answers file", 'write `"samling": "answers"` first')
        return None
    if not _whole(data.get("version", a.VERSION)) or data.get("version", a.VERSION) != a.VERSION:
        problems.add(path, data.line_of("version"), f"is version {data['version']!r} of the answers format", "write 1")
    sheet = _worksheet(path, data, gathering, problems)
    if sheet is None:
        return None
    written = data.get("fingerprint")
    current = written in (None, "", sheet.fingerprint)
    header = _header(path, data.get("header"), data.line_of("header"), problems)
    raw = data.get("answers")
    if raw is None:
        raw = YamlMap()
        raw.line, raw.key_lines = data.line, {}
    if not isinstance(raw, YamlMap):
        problems.add(path, data.line_of("answers"), "`answers` should be a mapping", "write `item id: answer` lines")
        return None
    items = {i.id: i for i in a.items(sheet)}
    kept: list[a.Answer] = []
    dropped: list[str] = []
    for item_id, value in raw.items():
        line = raw.line_of(item_id)
        item = items.get(item_id)
        if item is None and not current:
            dropped.append(item_id)
        elif item is None:
            close = difflib.get_close_matches(item_id, list(items), n=1)
            hint = f"did you mean '{close[0]}'?" if close else "use the ids in docs/worksheets.md, Answers as files"
            problems.add(path, line, f"the worksheet '{sheet.key}' has no item '{item_id}'", hint)
        elif value is not None and value != "":
            try:
                kept.append(_answer(item, value))
            except _Wrong as wrong:
                problems.add(path, line, f"'{item_id}' {wrong.message}", wrong.hint)
    if not current:
        gone = f"; dropped the answers to {', '.join(dropped)}, which it no longer has" if dropped else ""
        notices.append(
            f"{shown}:{data.line_of('fingerprint')}: the worksheet '{sheet.key}' has changed since these answers "
            f"were saved: kept {len(kept)} answers to items it still has{gone}"
        )
    return a.Response(Source(path, 1), sheet.key, gathering.key, header, tuple(kept), written or "", current)


def _worksheet(path: Path, data: YamlMap, gathering: Gathering, problems: Problems) -> Worksheet | None:
    line = data.line_of("worksheet")
    name = data.get("worksheet")
    if not isinstance(name, str) or "/" not in name:
        problems.add(path, line, "the file does not say its worksheet", f'write `"worksheet": "{gathering.key}/NAME"`')
        return None
    where, key = name.rsplit("/", 1)
    if where != gathering.key:
        problems.add(path, line, f"the answers are for the gathering '{where}'", f"move the file to {where}/responses/")
        return None
    sheet = next((w for w in gathering.worksheets if w.key == key), None)
    if sheet is None:
        keys = [w.key for w in gathering.worksheets]
        close = difflib.get_close_matches(key, keys, n=1)
        hint = f"did you mean '{close[0]}'?" if close else f"worksheets: {', '.join(keys) or 'none'}"
        problems.add(path, line, f"the gathering has no worksheet '{key}'", hint)
    return sheet


def _header(path: Path, raw: Any, line: int, problems: Problems) -> a.Header:
    if raw is None:
        return a.Header()
    if not isinstance(raw, YamlMap):
        problems.add(path, line, "`header` should be a mapping", "write `name:`, `organisation:`, `group:`, `date:`")
        return a.Header()
    values = {}
    for key, value in raw.items():
        if key not in a.HEADER_FIELDS:
            problems.add(path, raw.line_of(key), f"unknown header field '{key}'", f"use: {', '.join(a.HEADER_FIELDS)}")
        elif isinstance(value, dt.date):
            values[key] = value.isoformat()
        elif value is not None:
            try:
                values[key] = _text(value, 200)
            except _Wrong as wrong:
                problems.add(path, raw.line_of(key), f"the header's '{key}' {wrong.message}", wrong.hint)
    return a.Header(**values)


def _answer(item: a.Item, value: Any) -> a.Answer:
    if item.kind == "text":
        return a.TextAnswer(item.id, _text(value, MAX_TEXT))
    if item.kind == "rating":
        return _rating(item, value)
    if not isinstance(value, YamlList):
        raise _Wrong("should be a list of markers", "write `[{risk: 1, probability: 2, consequence: 3}]`")
    markers = []
    for i, raw in enumerate(value):
        if not isinstance(raw, YamlMap) or set(raw) - {"risk", "probability", "consequence"}:
            raise _Wrong(f"has a marker {i + 1} that is not `{{risk, probability, consequence}}`", "write those three")
        p, c = raw.get("probability"), raw.get("consequence")
        if not _whole(p) or not _whole(c) or not (1 <= p <= item.rows and 1 <= c <= item.columns):
            raise _Wrong(
                f"has marker {i + 1} at probability {p!r}, consequence {c!r}, outside the "
                f"{item.rows} × {item.columns} matrix",
                f"use probability 1–{item.rows} and consequence 1–{item.columns}",
            )
        risk = raw.get("risk")
        markers.append(a.Marker("" if risk is None else _text(risk, 200), p, c))
    return a.MatrixAnswer(item.id, tuple(markers))


def _rating(item: a.Item, value: Any) -> a.RatingAnswer:
    rating, comment = value, ""
    if isinstance(value, YamlMap):
        if set(value) - {"rating", "comment"}:
            raise _Wrong("should be a rating and a comment", "write `{rating: 7, comment: text}`")
        rating, comment = value.get("rating"), _text(value.get("comment") or "", MAX_TEXT)
        if comment and not item.comment:
            raise _Wrong("has a comment, but the sheet has no comment lines", "leave the comment out")
    if rating is None and comment:
        return a.RatingAnswer(item.id, None, comment)
    if not _whole(rating) or not item.low <= rating <= item.high:
        raise _Wrong(
            f"has the rating {rating!r}, outside the scale {item.low}–{item.high}",
            f"write a whole number from {item.low} to {item.high}",
        )
    return a.RatingAnswer(item.id, rating, comment)


def _whole(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def _text(value: Any, longest: int) -> str:
    if isinstance(value, bool) or not isinstance(value, str | int | dt.date):
        raise _Wrong("should be text", "write the answer as text in quotes")
    text = value.isoformat() if isinstance(value, dt.date) else str(value)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise _Wrong("has a character that is not text (a broken \\u escape)", "write the letter itself") from None
    if len(text) > longest:
        raise _Wrong(f"is {len(text)} letters long, more than {longest}", "shorten it")
    return text.strip()
