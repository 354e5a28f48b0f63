"""What Markdown embeds (`::: model NAME`, `::: worksheet NAME`) and worksheet blocks of models become on a page.

Validation leaves a typed reference where an embed stands (markdown.py's placeholder, listed in
`Text.embeds`); this is the one place that turns references into HTML, at render time, with the
page's language and links. Templates call it and never see the placeholder syntax.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from markupsafe import Markup

from generator.core.model import Block, Gathering, Matrix, Model, Session, Site, StageCheck, Worksheet
from generator.domain import risk_matrix
from generator.render import pages
from generator.render.figures import figure_html, stage_check_html
from generator.validate.markdown import PLACEHOLDER


@dataclass
class Embeds:
    """The embeds of one page; a model shown twice gets ids of its own the second time."""

    site: Site
    gathering: Gathering | None
    here: str  # the page's output path
    words: Mapping[str, str]  # the page's Strings
    url: Callable[[str], str]
    seen: dict[str, int] = field(default_factory=dict)

    def __call__(self, html: str) -> Markup:
        """Rendered Markdown with each embed filled in."""
        return Markup(PLACEHOLDER.sub(lambda m: self._one(m.group(1), m.group(2)), html))

    def model(self, key: str) -> Markup:
        """A model's figure, by its key (the model's own page, a session's `models:`)."""
        return Markup(self._one("model", key))

    def blocks(self, sheet: Worksheet) -> list[Block]:
        """A worksheet's blocks as this page shows them: a matrix with the theme's words filled in."""
        return [risk_matrix.worded(b, self.words) if isinstance(b, Matrix) else b for b in sheet.blocks]

    def stage_check(self, block: StageCheck) -> Markup:
        return Markup(stage_check_html(block, self.words))

    def models_after(self, s: Session) -> list[Model]:
        """The models a session lists that its text does not already show, in the order listed."""
        placed = {name for kind, name in PLACEHOLDER.findall(s.body.html) if kind == "model"}
        found = (next((m for m in self.site.models if m.key == key), None) for key in s.models)
        return [m for m in found if m is not None and m.key not in placed]

    def _one(self, kind: str, name: str) -> str:
        count = self.seen[f"{kind}:{name}"] = self.seen.get(f"{kind}:{name}", 0) + 1
        figure_id = f"fig-{name}" if count == 1 else f"fig-{name}-{count}"
        if kind == "model":
            return self._figure(name, figure_id)
        g = self.gathering
        sheet = next((w for w in g.worksheets if w.key == name), None) if g else None
        if sheet is None or g is None:
            return ""
        href = self.url(pages.worksheet_path(g, sheet))
        return f'<p class="worksheet-link"><a href="{href}">{Markup.escape(sheet.title)}</a></p>'

    def _figure(self, name: str, figure_id: str) -> str:
        model = next((m for m in self.site.models if m.key == name), None)
        if model is None:
            return ""
        if pages.model_path(model) == self.here:
            # The model's own page already shows its title and description.
            return figure_html(model, words=self.words, caption=False, figure_id=figure_id)
        href = self.url(pages.model_path(model))
        link = f'<p class="figure-link"><a href="{href}">{Markup.escape(model.title)}</a></p>'
        return figure_html(model, words=self.words, figure_id=figure_id) + link
