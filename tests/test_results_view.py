"""The results pages' data (generator/render/results.py): numbers in the page's language, the
network's earlier gatherings, and a summary that holds only what `publishable()` lets through."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from generator.commands.build import check
from generator.core.model import Gathering
from generator.core.model.answers import Summary, SummaryPick
from generator.render.results import earlier_in_network, number, results_page, summary_page
from generator.render.strings import Strings

ROOT = Path(__file__).resolve().parents[1]


class Echo(Strings):
    """The page's words as their keys, with the values they are given."""

    def __init__(self) -> None:
        super().__init__("nb", {})

    def __call__(self, key: str, **values: object) -> str:
        return key + "".join(f" {k}={v}" for k, v in sorted(values.items()))

    def __getitem__(self, key: str) -> str:
        return key


words = Echo()


@pytest.fixture(scope="module")
def gathering() -> Gathering:
    return check(ROOT / "content").gatherings[0]


def test_a_median_is_written_as_the_language_writes_it() -> None:
    assert (number(6.5, "nb"), number(6.5, "nn"), number(6.5, "en"), number(7, "nb"), number(None, "en")) == (
        "6,5",
        "6,5",
        "6.5",
        "7",
        "–",
    )


def test_only_earlier_gatherings_of_the_same_network_count(gathering: Gathering) -> None:
    later = dataclasses.replace(
        gathering, key="b", days=(dataclasses.replace(gathering.days[0], date=dt.date(2013, 9, 1)),)
    )
    other = dataclasses.replace(later, key="c", network="Et annet nettverk")
    assert earlier_in_network(later, (gathering, later, other)) == (gathering,)
    assert earlier_in_network(gathering, (gathering, later, other)) == ()
    assert earlier_in_network(dataclasses.replace(later, network=""), (gathering, later)) == ()


def test_the_summary_has_no_names_no_free_text_and_only_the_items_chosen(gathering: Gathering) -> None:
    g = dataclasses.replace(gathering, summary=Summary((SummaryPick("risikoskjema", ("risikofaktor/annet",)),)))
    view = summary_page(g, words, "nb")
    (sheet,) = view.sheets
    assert sheet.ratings == () and sheet.respondents == () and sheet.texts == ()  # "annet": rated by two
    g = dataclasses.replace(gathering, summary=Summary((SummaryPick("risikoskjema", ("risikofaktor",)),)))
    (sheet,) = summary_page(g, words, "nb").sheets
    assert len(sheet.ratings) == 9 and all(not r.comments for r in sheet.ratings)
    assert {s.label for r in sheet.ratings for s in r.shares} == {"res_others"}  # one answer each: merged


def test_the_facilitators_results_have_every_answer_and_who_gave_it(gathering: Gathering) -> None:
    sheets = {s.key: s for s in results_page(gathering, (), words, "nb")}
    assert sheets["risikoskjema"].n == 6 and len(sheets["risikoskjema"].respondents) == 6
    assert sheets["fokusomrader"].n == 0 and sheets["fokusomrader"].ratings == ()
    ros = sheets["ros-matrise"]
    assert ros.matrices[0].n == 6 and [s.risk for s in ros.matrices[0].spreads] == ["1", "2", "3"]
    stages = sheets["forankring"].stages  # a model's stages, rated 1–5 by four groups
    assert [(s.label, s.n, s.median) for s in stages] == [
        ("Bevissthet", 4, "4"),
        ("Aksept", 4, "3"),
        ("Eierskap", 4, "1,5"),
    ]
    evaluation = sheets["evaluering"]
    assert evaluation.glance[0].label == "Samlingen som helhet"
    assert {k for t in evaluation.texts for k, _ in t.groups} >= {"Hamar kommune"}
