"""Printed material from the participant list: name badges, table cards, sign-in sheets, group lists.

    print_pages(g, tables) -> list[PagePlan]       facilitator pages laid out for A4 (templates/print/)
    pdf_plan(g) -> list[(pdf path, page path)]     what `samling print` makes of them
    fit(text, width, largest, smallest, lines, height, bold) -> Fitted

Font sizes are computed here from text widths (render/figures/metrics.py, the widest fonts of the
stack), so a long name shrinks to fit, then wraps, the same way on every machine, and never
overflows its badge: "Porsanger kommune – Porsáŋgu gielda – Porsangin komuuni" included.

The pages live in the facilitator folder and the PDFs are named in the gathering's language
(print/GATHERING-navneskilt.pdf, -bordkort, -innsjekk-dag-N, -gruppelister): they hold personal
data and are for the organisers' printer, never for the participant pack.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from generator.core.model import Gathering, Participant
from generator.render.figures.metrics import block_height, text_width, wrap
from generator.render.pages import PagePlan
from generator.render.people import GroupTable, by_surname, facilitator_file, name_of, people_of_day

PT_PER_MM = 72 / 25.4
BADGES_PER_SHEET = 8  # 2 × 4 inserts of 90 × 55 mm on A4 (the common badge-holder size)
BADGE_TEXT_WIDTH = (90 - 2 * 6) * PT_PER_MM  # 6 mm padding either side
BADGE_TEXT_HEIGHT = (55 - 2 * 5 - 9) * PT_PER_MM  # 5 mm padding, 9 mm for the logo and gathering line
CARD_TEXT_WIDTH = (297 - 2 * 20) * PT_PER_MM  # a folded A4 sheet, landscape, 20 mm margins
CARD_TEXT_HEIGHT = (105 - 2 * 15) * PT_PER_MM  # each half is 105 mm high


def cut_marks(columns: int = 2, rows: int = 4, width: float = 90, height: float = 55) -> tuple[tuple[float, ...], ...]:
    """(left, top, width, height) in mm, from the sheet's corner, of the short lines outside the grid
    that show where to cut: above and below each column edge, left and right of each row edge."""
    gap, length, line = 2.0, 4.0, 0.2
    w, h = columns * width, rows * height
    marks = []
    for x in (i * width for i in range(columns + 1)):
        marks += [(x - line / 2, -gap - length, line, length), (x - line / 2, h + gap, line, length)]
    for y in (j * height for j in range(rows + 1)):
        marks += [(-gap - length, y - line / 2, length, line), (w + gap, y - line / 2, length, line)]
    return tuple(tuple(round(v, 2) for v in m) for m in marks)


@dataclass(frozen=True)
class Fitted:
    size: float  # pt
    lines: tuple[str, ...]


def fit(
    text: str, width: float, largest: float, smallest: float, lines: int, height: float, bold: bool = False
) -> Fitted:
    """The largest size (in half points) at which `text` fits `width` × `height`: first on one line
    down to three quarters of `largest`, then wrapped into up to `lines` lines down to `smallest`.
    If even that fails (a name of hundreds of letters), it wraps at `smallest` into as many lines
    as the height holds, the last one cut with an ellipsis: it never overflows."""
    steps = [largest - 0.5 * i for i in range(int((largest - smallest) * 2) + 1)]
    for size in (x for x in steps if x >= largest * 0.75):
        if text_width(text, size, bold) <= width and block_height(1, size) <= height:
            return Fitted(size, (text,))
    for size in steps:
        wrapped = wrap(text, width, size, bold)
        if len(wrapped) <= lines and block_height(len(wrapped), size) <= height:
            return Fitted(size, wrapped)
    wrapped = wrap(text, width, smallest, bold)
    room = max(1, next((n for n in range(len(wrapped), 0, -1) if block_height(n, smallest) <= height), 1))
    if len(wrapped) > room:
        wrapped = (*wrapped[: room - 1], _cut(wrapped[room - 1], width, smallest, bold))
    return Fitted(smallest, wrapped)


def _cut(line: str, width: float, size: float, bold: bool) -> str:
    while line and text_width(line + "…", size, bold) > width:
        line = line[:-1]
    return line.rstrip() + "…"


@dataclass(frozen=True)
class Badge:
    person: Participant
    name: Fitted
    organisation: Fitted


def badge(person: Participant) -> Badge:
    name = fit(person.name, BADGE_TEXT_WIDTH, 26, 13, 2, BADGE_TEXT_HEIGHT * 0.6, bold=True)
    left = BADGE_TEXT_HEIGHT - block_height(len(name.lines), name.size) - 4
    organisation = fit(person.organisation, BADGE_TEXT_WIDTH, 14, 7, 3, max(left, 12)) if person.organisation else None
    return Badge(person, name, organisation or Fitted(0, ()))


def badge_sheets(g: Gathering) -> tuple[tuple[Badge, ...], ...]:
    """The badges in sign-in order, eight to an A4 sheet."""
    badges = [badge(p) for p in sorted(g.participants, key=by_surname)]
    return tuple(tuple(badges[i : i + BADGES_PER_SHEET]) for i in range(0, len(badges), BADGES_PER_SHEET))


def table_card(person: Participant) -> Badge:
    name = fit(person.name, CARD_TEXT_WIDTH, 60, 24, 2, CARD_TEXT_HEIGHT * 0.7, bold=True)
    left = CARD_TEXT_HEIGHT - block_height(len(name.lines), name.size) - 6
    organisation = fit(person.organisation, CARD_TEXT_WIDTH, 24, 12, 2, max(left, 16)) if person.organisation else None
    return Badge(person, name, organisation or Fitted(0, ()))


def page_of(text: str) -> Markup:
    """The CSS `content` of a page number, from a string like "Side {page} av {pages}" (for a <style>)."""
    text = text.replace("<", "").replace("\n", " ")
    out, rest = [], text
    while rest:
        head, brace, tail = rest.partition("{")
        if head:
            out.append('"' + head.replace("\\", "\\\\").replace('"', '\\"') + '"')
        if not brace:
            break
        field, _, rest = tail.partition("}")
        out.append(f"counter({'pages' if field == 'pages' else 'page'})")
    return Markup(" ".join(out))


def print_pages(g: Gathering, tables: tuple[GroupTable, ...]) -> list[PagePlan]:
    plans = [
        PagePlan(
            facilitator_file(g, "badges"),
            "print/badges.html",
            g.title,
            {"sheets": badge_sheets(g), "cut_marks": cut_marks()},
            g,
        ),
        PagePlan(
            facilitator_file(g, "cards"),
            "print/table_cards.html",
            g.title,
            {"cards": tuple(table_card(p) for p in sorted(g.participants, key=by_surname))},
            g,
        ),
    ]
    for day in g.days:
        people = people_of_day(g, day)
        context = {"day": day, "people": people, "page_of": page_of}
        plans.append(PagePlan(facilitator_file(g, "sign_in", day.number), "print/sign_in.html", g.title, context, g))
    if tables:
        plans.append(PagePlan(facilitator_file(g, "walls"), "print/group_lists.html", g.title, {"tables": tables}, g))
    return plans


def pdf_plan(g: Gathering) -> list[tuple[str, str]]:
    """(PDF output path, page it is made from) for the people's print material of a gathering."""
    if not g.participants:
        return []
    whats = [("badges", 0), ("cards", 0), *(("sign_in", d.number) for d in g.days)]
    if any(s.groups is not None and s.groups.grouping is not None for _, s in g.grouped_sessions()):
        whats.append(("walls", 0))
    return [(f"print/{g.key}-{name_of(g, w, n)}.pdf", facilitator_file(g, w, n)) for w, n in whats]
