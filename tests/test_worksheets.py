"""Worksheets: matrix scores and zones, reading blocks (and their problems), rendering each block."""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser
from pathlib import Path
from textwrap import dedent

import pytest

from generator.core.errors import Problems
from generator.core.model import Day, Gathering, Grid, Matrix, Question, Scale, Session, Worksheet
from generator.domain import risk_matrix as wm
from generator.load.documents import Document
from generator.load.yamlfile import parse_yaml
from generator.render import Strings
from generator.render.pages import worksheets_in_programme_order
from generator.render.theme import load_theme
from generator.validate.markdown import make_markdown
from generator.validate.worksheets import worksheet

# --- the matrix: scores, zones, presets -------------------------------------------------


def test_each_cell_scores_probability_times_consequence_highest_probability_on_top() -> None:
    m = wm.build_matrix(
        "m", probability=("a", "b", "c"), consequence=("x", "y"), titles=("Sannsynlighet", "Konsekvens")
    )
    assert [[(c.probability, c.consequence, c.score) for c in row] for row in m.rows] == [
        [(3, 1, 3), (3, 2, 6)],
        [(2, 1, 2), (2, 2, 4)],
        [(1, 1, 1), (1, 2, 2)],
    ]
    assert m.rows[0][1].label == "Sannsynlighet 3, konsekvens 2"


def test_zones_are_data_each_cell_falls_in_the_first_zone_that_reaches_its_score() -> None:
    zones = wm.make_zones([("Akseptabel", 4, ""), ("Vurder tiltak", 10, ""), ("Tiltak nødvendig", 25, "!")])
    assert [(z.lowest, z.up_to, z.level, z.short) for z in zones] == [(1, 4, 1, "A"), (5, 10, 2, "V"), (11, 25, 3, "!")]
    found = {n: wm.zone_for(n, zones).label for n in (1, 4, 5, 10, 12, 25)}
    assert found == {
        1: "Akseptabel",
        4: "Akseptabel",
        5: "Vurder tiltak",
        10: "Vurder tiltak",
        12: "Tiltak nødvendig",
        25: "Tiltak nødvendig",
    }
    assert wm.zone_for(26, zones) is None


def test_the_dsb_preset_is_five_by_five_its_zones_cover_every_score_and_its_words_are_the_themes() -> None:
    p = wm.preset("dsb-5")
    assert p is not None and (p.probability, p.consequence) == (5, 5)
    assert wm.zone_problems(list(p.zones), 5, 5) == []
    assert wm.preset("nope") is None
    theme = load_theme("default", Path("content"), Problems(), Path("site.yaml"))
    for lang in ("nb", "nn", "en"):
        for axis, n in (("probability", 5), ("consequence", 5), ("zone", 3)):
            assert all(theme.strings[lang][f"{p.words}_{axis}_{i}"] for i in range(1, n + 1))
    assert theme.strings["nb"][f"{p.words}_consequence_5"] == "Katastrofal"


@pytest.mark.parametrize(
    ("thresholds", "words"),
    [
        ([1, 2, 4], None),
        ([2, 2, 4], "must grow"),
        ([1, 2, 3], "have no zone"),
        ([0, 4], "outside the scores 1–4"),
        ([1, 2, 5], "outside the scores 1–4"),
        ([1, 2, 3, 4, 4, 4], "at most 5"),
    ],
)
def test_zone_thresholds_out_of_range_are_named(thresholds: list[int], words: str | None) -> None:
    found = wm.zone_problems(thresholds, 2, 2)
    if words is None:
        assert found == []
    else:
        assert any(words in f for f in found), found


# --- reading worksheet files ----------------------------------------------------------------


def read(text: str, lang: str = "nb") -> tuple[Worksheet | None, Problems]:
    problems = Problems()
    path = Path("content/g/worksheets/ark.yaml")
    doc = Document(path, parse_yaml(dedent(text)))
    return worksheet(doc, frozenset({"okt"}), make_markdown(), problems, lang=lang), problems


def lines_of(problems: Problems) -> list[tuple[int, str]]:
    return [(p.line, p.message) for p in problems.items]


def test_the_seed_risk_form_reads_as_a_scale_with_end_labels_and_comments() -> None:
    sheet, problems = read(
        """
        title: Hvor ligger den største risiko?
        blocks:
          - type: scale
            items: [Manglende engasjement, Annet]
            low: Liten risiko
            high: Stor risiko
            comment: true
        """
    )
    assert not problems, problems.items
    (scale,) = sheet.blocks
    assert isinstance(scale, Scale)
    assert (scale.items, list(scale.values), scale.low_label, scale.high_label, scale.comment) == (
        ("Manglende engasjement", "Annet"),
        list(range(1, 11)),
        "Liten risiko",
        "Stor risiko",
        True,
    )


def test_a_preset_matrix_gets_labels_zones_and_axis_titles_in_the_gatherings_language() -> None:
    sheet, problems = read("title: ROS\nblocks:\n  - type: matrix\n    preset: dsb-5\n", lang="nn")
    assert not problems
    (written,) = sheet.blocks
    assert isinstance(written, Matrix)
    assert (written.probability_title, written.preset_words) == ("", "rm_dsb5")  # no word in the model
    theme = load_theme("default", Path("content"), Problems(), Path("site.yaml"))
    m = wm.worded(written, Strings("nn", theme.strings["nn"]))
    assert (m.probability_title, len(m.rows), len(m.rows[0]), len(m.zones)) == ("Sannsyn", 5, 5, 3)
    assert m.rows[0][4].score == 25 and m.rows[0][4].zone.label == "Tiltak naudsynt"


def test_markers_land_in_their_cells() -> None:
    sheet, problems = read(
        """
        title: ROS
        blocks:
          - type: matrix
            probability: 3
            consequence: [Liten, Middels, Stor]
            markers:
              - {number: 1, probability: 3, consequence: 1, text: Manglende engasjement}
        """
    )
    assert not problems
    (m,) = sheet.blocks
    assert m.probability_labels == ("1", "2", "3")
    assert [mk.number for mk in m.rows[0][0].markers] == [1]
    assert all(not c.markers for row in m.rows for c in row if (c.probability, c.consequence) != (3, 1))


def test_markers_without_a_place_are_listed_for_the_group_to_place() -> None:
    text = """
        title: ROS
        blocks:
          - type: matrix
            preset: dsb-5
            markers:
              - {number: 1, text: Manglende engasjement}
              - {number: 2, probability: 2, consequence: 5, text: Dårleg forankring}
              - {number: 3, text: Uklar rollefordeling}
        """
    sheet, problems = read(text, lang="nn")
    assert not problems, problems.items
    (m,) = sheet.blocks
    assert [k.number for k in m.markers_to_place] == [1, 3] and [k.number for k in m.placed_markers] == [2]
    assert sum(len(c.markers) for row in m.rows for c in row) == 1
    f = render_block(m, "nn")
    shown = " ".join("".join(f.text).split())
    assert "Risikoar å plassere" in shown and "Uklar rollefordeling" in shown
    assert "Manglende engasjement</span></li>" in shown  # listed without a place
    _, problems = read(text.replace("{number: 3,", "{number: 3, consequence: 2,"))
    assert lines_of(problems) == [(9, "marker 3 has a consequence but no probability")]


BAD = """\
title: Dårlig ark
blocks:
  - type: qestion
    text: Hva?
  - type: matrix
    probability: [Liten]
    consequence: [Liten, Stor]
  - type: matrix
    probability: [Liten, Stor]
    consequence: [Liten, Stor]
    zones:
      - {label: Lav, up_to: 2}
      - {label: Høy, up_to: 9}
  - type: matrix
    probability: 2
    consequence: 2
    markers:
      - {number: 1, probability: 3, consequence: 1}
      - {number: 1, probability: 1, consequence: 1}
      - {number: 1, probability: 2, consequence: 1}
  - type: scale
    items: [A]
    from: 5
    to: 3
  - type: grid
    rows: [A]
  - type: model
    name: finnes-ikke
  - type: question
    text: Hvor mye?
    lines: 400
  - type: matrix
    probability: [A, B]
"""


def test_bad_blocks_give_one_problem_each_at_their_own_line_with_a_hint() -> None:
    sheet, problems = read(BAD)
    found = lines_of(problems)
    expected = [
        (3, "no known `type:`"),
        (6, "'probability' has 1 of them; use 2 to 10 categories"),
        (11, "outside the scores 1–4"),
        (18, "outside the 2 × 2 matrix"),
        (20, "marker number 1 is used twice"),
        (24, "the scale 5–3"),
        (25, "a grid block is missing 'columns'"),
        (28, "the model 'finnes-ikke' does not exist"),
        (31, "'lines' should be a whole number from 1 to 40"),
        (32, "no `consequence:` categories"),
    ]
    for line, words in expected:
        assert any(at == line and words in message for at, message in found), (line, words, found)
    assert all(p.hint for p in problems.items)
    assert "did you mean 'question'?" in next(p.hint for p in problems.items if p.line == 3)
    assert sheet is not None and [b.kind for b in sheet.blocks] == ["question"]  # only the one that makes sense


def test_every_wrong_marker_is_reported_not_only_the_first() -> None:
    _, problems = read(BAD)
    assert [p.line for p in problems.items if "marker" in p.message] == [18, 20]


# --- the order a printed stack comes in --------------------------------------------------------


def test_programme_order_follows_the_first_session_that_uses_each_worksheet() -> None:
    def session(key: str, start: int, sheets: tuple[str, ...]) -> Session:
        return Session(key, key, "plenary", start, start + 30, True, 30, worksheets=sheets)

    sheets = tuple(Worksheet(k, k, ()) for k in ("a", "b", "c", "unused"))
    later = Worksheet("late", "late", (), sessions=("s2",))
    day = Day(1, dt.date(2013, 3, 11), 0, 120, (session("s1", 0, ("c", "a")), session("s2", 30, ("b", "a"))))
    g = Gathering("g", "G", (day,), worksheets=(*sheets, later))
    assert [w.key for w in worksheets_in_programme_order(g)] == ["c", "a", "b", "late", "unused"]


# --- rendering each block ----------------------------------------------------------------------


class Fields(HTMLParser):
    """Collect the inputs, the labels and the text of a rendered fragment."""

    def __init__(self) -> None:
        super().__init__()
        self.inputs: list[dict[str, str]] = []
        self.labels: dict[str, str] = {}
        self.text: list[str] = []
        self._label: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag in ("input", "textarea"):
            self.inputs.append({"tag": tag, **a})
        if tag == "label":
            self._label = a.get("for", "")
            self.labels[self._label] = ""
        self.text.append(f"<{tag} {a.get('class', '')}>")

    def handle_endtag(self, tag: str) -> None:
        if tag == "label":
            self._label = None
        self.text.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        if self._label is not None:
            self.labels[self._label] += data
        self.text.append(data)


def render_block(block: object, lang: str = "nb") -> Fields:
    theme = load_theme("default", Path("content"), Problems(), Path("site.yaml"))
    env = theme.environment()
    kind = type(block).kind  # type: ignore[attr-defined]
    html = env.get_template(f"partials/worksheet_{kind}.html").render(
        block=block, t=Strings(lang, theme.strings[lang]), embed=lambda h: h
    )
    parsed = Fields()
    parsed.feed(html)
    for field in parsed.inputs:
        assert field["id"] in parsed.labels, f"{field['id']} has no <label for>"
    return parsed


def test_a_scale_is_a_radio_group_per_item_with_a_named_label_for_every_value() -> None:
    scale = Scale("rs-1", ("Manglende engasjement", "Annet"), 1, 10, "Liten risiko", "Stor risiko", comment=True)
    f = render_block(scale)
    radios = [i for i in f.inputs if i.get("type") == "radio"]
    assert len(radios) == 20 and len({r["name"] for r in radios}) == 2
    assert f.labels["rs-1-1-1"].strip() == "Manglende engasjement: 1 (Liten risiko)"
    assert f.labels["rs-1-2-10"].strip() == "Annet: 10 (Stor risiko)"
    comments = [i for i in f.inputs if i["id"].endswith("-comment")]
    assert [f.labels[c["id"]] for c in comments] == ["Kommentar – Manglende engasjement", "Kommentar – Annet"]
    text = "".join(f.text)
    assert "Liten risiko" in text and "Stor risiko" in text


def test_a_scale_may_label_every_value_and_each_label_names_its_radio() -> None:
    text = """
        title: Evaluering
        blocks:
          - type: scale
            from: 1
            to: 5
            labels: [Svært dårleg, Dårleg, Middels, Bra, Svært bra]
            items: [Innhaldet]
        """
    sheet, problems = read(text, lang="nn")
    assert not problems, problems.items
    (scale,) = sheet.blocks
    assert isinstance(scale, Scale)
    assert scale.value_labels[2] == "Middels" and (scale.low_label, scale.high_label) == ("Svært dårleg", "Svært bra")
    f = render_block(scale, "nn")
    assert f.labels["ark-1-1-3"].strip() == "Innhaldet: 3 (Middels)"
    shown = "".join(f.text)
    assert shown.count("Middels") == 2 and "<tr ws-scale-ends>" not in shown  # under the 3, and named on its radio
    _, problems = read(text.replace("Bra, Svært bra", "Svært bra"), lang="nn")
    assert lines_of(problems) == [(7, "the scale 1–5 has 5 values but 4 labels")]


def test_a_matrix_cell_is_a_checkbox_named_by_its_place_and_shows_score_and_zone_letter() -> None:
    zones = wm.make_zones([("Akseptabel", 1, ""), ("Vurder tiltak", 2, ""), ("Tiltak nødvendig", 4, "")])
    m = wm.build_matrix(
        "ros-1",
        probability=("Liten", "Stor"),
        consequence=("Liten", "Stor"),
        titles=("Sannsynlighet", "Konsekvens"),
        zones=zones,
    )
    f = render_block(m)
    boxes = [i for i in f.inputs if i.get("type") == "checkbox"]
    assert len(boxes) == 4
    assert f.labels["ros-1-2-1"].strip().startswith("Sannsynlighet 2, konsekvens 1, vurder tiltak")
    text = "".join(f.text)
    # Never colour alone: every zoned cell prints its score and the zone's letter.
    for score, letter in (("4", "T"), ("2", "V"), ("1", "A")):
        assert re.search(rf"<span ws-chip>{score} {letter}</span>", text), (score, letter)
    assert re.findall(r"<td ws-cell ws-zone-(\d)>", text) == ["2", "3", "1", "2"]  # top row: Stor sannsynlighet


def test_a_grid_is_a_labelled_text_area_per_cell() -> None:
    g = Grid("tl-1", ("Mars 2013", "Mars 2015", "Mars 2017"), ("Hva er omdømmet?", "Hva er ønsket omdømme?"))
    f = render_block(g)
    assert len(f.inputs) == 6 and {i["tag"] for i in f.inputs} == {"textarea"}
    assert f.labels["tl-1-3-2"] == "Mars 2017 – Hva er ønsket omdømme?"


def test_a_question_gives_room_for_its_lines_or_its_box() -> None:
    lines = render_block(Question("q-1", "Hva er milepæler?", lines=5))
    assert lines.inputs[0]["style"] == "height: 46mm" and "ws-lines" in lines.inputs[0]["class"]
    box = render_block(Question("q-2", "Tegn", box_height_mm=80))
    assert box.inputs[0]["style"] == "height: 80mm" and "ws-box" in box.inputs[0]["class"]


def test_the_all_worksheets_page_is_for_printing_only(built_site: Path) -> None:
    """Nothing there would keep what is written: every field sits in a disabled fieldset, and each
    sheet links to its own page, which keeps answers."""
    html = (built_site / "nettverk-omdomme-2013-03" / "worksheets.html").read_text("utf-8")
    main = html[html.index("<main") : html.index("</main>")]
    outside = re.sub(r'(?s)<fieldset class="ws-stack-sheet" disabled>.*?</article>\s*</fieldset>', "", main)
    assert "<article" in main and "<article" not in outside and "<input" not in outside
    assert 'href="worksheets/ros-matrise-5x5.html"' in html
