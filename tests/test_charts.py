"""Result charts: SVG geometry, text alternatives, black-and-white legibility."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from generator.domain.answers import Item
from generator.domain.results import Distribution, MatrixResult, PlacedRisk, RiskSpread
from generator.render.figures.charts import distribution_chart, group_letters, matrix_chart

NS = {"s": "http://www.w3.org/2000/svg"}


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def test_a_distribution_has_one_bar_per_chosen_value_in_proportion_with_its_count_and_value_written() -> None:
    dist = Distribution((1, 2, 3, 4, 5), (1, 0, 4, 2, 0))
    chart = distribution_chart(dist, fid="d1", title="Manglende <engasjement>", desc="n = 7, median 3")
    root = parse(chart.svg)
    assert root.get("role") == "img" and root.get("aria-labelledby") == "d1-title d1-desc"
    assert root.find("s:title", NS).text == "Manglende <engasjement>"  # escaped in the SVG, whole when read
    assert root.find("s:desc", NS).text == "n = 7, median 3"
    bars = root.findall("s:rect[@class='samling-chart-bar']", NS)
    assert [(b.get("data-value"), b.get("data-count")) for b in bars] == [("1", "1"), ("3", "4"), ("4", "2")]
    heights = [float(b.get("height")) for b in bars]
    assert heights[1] == 4 * heights[0] == 2 * heights[2]
    bottoms = {float(b.get("y")) + float(b.get("height")) for b in bars}
    assert len(bottoms) == 1  # every bar stands on the axis
    counts = [t.text for t in root.findall("s:text[@class='samling-chart-count']", NS)]
    values = [t.text for t in root.findall("s:text[@class='samling-chart-value']", NS)]
    assert counts == ["1", "0", "4", "2", "0"] and values == ["1", "2", "3", "4", "5"]  # labels, not colour
    w, h = (float(v) for v in root.get("viewBox").split()[2:])
    for el in root.iter():
        for attr in ("x", "y"):
            if el.get(attr) is not None:
                assert 0 <= float(el.get(attr)) <= (w if attr == "x" else h)
    assert chart.table.columns == ("value", "count") and chart.table.rows[2] == ("3", "4")
    assert w / h > 1 and w < 700  # fits an A4 page's width at print scale


def test_an_empty_distribution_draws_no_bar_and_no_division_by_zero() -> None:
    root = parse(distribution_chart(Distribution((1, 2), (0, 0)), fid="e", title="t", desc="d").svg)
    assert root.findall("s:rect[@class='samling-chart-bar']", NS) == []


def matrix_result() -> MatrixResult:
    groups = (
        ("Hamar kommune – Gruppe 1", (PlacedRisk("1", 2, 2), PlacedRisk("Dårlig forankring", 1, 2))),
        ("Løten kommune", (PlacedRisk("1", 2, 2), PlacedRisk("", 1, 1))),
    )
    spreads = (RiskSpread("1", ((2, 2, 2),)), RiskSpread("Dårlig forankring", ((1, 2, 1),)))
    return MatrixResult(Item("ros", "matrix", "ROS", "ros", rows=2, columns=2), groups, spreads, (), 2)


def test_the_matrix_puts_every_marker_in_its_cell_named_by_group_letter_and_risk_with_a_legend() -> None:
    chart = matrix_chart(
        matrix_result(),
        fid="m",
        title="ROS",
        desc="2 grupper",
        probability_labels=("Liten", "Stor"),
        consequence_labels=("Liten", "Stor"),
        probability_title="Sannsynlighet",
        consequence_title="Konsekvens",
    )
    root = parse(chart.svg)
    cells = {
        (c.get("data-probability"), c.get("data-consequence")): c
        for c in root.findall("s:rect[@class='samling-chart-cell']", NS)
    }
    assert len(cells) == 4
    top_row = {float(c.get("y")) for k, c in cells.items() if k[0] == "2"}
    assert top_row == {min(float(c.get("y")) for c in cells.values())}  # the highest probability on top
    chips = {}
    for g in root.findall("s:g[@class='samling-chart-marker']", NS):
        box = g.find("s:rect", NS)
        x, y = float(box.get("x")), float(box.get("y"))
        inside = [
            k
            for k, c in cells.items()
            if float(c.get("x")) <= x
            and x + float(box.get("width")) <= float(c.get("x")) + float(c.get("width"))
            and float(c.get("y")) <= y
            and y + float(box.get("height")) <= float(c.get("y")) + float(c.get("height"))
        ]
        chips.setdefault(inside[0], []).append(g.find("s:text", NS).text)
    assert chips == {("2", "2"): ["A1", "B1"], ("1", "2"): ["Ar1"], ("1", "1"): ["B"]}
    legend = [t.text for t in root.findall("s:text[@class='samling-chart-legend']", NS)]
    assert legend == ["A: Hamar kommune – Gruppe 1", "B: Løten kommune", "r1: Dårlig forankring"]
    assert chart.table.rows[1] == ("A", "Hamar kommune – Gruppe 1", "Dårlig forankring", "1", "2")
    w = float(root.get("viewBox").split()[2])
    assert all(0 <= float(t.get("x")) <= w for t in root.iter(f"{{{NS['s']}}}text"))


def test_group_letters_run_past_z() -> None:
    letters = group_letters(28)
    assert letters[:3] == ("A", "B", "C") and letters[25:] == ("Z", "AA", "AB")
