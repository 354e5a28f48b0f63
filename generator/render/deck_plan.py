"""What a deck's pages need beyond the deck itself: its sessions and their planned time, handout pages.

Pure functions of the content model, so the presenter view's timing and the handout's
page grouping are unit-tested here rather than computed in templates or JavaScript.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.core.model import Deck, Gathering, Session, Slide
from generator.render.timer import SlidePlan, slide_plans

HANDOUT_SLIDES_PER_PAGE = 3


@dataclass(frozen=True)
class DeckTiming:
    """The sessions a deck is shown in, in programme order, and the time they are planned to take."""

    sessions: tuple[Session, ...]
    by_slide: dict[int, Session]  # slide number → the session it belongs to, when the deck says
    planned: dict[int, SlidePlan] = field(default_factory=dict)  # slide number → when the agenda expects it

    @property
    def planned_minutes(self) -> int:
        return sum(s.minutes for s in self.sessions)


def deck_sessions(g: Gathering, d: Deck) -> tuple[Session, ...]:
    """Sessions the deck names (front matter or slides) and sessions that name the deck, in programme order."""
    return tuple(s for s in g.sessions() if s.key in d.sessions or d.key in s.decks)


def deck_timing(g: Gathering, d: Deck) -> DeckTiming:
    sessions = deck_sessions(g, d)
    by_key = {s.key: s for s in sessions}
    by_slide = {slide.number: by_key[slide.session] for slide in d.slides if slide.session in by_key}
    return DeckTiming(sessions, by_slide, slide_plans(g, by_slide))


def handout_pages(slides: tuple[Slide, ...], per_page: int = HANDOUT_SLIDES_PER_PAGE) -> list[tuple[Slide, ...]]:
    """Slides grouped as they are printed on the handout's pages: three to an A4 page."""
    return [slides[i : i + per_page] for i in range(0, len(slides), per_page)]
