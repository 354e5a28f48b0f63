"""Results of a worksheet from its answers files: distributions, markers, answers by organisation.

`results()` is everything, for the facilitator; `publishable()` is the subset a participant may
see with `publish_results: true`: counts only, no names, no free text, and no group of fewer than
three answers (those are merged into one "others" share, or left out when even that is too small).
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace

from generator.core.model import StageCheck, Worksheet
from generator.domain.answers import Item, MatrixAnswer, RatingAnswer, Response, TextAnswer, items

MINIMUM = 3  # the fewest answers a published count may rest on


@dataclass(frozen=True)
class Distribution:
    """How often each value of a scale was chosen."""

    values: tuple[int, ...]
    counts: tuple[int, ...]

    @property
    def n(self) -> int:
        return sum(self.counts)

    @property
    def median(self) -> float | None:
        chosen = [v for v, c in zip(self.values, self.counts, strict=True) for _ in range(c)]
        return statistics.median(chosen) if chosen else None


@dataclass(frozen=True)
class Share:
    """One organisation's (or group's) part of a result; `merged`: the small ones together."""

    label: str
    distribution: Distribution
    merged: bool = False


@dataclass(frozen=True)
class Said:
    """A free-text answer, with who wrote it: for the facilitator only."""

    text: str
    organisation: str = ""
    group: str = ""
    name: str = ""


@dataclass(frozen=True)
class RatingResult:
    item: Item
    overall: Distribution
    by_organisation: tuple[Share, ...] = ()
    comments: tuple[Said, ...] = ()


@dataclass(frozen=True)
class TextResult:
    item: Item
    answers: tuple[Said, ...]

    def by(self, field: str = "organisation") -> tuple[tuple[str, tuple[Said, ...]], ...]:
        """The answers grouped by `organisation` or `group`, groups in alphabetical order."""
        keys = sorted({getattr(s, field) for s in self.answers})
        return tuple((k, tuple(s for s in self.answers if getattr(s, field) == k)) for k in keys)


@dataclass(frozen=True)
class PlacedRisk:
    """A risk as one group placed it."""

    risk: str
    probability: int
    consequence: int


@dataclass(frozen=True)
class RiskSpread:
    """Where the groups placed one risk: the cells with how many put it there."""

    risk: str
    cells: tuple[tuple[int, int, int], ...]  # (probability, consequence, count)

    @property
    def n(self) -> int:
        return sum(c for _, _, c in self.cells)

    @property
    def probability_range(self) -> tuple[int, int]:
        return min(p for p, _, _ in self.cells), max(p for p, _, _ in self.cells)

    @property
    def consequence_range(self) -> tuple[int, int]:
        return min(c for _, c, _ in self.cells), max(c for _, c, _ in self.cells)


@dataclass(frozen=True)
class MatrixResult:
    item: Item
    groups: tuple[tuple[str, tuple[PlacedRisk, ...]], ...]  # each answer's label and markers
    spreads: tuple[RiskSpread, ...]  # per named risk
    cells: tuple[tuple[int, int, int], ...]  # every marker counted per cell
    n: int = 0  # answers with markers


@dataclass(frozen=True)
class WorksheetResults:
    worksheet: str
    title: str
    n: int  # answers files
    ratings: tuple[RatingResult, ...] = ()
    stages: tuple[RatingResult, ...] = ()  # a model block's stages, rated
    texts: tuple[TextResult, ...] = ()
    matrices: tuple[MatrixResult, ...] = ()


def who(r: Response) -> str:
    """How an answer is named in a facilitator's result: its organisation and group."""
    h = r.header
    return " – ".join(x for x in (h.organisation, h.group) if x) or h.name or r.source.path.stem


def _distribution(item: Item, chosen: Iterable[int]) -> Distribution:
    count = Counter(chosen)
    values = tuple(range(item.low, item.high + 1))
    return Distribution(values, tuple(count[v] for v in values))


def _rating(item: Item, responses: tuple[Response, ...]) -> RatingResult:
    given = [(r, a) for r in responses if isinstance(a := r.answer(item.id), RatingAnswer)]
    rated = [(r, a.value) for r, a in given if a.value is not None]
    orgs = sorted({r.header.organisation for r, _ in rated})
    shares = tuple(Share(o, _distribution(item, (v for r, v in rated if r.header.organisation == o))) for o in orgs)
    comments = tuple(_said(r, a.comment) for r, a in given if a.comment)
    return RatingResult(item, _distribution(item, (v for _, v in rated)), shares, comments)


def _said(r: Response, text: str) -> Said:
    return Said(text, r.header.organisation, r.header.group, r.header.name)


def _matrix(item: Item, responses: tuple[Response, ...]) -> MatrixResult:
    groups = []
    for r in responses:
        answer = r.answer(item.id)
        if isinstance(answer, MatrixAnswer) and answer.markers:
            groups.append((who(r), tuple(PlacedRisk(m.risk, m.probability, m.consequence) for m in answer.markers)))
    placed = [m for _, ms in groups for m in ms]
    risks = sorted({m.risk for m in placed if m.risk}, key=_risk_order)
    spreads = tuple(RiskSpread(k, _cells(m for m in placed if m.risk == k)) for k in risks)
    return MatrixResult(item, tuple(groups), spreads, _cells(placed), len(groups))


def _risk_order(risk: str) -> tuple[int, int, str]:
    return (0, int(risk), "") if risk.isdigit() else (1, 0, risk.lower())


def _cells(placed: Iterable[PlacedRisk]) -> tuple[tuple[int, int, int], ...]:
    count = Counter((m.probability, m.consequence) for m in placed)
    return tuple((p, c, n) for (p, c), n in sorted(count.items()))


def results(worksheet: Worksheet, responses: Iterable[Response]) -> WorksheetResults:
    """Every result of one worksheet from the answers files given (others are ignored)."""
    mine = tuple(r for r in responses if r.worksheet == worksheet.key)
    stage_blocks = {b.id for b in worksheet.blocks if isinstance(b, StageCheck)}
    ratings, stages, texts, matrices = [], [], [], []
    for item in items(worksheet):
        if item.kind == "rating":
            (stages if item.block in stage_blocks else ratings).append(_rating(item, mine))
        elif item.kind == "matrix":
            matrices.append(_matrix(item, mine))
        else:
            said = tuple(_said(r, a.text) for r in mine if isinstance(a := r.answer(item.id), TextAnswer) and a.text)
            texts.append(TextResult(item, said))
    return WorksheetResults(
        worksheet.key, worksheet.title, len(mine), tuple(ratings), tuple(stages), tuple(texts), tuple(matrices)
    )


# --- what may be published --------------------------------------------------


def publishable(found: WorksheetResults, minimum: int = MINIMUM) -> WorksheetResults:
    """Counts resting on at least `minimum` answers, and nothing that names or quotes anyone."""
    if found.n < minimum:
        return WorksheetResults(found.worksheet, found.title, found.n)
    return replace(
        found,
        ratings=tuple(p for r in found.ratings if (p := _public_rating(r, minimum))),
        stages=tuple(p for r in found.stages if (p := _public_rating(r, minimum))),
        texts=(),  # free text can name or give away who wrote it
        matrices=tuple(
            replace(m, groups=(), spreads=tuple(s for s in m.spreads if s.n >= minimum))
            for m in found.matrices
            if m.n >= minimum
        ),
    )


def _public_rating(r: RatingResult, minimum: int) -> RatingResult | None:
    if r.overall.n < minimum:
        return None
    big = tuple(s for s in r.by_organisation if s.distribution.n >= minimum)
    small = [s for s in r.by_organisation if s.distribution.n < minimum]
    merged = tuple(sum(col) for col in zip(*(s.distribution.counts for s in small), strict=True)) if small else ()
    rest = (Share("", Distribution(r.overall.values, merged), merged=True),) if sum(merged) >= minimum else ()
    return RatingResult(r.item, r.overall, big + rest, comments=())
