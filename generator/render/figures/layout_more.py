"""Layout of the cycle, the timeline and the columns (see layout.py for the staircase)."""

from __future__ import annotations

import math
from dataclasses import replace

from generator.core.model.figures import Columns, Cycle, Timeline
from generator.render.figures.geometry import (
    DARK,
    OUTLINE,
    WHITE,
    Label,
    Layout,
    Rect,
    Shape,
    arrowhead,
    label,
    rect,
    tint,
)

WIDTH, MARGIN, PAD, NAME, TEXT, SMALL = 960, 16, 10, 16, 15, 14


def _shift(item: Label, x: float, y: float) -> Label:
    b = item.box
    return replace(item, box=Rect(b.x + x, b.y + y, b.w, b.h))


def _distance(px: float, py: float, r: Rect) -> float:
    """From a point to the nearest point of a rectangle (0 inside it)."""
    dx = max(r.x - px, 0.0, px - r.right)
    dy = max(r.y - py, 0.0, py - r.bottom)
    return math.hypot(dx, dy)


def cycle(data: Cycle) -> Layout:
    """Steps round a ring, clockwise from the top, with arrows between; the centre text inside."""
    n = len(data.steps)
    box_w = 190.0
    parts: list[list[Label]] = []
    for i, step in enumerate(data.steps):
        items = [
            replace(
                label(step.name, 0, 0, box_w - 2 * PAD, NAME, bold=True, anchor="middle"),
                role="stage",
                index=i,
            )
        ]
        if step.statement:
            said = label(step.statement, 0, 0, box_w - 2 * PAD, SMALL, anchor="middle")
            items.append(replace(said, role="statement", index=i))
        parts.append(items)
    box_h = max(sum(p.box.h for p in items) + 6 * (len(items) - 1) for items in parts) + 2 * PAD
    centre = label(data.centre, 0, 0, 150, NAME + 1, bold=True, anchor="middle", role="centre") if data.centre else None
    rc = math.hypot(centre.box.w / 2, centre.box.h / 2) + PAD + 4 if centre else 0.0
    angles = [-math.pi / 2 + 2 * math.pi * i / n for i in range(n)]

    def boxes(radius: float) -> list[Rect]:
        return [Rect(radius * math.cos(a) - box_w / 2, radius * math.sin(a) - box_h / 2, box_w, box_h) for a in angles]

    def fits(radius: float) -> bool:
        found = boxes(radius)
        apart = all(not a.overlaps(b, 24) for k, a in enumerate(found) for b in found[k + 1 :])
        clear = all(_distance(0, 0, b) > rc + 16 for b in found)
        mids = [(radius * math.cos(a + math.pi / n), radius * math.sin(a + math.pi / n)) for a in angles]
        free = all(_distance(x, y, b) > 14 for x, y in mids for b in found)
        return apart and clear and free

    radius = rc + box_h / 2 + 40
    while not fits(radius):  # grows until the boxes, the centre and the arrows are apart
        radius += 4
    found = boxes(radius)
    left = min(min(b.x for b in found), -radius)
    top = min(min(b.y for b in found), -radius)
    width = max(WIDTH, max(max(b.right for b in found), radius) - left + 2 * MARGIN)
    height = max(max(b.bottom for b in found), radius) - top + 2 * MARGIN
    cx = width / 2
    cy = MARGIN - top
    shapes = [Shape("circle", (cx, cy, radius), "none", OUTLINE, 2.5, role="ring")]
    for a in angles:  # arrowheads half way between steps, pointing clockwise
        mid = a + math.pi / n
        shapes.append(
            arrowhead(
                cx + radius * math.cos(mid),
                cy + radius * math.sin(mid),
                -math.sin(mid),
                math.cos(mid),
                14,
            )
        )
    labels: list[Label] = []
    for i, b in enumerate(found):
        shapes.append(rect(Rect(cx + b.x, cy + b.y, b.w, b.h), tint(0), width=2, role="stage", radius=8))
        y = cy + b.y + (b.h - sum(p.box.h for p in parts[i]) - 6 * (len(parts[i]) - 1)) / 2
        for p in parts[i]:
            labels.append(replace(_shift(p, cx + b.x + b.w / 2, y), background=tint(0)))
            y += p.box.h + 6
    if centre:
        shapes.append(Shape("circle", (cx, cy, rc), tint(1), OUTLINE, 2, dashed=True, role="centre"))
        labels.append(replace(_shift(centre, cx, cy - centre.box.h / 2), background=tint(1)))
    return Layout(width, height, tuple(shapes), tuple(labels))


def timeline(data: Timeline) -> Layout:
    """Points in time on an arrow; each point's question above it, its date and label below."""
    n = len(data.points)
    cw = (WIDTH - 2 * MARGIN) / n
    box_w = cw - 24
    asks = [
        replace(
            label(p.statement, 0, 0, box_w - 2 * PAD, TEXT, italic=True, anchor="middle"),
            role="statement",
            index=i,
        )
        if p.statement
        else None
        for i, p in enumerate(data.points)
    ]
    box_h = max((a.box.h for a in asks if a), default=0.0) + 2 * PAD
    has_boxes = any(asks)
    axis_y = MARGIN + (box_h + 36 if has_boxes else 20)
    shapes: list[Shape] = []
    labels: list[Label] = []
    end = WIDTH - MARGIN
    shapes.append(Shape("line", (MARGIN, axis_y, end - 2, axis_y), width=3, role="axis"))
    shapes.append(arrowhead(end, axis_y, 1, 0, 16))
    bottom = axis_y
    for i, p in enumerate(data.points):
        cx = MARGIN + cw * (i + 0.5)
        ask = asks[i]
        if ask:
            box = Rect(cx - box_w / 2, MARGIN, box_w, box_h)
            shapes.append(rect(box, tint(i), width=2, role="question", radius=8))
            shapes.append(
                Shape(
                    "line",
                    (cx, box.bottom, cx, axis_y - 10),
                    width=2,
                    dashed=True,
                    role="connector",
                )
            )
            labels.append(replace(_shift(ask, cx, MARGIN + (box_h - ask.box.h) / 2), background=tint(i)))
        shapes.append(Shape("circle", (cx, axis_y, 9), DARK, OUTLINE, 2, role="point"))
        name = replace(
            label(p.name, cx, axis_y + 18, cw - 12, NAME + 1, bold=True, anchor="middle"),
            role="stage",
            index=i,
        )
        labels.append(name)
        bottom = max(bottom, name.box.bottom)
        if p.label:
            extra = replace(
                label(p.label, cx, name.box.bottom + 4, cw - 12, TEXT, anchor="middle"),
                role="label",
                index=i,
            )
            labels.append(extra)
            bottom = max(bottom, extra.box.bottom)
    return Layout(WIDTH, bottom + MARGIN, tuple(shapes), tuple(labels))


def columns(data: Columns) -> Layout:
    """Headings on dark boxes, each over its own column of light boxes, joined by arrows."""
    n = len(data.columns)
    gap = 16.0
    cw = (WIDTH - 2 * MARGIN - (n - 1) * gap) / n
    heads = [
        replace(
            label(
                c.name,
                0,
                0,
                cw - 2 * PAD,
                NAME + 1,
                bold=True,
                anchor="middle",
                colour=WHITE,
                background=DARK,
            ),
            role="stage",
            index=i,
        )
        for i, c in enumerate(data.columns)
    ]
    head_h = max(h.box.h for h in heads) + 2 * PAD
    depth = max(len(c.items) for c in data.columns)
    cells = [
        [
            replace(
                label(c.items[j], 0, 0, cw - 2 * PAD, NAME, anchor="middle", background=tint(i)),
                role="item",
                index=i,
            )
            if j < len(c.items)
            else None
            for j in range(depth)
        ]
        for i, c in enumerate(data.columns)
    ]
    row_h = [max((b.box.h for col in cells if (b := col[j])), default=0.0) + 2 * PAD for j in range(depth)]
    shapes: list[Shape] = []
    labels: list[Label] = []
    bottom = MARGIN + head_h
    for i in range(n):
        x = MARGIN + i * (cw + gap)
        cx = x + cw / 2
        shapes.append(rect(Rect(x, MARGIN, cw, head_h), DARK, width=2, role="heading"))
        labels.append(_shift(heads[i], cx, MARGIN + (head_h - heads[i].box.h) / 2))
        y, above = MARGIN + head_h, MARGIN + head_h
        for j, cell in enumerate(cells[i]):
            y += 28
            if cell is not None:
                shapes.append(Shape("line", (cx, above, cx, y - 2), width=2, role="connector"))
                shapes.append(arrowhead(cx, y, 0, 1, 10))
                shapes.append(rect(Rect(x, y, cw, row_h[j]), tint(i), width=2, role="item", radius=6))
                labels.append(_shift(cell, cx, y + (row_h[j] - cell.box.h) / 2))
                above = y + row_h[j]
            y += row_h[j]
        bottom = max(bottom, y)
    return Layout(WIDTH, bottom + MARGIN, tuple(shapes), tuple(labels))
