"""What the results and summary pages show, computed here and handed to their templates.

Pure: answers counted (domain/results.py), drawn (figures/charts.py, figures/change_chart.py) and
tabled, in the page's words (`t`). The facilitator's results page gets `results()`; the summary
only ever gets `publishable()` — counts, no names and no free text (see docs/worksheets.md).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from generator.core.model import Gathering, Matrix, Scale, Worksheet
from generator.core.model.answers import Header
from generator.domain import results as r
from generator.domain.risk_matrix import worded
from generator.render.figures.change_chart import ChangeRow, change_chart
from generator.render.figures.charts import Chart, distribution_chart, matrix_chart
from generator.render.strings import Strings

Words = Strings  # the page's `t`: called for a text, read as a mapping (risk_matrix.worded)


def number(value: float | None, lang: str) -> str:
    """A median as the page's language writes it: 5, 5,5 (nb, nn) or 5.5 (en); – for none."""
    if value is None:
        return "–"
    text = f"{value:g}"
    return text if lang == "en" else text.replace(".", ",")


@dataclass(frozen=True)
class ShareRow:
    label: str  # an organisation; the words for "the others, together" when merged
    counts: tuple[int, ...]
    n: int
    median: str


@dataclass(frozen=True)
class RatingView:
    label: str
    item: str  # its answer id
    chart: Chart
    n: int
    median: str
    values: tuple[int, ...]
    shares: tuple[ShareRow, ...]
    comments: tuple[r.Said, ...] = ()


@dataclass(frozen=True)
class SpreadRow:
    risk: str
    n: int
    probability: str  # "1–3", or "2" when every group agreed
    consequence: str
    cells: str  # "2 × 3: 4 · 3 × 3: 1"


@dataclass(frozen=True)
class MatrixView:
    label: str
    chart: Chart
    n: int
    spreads: tuple[SpreadRow, ...]


@dataclass(frozen=True)
class TextView:
    label: str
    groups: tuple[tuple[str, tuple[r.Said, ...]], ...]


@dataclass(frozen=True)
class GlanceRow:
    """A line of the summary at the top of each worksheet's results (the evaluation's, too)."""

    label: str
    n: int
    median: str
    lowest: str
    highest: str


@dataclass(frozen=True)
class ChangeView:
    label: str
    gatherings: tuple[str, ...]
    chart: Chart


@dataclass(frozen=True)
class SheetView:
    key: str
    title: str
    n: int
    glance: tuple[GlanceRow, ...]
    ratings: tuple[RatingView, ...]
    stages: tuple[RatingView, ...]
    matrices: tuple[MatrixView, ...]
    texts: tuple[TextView, ...]
    changes: tuple[ChangeView, ...] = ()
    respondents: tuple[Header, ...] = ()  # who answered: on the facilitator's page only


def _span(low: int, high: int) -> str:
    return str(low) if low == high else f"{low}–{high}"


def _rating(found: r.RatingResult, sheet: Worksheet, t: Words, lang: str, fid: str) -> RatingView:
    scale = next((b for b in sheet.blocks if isinstance(b, Scale) and found.item.block == b.id), None)
    d = found.overall
    chart = distribution_chart(
        d,
        fid=fid,
        title=found.item.label,
        desc=t("res_chart_desc", n=d.n, median=number(d.median, lang), low=found.item.low, high=found.item.high),
        low_label=scale.low_label if scale else "",
        high_label=scale.high_label if scale else "",
    )
    shares = tuple(
        ShareRow(
            s.label if not s.merged else t("res_others"),
            s.distribution.counts,
            s.distribution.n,
            number(s.distribution.median, lang),
        )
        for s in found.by_organisation
    )
    return RatingView(
        found.item.label, found.item.id, chart, d.n, number(d.median, lang), d.values, shares, found.comments
    )


def _glance(found: r.RatingResult, lang: str) -> GlanceRow:
    chosen = [v for v, c in zip(found.overall.values, found.overall.counts, strict=True) if c]
    lo, hi = (str(min(chosen)), str(max(chosen))) if chosen else ("–", "–")
    return GlanceRow(found.item.label, found.overall.n, number(found.overall.median, lang), lo, hi)


def _matrix(found: r.MatrixResult, sheet: Worksheet, t: Words, fid: str) -> MatrixView:
    # As the sheet's page shows it: the theme's axis titles and a preset's labels where it has none.
    block = worded(next(b for b in sheet.blocks if isinstance(b, Matrix) and b.id == found.item.block), t)
    chart = matrix_chart(
        found,
        fid=fid,
        title=found.item.label,
        desc=t("res_matrix_desc", n=found.n, risks=len(found.spreads)),
        probability_labels=block.probability_labels,
        consequence_labels=block.consequence_labels,
        probability_title=block.probability_title,
        consequence_title=block.consequence_title,
    )
    spreads = tuple(
        SpreadRow(
            s.risk,
            s.n,
            _span(*s.probability_range),
            _span(*s.consequence_range),
            " · ".join(f"{p} × {c}: {n}" for p, c, n in s.cells),
        )
        for s in found.spreads
    )
    return MatrixView(found.item.label, chart, found.n, spreads)


def sheet_view(
    found: r.WorksheetResults, sheet: Worksheet, t: Words, lang: str, who: tuple[Header, ...] = ()
) -> SheetView:
    """One worksheet's results as the page shows them; `who`: the headers of its answers (facilitators')."""
    if not found.n:
        return SheetView(sheet.key, sheet.title, 0, (), (), (), (), ())
    base = f"res-{sheet.key}"
    ratings = tuple(_rating(x, sheet, t, lang, f"{base}-{k}") for k, x in enumerate(found.ratings))
    stages = tuple(_rating(x, sheet, t, lang, f"{base}-s{k}") for k, x in enumerate(found.stages))
    matrices = tuple(_matrix(x, sheet, t, f"{base}-m{k}") for k, x in enumerate(found.matrices))
    texts = tuple(TextView(x.item.label, x.by("organisation")) for x in found.texts if x.answers)
    glance = tuple(_glance(x, lang) for x in (*found.ratings, *found.stages))
    return SheetView(sheet.key, sheet.title, found.n, glance, ratings, stages, matrices, texts, (), who)


def results_page(g: Gathering, network: tuple[Gathering, ...], t: Words, lang: str) -> tuple[SheetView, ...]:
    """The facilitator's results: every worksheet, every answer, and the change since earlier gatherings."""
    views = []
    for sheet in g.worksheets:
        found = r.results(sheet, g.responses)
        who = tuple(x.header for x in g.responses if x.worksheet == sheet.key)
        view = sheet_view(found, sheet, t, lang, who)
        views.append(_with_changes(view, g, sheet, network, t, lang))
    return tuple(views)


def earlier_in_network(g: Gathering, gatherings: tuple[Gathering, ...]) -> tuple[Gathering, ...]:
    """The gatherings of g's network held before it, oldest first (g's own `network:` names it)."""
    first = g.first_date
    if not g.network or first is None:
        return ()
    same = [(o.first_date, o) for o in gatherings if o is not g and o.network == g.network and o.first_date]
    return tuple(o for day, o in sorted(same, key=lambda pair: pair[0]) if day < first)


def _with_changes(
    view: SheetView, g: Gathering, sheet: Worksheet, network: tuple[Gathering, ...], t: Words, lang: str
) -> SheetView:
    before = [(o, w) for o in network if (w := next((w for w in o.worksheets if w.key == sheet.key), None))]
    if not before:
        return view
    held = [*before, (g, sheet)]
    labels = tuple(f"{o.title} ({o.first_date.isoformat() if o.first_date else ''})" for o, _ in held)
    per = [
        {x.item.id: x for x in (*found.ratings, *found.stages)}
        for found in (r.results(w, o.responses) for o, w in held)
    ]
    changes = []
    for k, item in enumerate(x for x in (*r.results(sheet, g.responses).ratings,) if x.item.id in per[0]):
        orgs = sorted(
            {s.label for found in per for s in (found[item.item.id].by_organisation if item.item.id in found else ())}
        )
        rows = []
        for org in orgs:
            values = []
            for found in per:
                share = (
                    next((s for s in found[item.item.id].by_organisation if s.label == org), None)
                    if item.item.id in found
                    else None
                )
                values.append(share.distribution.median if share else None)
            rows.append(ChangeRow(org or t("res_no_organisation"), tuple(values)))
        chart = change_chart(
            tuple(rows),
            labels,
            item.item.low,
            item.item.high,
            fid=f"res-{sheet.key}-c{k}",
            title=item.item.label,
            desc=t("res_change_desc", n=len(rows), count=len(labels)),
            shown=lambda v: number(v, lang),
        )
        changes.append(ChangeView(item.item.label, labels, chart))
    return replace(view, changes=tuple(changes))


def _placed(m: r.MatrixResult) -> tuple[r.PlacedRisk, ...]:
    return tuple(r.PlacedRisk(s.risk, p, c) for s in m.spreads for p, c, n in s.cells for _ in range(n))


@dataclass(frozen=True)
class SummaryView:
    sheets: tuple[SheetView, ...]
    minimum: int


def summary_page(g: Gathering, t: Words, lang: str) -> SummaryView:
    """The chosen results, aggregated only: the same for the facilitator's copy and the participants'."""
    sheets = []
    for pick in g.summary.results if g.summary else ():
        sheet = next(w for w in g.worksheets if w.key == pick.worksheet)
        found = r.publishable(r.results(sheet, g.responses))
        if pick.items:
            keep = set(pick.items)
            found = r.WorksheetResults(
                found.worksheet,
                found.title,
                found.n,
                ratings=tuple(x for x in found.ratings if {x.item.id, x.item.block} & keep),
                stages=tuple(x for x in found.stages if {x.item.id, x.item.block} & keep),
                matrices=tuple(x for x in found.matrices if {x.item.id, x.item.block} & keep),
            )
        # The groups' own placings are not published: the matrix shows each risk's cells, counted, as one.
        together = tuple(
            replace(m, groups=((t("res_all_groups"), _placed(m)),) if m.spreads else ()) for m in found.matrices
        )
        sheets.append(sheet_view(replace(found, matrices=together), sheet, t, lang))
    return SummaryView(tuple(sheets), r.MINIMUM)
