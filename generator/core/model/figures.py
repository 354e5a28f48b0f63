"""The figure kinds' data: what a facilitator writes in content/models/NAME.yaml.

Every kind is a frozen dataclass. `entries()` flattens any of them into the
ordered list of labelled items that the text alternative and the worksheet show,
so those two never need to know the kinds' shapes.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Stage:
    """One step of a model: a name and what people say or ask at that point."""

    name: str
    statement: str = ""
    label: str = ""  # a small extra word, e.g. "Status" on a timeline point


@dataclass(frozen=True)
class Phase:
    name: str
    description: str = ""
    keywords: str = ""
    statement: str = ""
    stages: tuple[Stage, ...] = ()


@dataclass(frozen=True)
class Staircase:
    """Phases → stages → statements, drawn as a staircase rising over time."""

    phases: tuple[Phase, ...]


@dataclass(frozen=True)
class Phases:
    """A few phases as arrows in a row, each with keywords and a statement."""

    phases: tuple[Phase, ...]


@dataclass(frozen=True)
class Cycle:
    steps: tuple[Stage, ...]
    centre: str = ""


@dataclass(frozen=True)
class Timeline:
    points: tuple[Stage, ...]


@dataclass(frozen=True)
class Column:
    name: str
    items: tuple[str, ...] = ()


@dataclass(frozen=True)
class Columns:
    columns: tuple[Column, ...]


KIND_NAMES = ("staircase", "phases", "cycle", "timeline", "columns")
FigureData = Staircase | Phases | Cycle | Timeline | Columns  # what a model holds, one per kind


@dataclass(frozen=True)
class Entry:
    """One item in reading order: its group (a phase), its name and its texts."""

    group: str
    name: str
    texts: tuple[str, ...]


def entries(data: FigureData) -> list[Entry]:
    if isinstance(data, Staircase):
        return [Entry(p.name, s.name, _texts(s.statement)) for p in data.phases for s in p.stages]
    if isinstance(data, Phases):
        return [Entry("", p.name, _texts(p.keywords, p.statement)) for p in data.phases]
    if isinstance(data, Cycle):
        return [Entry("", s.name, _texts(s.statement)) for s in data.steps]
    if isinstance(data, Timeline):
        return [Entry("", _join(p.name, p.label), _texts(p.statement)) for p in data.points]
    if isinstance(data, Columns):
        return [Entry("", c.name, c.items) for c in data.columns]
    raise TypeError(f"not a figure kind: {type(data).__name__}")


def stages_of(data: Staircase) -> list[Stage]:
    """The staircase's stages in order, across its phases."""
    return [s for p in data.phases for s in p.stages]


def _texts(*texts: str) -> tuple[str, ...]:
    return tuple(t for t in texts if t)


def _join(name: str, label: str) -> str:
    return f"{name} ({label})" if label else name
