"""content/models/NAME.yaml → Model: one schema per figure kind, every problem in one pass."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from markdown_it import MarkdownIt

from generator.core.errors import Problems
from generator.core.model import Model, Source, Text
from generator.core.model.figures import (
    KIND_NAMES,
    Column,
    Columns,
    Cycle,
    Phase,
    Phases,
    Stage,
    Staircase,
    Timeline,
)
from generator.load.yamlfile import YamlList, YamlMap
from generator.validate import schema as s
from generator.validate.markdown import render_markdown

COMMON = {
    "title": s.Field(s.non_empty_text, required=True, doc="the model's name, shown as the caption"),
    "kind": s.Field(s.one_of(*KIND_NAMES), required=True, doc=" | ".join(KIND_NAMES)),
    "description": s.Field(s.text, default="", doc="Markdown shown with the figure"),
}
KIND_FIELDS = {
    "staircase": {"phases": s.Field(s.listing, required=True, doc="phases, each with stages")},
    "phases": {"phases": s.Field(s.listing, required=True, doc="phases with keywords and statement")},
    "cycle": {
        "steps": s.Field(s.listing, required=True, doc="the steps round the circle"),
        "centre": s.Field(s.text, default="", doc="text in the middle"),
    },
    "timeline": {"points": s.Field(s.listing, required=True, doc="the points in time")},
    "columns": {"columns": s.Field(s.listing, required=True, doc="the columns")},
}
ALL_FIELDS = {k: f for fields in KIND_FIELDS.values() for k, f in fields.items()}

STAGE = {
    "name": s.Field(s.non_empty_text, required=True, doc="the stage's name"),
    "statement": s.Field(s.text, default="", doc="what people say at this stage"),
}
STAIRCASE_PHASE = {
    "name": s.Field(s.non_empty_text, required=True, doc="the phase's name"),
    "description": s.Field(s.text, default="", doc="a sentence about the phase"),
    "stages": s.Field(s.listing, required=True, doc="the stages, each with name and statement"),
}
SHORT_PHASE = {
    "name": s.Field(s.non_empty_text, required=True, doc="the phase's name"),
    "description": s.Field(s.text, default="", doc="a sentence about the phase"),
    "keywords": s.Field(s.text, default="", doc="a few words, e.g. 'Nysgjerrighet og interesse'"),
    "statement": s.Field(s.text, default="", doc="e.g. 'Jeg vet at noe nytt er på gang'"),
}
POINT = {
    "name": s.Field(s.non_empty_text, required=True, doc="the time, e.g. 'Mars 2013'"),
    "label": s.Field(s.text, default="", doc="a word under the time, e.g. 'Status'"),
    "statement": s.Field(s.text, default="", doc="the question at this point"),
}
COLUMN = {
    "name": s.Field(s.non_empty_text, required=True, doc="the column's heading"),
    "items": s.Field(s.text_list, default=(), doc="the boxes under the heading"),
}
# Upper limits keep figures legible; the layout itself copes with any count.
LIMITS = {
    "stages": (1, 30),
    "phases": (2, 8),
    "steps": (3, 12),
    "points": (2, 10),
    "columns": (2, 6),
}
MAX_STAGES = 30  # across all phases of a staircase


def parse_model(key: str, data: object, path: Path, md: MarkdownIt, problems: Problems) -> Model | None:
    """Validate one model file; report every problem and return None if any is fatal."""
    raw_kind = data.get("kind") if isinstance(data, YamlMap) else None
    kind = raw_kind if isinstance(raw_kind, str) and raw_kind in KIND_FIELDS else None
    schema = {**COMMON, **(KIND_FIELDS[kind] if kind else ALL_FIELDS)}
    before = len(problems)
    v = s.check(data, schema, path, problems, "the model")
    if v is None or kind is None or not isinstance(data, YamlMap):  # a known kind is only read from a mapping
        return None
    # Nested lists are read even when the top level had problems: one pass reports all.
    figure = _READERS[kind](data, v, path, problems)
    if figure is None or len(problems) > before:
        return None
    description = Text()
    if v["description"]:
        line = data.line_of("description") + 1
        description = render_markdown(md, v["description"], line, path.parent.name)
    return Model(key, v["title"], kind, figure, description, Source(path, data.line))


def _items(
    parent: YamlMap,
    v: dict,
    field: str,
    schema: dict[str, s.Field],
    path: Path,
    problems: Problems,
    what: str,
) -> list[tuple[dict[str, Any], YamlMap | None, int]]:
    """Check each item of a list; a plain text item stands for `- name: TEXT`."""
    items: YamlList | None = v[field]
    if items is None:  # missing or not a list: already reported by check()
        return []
    found = []
    for i, item in enumerate(items):
        if isinstance(item, str) and "name" in schema:
            values = {k: f.default() if callable(f.default) else f.default for k, f in schema.items()}
            found.append(({**values, "name": item.strip()}, None, items.line_of(i)))
            continue
        checked = s.check(item, schema, path, problems, what, items.line_of(i))
        if checked is not None:
            found.append((checked, item, items.line_of(i)))
    _count(len(items), field, parent.line_of(field), path, problems)
    return found


def _count(n: int, field: str, line: int, path: Path, problems: Problems) -> None:
    low, high = LIMITS[field]
    if n < low:
        problems.add(path, line, f"'{field}' has {n} item(s), fewer than {low}", f"add {field} to the list")
    elif n > high:
        problems.add(path, line, f"'{field}' has {n} items, more than {high}", "split the model")


def _staircase(data: YamlMap, v: dict, path: Path, problems: Problems) -> Staircase | None:
    phases = []
    total = 0
    for pv, raw, line in _items(data, v, "phases", STAIRCASE_PHASE, path, problems, "a phase"):
        if raw is None:
            problems.add(path, line, f"phase '{pv['name']}' has no stages", "write `name:` and `stages:`")
            continue
        found = _items(raw, pv, "stages", STAGE, path, problems, "a stage")
        stages = tuple(Stage(sv["name"], sv["statement"]) for sv, _, _ in found if sv["name"])
        total += len(stages)
        phases.append(Phase(pv["name"], pv["description"], stages=stages))
    if total > MAX_STAGES:
        problems.add(path, data.line_of("phases"), f"{total} stages are too many", f"keep to {MAX_STAGES}")
    return Staircase(tuple(phases))


def _phases(data: YamlMap, v: dict, path: Path, problems: Problems) -> Phases | None:
    found = _items(data, v, "phases", SHORT_PHASE, path, problems, "a phase")
    return Phases(tuple(Phase(p["name"], p["description"], p["keywords"], p["statement"]) for p, _, _ in found))


def _cycle(data: YamlMap, v: dict, path: Path, problems: Problems) -> Cycle | None:
    found = _items(data, v, "steps", STAGE, path, problems, "a step")
    return Cycle(tuple(Stage(p["name"], p["statement"]) for p, _, _ in found), v["centre"])


def _timeline(data: YamlMap, v: dict, path: Path, problems: Problems) -> Timeline | None:
    found = _items(data, v, "points", POINT, path, problems, "a point in time")
    return Timeline(tuple(Stage(p["name"], p["statement"], p["label"]) for p, _, _ in found))


def _columns(data: YamlMap, v: dict, path: Path, problems: Problems) -> Columns | None:
    found = _items(data, v, "columns", COLUMN, path, problems, "a column")
    return Columns(tuple(Column(p["name"], tuple(i for i in p["items"] if i)) for p, _, _ in found))


_READERS: dict[str, Callable[[YamlMap, dict, Path, Problems], Any]] = {
    "staircase": _staircase,
    "phases": _phases,
    "cycle": _cycle,
    "timeline": _timeline,
    "columns": _columns,
}
