"""Process goals and the next gathering have one source: programme.yaml for a gathering in the
programme, `summary:` in gathering.yaml for one in no programme; writing both is a problem."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.commands.build import build
from generator.core.errors import ContentError
from generator.core.model import Gathering, Network, Period, PlannedGathering, Programme
from generator.core.model.answers import NextGathering, Summary
from generator.render.agreed import agreed_at

GATHERING = "nettverk-omdomme-2013-03"


def _gathering(summary: Summary | None) -> Gathering:
    return Gathering(key="g1", title="G", days=(), summary=summary)


def _programme() -> Programme:
    series = (
        PlannedGathering(1, Period.months((2013, 3)), gathering="g1", process_goals=("Mål A",)),
        PlannedGathering(None, Period.months((2013, 5)), kind="theme_day", theme="temadag"),
        PlannedGathering(2, Period.months((2013, 8), (2013, 9)), theme="Status", place="Gardermoen"),
    )
    return Programme("p", "P", networks=(Network("n1", "N1", series=series),))


def test_a_gathering_in_the_programme_takes_them_from_its_series_passing_a_theme_day() -> None:
    agreed = agreed_at(_programme(), _gathering(Summary()), "nb")
    assert agreed.in_programme and agreed.process_goals == ("Mål A",)
    assert (agreed.next.theme, agreed.next.place) == ("Status", "Gardermoen")
    assert "2013" in agreed.next.time and "august" in agreed.next.time


def test_a_gathering_in_no_programme_takes_them_from_its_summary() -> None:
    written = Summary(process_goals=("Mål B",), next=NextGathering("T", "høsten", "Hamar"))
    for programme in (None, Programme("p", "P")):
        agreed = agreed_at(programme, _gathering(written), "nb")
        assert not agreed.in_programme
        assert agreed.process_goals == ("Mål B",) and agreed.next == NextGathering("T", "høsten", "Hamar")
    assert agreed_at(None, _gathering(None), "nb").process_goals == ()


def test_writing_them_in_gathering_yaml_too_is_a_problem_at_their_lines(content_copy: Path, tmp_path: Path) -> None:
    path = content_copy / GATHERING / "gathering.yaml"
    text = path.read_text("utf-8") + "  process_goals: [Presentasjon i plenum]\n  next: {theme: Status}\n"
    path.write_text(text, "utf-8")
    lines = text.splitlines()
    goals = next(i for i, line in enumerate(lines, 1) if line.startswith("  process_goals:"))
    with pytest.raises(ContentError) as caught:
        build(content_copy, tmp_path / "out")
    said = str(caught.value)
    assert re.search(rf"gathering\.yaml:{goals}: the process goals of a gathering in the programme", said), said
    assert f"gathering.yaml:{goals + 1}: the next gathering of a gathering in the programme" in said
    assert not (tmp_path / "out").exists()


def test_a_changed_programme_makes_the_summary_again_as_a_cold_build_would(content_copy: Path, tmp_path: Path) -> None:
    from generator.incremental.builder import Builder
    from tests.test_incremental import cold, tree

    out = tmp_path / "out" / "site"
    builder = Builder(content_copy, out)
    builder.build(None)
    programme = content_copy / "programme.yaml"
    text = programme.read_text("utf-8")
    programme.write_text(
        text.replace("omdømme\n        place: Gardermoen", "omdømme\n        place: Hamar").replace(
            "lagt dem fram", "vist dem"
        )
    )
    builder.build({programme})
    summary = (out / GATHERING / "oppsummering.html").read_text("utf-8")
    assert "Hamar" in summary and "vist dem i plenum" in summary
    assert tree(out) == cold(content_copy, tmp_path)
