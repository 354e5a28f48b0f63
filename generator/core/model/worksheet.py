"""A worksheet's blocks: each kind its own dataclass, `Block` the union of them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from generator.core.model.common import Text
from generator.core.model.figures import Entry

LINE_MM = 9  # ruled writing lines on worksheets: room for handwriting


@dataclass(frozen=True)
class Question:
    """A question with room to write: ruled lines, or a box of a given height."""

    kind: ClassVar[str] = "question"  # names the theme's partial: partials/worksheet_question.html
    key: str
    text: str
    lines: int = 4
    box_height_mm: int = 0
    id: str = ""  # stable answer id, not its position (generator/domain/answers.py)

    @property
    def height_mm(self) -> int:
        """Room to write: a box's height, or ruled lines 9 mm apart (+1 so the last line shows)."""
        return self.box_height_mm or self.lines * LINE_MM + 1


@dataclass(frozen=True)
class Note:
    """Instructions or text between the blocks (Markdown)."""

    kind: ClassVar[str] = "text"
    key: str
    text: Text


@dataclass(frozen=True)
class Scale:
    """Rows of items, each rated on one scale from `low` to `high` (the seed's risk form)."""

    kind: ClassVar[str] = "scale"
    key: str
    items: tuple[str, ...]
    low: int = 1
    high: int = 10
    low_label: str = ""
    high_label: str = ""
    title: str = ""
    item_heading: str = ""
    comment: bool = False  # a line for a comment under each item
    id: str = ""
    item_ids: tuple[str, ...] = ()  # one answer id per item: as written (`id:`), then derived
    value_labels: tuple[str, ...] = ()  # a label per value, lowest first (`labels:`), or none

    @property
    def values(self) -> range:
        return range(self.low, self.high + 1)

    @property
    def labelled_values(self) -> list[tuple[int, str]]:
        """Each value with its own label, or with the end labels at the ends."""
        if self.value_labels:
            return list(zip(self.values, self.value_labels, strict=True))
        ends = {self.low: self.low_label, self.high: self.high_label}
        return [(v, ends.get(v, "")) for v in self.values]


@dataclass(frozen=True)
class MatrixZone:
    """A band of cell scores in a risk matrix: scores up to `up_to` (and above the previous zone's)."""

    label: str
    up_to: int
    level: int  # 1 = lowest risk; picks the pattern and colour
    short: str = ""  # printed in each cell of the zone so it reads without colour
    lowest: int = 1  # the lowest score in the zone


@dataclass(frozen=True)
class MatrixMarker:
    """A numbered risk, placed in a cell or (without a place) listed for the group to place by hand."""

    number: int
    probability: int | None
    consequence: int | None
    text: str = ""

    @property
    def placed(self) -> bool:
        return self.probability is not None and self.consequence is not None


@dataclass(frozen=True)
class MatrixCell:
    probability: int
    consequence: int
    score: int
    zone: MatrixZone | None
    label: str  # e.g. "Sannsynlighet 2, konsekvens 3"
    markers: tuple[MatrixMarker, ...] = ()


@dataclass(frozen=True)
class Matrix:
    """A risk matrix (ROS): probability (rows, highest on top) × consequence (columns)."""

    kind: ClassVar[str] = "matrix"
    key: str
    probability_title: str
    consequence_title: str
    probability_labels: tuple[str, ...]
    consequence_labels: tuple[str, ...]
    rows: tuple[tuple[MatrixCell, ...], ...]  # display order: highest probability first
    zones: tuple[MatrixZone, ...] = ()
    markers: tuple[MatrixMarker, ...] = ()
    title: str = ""
    show_scores: bool = True
    id: str = ""
    # A preset's words in the theme's strings (e.g. "rm_dsb5"): its labels and zones are left empty here
    # and filled in at render time (generator/domain/risk_matrix.py `worded`), as are missing axis titles.
    preset_words: str = ""

    @property
    def caption(self) -> str:
        """Its title, or what it weighs: "Sannsynlighet × konsekvens" (once worded)."""
        if self.title or not (self.probability_title and self.consequence_title):
            return self.title
        return f"{self.probability_title} × {self.consequence_title.lower()}"

    @property
    def probability_headings(self) -> tuple[str, ...]:
        """The labels printed beside the category numbers: none where a label is only its number."""
        return _beside_numbers(self.probability_labels)

    @property
    def consequence_headings(self) -> tuple[str, ...]:
        return _beside_numbers(self.consequence_labels)

    @property
    def cell_height_mm(self) -> int:
        """Room to write risk numbers in a cell, while the whole matrix fits a landscape A4 (~80 mm)."""
        return min(30, 80 // len(self.rows))

    @property
    def placed_markers(self) -> tuple[MatrixMarker, ...]:
        return tuple(m for m in self.markers if m.placed)

    @property
    def markers_to_place(self) -> tuple[MatrixMarker, ...]:
        """Risks without a place: the group writes their numbers in the cells by hand."""
        return tuple(m for m in self.markers if not m.placed)


def _beside_numbers(labels: tuple[str, ...]) -> tuple[str, ...]:
    return tuple("" if label == str(n) else label for n, label in enumerate(labels, start=1))


@dataclass(frozen=True)
class Grid:
    """A table of blank cells to write in: row headers × column headers."""

    kind: ClassVar[str] = "grid"
    key: str
    rows: tuple[str, ...]
    columns: tuple[str, ...]
    title: str = ""
    corner: str = ""  # the heading above the row headers
    height_mm: int = 20  # of each row
    id: str = ""
    cell_ids: tuple[tuple[str, ...], ...] = ()  # per row, per column


@dataclass(frozen=True)
class StageCheck:
    """A model's stages to mark on a scale; the table is made at render time (render/figures/html.py)."""

    kind: ClassVar[str] = "model"
    key: str
    model: str  # the model's key
    scale: int = 5
    id: str = ""
    stages: tuple[str, ...] = ()  # the model's stage names, in the table's order
    item_ids: tuple[str, ...] = ()
    model_title: str = ""
    model_kind: str = "staircase"  # names the rows' heading: the theme's `fig_item_KIND`
    entries: tuple[Entry, ...] = ()  # the model's items in reading order: a row each


Block = Question | Note | Scale | Matrix | Grid | StageCheck
