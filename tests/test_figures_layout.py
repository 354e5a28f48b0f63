"""Models as figures: parsing, layout geometry, SVG, text alternative, escaping, worksheet."""

from __future__ import annotations

import itertools
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest
from figure_models import COUNTS, KINDS, make, model_yaml, name, parse, quote, stage_check_table, words

from generator.core.errors import Problems
from generator.core.model.figures import entries, stages_of
from generator.load.yamlfile import parse_yaml
from generator.render.figures import figure_html, layout_figure
from generator.render.figures.geometry import WHITE, Layout, contrast
from generator.validate.markdown import make_markdown
from generator.validate.models import parse_model

SVG = "{http://www.w3.org/2000/svg}"
MODELS = Path(__file__).resolve().parents[1] / "content" / "models"


def svg_of(html: str) -> ET.Element:
    match = re.search(r"<svg.*</svg>", html, re.DOTALL)
    assert match, "no <svg> in the figure"
    return ET.fromstring(match.group(0))


def texts(svg: ET.Element, role: str) -> list[str]:
    """The text of each <text> of a role, its wrapped lines joined (a hard break ends in '-')."""
    found = svg.iter(f"{SVG}text")
    joined = [" ".join(t.itertext()) for t in found if t.get("class") == f"samling-fig-{role}"]
    return [re.sub(r"(?<=\w)- ", "", text) for text in joined]


def alternative(html: str) -> ET.Element:
    match = re.search(r'<div class="visually-hidden"[^>]*>.*?</div>', html, re.DOTALL)
    assert match, "no text alternative"
    return ET.fromstring(match.group(0))


# --- the seed's models ------------------------------------------------------------


@pytest.mark.parametrize("path", sorted(MODELS.glob("*.yaml")), ids=lambda p: p.stem)
def test_seed_models_parse_and_render(path: Path) -> None:
    problems = Problems()
    model = parse_model(path.stem, parse_yaml(path.read_text()), path, make_markdown(), problems)
    assert not problems, [str(p) for p in problems.items]
    assert model is not None and model.title
    svg_of(figure_html(model, words=words("nb")))


def test_long_form_maps_seven_stages_to_their_statements() -> None:
    path = MODELS / "bevissthet-aksept-eierskap.yaml"
    model = parse_model(path.stem, parse_yaml(path.read_text()), path, make_markdown(), Problems())
    assert model is not None
    pairs = [(s.name, s.statement) for s in stages_of(model.data)]
    assert [n for n, _ in pairs] == [
        "Interesse",
        "Bevissthet",
        "Forståelse",
        "Engasjement",
        "Aksept",
        "Forpliktelse",
        "Internalisering",
    ]
    assert pairs[0] == ("Interesse", "Jeg vet at noe nytt er på gang")
    assert pairs[-1] == ("Internalisering", "Dette gjelder for meg")
    assert [p.name for p in model.data.phases] == ["Bevissthet", "Aksept", "Eierskap"]


# --- geometry ---------------------------------------------------------------------


@pytest.mark.parametrize("n", COUNTS)
@pytest.mark.parametrize("kind", KINDS)
def test_no_label_overlaps_or_leaves_the_view(kind: str, n: int) -> None:
    layout = layout_figure(make(kind, n).data, words()["fig_time"])
    labels = layout.labels
    for i, a in enumerate(labels):
        assert a.box.within(layout.view), f"{a.lines} leaves the view box"
        assert a.box.w > 0 and a.box.h > 0
        for b in labels[i + 1 :]:
            assert not a.box.overlaps(b.box), f"{a.lines} overlaps {b.lines}"


@pytest.mark.parametrize("n", COUNTS)
@pytest.mark.parametrize("kind", KINDS)
def test_every_text_has_enough_contrast_on_what_is_really_under_it(kind: str, n: int) -> None:
    layout = layout_figure(make(kind, n).data, words()["fig_time"])
    for item in layout.labels:
        cx, cy = item.box.x + item.box.w / 2, item.box.y + item.box.h / 2
        assert fill_under(layout, cx, cy) == item.background, item.lines
        assert contrast(item.colour, item.background) >= 4.5, item.lines


def fill_under(layout: Layout, x: float, y: float) -> str:
    """The fill of the topmost filled shape at (x, y); white if none."""
    found = WHITE
    for s in layout.shapes:
        c = s.coords
        if s.fill == "none":
            continue
        if s.kind == "rect":
            inside = c[0] <= x <= c[0] + c[2] and c[1] <= y <= c[1] + c[3]
        elif s.kind == "circle":
            inside = (x - c[0]) ** 2 + (y - c[1]) ** 2 <= c[2] ** 2
        else:
            xs, ys = c[0::2], c[1::2]
            inside = min(xs) <= x <= max(xs) and min(ys) <= y <= max(ys)
        if inside:
            found = s.fill
    return found


@pytest.mark.parametrize("n", COUNTS)
def test_staircase_rises_left_to_right(n: int) -> None:
    layout = layout_figure(make("staircase", n).data, words()["fig_time"])
    stages = sorted((t for t in layout.labels if t.role == "stage"), key=lambda t: t.index)
    assert [t.index for t in stages] == list(range(n))
    for lower, higher in itertools.pairwise(stages):
        assert higher.box.bottom <= lower.box.y, "each stage sits above the one before"
        assert higher.box.x > lower.box.x, "each stage starts further right"
    steps = [s for s in layout.shapes if s.role == "stage"]
    assert len(steps) == n
    assert all(b.coords[1] < a.coords[1] and b.coords[0] > a.coords[0] for a, b in itertools.pairwise(steps))


def test_contrast_is_computed_as_wcag_says() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


# --- SVG and the text alternative -----------------------------------------------------


@pytest.mark.parametrize("n", COUNTS)
@pytest.mark.parametrize("kind", KINDS)
def test_svg_and_text_alternative_list_every_stage_in_order(kind: str, n: int) -> None:
    model = make(kind, n)
    html = figure_html(model, words=words("nb"))
    svg = svg_of(html)
    expected = [e.name for e in entries(model.data)]
    shown = texts(svg, "phase" if kind == "phases" else "stage")
    if kind == "timeline":
        expected = [e.split(" (")[0] for e in expected]
    assert shown == expected
    assert svg.get("role") == "img"
    assert svg.find(f"{SVG}title").get("id") == svg.get("aria-labelledby")
    assert svg.get("viewBox").startswith("0 0 ") and svg.get("width") == "100%"
    listed = [" ".join(s.itertext()) for s in alternative(html).iter("strong")]
    if kind == "timeline":
        listed = [e.split(" (")[0] for e in listed]
    assert listed == expected


def test_staircase_alternative_nests_stages_in_their_phases() -> None:
    model = make("staircase", 8)
    alt = alternative(figure_html(model, words=words("nb")))
    phases = alt.find("ol").findall("li")
    assert len(phases) == 3
    counts = [len(p.find("ol").findall("li")) for p in phases]
    assert counts == [len(p.stages) for p in model.data.phases]
    assert "Fase" in "".join(phases[0].itertext())


def test_ids_are_unique_per_figure_and_words_follow_the_language() -> None:
    model = make("cycle", 5, key="sirkel")
    page = figure_html(model, words=words("en"), figure_id="a") + figure_html(model, words=words("en"), figure_id="b")
    ids = re.findall(r'\sid="([^"]+)"', page)
    assert len(ids) == len(set(ids)) >= 4
    assert '<title id="a-title">Figure: Modell</title>' in page
    assert "The figure as text" in page
    assert "<figcaption>" not in figure_html(model, words=words("nb"), caption=False)


def test_hostile_text_is_escaped_everywhere() -> None:
    evil = "<script>alert(\"x\")</script> & {{ 7*7 }} 'q'"
    model, problems = parse(model_yaml("staircase", 3, title=evil).replace(quote(name(0)), quote(evil)))
    assert model is not None and not problems
    for html in (figure_html(model, words=words("nb")), stage_check_table(model, "nb")):
        assert "<script" not in html and "{{" not in html and "}}" not in html
    html = figure_html(model, words=words("nb"))
    svg = svg_of(html)
    assert svg.find(f"{SVG}title").text == f"Figur: {evil}"
    assert texts(svg, "stage")[0] == evil
    assert evil in "".join(alternative(html).itertext())
    assert evil in "".join(ET.fromstring(re.search(r"<figcaption>.*</figcaption>", html).group(0)).itertext())


# --- parse errors -------------------------------------------------------------------


def test_unknown_keys_get_did_you_mean_with_their_lines() -> None:
    text = model_yaml("staircase", 3).replace("phases:", "phases:", 1).replace("    stages:", "    stagse:", 1)
    text = text.replace("kind: staircase", "kind: staircase\ndescriptoin: hei")
    _, problems = parse(text)
    messages = [str(p) for p in problems.items]
    lines = text.splitlines()
    typo = next(i for i, line in enumerate(lines, 1) if "stagse" in line)
    assert any(
        m.startswith(f"content/models/m.yaml:{typo}: unknown key 'stagse'") and "did you mean 'stages'" in m
        for m in messages
    ), messages
    assert any(":3: unknown key 'descriptoin'" in m and "'description'" in m for m in messages), messages
    phase_line = typo - 1
    assert any(m.startswith(f"content/models/m.yaml:{phase_line}: a phase is missing 'stages'") for m in messages), (
        messages
    )


def test_wrong_kind_and_empty_lists_are_reported_in_one_pass() -> None:
    _, problems = parse("title: T\nkind: stair\nphases: []\n")
    assert any("did you mean 'staircase'" in str(p) for p in problems.items)
    model, problems = parse("title: T\nkind: cycle\nsteps: [A, B]\ncentre: x\nphases: []\n")
    messages = [str(p) for p in problems.items]
    assert model is None
    assert any(":3: 'steps' has 2 item(s), fewer than 3" in m for m in messages), messages
    assert any(":5: unknown key 'phases'" in m for m in messages), messages
    model, problems = parse("kind: columns\ncolumns:\n  - items: [x]\n  - 42\n")
    messages = [str(p) for p in problems.items]
    assert any(":1: the model is missing 'title'" in m for m in messages), messages
    assert any(":3: a column is missing 'name'" in m for m in messages), messages
    assert any(":4: a column should be a mapping" in m for m in messages), messages


def test_not_a_mapping_is_one_problem_not_a_crash() -> None:
    for text in ("- a\n- b\n", "just text\n", "kind: [1]\n"):
        model, problems = parse(text)
        assert model is None and problems


# --- worksheet ------------------------------------------------------------------------


class _Inputs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.radios: list[dict[str, str]] = []
        self.labels: list[str] = []
        self.row_headers = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "input":
            self.radios.append(a)
        elif tag == "label":
            self.labels.append(a["for"])
        elif tag == "th" and a.get("scope") == "row":
            self.row_headers += 1


@pytest.mark.parametrize("kind", KINDS)
def test_stage_check_has_a_labelled_radio_group_per_stage(kind: str) -> None:
    model = make(kind, 8, key="k")
    count = len(entries(model.data))
    found = _Inputs()
    found.feed(stage_check_table(model, "nb", scale=4))
    assert found.row_headers == count
    assert len(found.radios) == 4 * count
    assert all(r["type"] == "radio" for r in found.radios)
    assert len({r["name"] for r in found.radios}) == count
    assert sorted(found.labels) == sorted(r["id"] for r in found.radios)
    assert len(set(found.labels)) == len(found.labels)
    other = _Inputs()
    other.feed(stage_check_table(make(kind, 8, key="other"), "nb"))
    assert not {r["name"] for r in other.radios} & {r["name"] for r in found.radios}


def test_stage_check_groups_staircase_rows_by_phase() -> None:
    html = stage_check_table(make("staircase", 8), "nn")
    assert html.count('scope="rowgroup"') == 3
    assert f'<th scope="row">{name(0)}</th>' in html
    assert "Kvar står prosjektet?" in html
    with pytest.raises(ValueError):
        stage_check_table(make("staircase", 3), "nb", scale=1)


def test_a_missing_figure_word_fails_never_falls_back() -> None:
    """The figures read the theme's words through the page's Strings: no word of their own."""
    from generator.render.strings import MissingString, Strings

    model = make("staircase", 3)
    table = dict(words("en").table)
    del table["fig_as_text"]
    with pytest.raises(MissingString, match="fig_as_text"):
        figure_html(model, words=Strings("en", table))
    assert "The figure as text" in figure_html(model, words=words("en"))
