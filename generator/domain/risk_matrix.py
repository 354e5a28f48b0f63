"""Risk matrices (ROS): cell scores, the zone of each cell, and ready presets.

Pure functions: the validator calls them to build a `Matrix` from what the worksheet says, and the
render stage calls `worded` to fill in the theme's words (default axis titles, a preset's labels),
so no word a participant reads lives here; templates only show the result.
A cell's score is probability × consequence (both counted from 1); a zone covers the scores
above the previous zone's `up_to` up to its own.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass, replace

from generator.core.model import Matrix, MatrixCell, MatrixMarker, MatrixZone

MIN_SIZE, MAX_SIZE = 2, 10
MAX_ZONES = 5  # the theme has five patterns

AXES = ("rm_probability", "rm_consequence")  # the theme's axis titles, when a matrix names none


@dataclass(frozen=True)
class Preset:
    """A ready matrix: its size and zones; its words are the theme's `WORDS_probability_N`, `…_consequence_N`,
    `…_zone_N` (N from 1, lowest first)."""

    words: str
    probability: int
    consequence: int
    zones: tuple[int, ...]  # each zone's up_to, lowest risk first


# The 5 × 5 matrix common in Norwegian municipal ROS analyses (DSB's guidance): 1–4 acceptable,
# 5–10 consider measures, 12–25 measures needed. Check the labels against your own ROS routine.
PRESETS: dict[str, Preset] = {"dsb-5": Preset("rm_dsb5", 5, 5, (4, 10, 25))}


def preset(name: str) -> Preset | None:
    return PRESETS.get(name)


def score(probability: int, consequence: int) -> int:
    return probability * consequence


def max_score(rows: int, columns: int) -> int:
    return rows * columns


def zone_problems(thresholds: list[int], rows: int, columns: int) -> list[str]:
    """What is wrong with a list of zone thresholds (`up_to`), in words; empty if nothing."""
    top = max_score(rows, columns)
    found = []
    if len(thresholds) > MAX_ZONES:
        found.append(f"has {len(thresholds)} zones; at most {MAX_ZONES} can be told apart in print")
    for before, after in itertools.pairwise(thresholds):
        if after <= before:
            found.append(f"zone thresholds must grow: {after} comes after {before}")
    for t in thresholds:
        if not 1 <= t <= top:
            found.append(f"the threshold {t} is outside the scores 1–{top} of a {rows} × {columns} matrix")
    if thresholds and thresholds[-1] < top:
        found.append(f"the last zone ends at {thresholds[-1]}, so scores up to {top} have no zone")
    return found


def make_zones(labels_and_limits: list[tuple[str, int, str]]) -> tuple[MatrixZone, ...]:
    """Zones from (label, up_to, short); `short` defaults to the label's first letter."""
    lowest = [1] + [up_to + 1 for _, up_to, _ in labels_and_limits[:-1]]
    return tuple(
        MatrixZone(label, up_to, level, short or label[:1].upper(), low)
        for level, ((label, up_to, short), low) in enumerate(zip(labels_and_limits, lowest, strict=True), start=1)
    )


def zone_for(value: int, zones: tuple[MatrixZone, ...]) -> MatrixZone | None:
    return next((z for z in zones if value <= z.up_to), None)


def cell_label(probability_title: str, probability: int, consequence_title: str, consequence: int) -> str:
    """The accessible name of a cell: "Sannsynlighet 2, konsekvens 3"."""
    return f"{probability_title} {probability}, {consequence_title.lower()} {consequence}"


def build_matrix(
    key: str,
    *,
    probability: tuple[str, ...],
    consequence: tuple[str, ...],
    titles: tuple[str, str],
    zones: tuple[MatrixZone, ...] = (),
    markers: tuple[MatrixMarker, ...] = (),
    title: str = "",
    show_scores: bool = True,
) -> Matrix:
    """Every cell with its score, zone and markers; rows run from the highest probability down."""
    p_title, c_title = titles
    rows = tuple(
        tuple(
            MatrixCell(
                p,
                c,
                score(p, c),
                zone_for(score(p, c), zones),
                cell_label(p_title, p, c_title, c),
                tuple(m for m in markers if (m.probability, m.consequence) == (p, c)),
            )
            for c in range(1, len(consequence) + 1)
        )
        for p in range(len(probability), 0, -1)
    )
    return Matrix(key, p_title, c_title, probability, consequence, rows, zones, markers, title, show_scores)


def worded(m: Matrix, words: Mapping[str, str]) -> Matrix:
    """The matrix with the theme's words where the worksheet left them out: axis titles, a preset's labels."""
    titles = (m.probability_title or words[AXES[0]], m.consequence_title or words[AXES[1]])
    if titles == (m.probability_title, m.consequence_title) and not m.preset_words:
        return m
    p = m.preset_words

    def said(labels: tuple[str, ...], axis: str) -> tuple[str, ...]:
        return tuple(label or words[f"{p}_{axis}_{n}"] for n, label in enumerate(labels, start=1))

    zones = tuple(
        z if z.label else replace(z, label=(w := words[f"{p}_zone_{z.level}"]), short=z.short or w[:1].upper())
        for z in m.zones
    )
    built = build_matrix(
        m.key,
        probability=said(m.probability_labels, "probability"),
        consequence=said(m.consequence_labels, "consequence"),
        titles=titles,
        zones=zones,
        markers=m.markers,
        title=m.title,
        show_scores=m.show_scores,
    )
    return replace(built, id=m.id)
