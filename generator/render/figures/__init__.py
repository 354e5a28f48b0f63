"""Models as figures: a kind's dataclass (core/figures.py, parsed in validate/models.py) → a layout → inline SVG.

Pure functions only: nothing here reads files or keeps state between calls.

    figure_html(model, lang=…, caption=True, figure_id="") -> str
    stage_check_html(model, lang=…, scale=5) -> str
"""

from generator.render.figures.html import WORDS, figure_html, stage_check_html, text_alternative
from generator.render.figures.layout import layout_figure

__all__ = [
    "WORDS",
    "figure_html",
    "layout_figure",
    "stage_check_html",
    "text_alternative",
]
