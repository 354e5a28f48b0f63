"""The change of a rating across a network's gatherings: one row per organisation, a mark per gathering.

Read in black and white: each gathering has its own shape (circle, square, triangle …, named in
the legend), an arrow runs from the first mark to the last, and the table beside it holds the numbers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from generator.render.figures.charts import SMALL, Chart, Table, _svg, _text
from generator.render.figures.geometry import INK, WHITE
from generator.render.figures.metrics import text_width
from generator.render.figures.svg import num

ROW_H, STEP, PAD = 26.0, 34.0, 12.0


@dataclass(frozen=True)
class ChangeRow:
    label: str  # the organisation
    values: tuple[float | None, ...]  # its median at each gathering, None: no answer there


def _shape(k: int, x: float, y: float) -> str:
    """Gathering k's mark: hollow circle, filled square, hollow triangle, filled diamond, then again."""
    fill = WHITE if k % 2 == 0 else INK
    common = f'fill="{fill}" stroke="{INK}" stroke-width="1.5" class="samling-change-mark" data-gathering="{k}"'
    kind = k % 4
    if kind == 0:
        return f'<circle cx="{num(x)}" cy="{num(y)}" r="6" {common}/>'
    if kind == 1:
        return f'<rect x="{num(x - 5)}" y="{num(y - 5)}" width="10" height="10" {common}/>'
    if kind == 2:
        return f'<path d="M{num(x)} {num(y - 7)}L{num(x + 7)} {num(y + 5)}L{num(x - 7)} {num(y + 5)}Z" {common}/>'
    diamond = f"M{num(x)} {num(y - 7)}L{num(x + 7)} {num(y)}L{num(x)} {num(y + 7)}L{num(x - 7)} {num(y)}Z"
    return f'<path d="{diamond}" {common}/>'


def change_chart(
    rows: tuple[ChangeRow, ...],
    gatherings: tuple[str, ...],
    low: int,
    high: int,
    *,
    fid: str,
    title: str,
    desc: str,
    shown: Callable[[float], str] = str,
) -> Chart:
    """A dot plot: the scale across, organisations down; `shown` writes a number in the page's language."""
    left = max((text_width(r.label, SMALL) for r in rows), default=0) + 2 * PAD
    width = left + (high - low) * STEP + 2 * PAD
    top = 30.0
    body: list[str] = []
    for v in range(low, high + 1):
        x = left + (v - low) * STEP
        body.append(
            f'<line x1="{num(x)}" y1="{num(top - 6)}" x2="{num(x)}" y2="{num(top + len(rows) * ROW_H)}" '
            f'stroke="#bfbfbf" stroke-width="1"/>'
        )
        body.append(_text(x, top - 12, str(v), SMALL))
    table_rows = []
    for i, row in enumerate(rows):
        y = top + (i + 0.5) * ROW_H
        body.append(_text(left - PAD, y + 4, row.label, SMALL, "end"))
        placed = [(k, v) for k, v in enumerate(row.values) if v is not None]
        if len(placed) >= 2 and placed[0][1] != placed[-1][1]:
            x1, x2 = (left + (placed[j][1] - low) * STEP for j in (0, -1))
            tip = -15 if x2 > x1 else 15  # the head stops short of the last mark
            body.append(
                f'<line x1="{num(x1)}" y1="{num(y)}" x2="{num(x2 + tip)}" y2="{num(y)}" stroke="{INK}" '
                f'stroke-width="2"/><path d="M{num(x2 + tip)} {num(y - 4)}L{num(x2 + tip / 2)} {num(y)}'
                f'L{num(x2 + tip)} {num(y + 4)}Z" fill="{INK}"/>'
            )
        for k, v in placed:
            body.append(_shape(k, left + (v - low) * STEP, y))
        table_rows.append((row.label, *("" if v is None else shown(v) for v in row.values)))
    y = top + len(rows) * ROW_H + 26
    for k, name in enumerate(gatherings):
        body.append(_shape(k, left + 6, y - 4))
        body.append(_text(left + 20, y, name, SMALL, "start", "samling-chart-legend"))
        y += 22
    width = max(width, *(left + 30 + text_width(g, SMALL) for g in gatherings or ("",)))
    return Chart(
        _svg(fid, width, y, title, desc, body), Table(("organisation", *gatherings), tuple(table_rows)), width, y
    )
