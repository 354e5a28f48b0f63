"""Individual answers are private: tested like a security property.

With `publish_results: false` nothing of the answers files reaches any file but the facilitator
section's: every other file is byte for byte what the build makes with no answers at all. With
`true`, the one file that changes is the participants' summary, and it holds only counts: no name,
no group, no free text, no organisation with fewer than three answers.
"""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path

from generator.commands.build import build, check
from generator.core.model.answers import RatingAnswer, TextAnswer
from generator.write.staging import MARKER

GATHERING = "nettverk-omdomme-2013-03"
FACILITATOR_VIEWS = re.compile(r"(^|/)fasilitator/|/decks/[^/]+-(presenter|notes)\.html$")


def participant_files(out: Path) -> dict[str, bytes]:
    """Every file of the output a participant may be given: all but the facilitator section's."""
    return {
        p.relative_to(out).as_posix(): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file() and p.name != MARKER and not FACILITATOR_VIEWS.search(p.relative_to(out).as_posix())
    }


def publish(content: Path, value: bool) -> None:
    yaml = content / GATHERING / "gathering.yaml"
    text = yaml.read_text("utf-8")
    assert "publish_results: true\n" in text
    yaml.write_text(text.replace("publish_results: true\n", f"publish_results: {str(value).lower()}\n"), "utf-8")


def built(content: Path, out: Path, with_answers: bool) -> dict[str, bytes]:
    if not with_answers:
        shutil.rmtree(content / GATHERING / "responses")
    build(content, out)
    return participant_files(out)


def secrets(content: Path) -> set[str]:
    """What the answers files say about who answered what."""
    found: set[str] = set()
    for g in check(content).gatherings:
        for r in g.responses:
            found |= {r.header.name, r.header.group}
            for a in r.answers:
                if isinstance(a, TextAnswer):
                    found.add(a.text)
                elif isinstance(a, RatingAnswer):
                    found.add(a.comment)
    return {s for s in found if len(s) >= 4}


def copies(tmp_path: Path, content: Path) -> tuple[Path, Path]:
    a, b = tmp_path / "with" / "content", tmp_path / "without" / "content"
    shutil.copytree(content, a)
    shutil.copytree(content, b)
    return a, b


def test_unpublished_answers_reach_no_participant_file(content_copy: Path, tmp_path: Path) -> None:
    publish(content_copy, False)
    with_answers, without = copies(tmp_path, content_copy)
    mine = built(with_answers, tmp_path / "out-with", with_answers=True)
    none = built(without, tmp_path / "out-without", with_answers=False)
    assert len(mine) > 40 and f"{GATHERING}/oppsummering.html" not in mine
    assert mine.keys() == none.keys()
    assert [p for p in mine if mine[p] != none[p]] == []
    # …while the facilitator's results page has them all.
    results = html.unescape((tmp_path / "out-with" / GATHERING / "fasilitator" / "resultater.html").read_text("utf-8"))
    told = secrets(with_answers)
    assert "Kari Nordmann" in told and all(s in results for s in told)


def test_published_answers_reach_participants_only_as_counts(content_copy: Path, tmp_path: Path) -> None:
    with_answers, without = copies(tmp_path, content_copy)
    mine = built(with_answers, tmp_path / "out-with", with_answers=True)
    none = built(without, tmp_path / "out-without", with_answers=False)
    summary = f"{GATHERING}/oppsummering.html"
    assert [p for p in mine if mine.get(p) != none.get(p)] == [summary]
    page = html.unescape(mine[summary].decode("utf-8"))
    told = secrets(with_answers)
    assert told and [s for s in told if s in page] == []
    # Each organisation answered once: none is named, they are counted together.
    assert not re.search(r"(Elverum|Gjøvik|Hamar|Løten|Ringsaker|Stange) kommune", page)
    assert "Øvrige samlet" in page
    assert "Annet" not in page  # rated by two: fewer than three answers are left out
