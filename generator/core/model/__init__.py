"""The content model: what a site is made of, as plain frozen dataclasses.

Validation builds these from the loaded files; rendering only reads them. Split by topic:
common (Source, Text), people (Participant, groups), programme (Gathering, Day, Session),
networks (Programme, Network, Period),
material (Deck, Worksheet, Model), worksheet (the blocks), figures (a model's data, one dataclass per kind), site.
"""

from generator.core.model.common import LANGUAGES, Embed, Source, Text
from generator.core.model.figures import FigureData
from generator.core.model.material import Deck, Model, Slide, Worksheet
from generator.core.model.networks import Network, Period, PlannedGathering, Programme
from generator.core.model.people import (
    Group,
    Grouping,
    GroupIssue,
    GroupSlot,
    GroupSpec,
    Participant,
    SessionGroups,
)
from generator.core.model.programme import (
    SESSION_KINDS,
    Day,
    Entry,
    Facilitator,
    FreeTime,
    Gathering,
    Parallel,
    Session,
)
from generator.core.model.site import Branding, Site, SiteConfig
from generator.core.model.worksheet import (
    LINE_MM,
    Block,
    Grid,
    Matrix,
    MatrixCell,
    MatrixMarker,
    MatrixZone,
    Note,
    Question,
    Scale,
    StageCheck,
)

__all__ = [
    "LANGUAGES",
    "LINE_MM",
    "SESSION_KINDS",
    "Block",
    "Branding",
    "Day",
    "Deck",
    "Embed",
    "Entry",
    "Facilitator",
    "FigureData",
    "FreeTime",
    "Gathering",
    "Grid",
    "Group",
    "GroupIssue",
    "GroupSlot",
    "GroupSpec",
    "Grouping",
    "Matrix",
    "MatrixCell",
    "MatrixMarker",
    "MatrixZone",
    "Model",
    "Network",
    "Note",
    "Parallel",
    "Participant",
    "Period",
    "PlannedGathering",
    "Programme",
    "Question",
    "Scale",
    "Session",
    "SessionGroups",
    "Site",
    "SiteConfig",
    "Slide",
    "Source",
    "StageCheck",
    "Text",
    "Worksheet",
]
