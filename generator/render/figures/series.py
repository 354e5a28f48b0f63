"""A network's series as a timeline figure, drawn by the models' own machinery.

Planned and fixed entries differ in words, not colour: a planned one says
"planlagt" under its months, so the difference survives print and colour blindness.
"""

from __future__ import annotations

from collections.abc import Mapping

from generator.core.model.figures import Stage, Timeline
from generator.domain.programme import Network, entry_label, ordered
from generator.render.periods import period_text


def series_timeline(network: Network, lang: str, words: Mapping[str, str]) -> Timeline | None:
    """One point per entry in date order: its label ("1. samling"), when, and "planlagt" if it has no programme.

    None for a network without a series: a timeline needs at least one point.
    """
    if not network.series:
        return None
    points = []
    for entry in ordered(network.series):
        when = period_text(entry.when, lang)
        status = f" ({words['programme_planned']})" if entry.is_planned else ""
        points.append(Stage(name=entry_label(entry, words), statement=entry.theme, label=f"{when}{status}"))
    return Timeline(tuple(points))
