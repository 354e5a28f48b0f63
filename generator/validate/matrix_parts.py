"""A risk matrix block's zones and markers, checked apart from the block itself (worksheet_blocks.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from generator.core.errors import Problems
from generator.core.model import MatrixMarker
from generator.domain import risk_matrix as wm
from generator.load.yamlfile import YamlList, YamlMap
from generator.validate import schema as s


def count(low: int, high: int) -> s.Converter:
    def convert(value: Any) -> int:
        if isinstance(value, int) and not isinstance(value, bool) and low <= value <= high:
            return value
        raise s.Invalid(f"should be a whole number from {low} to {high}", f"write e.g. {low}")

    return convert


ZONE = {
    "label": s.Field(s.non_empty_text, required=True, doc="e.g. Akseptabel"),
    "up_to": s.Field(count(1, wm.MAX_SIZE**2), required=True, doc="the highest score in the zone"),
    "short": s.Field(s.text, default="", doc="printed in each cell; the label's first letter if not given"),
}
MARKER = {
    "number": s.Field(count(1, 99), required=True, doc="the risk's number"),
    "probability": s.Field(count(1, wm.MAX_SIZE), default=None, doc="its row, counted from 1; none: to place"),
    "consequence": s.Field(count(1, wm.MAX_SIZE), default=None, doc="its column, counted from 1; none: to place"),
    "text": s.Field(s.text, default="", doc="what the risk is"),
}


def matrix_zones(
    raw_zones: YamlList | None, raw: YamlMap, rows: int, columns: int, path: Path, problems: Problems
) -> Any:
    """The zones as written; None if none are written, False if they are wrong."""
    if raw_zones is None:
        return None
    found = []
    for i, item in enumerate(raw_zones):
        z = s.check(item, ZONE, path, problems, f"zone {i + 1}", raw_zones.line_of(i))
        if z is None or z["up_to"] is None or z["label"] is None:
            return False
        found.append((z["label"], z["up_to"], z["short"]))
    wrong = wm.zone_problems([up_to for _, up_to, _ in found], rows, columns)
    for message in wrong:
        problems.add(
            path,
            raw.line_of("zones"),
            f"the matrix {message}",
            "give each zone the highest score it covers (`up_to`), growing, the last one the highest score",
        )
    return False if wrong or not found else wm.make_zones(found)


def matrix_markers(
    raw_markers: YamlList | None, rows: int, columns: int, path: Path, problems: Problems
) -> tuple[MatrixMarker, ...] | None:
    found: list[MatrixMarker] = []
    ok = True
    for i, item in enumerate(raw_markers or []):
        line = raw_markers.line_of(i) if raw_markers else 0
        m = s.check(item, MARKER, path, problems, f"marker {i + 1}", line)
        if m is None or m["number"] is None:
            ok = False
            continue
        if (m["probability"] is None) != (m["consequence"] is None):
            given, missing = (
                ("probability", "consequence") if m["consequence"] is None else ("consequence", "probability")
            )
            problems.add(
                path,
                line,
                f"marker {m['number']} has a {given} but no {missing}",
                f"write `{missing}:` too, or neither for a risk the group places by hand",
            )
            ok = False
        elif m["probability"] is not None and (m["probability"] > rows or m["consequence"] > columns):
            problems.add(
                path,
                line,
                f"marker {m['number']} is at probability {m['probability']}, consequence {m['consequence']}, "
                f"outside the {rows} × {columns} matrix",
                f"use probability 1–{rows} and consequence 1–{columns}",
            )
            ok = False
        elif any(f.number == m["number"] for f in found):
            problems.add(path, line, f"marker number {m['number']} is used twice", "number them 1, 2, 3 …")
            ok = False
        else:
            found.append(MatrixMarker(m["number"], m["probability"], m["consequence"], m["text"]))
    return tuple(found) if ok else None
