"""Layout of the staircase and the phase arrows: data → boxes, shapes and wrapped labels.

Both are built so that overlaps are impossible by construction: every label
lives in its own row or column, and a row grows until its longest text fits.
"""

from __future__ import annotations

from dataclasses import replace

from generator.core.model.figures import Cycle, FigureData, Phases, Staircase, Timeline
from generator.render.figures import layout_more
from generator.render.figures.geometry import (
    OUTLINE,
    Label,
    Layout,
    Rect,
    Shape,
    arrowhead,
    label,
    rect,
    tint,
)
from generator.render.figures.metrics import text_width

WIDTH = 960  # the view box is this wide; the SVG scales to its container
MARGIN = 16
PAD = 10
NAME = 16  # font sizes in user units
TEXT = 15
SMALL = 14


def layout_figure(data: FigureData, time_word: str) -> Layout:
    """The layout for any figure kind; `time_word` (the theme's `fig_time`) labels the staircase's axis."""
    if isinstance(data, Staircase):
        return staircase(data, time_word)
    if isinstance(data, Phases):
        return phases(data)
    if isinstance(data, Cycle):
        return layout_more.cycle(data)
    if isinstance(data, Timeline):
        return layout_more.timeline(data)
    return layout_more.columns(data)


def shifted(item: Label, x: float = 0.0, y: float = 0.0) -> Label:
    box = item.box
    return replace(item, box=Rect(box.x + x, box.y + y, box.w, box.h))


def staircase(data: Staircase, time_word: str) -> Layout:
    """Stages as stacked bars, each starting further right: their left edges form the stairs.

    Stage 1 is the bottom bar and the last stage the top one, so the figure rises
    left to right over time. The phases are a column of brackets on the right.
    """
    steps = [(p, stage) for p, phase in enumerate(data.phases) for stage in phase.stages]
    n = len(steps)
    phase_w, gap = 200.0, 12.0
    bars_right = WIDTH - MARGIN - phase_w - gap
    bars_w = bars_right - MARGIN
    dx = min(48.0, (bars_w - 420) / max(n - 1, 1))
    name_w = min(200.0, max(text_width(s.name, NAME, True) for _, s in steps) + 1)
    rows: list[tuple[float, float, Label, Label]] = []  # left, height, name, statement
    for i, (p, stage) in enumerate(steps):
        left = MARGIN + i * dx
        back = tint(p)
        name = label(stage.name, left + PAD, 0, name_w, NAME, bold=True, background=back)
        text_w = bars_right - left - name_w - 3 * PAD
        x = left + name_w + 2 * PAD
        said = label(stage.statement, x, 0, text_w, TEXT, background=back)
        name = replace(name, role="stage", index=i)
        said = replace(said, role="statement", index=i)
        rows.append((left, max(name.box.h, said.box.h) + 2 * PAD, name, said))
    heights = [row[1] for row in rows]
    phase_labels = []
    first = 0
    for phase in data.phases:
        count = len(phase.stages)
        parts = [label(phase.name, 0, 0, phase_w - 2 * PAD, NAME, bold=True, anchor="middle")]
        if phase.description:
            parts.append(label(phase.description, 0, 0, phase_w - 2 * PAD, SMALL, anchor="middle"))
        need = sum(part.box.h for part in parts) + 6 * (len(parts) - 1) + 2 * PAD
        have = sum(heights[first : first + count])
        for i in range(first, first + count):  # a short phase grows until its name fits
            heights[i] += max(0.0, need - have) / max(count, 1)
        phase_labels.append(parts)
        first += count
    tops = [0.0] * n
    y = float(MARGIN)
    for i in reversed(range(n)):  # the last stage is on top
        tops[i] = y
        y += heights[i]
    bottom = y
    shapes: list[Shape] = []
    labels: list[Label] = []
    for i, (p, _) in enumerate(steps):
        left, _, name, said = rows[i]
        shapes.append(rect(Rect(left, tops[i], bars_right - left, heights[i]), tint(p), role="stage"))
        labels.append(shifted(name, y=tops[i] + (heights[i] - name.box.h) / 2))
        labels.append(shifted(said, y=tops[i] + (heights[i] - said.box.h) / 2))
    first = 0
    x = bars_right + gap
    for p, phase in enumerate(data.phases):
        count = len(phase.stages)
        if not count:
            continue
        top, low = tops[first + count - 1], tops[first] + heights[first]
        shapes.append(rect(Rect(x, top, phase_w, low - top), tint(p), width=2.5, role="phase"))
        if first:  # a heavy line where a phase ends, so phases read without colour
            left = rows[first][0]
            shapes.append(Shape("line", (left, low, bars_right, low), width=3.5, role="divider"))
        parts = phase_labels[p]
        y = top + (low - top - sum(part.box.h for part in parts) - 6 * (len(parts) - 1)) / 2
        for k, part in enumerate(parts):
            role = "phase" if k == 0 else "phase-description"
            moved = shifted(part, x=x + phase_w / 2, y=y)
            labels.append(replace(moved, background=tint(p), role=role, index=p))
            y += part.box.h + 6
        first += count
    axis_y = bottom + 16
    shapes.append(Shape("line", (MARGIN, axis_y, bars_right - 2, axis_y), width=2, role="axis"))
    shapes.append(arrowhead(bars_right, axis_y, 1, 0))
    labels.append(label(time_word, bars_right, axis_y + 8, 200, SMALL, anchor="end", role="axis"))
    return Layout(WIDTH, labels[-1].box.bottom + MARGIN, tuple(shapes), tuple(labels))


def phases(data: Phases) -> Layout:
    """Chevrons in a row with the phase names, and under each its keywords and statement."""
    n = len(data.phases)
    gap, notch = 8.0, 22.0
    cw = (WIDTH - 2 * MARGIN - (n - 1) * gap) / n
    heads = [label(ph.name, 0, 0, cw - 2 * notch - 2 * PAD, NAME + 2, bold=True, anchor="middle") for ph in data.phases]
    head_h = max(60.0, max(h.box.h for h in heads) + 2 * PAD)
    bodies: list[list[Label]] = []
    for i, ph in enumerate(data.phases):
        parts = []
        for text, role, italic, size in (
            (ph.keywords, "keywords", False, TEXT),
            (ph.statement, "statement", True, TEXT),
            (ph.description, "description", False, SMALL),
        ):
            if text:
                item = label(text, 0, 0, cw - 2 * PAD, size, italic=italic, anchor="middle")
                parts.append(replace(item, role=role, index=i, background=tint(i)))
        bodies.append(parts)
    body_h = max(sum(p.box.h for p in parts) + 10 * (len(parts) - 1) for parts in bodies)
    body_top = MARGIN + head_h + 12
    shapes: list[Shape] = []
    labels: list[Label] = []
    for i in range(n):
        x, y, h = MARGIN + i * (cw + gap), float(MARGIN), head_h
        outline = [x, y, x + cw - notch, y, x + cw, y + h / 2, x + cw - notch, y + h, x, y + h]
        if i:
            outline += [x + notch, y + h / 2]
        shapes.append(Shape("polygon", tuple(outline), tint(i), OUTLINE, 2, role="phase"))
        head = heads[i]
        moved = shifted(head, x=x + cw / 2, y=y + (h - head.box.h) / 2)
        labels.append(replace(moved, background=tint(i), role="phase", index=i))
        if bodies[i]:
            box = Rect(x, body_top, cw, body_h + 2 * PAD)
            shapes.append(rect(box, tint(i), role="phase-body", radius=6))
        y = body_top + PAD
        for part in bodies[i]:
            labels.append(shifted(part, x=x + cw / 2, y=y))
            y += part.box.h + 10
    height = body_top + (body_h + 2 * PAD if any(bodies) else 0) + MARGIN
    return Layout(WIDTH, height, tuple(shapes), tuple(labels))
