"""The block types of a worksheet: question, text, scale, matrix, grid, model.

Each reader checks one `- type: …` mapping and returns its dataclass, or None after
reporting every problem it found with the file and line.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from markdown_it import MarkdownIt

from generator.core.errors import Problems
from generator.core.model import Grid, Matrix, Model, Note, Question, Scale, StageCheck
from generator.core.model.figures import entries
from generator.domain import risk_matrix as wm
from generator.load.documents import Document
from generator.load.yamlfile import YamlMap
from generator.validate import schema as s
from generator.validate.answer_ids import ID, scale_items
from generator.validate.decks import folder_of
from generator.validate.markdown import render_markdown
from generator.validate.matrix_parts import count, matrix_markers, matrix_zones


@dataclass(frozen=True)
class Context:
    """What a block reader needs besides its own mapping."""

    doc: Document
    md: MarkdownIt
    problems: Problems
    lang: str
    models: tuple[Model, ...] = ()


def labels(low: int, high: int, what: str, plural: str = "") -> s.Converter:
    """A list of `low`–`high` non-empty texts."""

    def convert(value: Any) -> tuple[str, ...]:
        items = s.text_list(value)
        if any(not item for item in items):
            raise s.Invalid(f"has an empty {what}", f"write a text for every {what}")
        if not low <= len(items) <= high:
            raise s.Invalid(
                f"has {len(items)} of them; use {low} to {high} {plural or what + 's'}", f"one `- {what}` a line"
            )
        return items

    return convert


def axis(value: Any) -> tuple[str, ...]:
    """Category labels of a matrix axis, or a number of plain numbered categories."""
    if isinstance(value, int) and not isinstance(value, bool):
        if not wm.MIN_SIZE <= value <= wm.MAX_SIZE:
            raise s.Invalid(f"should be {wm.MIN_SIZE} to {wm.MAX_SIZE} categories, not {value}", "e.g. 5")
        return tuple(str(n) for n in range(1, value + 1))
    return labels(wm.MIN_SIZE, wm.MAX_SIZE, "category", "categories")(value)


TYPE = s.Field(s.text)
QUESTION = {
    "type": TYPE,
    "id": ID,
    "text": s.Field(s.non_empty_text, required=True, doc="the question"),
    "lines": s.Field(count(1, 40), default=4, doc="ruled lines to write on"),
    "box": s.Field(count(10, 250), default=0, doc="height of a box in mm, instead of lines"),
}
TEXT = {"type": TYPE, "text": s.Field(s.non_empty_text, required=True, doc="Markdown")}
SCALE = {
    "type": TYPE,
    "id": ID,
    "title": s.Field(s.text, default="", doc="the question the scale answers"),
    "items": s.Field(scale_items, required=True, doc="the things to rate, one `- item` (or `{id, text}`) a line"),
    "from": s.Field(count(0, 10), default=1, doc="the lowest value"),
    "to": s.Field(count(1, 11), default=10, doc="the highest value"),
    "low": s.Field(s.text, default="", doc="the label of the low end, e.g. Liten risiko"),
    "high": s.Field(s.text, default="", doc="the label of the high end, e.g. Stor risiko"),
    "labels": s.Field(labels(2, 11, "label"), default=(), doc="a label for every value, lowest first"),
    "item_heading": s.Field(s.text, default="", doc="the heading above the items"),
    "comment": s.Field(s.boolean, default=False, doc="a line for a comment under each item"),
}
MATRIX = {
    "type": TYPE,
    "id": ID,
    "title": s.Field(s.text, default=""),
    "preset": s.Field(s.one_of(*wm.PRESETS), default="", doc="a ready matrix: " + ", ".join(wm.PRESETS)),
    "probability": s.Field(axis, default=(), doc="probability categories, lowest first (or their number)"),
    "consequence": s.Field(axis, default=(), doc="consequence categories, lowest first (or their number)"),
    "probability_title": s.Field(s.text, default=""),
    "consequence_title": s.Field(s.text, default=""),
    "zones": s.Field(s.listing, default=None, doc="zones, lowest risk first, each `{label, up_to}`"),
    "markers": s.Field(s.listing, default=None, doc="numbered risks `{number, probability, consequence, text}`"),
    "scores": s.Field(s.boolean, default=True, doc="show each cell's score"),
}
GRID = {
    "type": TYPE,
    "id": ID,
    "title": s.Field(s.text, default=""),
    "corner": s.Field(s.text, default="", doc="the heading above the row headers"),
    "rows": s.Field(labels(1, 30, "row"), required=True, doc="row headers"),
    "columns": s.Field(labels(1, 8, "column"), required=True, doc="column headers"),
    "height": s.Field(count(8, 120), default=20, doc="height of each row in mm"),
}
MODEL = {
    "type": TYPE,
    "id": ID,
    "name": s.Field(s.non_empty_text, required=True, doc="a model's file name in content/models/"),
    "scale": s.Field(count(2, 10), default=5, doc="the highest mark"),
}


def question(raw: YamlMap, key: str, cx: Context) -> Question | None:
    v = s.check(raw, QUESTION, cx.doc.path, cx.problems, "a question block")
    return Question(key, v["text"], v["lines"], v["box"], v["id"]) if v and v["text"] else None


def text(raw: YamlMap, key: str, cx: Context) -> Note | None:
    v = s.check(raw, TEXT, cx.doc.path, cx.problems, "a text block")
    if not v or not v["text"]:
        return None
    return Note(key, render_markdown(cx.md, v["text"], raw.line_of("text") + 1, folder_of(cx.doc.path)))


def scale(raw: YamlMap, key: str, cx: Context) -> Scale | None:
    v = s.check(raw, SCALE, cx.doc.path, cx.problems, "a scale block")
    if not v or not v["items"]:
        return None
    if v["to"] <= v["from"] or v["to"] - v["from"] > 10:
        cx.problems.add(
            cx.doc.path,
            raw.line_of("to"),
            f"the scale {v['from']}–{v['to']} is not a scale that fits a row",
            "`to` must be above `from`, with at most 11 values, e.g. from: 1, to: 10",
        )
        return None
    texts, ids = tuple(t for t, _ in v["items"]), tuple(i for _, i in v["items"])
    named = v["labels"]
    if named and len(named) != v["to"] - v["from"] + 1:
        cx.problems.add(
            cx.doc.path,
            raw.line_of("labels"),
            f"the scale {v['from']}–{v['to']} has {v['to'] - v['from'] + 1} values but {len(named)} labels",
            "write one label a value, lowest first, or `low:` and `high:` for the ends only",
        )
        return None
    # The ends' labels (for the results' charts) are the first and last of `labels:` unless written.
    low = v["low"] or (named[0] if named else "")
    high = v["high"] or (named[-1] if named else "")
    return Scale(
        key, texts, v["from"], v["to"], low, high, v["title"], v["item_heading"], v["comment"], v["id"], ids, named
    )


def matrix(raw: YamlMap, key: str, cx: Context) -> Matrix | None:
    path, problems = cx.doc.path, cx.problems
    v = s.check(raw, MATRIX, path, problems, "a matrix block")
    if not v:
        return None
    # A preset gives sizes and zones; its words come from the theme at render time (risk_matrix.worded).
    ready = wm.preset(v["preset"]) if v["preset"] else None
    probability = v["probability"] or (("",) * ready.probability if ready else ())
    consequence = v["consequence"] or (("",) * ready.consequence if ready else ())
    for name, value in (("probability", probability), ("consequence", consequence)):
        if not value and name not in raw:
            problems.add(
                path,
                raw.line,
                f"the matrix has no `{name}:` categories",
                f"list them lowest first, e.g. `{name}: [Liten, Stor]`, or use `preset: dsb-5`",
            )
    if not probability or not consequence:
        return None
    zones = matrix_zones(v["zones"], raw, len(probability), len(consequence), cx.doc.path, cx.problems)
    if zones is None and ready and v["zones"] is None:
        zones = wm.make_zones([("", up_to, "") for up_to in ready.zones])  # labelled at render time
    markers = matrix_markers(v["markers"], len(probability), len(consequence), cx.doc.path, cx.problems)
    if zones is False or markers is None:
        return None
    titles = (v["probability_title"], v["consequence_title"])  # the theme's, at render time, if not written
    built = wm.build_matrix(
        key,
        probability=probability,
        consequence=consequence,
        titles=titles,
        zones=zones or (),
        markers=markers,
        title=v["title"],
        show_scores=v["scores"],
    )
    return dataclasses.replace(built, id=v["id"], preset_words=ready.words if ready else "")


def grid(raw: YamlMap, key: str, cx: Context) -> Grid | None:
    v = s.check(raw, GRID, cx.doc.path, cx.problems, "a grid block")
    if not v or not v["rows"] or not v["columns"]:
        return None
    return Grid(key, v["rows"], v["columns"], v["title"], v["corner"], v["height"], v["id"])


def model(raw: YamlMap, key: str, cx: Context) -> StageCheck | None:
    v = s.check(raw, MODEL, cx.doc.path, cx.problems, "a model block")
    if not v or not v["name"]:
        return None
    found = next((m for m in cx.models if m.key == v["name"]), None)
    if found is None:
        known = ", ".join(m.key for m in cx.models) or "none yet"
        cx.problems.add(cx.doc.path, raw.line_of("name"), f"the model '{v['name']}' does not exist", f"models: {known}")
        return None
    return stage_check(found, key, v["scale"], v["id"])


def stage_check(model: Model, key: str, scale: int = 5, answer_id: str = "") -> StageCheck:
    """The data of a model's stage-check table: its entries as rows (the answer ids come later)."""
    rows = entries(model.data)
    return StageCheck(
        key,
        model.key,
        scale,
        answer_id,
        stages=tuple(e.name for e in rows),
        model_title=model.title,
        model_kind=model.kind,
        entries=tuple(rows),
    )


BlockReader = Callable[[YamlMap, str, Context], Any]
BLOCKS: dict[str, BlockReader] = {
    "question": question,
    "text": text,
    "scale": scale,
    "matrix": matrix,
    "grid": grid,
    "model": model,
}
