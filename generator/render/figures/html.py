"""A model as a <figure> (SVG + text alternative + caption), and as a worksheet table."""

from __future__ import annotations

import functools
from collections.abc import Mapping

from generator.core.model import Model, StageCheck
from generator.core.model.figures import Cycle, FigureData, Staircase, entries
from generator.render.figures.geometry import Layout
from generator.render.figures.layout import layout_figure
from generator.render.figures.svg import escape
from generator.render.figures.svg import render_svg as _render_svg

# Inline as well as the class, so the alternative stays hidden in slides and previews too.
HIDDEN = (
    'class="visually-hidden" style="position:absolute;width:1px;height:1px;margin:-1px;'
    'padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0"'
)


def figure_html(model: Model, *, words: Mapping[str, str], caption: bool = True, figure_id: str = "") -> str:
    """A self-contained <figure>: the SVG (role=img), the same content as a list, the caption.

    `words` is the page's Strings (the theme's UI words), so a missing word fails the build."""
    fid = figure_id or f"fig-{model.key}"
    svg = _render_svg(_layout(model.data, words["fig_time"]), fid, f"{words['fig_figure']}: {model.title}")
    parts = [
        f'<figure class="samling-figure samling-figure--{escape(model.kind)}" id="{escape(fid)}">',
        svg,
        f"<div {HIDDEN}>{escape(words['fig_as_text'])}: {text_alternative(model, words)}</div>",
    ]
    if caption:
        parts.append(
            f'<figcaption><span class="samling-figure-title">{escape(model.title)}</span>'
            f"{model.description.html}</figcaption>"
        )
    parts.append("</figure>")
    return "\n".join(parts)


@functools.lru_cache(maxsize=256)
def _layout(data: FigureData, time_word: str) -> Layout:
    # Pure, and a model may be drawn on many pages of a build (a deck shows it on four): lay it out once.
    return layout_figure(data, time_word)


def text_alternative(model: Model, words: Mapping[str, str]) -> str:
    """The figure's content in reading order; the staircase as phases → stages."""
    data = model.data
    if isinstance(data, Staircase):
        items = []
        for phase in data.phases:
            about = f" – {escape(phase.description)}" if phase.description else ""
            stages = "".join(f"<li>{_item(s.name, (s.statement,) if s.statement else ())}</li>" for s in phase.stages)
            items.append(f"<li>{escape(words['fig_phase'])}: {escape(phase.name)}{about}<ol>{stages}</ol></li>")
        return f"<ol>{''.join(items)}</ol>"
    listed = "".join(f"<li>{_item(e.name, e.texts)}</li>" for e in entries(data))
    extra = ""
    if isinstance(data, Cycle):
        extra = f"<p>{escape(words['fig_again'])}"
        if data.centre:
            extra += f" {escape(words['fig_centre'])}: {escape(data.centre)}."
        extra += "</p>"
    return f"<ol>{listed}</ol>{extra}"


def _item(name: str, texts: tuple[str, ...]) -> str:
    said = ": " + " – ".join(escape(t) for t in texts) if texts else ""
    return f"<strong>{escape(name)}</strong>{said}"


def stage_check_html(block: StageCheck, words: Mapping[str, str]) -> str:
    """A table to mark, per stage, where a group's project stands on a 1–`scale` scale.

    The block holds the model's entries as data (validation); the table is made here, at render time.
    Each row carries its answer id, for saving answers as a file.
    """
    scale = block.scale
    if not 2 <= scale <= 10:
        raise ValueError(f"scale must be 2 to 10, not {scale}")
    tid = escape(block.key)
    head = "".join(f'<th scope="col">{v}</th>' for v in range(1, scale + 1))
    item_word = escape(words[f"fig_item_{block.model_kind}"])
    rows: list[str] = []
    group = None
    for i, entry in enumerate(block.entries, start=1):
        if entry.group and entry.group != group:
            if group is not None:
                rows.append("</tbody><tbody>")
            group = entry.group
            rows.append(
                f'<tr><th scope="rowgroup" colspan="{scale + 2}">'
                f"{escape(words['fig_phase'])}: {escape(entry.group)}</th></tr>"
            )
        name = escape(entry.name)
        cells = "".join(
            f'<td><input type="radio" name="{tid}-{i}" id="{tid}-{i}-{v}" value="{v}">'
            f'<label for="{tid}-{i}-{v}"><span {HIDDEN}>{name}: </span>{v}</label></td>'
            for v in range(1, scale + 1)
        )
        said = escape(" – ".join(entry.texts))
        answer = f' data-answer="{escape(block.item_ids[i - 1])}"' if i <= len(block.item_ids) else ""
        rows.append(f'<tr{answer}><th scope="row">{name}</th><td>{said}</td>{cells}</tr>')
    return (
        f'<table class="samling-stage-check" id="{tid}">'
        f"<caption>{escape(block.model_title)}. {escape(words['fig_mark'].format(n=scale))}</caption>"
        f'<thead><tr><th scope="col">{item_word}</th>'
        f'<th scope="col">{escape(words["fig_statement"])}</th>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )
