"""Models as figures: a kind's dataclass (core/figures.py, parsed in validate/models.py) → a layout → inline SVG.

Pure functions only: nothing here reads files or keeps state between calls. `words` is the page's
Strings (generator/render/strings.py): the theme's UI words, none of them here.

    figure_html(model, words=…, caption=True, figure_id="") -> str
    stage_check_html(block, words) -> str
"""

from generator.render.figures.html import figure_html, stage_check_html, text_alternative
from generator.render.figures.layout import layout_figure

__all__ = [
    "figure_html",
    "layout_figure",
    "stage_check_html",
    "text_alternative",
]
