"""What a gathering agreed for the next one (process goals; the next gathering's theme, time and
place), for its summary page.

One source each: a gathering in the programme has them in programme.yaml (its series entry's
`process_goals`, the next gathering's entry's theme, `when` and place); a gathering in no
programme writes them under `summary:` in its gathering.yaml (validate/summary.py refuses both).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.core.model import Gathering, Programme
from generator.core.model.answers import NextGathering
from generator.domain.programme import network_of, next_gathering
from generator.render.periods import period_text


@dataclass(frozen=True)
class Agreed:
    process_goals: tuple[str, ...] = ()
    next: NextGathering = field(default_factory=NextGathering)
    in_programme: bool = False


def agreed_at(programme: Programme | None, g: Gathering, lang: str) -> Agreed:
    network = network_of(programme, g.key) if programme is not None else None
    entry = next((e for e in network.series if e.gathering == g.key), None) if network else None
    if network is None or entry is None:
        s = g.summary
        return Agreed(s.process_goals, s.next) if s is not None else Agreed()
    after = next_gathering(network, entry)
    # As written in programme.yaml: the summary is made again only when it or the folder changes.
    nxt = NextGathering(after.theme, period_text(after.as_written, lang), after.place) if after else NextGathering()
    return Agreed(entry.process_goals, nxt, True)
