"""A model as a <figure> (SVG + text alternative + caption), and as a worksheet table."""

from __future__ import annotations

import functools
from typing import Any

from generator.core.model import Model
from generator.core.model.figures import Cycle, Staircase, entries
from generator.render.figures.geometry import Layout
from generator.render.figures.layout import layout_figure
from generator.render.figures.svg import escape
from generator.render.figures.svg import render_svg as _render_svg

WORDS: dict[str, dict[str, str]] = {
    "nb": {
        "figure": "Figur",
        "time": "Tid",
        "as_text": "Figuren som tekst",
        "phase": "Fase",
        "staircase": "Trinn",
        "phases": "Fase",
        "cycle": "Steg",
        "timeline": "Tidspunkt",
        "columns": "Område",
        "statement": "Utsagn",
        "centre": "I midten",
        "again": "Etter siste steg begynner sirkelen på nytt.",
        "mark": "Hvor står prosjektet? Kryss av: 1 = ikke i gang, {n} = helt på plass.",
    },
    "nn": {
        "figure": "Figur",
        "time": "Tid",
        "as_text": "Figuren som tekst",
        "phase": "Fase",
        "staircase": "Trinn",
        "phases": "Fase",
        "cycle": "Steg",
        "timeline": "Tidspunkt",
        "columns": "Område",
        "statement": "Utsegn",
        "centre": "I midten",
        "again": "Etter siste steget byrjar sirkelen på nytt.",
        "mark": "Kvar står prosjektet? Kryss av: 1 = ikkje i gang, {n} = heilt på plass.",
    },
    "en": {
        "figure": "Figure",
        "time": "Time",
        "as_text": "The figure as text",
        "phase": "Phase",
        "staircase": "Stage",
        "phases": "Phase",
        "cycle": "Step",
        "timeline": "Point in time",
        "columns": "Area",
        "statement": "Statement",
        "centre": "In the centre",
        "again": "After the last step the cycle starts again.",
        "mark": "Where does the project stand? Mark one: 1 = not started, {n} = fully in place.",
    },
}
# Inline as well as the class, so the alternative stays hidden in slides and previews too.
HIDDEN = (
    'class="visually-hidden" style="position:absolute;width:1px;height:1px;margin:-1px;'
    'padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0"'
)


def words_for(lang: str) -> dict[str, str]:
    return WORDS.get(lang, WORDS["nb"])


def figure_html(model: Model, *, lang: str, caption: bool = True, figure_id: str = "") -> str:
    """A self-contained <figure>: the SVG (role=img), the same content as a list, the caption."""
    words = words_for(lang)
    fid = figure_id or f"fig-{model.key}"
    svg = _render_svg(_layout(model.data, lang), fid, f"{words['figure']}: {model.title}")
    parts = [
        f'<figure class="samling-figure samling-figure--{escape(model.kind)}" id="{escape(fid)}">',
        svg,
        f"<div {HIDDEN}>{escape(words['as_text'])}: {text_alternative(model, words)}</div>",
    ]
    if caption:
        parts.append(
            f'<figcaption><span class="samling-figure-title">{escape(model.title)}</span>'
            f"{model.description.html}</figcaption>"
        )
    parts.append("</figure>")
    return "\n".join(parts)


@functools.lru_cache(maxsize=256)
def _layout(data: Any, lang: str) -> Layout:
    # Pure, and a model may be drawn on many pages of a build (a deck shows it on four): lay it out once.
    return layout_figure(data, words_for(lang))


def text_alternative(model: Model, words: dict[str, str]) -> str:
    """The figure's content in reading order; the staircase as phases → stages."""
    data = model.data
    if isinstance(data, Staircase):
        items = []
        for phase in data.phases:
            about = f" – {escape(phase.description)}" if phase.description else ""
            stages = "".join(f"<li>{_item(s.name, (s.statement,) if s.statement else ())}</li>" for s in phase.stages)
            items.append(f"<li>{escape(words['phase'])}: {escape(phase.name)}{about}<ol>{stages}</ol></li>")
        return f"<ol>{''.join(items)}</ol>"
    listed = "".join(f"<li>{_item(e.name, e.texts)}</li>" for e in entries(data))
    extra = ""
    if isinstance(data, Cycle):
        extra = f"<p>{escape(words['again'])}"
        if data.centre:
            extra += f" {escape(words['centre'])}: {escape(data.centre)}."
        extra += "</p>"
    return f"<ol>{listed}</ol>{extra}"


def _item(name: str, texts: tuple[str, ...]) -> str:
    said = ": " + " – ".join(escape(t) for t in texts) if texts else ""
    return f"<strong>{escape(name)}</strong>{said}"


def stage_check_html(
    model: Model, *, lang: str, scale: int = 5, table_id: str = "", answer_ids: tuple[str, ...] = ()
) -> str:
    """A table to mark, per stage, where a group's project stands on a 1–`scale` scale.

    `answer_ids` (one per stage) mark each row for saving answers as a file.
    """
    if not 2 <= scale <= 10:
        raise ValueError(f"scale must be 2 to 10, not {scale}")
    words = words_for(lang)
    tid = escape(table_id or f"sc-{model.key}")
    head = "".join(f'<th scope="col">{v}</th>' for v in range(1, scale + 1))
    item_word = escape(words.get(model.kind, words["staircase"]))
    rows: list[str] = []
    group = None
    for i, entry in enumerate(entries(model.data), start=1):
        if entry.group and entry.group != group:
            if group is not None:
                rows.append("</tbody><tbody>")
            group = entry.group
            rows.append(
                f'<tr><th scope="rowgroup" colspan="{scale + 2}">'
                f"{escape(words['phase'])}: {escape(entry.group)}</th></tr>"
            )
        name = escape(entry.name)
        cells = "".join(
            f'<td><input type="radio" name="{tid}-{i}" id="{tid}-{i}-{v}" value="{v}">'
            f'<label for="{tid}-{i}-{v}"><span {HIDDEN}>{name}: </span>{v}</label></td>'
            for v in range(1, scale + 1)
        )
        said = escape(" – ".join(entry.texts))
        answer = f' data-answer="{escape(answer_ids[i - 1])}"' if i <= len(answer_ids) else ""
        rows.append(f'<tr{answer}><th scope="row">{name}</th><td>{said}</td>{cells}</tr>')
    return (
        f'<table class="samling-stage-check" id="{tid}">'
        f"<caption>{escape(model.title)}. {escape(words['mark'].format(n=scale))}</caption>"
        f'<thead><tr><th scope="col">{item_word}</th>'
        f'<th scope="col">{escape(words["statement"])}</th>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )
