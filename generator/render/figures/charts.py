"""Results drawn as accessible SVG: a distribution as bars, and a risk matrix with every group's markers.

Each chart has a <title> and <desc> (role="img"), reads in black and white (every bar carries its
count, every marker its group letter and risk, no meaning in colour alone), scales to the width of
an A4 page, and comes with its table alternative as data for the template to show.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from generator.domain.results import Distribution, MatrixResult
from generator.render.figures.geometry import DARK, INK, WHITE
from generator.render.figures.metrics import FONT_FAMILY, text_width
from generator.render.figures.svg import escape, num

GRID_LINE = "#595959"  # 7:1 on white: the lines print on any printer
FONT = 14
SMALL = 12


@dataclass(frozen=True)
class Table:
    """A chart's table alternative: column keys (for the theme's words) and rows of cells."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Chart:
    svg: str
    table: Table
    width: float
    height: float


def _svg(fid: str, width: float, height: float, title: str, desc: str, body: list[str]) -> str:
    f = escape(fid)
    return "\n".join(
        [
            f'<svg xmlns="http://www.w3.org/2000/svg" id="{f}" class="samling-chart" viewBox="0 0 {num(width)} '
            f'{num(height)}" width="100%" role="img" aria-labelledby="{f}-title {f}-desc" font-family="{FONT_FAMILY}">',
            f'<title id="{f}-title">{escape(title)}</title>',
            f'<desc id="{f}-desc">{escape(desc)}</desc>',
            f'<rect width="{num(width)}" height="{num(height)}" fill="{WHITE}"/>',
            *body,
            "</svg>",
        ]
    )


def _text(x: float, y: float, text: str, size: float = FONT, anchor: str = "middle", cls: str = "") -> str:
    c = f' class="{cls}"' if cls else ""
    return (
        f'<text{c} x="{num(x)}" y="{num(y)}" font-size="{num(size)}" fill="{INK}" text-anchor="{anchor}">'
        f"{escape(text)}</text>"
    )


# --- a distribution ------------------------------------------------------------

BAR_W, BAR_GAP, PLOT_H, TOP, BOTTOM, LEFT = 36.0, 10.0, 160.0, 28.0, 44.0, 16.0


def distribution_chart(
    dist: Distribution, *, fid: str, title: str, desc: str, low_label: str = "", high_label: str = ""
) -> Chart:
    """One bar per value of the scale, its count above it and the value below it."""
    width = LEFT * 2 + len(dist.values) * (BAR_W + BAR_GAP) - BAR_GAP
    height = TOP + PLOT_H + BOTTOM
    most = max(dist.counts, default=0) or 1
    base = TOP + PLOT_H
    body = [
        f'<line x1="{num(LEFT)}" y1="{num(base)}" x2="{num(width - LEFT)}" y2="{num(base)}" '
        f'stroke="{INK}" stroke-width="1.5"/>'
    ]
    for i, (value, count) in enumerate(zip(dist.values, dist.counts, strict=True)):
        x = LEFT + i * (BAR_W + BAR_GAP)
        h = PLOT_H * count / most
        if count:
            body.append(
                f'<rect class="samling-chart-bar" data-value="{value}" data-count="{count}" x="{num(x)}" '
                f'y="{num(base - h)}" width="{num(BAR_W)}" height="{num(h)}" fill="{DARK}" stroke="{INK}"/>'
            )
        body.append(_text(x + BAR_W / 2, base - h - 6, str(count), cls="samling-chart-count"))
        body.append(_text(x + BAR_W / 2, base + 18, str(value), cls="samling-chart-value"))
    if low_label:
        body.append(_text(LEFT, base + 38, low_label, SMALL, "start"))
    if high_label:
        body.append(_text(width - LEFT, base + 38, high_label, SMALL, "end"))
    table = Table(("value", "count"), tuple((str(v), str(c)) for v, c in zip(dist.values, dist.counts, strict=True)))
    return Chart(_svg(fid, width, height, title, desc, body), table, width, height)


# --- a matrix with every group's markers ----------------------------------------

CELL_W, CHIP_W, CHIP_H, CHIP_GAP, AXIS = 132.0, 38.0, 20.0, 4.0, 150.0


def group_letters(n: int) -> tuple[str, ...]:
    """A, B, … Z, AA, AB …: short names for the groups, explained in the legend."""
    letters = []
    for i in range(n):
        name, k = "", i
        while True:
            name = chr(ord("A") + k % 26) + name
            k = k // 26 - 1
            if k < 0:
                break
        letters.append(name)
    return tuple(letters)


def risk_codes(result: MatrixResult) -> dict[str, str]:
    """Short numbers and words stand as they are; longer risks get r1, r2 … in the legend."""
    codes: dict[str, str] = {}
    for spread in result.spreads:
        short = len(spread.risk) <= 3
        codes[spread.risk] = spread.risk if short else f"r{sum(1 for c in codes.values() if c.startswith('r')) + 1}"
    return codes


def matrix_chart(
    result: MatrixResult,
    *,
    fid: str,
    title: str,
    desc: str,
    probability_labels: tuple[str, ...],
    consequence_labels: tuple[str, ...],
    probability_title: str,
    consequence_title: str,
) -> Chart:
    """Probability up (highest on top), consequence right; in each cell a chip per marker: group letter + risk."""
    rows, columns = len(probability_labels), len(consequence_labels)
    letters = dict(zip((g for g, _ in result.groups), group_letters(len(result.groups)), strict=True))
    codes = risk_codes(result)
    per_cell: dict[tuple[int, int], list[str]] = {}
    table_rows = []
    for group, markers in result.groups:
        for m in markers:
            chip = letters[group] + (codes.get(m.risk, "") if m.risk else "")
            per_cell.setdefault((m.probability, m.consequence), []).append(chip)
            table_rows.append((letters[group], group, m.risk, str(m.probability), str(m.consequence)))
    per_row = int((CELL_W - CHIP_GAP) // (CHIP_W + CHIP_GAP))
    most = max((len(v) for v in per_cell.values()), default=0)
    cell_h = max(56.0, CHIP_GAP + math.ceil(most / per_row) * (CHIP_H + CHIP_GAP) + 18)
    axis = [f"{p} {probability_labels[p - 1]}" for p in range(1, rows + 1)]
    left = max(AXIS, *(text_width(a, SMALL) + 20 for a in axis), text_width(probability_title + " ↑", FONT) + 20)
    top = 34.0
    body: list[str] = [_text(left + columns * CELL_W / 2, 20, consequence_title + " →", FONT)]
    for r in range(rows):
        p = rows - r  # the top row is the highest probability
        y = top + r * cell_h
        body.append(_text(left - 8, y + cell_h / 2, axis[p - 1], SMALL, "end"))
        for c in range(1, columns + 1):
            x = left + (c - 1) * CELL_W
            body.append(
                f'<rect class="samling-chart-cell" data-probability="{p}" data-consequence="{c}" x="{num(x)}" '
                f'y="{num(y)}" width="{num(CELL_W)}" height="{num(cell_h)}" fill="{WHITE}" stroke="{GRID_LINE}"/>'
            )
            body.append(_text(x + CELL_W - 4, y + cell_h - 5, str(p * c), 10, "end"))  # the cell's score
            for k, chip in enumerate(per_cell.get((p, c), [])):
                cx = x + CHIP_GAP + (k % per_row) * (CHIP_W + CHIP_GAP)
                cy = y + CHIP_GAP + (k // per_row) * (CHIP_H + CHIP_GAP)
                body.append(
                    f'<g class="samling-chart-marker" data-chip="{escape(chip)}"><rect x="{num(cx)}" y="{num(cy)}" '
                    f'width="{num(CHIP_W)}" height="{num(CHIP_H)}" rx="4" fill="{WHITE}" stroke="{INK}" '
                    f'stroke-width="1.5"/>{_text(cx + CHIP_W / 2, cy + 15, chip, SMALL)}</g>'
                )
    bottom = top + rows * cell_h
    for c in range(1, columns + 1):
        body.append(_text(left + (c - 0.5) * CELL_W, bottom + 18, f"{c} {consequence_labels[c - 1]}", SMALL))
    body.append(_text(left - 8, top - 10, probability_title + " ↑", FONT, "end"))
    legend = [f"{letters[g]}: {g}" for g, _ in result.groups]
    legend += [f"{code}: {risk}" for risk, code in codes.items() if code != risk]
    y = bottom + 44
    for line in legend:
        body.append(_text(left, y, line, SMALL, "start", "samling-chart-legend"))
        y += 18
    width = max(left + columns * CELL_W, *(left + text_width(t, SMALL) for t in legend or [""])) + 12
    table = Table(("letter", "group", "risk", "probability", "consequence"), tuple(table_rows))
    return Chart(_svg(fid, width, y, title, desc, body), table, width, y)
