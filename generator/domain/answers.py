"""Stable answer ids, a worksheet's fingerprint, and the answers read back from files.

An answer is keyed by an id made from the block and the item's own words (or an `id:` written in
the worksheet), never by position: reordering a sheet keeps old answers in place. The fingerprint
covers each item's id, kind and range, not its wording, so a reworded question that keeps its
`id:` is the same question, while an added, removed or re-ranged item makes a new fingerprint.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from generator.core.model import Grid, Matrix, Question, Scale, StageCheck, Worksheet
from generator.core.model.answers import (  # noqa: F401 - the answers' values, read back from files
    Answer,
    Header,
    Marker,
    MatrixAnswer,
    RatingAnswer,
    Response,
    TextAnswer,
)
from generator.core.slugs import slugify

FORMAT = "answers"  # the file's "samling" value
VERSION = 1
HEADER_FIELDS = ("name", "organisation", "group", "date")


@dataclass(frozen=True)
class Item:
    """One answerable thing on a worksheet."""

    id: str
    kind: str  # "text", "rating" or "matrix"
    label: str
    block: str  # the block's id
    low: int = 0  # a rating's range
    high: int = 0
    rows: int = 0  # a matrix's probabilities × consequences
    columns: int = 0
    comment: bool = False  # a rating with a comment line

    @property
    def range(self) -> str:
        if self.kind == "rating":
            return f"{self.low}-{self.high}"
        return f"{self.rows}x{self.columns}" if self.kind == "matrix" else ""


def _block_base(block: Any) -> str:
    if block.id:
        return block.id
    if isinstance(block, Question):
        return slugify(block.text, "question")
    if isinstance(block, Scale):
        return slugify(block.title or block.item_heading, "scale")
    if isinstance(block, Matrix):
        return slugify(block.title, "matrix")
    if isinstance(block, Grid):
        return slugify(block.title or block.corner, "grid")
    return block.model  # StageCheck


def _unique(base: str, taken: set[str]) -> str:
    """`base`, or `base-2`, `base-3` … when an earlier item has the same words."""
    name, n = base, 1
    while name in taken:
        n += 1
        name = f"{base}-{n}"
    taken.add(name)
    return name


def assign_ids(blocks: Iterable[Any]) -> tuple[Any, ...]:
    """The blocks with every answer id filled in; ids written as `id:` are kept as they are."""
    taken: set[str] = set()
    explicit = {b.id for b in blocks if getattr(b, "id", "")}
    done = []
    for block in blocks:
        if not isinstance(block, Question | Scale | Matrix | Grid | StageCheck):
            done.append(block)
            continue
        bid = block.id if block.id else _unique(_block_base(block), taken | explicit)
        taken.add(bid)
        if isinstance(block, Scale):
            written = block.item_ids or ("",) * len(block.items)
            block = dataclasses.replace(block, item_ids=_sub_ids(bid, block.items, written))
        elif isinstance(block, Grid):
            cols = [slugify(c, f"c{i + 1}") for i, c in enumerate(block.columns)]
            rows = _sub_ids(bid, block.rows, ("",) * len(block.rows))
            block = dataclasses.replace(block, cell_ids=tuple(tuple(f"{r}/{c}" for c in cols) for r in rows))
        elif isinstance(block, StageCheck):
            block = dataclasses.replace(block, item_ids=_sub_ids(bid, block.stages, ("",) * len(block.stages)))
        done.append(dataclasses.replace(block, id=bid))
    return tuple(done)


def _sub_ids(block_id: str, texts: tuple[str, ...], written: tuple[str, ...]) -> tuple[str, ...]:
    taken = {w for w in written if w}
    return tuple(f"{block_id}/{w or _unique(slugify(t, 'item'), taken)}" for t, w in zip(texts, written, strict=True))


def items(worksheet: Worksheet) -> tuple[Item, ...]:
    """Every answerable item of a worksheet whose blocks have their ids (see `assign_ids`)."""
    found: list[Item] = []
    for b in worksheet.blocks:
        if isinstance(b, Question):
            found.append(Item(b.id, "text", b.text, b.id))
        elif isinstance(b, Scale):
            found += [
                Item(i, "rating", t, b.id, b.low, b.high, comment=b.comment)
                for i, t in zip(b.item_ids, b.items, strict=True)
            ]
        elif isinstance(b, Matrix):
            found.append(Item(b.id, "matrix", b.caption, b.id, rows=len(b.rows), columns=len(b.rows[0])))
        elif isinstance(b, Grid):
            for r, row in zip(b.rows, b.cell_ids, strict=True):
                found += [Item(i, "text", f"{r} – {c}", b.id) for i, c in zip(row, b.columns, strict=True)]
        elif isinstance(b, StageCheck):
            found += [Item(i, "rating", s, b.id, 1, b.scale) for i, s in zip(b.item_ids, b.stages, strict=True)]
    return tuple(found)


def fingerprint(found: Iterable[Item]) -> str:
    """A short hash of the sorted (id, kind, range) set: wording is not part of it."""
    lines = sorted(f"{i.id}\t{i.kind}\t{i.range}" for i in found)
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()[:16]


def worksheet_id(gathering: str, worksheet: str) -> str:
    return f"{gathering}/{worksheet}"
