"""Models as figures: YAML → a kind's dataclass → a computed layout → inline SVG in a <figure>.

Pure functions only: nothing here reads files or keeps state between calls.

    parse_model(key, data, path, md, problems) -> Model | None
    figure_html(model, lang=…, caption=True, figure_id="") -> str
    stage_check_html(model, lang=…, scale=5) -> str
"""

from generator.figures.html import WORDS, figure_html, stage_check_html, text_alternative
from generator.figures.kinds import KIND_NAMES, entries
from generator.figures.layout import layout_figure
from generator.figures.parse import parse_model

__all__ = [
    "KIND_NAMES",
    "WORDS",
    "entries",
    "figure_html",
    "layout_figure",
    "parse_model",
    "stage_check_html",
    "text_alternative",
]
