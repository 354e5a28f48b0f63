"""Results from answers: counts, medians, markers and spreads, and what may be published."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from generator.commands.build import check
from generator.core.errors import Problems
from generator.core.model import Gathering, Source, Worksheet
from generator.domain import answers as a
from generator.domain.results import Distribution, publishable, results
from generator.validate.answers import read_responses

ROOT = Path(__file__).resolve().parents[1]
GATHERING = "nettverk-omdomme-2013-03"
ENGASJEMENT = "risikofaktor/manglende-engasjement"


@pytest.fixture(scope="module")
def example() -> tuple[Gathering, tuple[a.Response, ...]]:
    g = check(ROOT / "content").gatherings[0]
    problems = Problems(ROOT / "content")
    found = read_responses(ROOT / "content" / GATHERING, g, problems)
    assert not problems
    return g, found


def sheet(g: Gathering, key: str) -> Worksheet:
    return next(w for w in g.worksheets if w.key == key)


def test_a_scale_item_has_its_counts_median_and_n_also_by_organisation(example: tuple) -> None:
    g, found = example
    risk = results(sheet(g, "risikoskjema"), found)
    assert risk.n == 6 and len(risk.ratings) == 10 and not risk.texts
    engasjement = risk.ratings[0]
    assert engasjement.item.id == ENGASJEMENT
    # Hamar 7, Ringsaker 6, Løten 8, Stange 5, Elverum 7, Gjøvik 4
    assert engasjement.overall.counts == (0, 0, 0, 1, 1, 1, 2, 1, 0, 0)
    assert engasjement.overall.n == 6 and engasjement.overall.median == 6.5
    assert [(s.label, s.distribution.n, s.distribution.median) for s in engasjement.by_organisation][:2] == [
        ("Elverum kommune", 1, 7),
        ("Gjøvik kommune", 1, 4),
    ]
    assert [c.organisation for c in engasjement.comments] == ["Hamar kommune"]
    annet = risk.ratings[-1]
    assert annet.overall.n == 2 and annet.overall.median == 3  # Løten 2, Gjøvik 4; the others left it


def test_the_matrix_has_every_groups_markers_and_each_risks_spread(example: tuple) -> None:
    g, found = example
    ros = results(sheet(g, "ros-matrise"), found)
    matrix = ros.matrices[0]
    assert matrix.n == 6 and len(matrix.groups) == 6
    assert (
        matrix.groups[2][0],
        tuple((m.risk, m.probability, m.consequence) for m in matrix.groups[2][1]),
    ) == ("Hamar kommune – Gruppe 1", ((("1", 2, 2), ("2", 1, 2), ("3", 2, 1))))
    one = matrix.spreads[0]
    assert one.risk == "1" and one.cells == ((1, 2, 2), (2, 1, 1), (2, 2, 3)) and one.n == 6
    assert one.probability_range == (1, 2) and one.consequence_range == (1, 2)
    assert sum(n for _, _, n in matrix.cells) == 16
    plans = ros.texts[0].by("group")
    assert [(k, len(v)) for k, v in plans] == [("Gruppe 1", 2), ("Gruppe 2", 2), ("Gruppe 3", 2)]


def test_stage_checks_count_per_stage(example: tuple) -> None:
    g, _ = example
    forankring = sheet(g, "forankring")
    stage = forankring.blocks[0].item_ids[1]
    made = [
        a.Response(
            Source(Path(f"{n}.json")), "forankring", GATHERING, a.Header(organisation=o), (a.RatingAnswer(stage, v),)
        )
        for n, (o, v) in enumerate([("Hamar", 2), ("Løten", 2), ("Elverum", 4)])
    ]
    found = results(forankring, made)
    assert not found.ratings and [s.item.id for s in found.stages] == list(forankring.blocks[0].item_ids)
    assert found.stages[1].overall.counts == (0, 2, 0, 1, 0) and found.stages[0].overall.n == 0


def test_published_results_have_no_names_no_free_text_and_no_group_under_three(example: tuple) -> None:
    g, found = example
    risk = results(sheet(g, "risikoskjema"), found)
    public = publishable(risk)
    assert public.texts == () and all(r.comments == () for r in public.ratings)
    engasjement = public.ratings[0]
    assert engasjement.overall == risk.ratings[0].overall
    # Six municipalities of one answer each: merged into one share of six, no municipality named.
    assert [(s.label, s.merged, s.distribution.n) for s in engasjement.by_organisation] == [("", True, 6)]
    assert "risikofaktor/annet" not in [r.item.id for r in public.ratings]  # two answers only: left out
    names = {r.header.name for r in found} | {c.text for r in risk.ratings for c in r.comments}
    assert not any(name and name in repr(public) for name in names)

    ros = publishable(results(sheet(g, "ros-matrise"), found))
    assert ros.texts == () and ros.matrices[0].groups == ()
    assert [s.risk for s in ros.matrices[0].spreads] == ["1", "2", "3"]  # each placed by at least three
    assert "Hamar" not in repr(ros)


def test_a_worksheet_with_fewer_than_three_answers_publishes_nothing_but_its_count(example: tuple) -> None:
    g, found = example
    two = [r for r in found if r.worksheet == "risikoskjema"][:2]
    public = publishable(results(sheet(g, "risikoskjema"), two))
    assert public.n == 2 and public.ratings == public.texts == public.matrices == ()


def test_big_organisations_keep_their_own_share_and_small_ones_merge_only_when_three_together() -> None:
    from generator.domain.results import RatingResult, Share, _public_rating

    item = a.Item("s/x", "rating", "x", "s", 1, 3)

    def d(*counts: int) -> Distribution:
        return Distribution((1, 2, 3), counts)

    shares = (Share("A", d(1, 2, 0)), Share("B", d(1, 0, 0)), Share("C", d(0, 1, 0)))
    made = _public_rating(RatingResult(item, d(2, 3, 0), shares), 3)
    assert made is not None and [(s.label, s.distribution.counts) for s in made.by_organisation] == [("A", (1, 2, 0))]
    more = dataclasses.replace(shares[2], distribution=d(0, 1, 1))
    made = _public_rating(RatingResult(item, d(2, 3, 1), (*shares[:2], more)), 3)
    assert made is not None
    assert [(s.label, s.merged, s.distribution.counts) for s in made.by_organisation] == [
        ("A", False, (1, 2, 0)),
        ("", True, (1, 1, 1)),
    ]
