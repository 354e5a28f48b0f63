"""Answers read back from files: stable ids, the fingerprint, and every wrong file named with its line."""

from __future__ import annotations

import dataclasses
import json
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.commands.build import check
from generator.core.errors import Problems
from generator.core.model import Gathering, Worksheet
from generator.domain import answers as a
from generator.validate.answers import read_responses

ROOT = Path(__file__).resolve().parents[1]
GATHERING = "nettverk-omdomme-2013-03"
ENGASJEMENT = "risikofaktor/manglende-engasjement"
SHOWN = f"content/{GATHERING}/responses"  # as problems name them


@pytest.fixture(scope="module")
def gathering() -> Gathering:
    return check(ROOT / "content").gatherings[0]


def sheet(g: Gathering, key: str) -> Worksheet:
    return next(w for w in g.worksheets if w.key == key)


def folder_with(tmp_path: Path, files: dict[str, str]) -> Path:
    folder = tmp_path / "content" / GATHERING
    (folder / "responses").mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / "responses" / name).write_text(text, encoding="utf-8")
    return folder


def read(tmp_path: Path, g: Gathering, files: dict[str, str]) -> tuple[tuple[a.Response, ...], list[str], list[str]]:
    problems, notices = Problems(tmp_path / "content"), []
    found = read_responses(folder_with(tmp_path, files), g, problems, notices)
    return found, [str(p) for p in sorted(problems.items)], notices


def answers_file(g: Gathering, key: str, answers: dict, **top: object) -> str:
    doc = {"samling": "answers", "version": 1, "worksheet": f"{g.key}/{key}", "fingerprint": sheet(g, key).fingerprint}
    return json.dumps({**doc, "header": {"organisation": "Hamar kommune"}, "answers": answers, **top}, indent=2)


def test_ids_come_from_words_not_places_so_a_reordered_sheet_keeps_its_ids_and_fingerprint(
    gathering: Gathering,
) -> None:
    risk = sheet(gathering, "risikoskjema")
    scale = risk.blocks[0]
    assert scale.item_ids[0] == ENGASJEMENT and scale.item_ids[-1] == "risikofaktor/annet"
    turned = dataclasses.replace(scale, items=scale.items[::-1], item_ids=())
    again = a.assign_ids([dataclasses.replace(turned, id="")])[0]
    assert dict(zip(again.items, again.item_ids, strict=True)) == dict(zip(scale.items, scale.item_ids, strict=True))
    assert a.fingerprint(a.items(Worksheet("x", "x", (again,)))) == risk.fingerprint


def test_the_fingerprint_changes_with_an_item_or_a_range_but_not_with_wording_under_an_id(gathering: Gathering) -> None:
    ros = sheet(gathering, "ros-matrise")  # its blocks have `id: ros` and `id: tiltak`
    question = ros.blocks[1]

    def print_of(*blocks: object) -> str:
        return a.fingerprint(a.items(Worksheet("x", "x", a.assign_ids(blocks))))

    assert print_of(ros.blocks[0], dataclasses.replace(question, text="Hva gjør dere nå?")) == ros.fingerprint
    assert print_of(ros.blocks[0]) != ros.fingerprint  # a question gone
    risk = sheet(gathering, "risikoskjema").blocks[0]
    fewer = dataclasses.replace(risk, items=risk.items[:-1], item_ids=risk.item_ids[:-1])
    assert print_of(dataclasses.replace(risk, high=5)) != print_of(risk) != print_of(fewer)


def test_two_items_of_the_same_words_get_their_own_ids() -> None:
    from generator.core.model import Question

    done = a.assign_ids([Question("k-1", "Hva nå?"), Question("k-2", "Hva nå?"), Question("k-3", "x", id="hva-na-2")])
    assert [b.id for b in done] == ["hva-na", "hva-na-3", "hva-na-2"]


def test_the_example_responses_are_all_read(gathering: Gathering) -> None:
    problems, notices = Problems(ROOT / "content"), []
    found = read_responses(ROOT / "content" / GATHERING, gathering, problems, notices)
    assert not problems and not notices
    assert (
        sorted(r.worksheet for r in found)
        == ["evaluering"] * 6 + ["forankring"] * 4 + ["risikoskjema"] * 6 + ["ros-matrise"] * 6
    )
    stange = next(r for r in found if r.source.path.suffix == ".yaml")  # typed from paper
    assert stange.header.organisation == "Stange kommune" and stange.header.date == "2013-03-12"
    assert stange.answer("risikofaktor/uenighet-i-gruppen") == a.RatingAnswer(
        "risikofaktor/uenighet-i-gruppen", 4, "Lite uenighet så langt"
    )


def test_every_kind_of_wrong_answer_is_named_with_file_and_line(tmp_path: Path, gathering: Gathering) -> None:
    risk = answers_file(gathering, "risikoskjema", {ENGASJEMENT: 11, "risikofaktor/engasjement": 3})
    ros = answers_file(gathering, "ros-matrise", {"ros": [{"risk": 1, "probability": 3, "consequence": 1}]})
    other = answers_file(gathering, "risikoskjema", {}).replace("/risikoskjema", "/risikoskjemaet")
    found, problems, _ = read(tmp_path, gathering, {"a.json": risk, "b.json": ros, "c.json": other})
    assert found == ()
    assert problems == [
        f"{SHOWN}/a.json:10: '{ENGASJEMENT}' has the rating 11, outside the scale 1–10 — "
        "write a whole number from 1 to 10",
        f"{SHOWN}/a.json:11: the worksheet 'risikoskjema' has no item 'risikofaktor/engasjement' — "
        f"did you mean '{ENGASJEMENT}'?",
        f"{SHOWN}/b.json:10: 'ros' has marker 1 at probability 3, consequence 1, outside the 2 × 2 "
        "matrix — use probability 1–2 and consequence 1–2",
        f"{SHOWN}/c.json:4: the gathering has no worksheet 'risikoskjemaet' — did you mean 'risikoskjema'?",
    ]


def test_a_file_for_a_changed_sheet_keeps_the_answers_that_still_fit_with_a_notice(
    tmp_path: Path, gathering: Gathering
) -> None:
    text = answers_file(gathering, "risikoskjema", {ENGASJEMENT: 7, "risikofaktor/vaeret": 3}, fingerprint="0ld")
    found, problems, notices = read(tmp_path, gathering, {"old.json": text})
    assert problems == []
    assert [r.answers for r in found] == [(a.RatingAnswer(ENGASJEMENT, 7, ""),)] and not found[0].current
    assert notices == [
        f"{SHOWN}/old.json:5: the worksheet 'risikoskjema' has changed since these answers were "
        "saved: kept 1 answers to items it still has; dropped the answers to risikofaktor/vaeret, "
        "which it no longer has"
    ]


def test_duplicate_keys_and_broken_syntax_are_refused_with_their_line(tmp_path: Path, gathering: Gathering) -> None:
    dup = '{"samling": "answers",\n "samling": "answers"}'
    _, problems, _ = read(tmp_path, gathering, {"d.json": dup, "e.yaml": "samling: [answers\n"})
    assert problems[0].startswith(f"{SHOWN}/d.json:2: the key 'samling' appears twice")
    assert problems[1].startswith(f"{SHOWN}/e.yaml:2: this is not valid YAML")


def test_a_file_linked_from_outside_the_content_folder_is_not_read(tmp_path: Path, gathering: Gathering) -> None:
    outside = tmp_path / "secret.json"
    outside.write_text(answers_file(gathering, "risikoskjema", {ENGASJEMENT: 7}))
    folder = folder_with(tmp_path, {})
    (folder / "responses" / "link.json").symlink_to(outside)
    problems = Problems(tmp_path / "content")
    assert read_responses(folder, gathering, problems) == ()
    assert "is a link to outside the content folder" in str(problems.items[0])


# --- never a crash: generated files -------------------------------------------

scalars = st.one_of(st.none(), st.booleans(), st.integers(-3, 30), st.text(max_size=8), st.floats(allow_nan=False))
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=8,
)
KNOWN = [ENGASJEMENT, "ros", "tiltak", "forankring/aksept", "risikofaktor/annet", "nope"]
near_valid = st.fixed_dictionaries(
    {
        "samling": st.sampled_from(["answers", "answer", 1]),
        "version": st.sampled_from([1, 2, True, "1"]),
        "worksheet": st.sampled_from([f"{GATHERING}/{k}" for k in ("risikoskjema", "ros-matrise", "forankring")])
        | st.text(max_size=10),
        "answers": st.dictionaries(st.sampled_from(KNOWN) | st.text(max_size=5), values, max_size=4)
        | st.lists(values, max_size=2),
    },
    optional={"header": st.dictionaries(st.sampled_from(["name", "group", "date", "x"]), values, max_size=3) | values},
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(doc=values | near_valid, as_yaml=st.booleans(), garble=st.integers(0, 60))
def test_generated_answer_files_never_crash_and_every_rejection_names_file_and_line(
    tmp_path: Path, gathering: Gathering, doc: object, as_yaml: bool, garble: int
) -> None:
    import yaml

    text = yaml.safe_dump(doc, allow_unicode=True) if as_yaml else json.dumps(doc, indent=1)
    if garble and garble < len(text):
        text = text[:garble] + text[garble + 1 :]  # one character gone: near-valid syntax
    name = "generated.yaml" if as_yaml else "generated.json"
    shutil.rmtree(tmp_path / "content", ignore_errors=True)
    problems, notices = Problems(tmp_path / "content"), []
    found = read_responses(folder_with(tmp_path, {name: text}), gathering, problems, notices)
    lines = len(text.splitlines()) or 1
    for p in problems.items:
        assert p.path == f"{SHOWN}/{name}" and 1 <= p.line <= lines + 1, str(p)
    assert not (found and problems)
    for n in notices:
        assert n.startswith(f"{SHOWN}/{name}:")


def test_no_answer_reaches_the_built_site(built_site: Path) -> None:
    """Answers files are read for results only: none is copied, and no name or answer is on any page
    but the facilitator section's (tests/test_results_privacy.py proves it for every answer)."""
    said = ["Sissel Holm", "Nils Moen", "Lederne har ikke tid", "Usikkert budsjett for 2014", "faste prosjektdager"]
    for path in built_site.rglob("*"):
        assert "responses" not in path.parts
        if path.is_file() and "fasilitator" not in path.parts:
            text = path.read_bytes().decode("utf-8", "ignore")
            assert not [s for s in said if s in text], path
