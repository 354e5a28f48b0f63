"""Sequences of live-preview saves (a warm Builder, `build({path})`) whose in-place output must be
byte for byte a complete render of the same content, after every save: texts that show on other
pages than their own, notes moving, files coming and going, saves that fail, two files in a row."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.core.errors import ContentError
from generator.incremental.builder import Builder
from tests.test_incremental import cold, tree
from tests.test_live_reads import EXAMPLE, GATHERING, in_memory, on_disk

Step = Callable[[Path], set[Path]]  # changes the content folder; the files it names as changed


def replace(name: str, old: str, new: str) -> Step:
    def step(content: Path) -> set[Path]:
        path = content / name
        text = path.read_text("utf-8")
        assert old in text, (name, old)
        path.write_text(text.replace(old, new, 1), "utf-8")
        return {path}

    return step


def rename(name: str, to: str) -> Step:
    def step(content: Path) -> set[Path]:
        (content / name).rename(content / to)
        return {content / name, content / to}

    return step


def delete(name: str) -> Step:
    def step(content: Path) -> set[Path]:
        (content / name).unlink()
        return {content / name}

    return step


def write(name: str, text: str) -> Step:
    def step(content: Path) -> set[Path]:
        (content / name).parent.mkdir(parents=True, exist_ok=True)
        (content / name).write_text(text, "utf-8")
        return {content / name}

    return step


def fails(step: Step) -> Step:
    """A save the build refuses, as a complete build would; the output stays as it was."""
    step.fails = True  # type: ignore[attr-defined]
    return step


def both(*steps: Step) -> Step:
    """Two files saved before one build (an editor's "save all")."""
    return lambda content: set().union(*(s(content) for s in steps))


G = GATHERING
SESSION = f"{G}/sessions/analyse-av-risiko.md"
PURPOSE = f"{G}/sessions/prosjektets-hensikt.md"
SAMAN = f"{G}/sessions/hva-er-saman-om.md"
DECK = f"{G}/decks/samling-mars-2013.md"
ROS = f"{G}/worksheets/ros-matrise.yaml"

SEQUENCES: dict[str, list[Step]] = {
    "notes move into the body and back": [
        replace(
            PURPOSE,
            "::: notes\nSissel noterer svarene fra hver kommune.\n:::",
            "Sissel noterer svarene fra hver kommune.",
        ),
        replace(
            PURPOSE,
            "Sissel noterer svarene fra hver kommune.",
            "::: notes\nSissel noterer svarene fra hver kommune.\n:::",
        ),
    ],
    "a body paragraph moves into the notes": [
        replace(PURPOSE, "Hvorfor er dere her i dag?\n", ""),
        replace(PURPOSE, "Sissel noterer", "Hvorfor er dere her i dag?\n\nSissel noterer"),
    ],
    "a model embedded in a session and a deck": [
        replace("models/forankring.yaml", "description: 3 sammensatte", "description: Tre sammensatte"),
        replace("models/forankring.yaml", "statement: Dette angår meg", "statement: Dette angår oss"),
        replace("models/forankring.yaml", "title: Forankring", "title: Forankring i praksis"),
    ],
    "a worksheet embedded in a deck": [
        replace(ROS, "title: ROS-analysen", "title: ROS-analysen vår"),
        replace(ROS, "  Plasser risikoene", "  Plasser alle risikoene"),
        replace(ROS, "text: Hvilke risikoer", "text: Hvilke av risikoene"),
    ],
    "a slide's words, its notes, back again": [
        replace(DECK, "**Velkommen**", "**Velkommen, alle**"),
        replace(DECK, "Ønsk velkommen mens", "Ønsk alle velkommen mens"),
        replace(DECK, "**Velkommen, alle**", "**Velkommen**"),
        replace(DECK, "Ønsk alle velkommen mens", "Ønsk velkommen mens"),
    ],
    "an embed added to and removed from a session's text": [
        replace(PURPOSE, "Hvorfor er dere her i dag?", "Hvorfor er dere her i dag?\n\n::: model forankring\n:::\n"),
        replace(
            PURPOSE, "Hvorfor er dere her i dag?", "Hvorfor er dere her i dag?\n\n::: worksheet ros-matrise\n:::\n"
        ),
        replace(PURPOSE, "::: model forankring\n:::\n", ""),
    ],
    "a link to another session, and to a file": [
        replace(PURPOSE, "Hvorfor er dere her i dag?", "Hvorfor er dere [her](analyse-av-risiko.md) i dag?"),
        replace(PURPOSE, "[her](analyse-av-risiko.md)", "[her](../worksheets/ros-matrise.yaml)"),
        replace(PURPOSE, "[her](../worksheets/ros-matrise.yaml)", "her"),
    ],
    "the same words in two sessions, one changed": [
        replace(PURPOSE, "Hvorfor er dere her i dag?", "Felles tekst."),
        replace(SAMAN, "Et samarbeids-, ramme- og utviklingsprogram.", "Felles tekst."),
        replace(PURPOSE, "Felles tekst.", "Egen tekst."),
        replace(SAMAN, "Felles tekst.", "Egen tekst."),
    ],
    "a heading and the outline": [
        replace(SAMAN, "## Åtte nettverk", "## Åtte nettverk i alt"),
        replace(SAMAN, "## Åtte nettverk i alt", "Åtte nettverk"),
        replace(SAMAN, "Åtte nettverk\n", "## Åtte nettverk\n"),
    ],
    "two files in a row, then both at once": [
        replace(PURPOSE, "Hvorfor er dere her i dag?", "Hvorfor er dere her?"),
        replace(SAMAN, "Roller i prosjektet", "Rollene i prosjektet"),
        both(
            replace(PURPOSE, "Hvorfor er dere her?", "Hvorfor er dere her i dag?"),
            replace(SAMAN, "Rollene i prosjektet", "Roller i prosjektet"),
        ),
    ],
    "the gathering's description and a facilitator's role": [
        replace(f"{G}/gathering.yaml", "  Velkommen til første samling", "  Hjertelig velkommen til første samling"),
        replace(f"{G}/gathering.yaml", "role: Nettverksleder}", "role: Leder av nettverket}"),
        replace(f"{G}/gathering.yaml", "  Hjertelig velkommen til første samling", "  Velkommen til første samling"),
    ],
    "a session renamed (refused), the programme fixed, renamed back": [
        fails(rename(f"{G}/sessions/scanning.md", f"{G}/sessions/skanning.md")),
        fails(replace(f"{G}/gathering.yaml", "      - scanning", "      - skanning")),
        replace(DECK, "<!-- session: scanning -->", "<!-- session: skanning -->"),
        replace(f"{G}/sessions/skanning.md", "\n---\n", "\n---\nNy første linje.\n\n"),
        both(
            rename(f"{G}/sessions/skanning.md", f"{G}/sessions/scanning.md"),
            replace(f"{G}/gathering.yaml", "      - skanning", "      - scanning"),
            replace(DECK, "<!-- session: skanning -->", "<!-- session: scanning -->"),
        ),
    ],
    "a broken link refused, another file saved, the link fixed": [
        fails(replace(PURPOSE, "Hvorfor er dere her i dag?", "Hvorfor er dere [her](finnes-ikke.md) i dag?")),
        fails(replace(SAMAN, "Roller i prosjektet", "Rollene i prosjektet")),
        replace(PURPOSE, "[her](finnes-ikke.md)", "[her](analyse-av-risiko.md)"),
    ],
    "a save refused in one file, another saved, the first fixed": [
        replace(PURPOSE, "Hvorfor er dere her i dag?", "Hvorfor er dere her?"),
        fails(replace(PURPOSE, "duration: 30", "duration: tretti")),
        fails(replace(SAMAN, "Roller i prosjektet", "Rollene i prosjektet")),
        replace(PURPOSE, "duration: tretti", "duration: 30"),
    ],
    "a new session file, a deck and a worksheet added, then deleted": [
        write(f"{G}/sessions/_utkast.md", "---\ntitle: Utkast\nduration: 10\n---\nEt utkast.\n"),
        write(f"{G}/decks/ekstra.md", "---\ntitle: Ekstra\nsessions: [program]\n---\n# Ekstra\n\nEt lysbilde.\n"),
        replace(f"{G}/decks/ekstra.md", "Et lysbilde.", "Et annet lysbilde.\n\n::: notes\nHemmelig.\n:::"),
        delete(f"{G}/decks/ekstra.md"),
        delete(f"{G}/sessions/_utkast.md"),
    ],
    "site.yaml and programme.yaml": [
        replace("site.yaml", "title:", "title: Ny"),
        replace(PURPOSE, "Hvorfor er dere her i dag?", "Hvorfor er dere her?"),
    ],
}


def check(builder: Builder, content: Path, out: Path, step: Step, label: str) -> None:
    before = on_disk(out)
    names = step(content)
    if getattr(step, "fails", False):
        with pytest.raises(ContentError):
            builder.build(names)
        with pytest.raises(ContentError):
            in_memory(content)
        assert on_disk(out) == before, label
        return
    builder.build(names)
    assert on_disk(out) == in_memory(content), label


@pytest.fixture
def example(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    shutil.copytree(EXAMPLE, content)
    return content


@pytest.mark.parametrize("parallel", [False, True], ids=["one process", "two processes"])
@pytest.mark.parametrize("sequence", list(SEQUENCES))
def test_saves_in_a_row_build_what_a_complete_build_makes(
    sequence: str, parallel: bool, example: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out" / "site"
    builder = Builder(example, out, **({"parallel_from": 2} if parallel else {}))
    builder.build(None)
    for i, step in enumerate(SEQUENCES[sequence]):
        check(builder, example, out, step, f"{sequence}, save {i + 1}")
    assert tree(out) == cold(example, tmp_path)


def test_a_site_theme_saved_while_live(example: Path, tmp_path: Path) -> None:
    """Strings and templates of a theme beside the content folder: names outside it reload the theme."""
    theme = tmp_path / "themes" / "mine"
    (theme / "strings").mkdir(parents=True)
    (theme / "templates").mkdir()
    strings = theme / "strings" / "nb.yaml"
    strings.write_text("session: Programpost\n", "utf-8")
    template = theme / "templates" / "session.html"
    default = (EXAMPLE.parent / "themes" / "default" / "templates" / "session.html").read_text("utf-8")
    template.write_text(default, "utf-8")
    out = tmp_path / "out" / "site"
    builder = Builder(example, out)
    builder.build(None)
    steps: list[Step] = [
        replace("site.yaml", "theme: default", "theme: mine"),
        replace(PURPOSE, "Hvorfor er dere her i dag?", "Hvorfor er dere her?"),
        lambda _: (strings.write_text("session: Punkt\n", "utf-8"), {strings})[1],
        lambda _: (template.write_text(default.replace("<h1>", '<h1 class="mine">'), "utf-8"), {template})[1],
        replace(PURPOSE, "Hvorfor er dere her?", "Hvorfor er dere her i dag?"),
        both(
            lambda _: (strings.write_text("session: Post her\n", "utf-8"), {strings})[1],
            replace(SAMAN, "Roller i prosjektet", "Rollene i prosjektet"),
        ),
        # a theme file saved with a content file the build refuses; then only the content file is fixed
        fails(
            both(
                lambda _: (strings.write_text("session: Økt\n", "utf-8"), {strings})[1],
                replace(PURPOSE, "duration: 30", "duration: tretti"),
            )
        ),
        replace(PURPOSE, "duration: tretti", "duration: 30"),
        fails(lambda _: (strings.write_text("session: [\n", "utf-8"), {strings})[1]),
        fails(replace(SAMAN, "Rollene i prosjektet", "Roller")),
        lambda _: (strings.write_text("session: Post\n", "utf-8"), {strings})[1],
        replace("site.yaml", "theme: mine", "theme: default"),
    ]
    for i, step in enumerate(steps):
        check(builder, example, out, step, f"save {i + 1}")
    assert b'<h1 class="mine">' not in (out / GATHERING / "sessions" / "prosjektets-hensikt.html").read_bytes()


def test_saves_in_a_network_reach_the_other_gatherings(tmp_path: Path) -> None:
    from bench.corpus import add_programme, write_samling

    content = tmp_path / "content"
    write_samling(40, content)
    add_programme(content, 1)  # both gatherings in one network: each shows the other
    out = tmp_path / "out" / "site"
    builder = Builder(content, out, parallel_from=2)
    builder.build(None)
    first = "samling-0000/gathering.yaml"
    text = (content / first).read_text("utf-8")
    steps: list[Step] = [
        replace(first, "title: Samling 1", "title: Samling én"),
        replace(first, "description: |\n  ", "description: |\n  Ny innledning. "),
        replace("samling-0001/sessions/okt-00030.md", "## Arbeidsform", "## Arbeidsform i grupper"),
        replace(first, "Ny innledning. ", ""),
        replace("programme.yaml", "title: Saman om ein betre kommune – benk", "title: Saman om – benk"),
    ]
    assert "title: Samling 1\n" in text
    for i, step in enumerate(steps):
        check(builder, content, out, step, f"save {i + 1}")
    assert tree(out) == cold(content, tmp_path)


PARTICIPANTS_NEVER = ("/fasilitator/", "-notes.html", "-presenter.html")


def notes_reach(out: Path, secret: bytes) -> list[str]:
    """The files meant for participants that hold `secret`."""
    return [
        p
        for p, data in on_disk(out).items()
        if secret in data and not any(mark in f"/{p}" for mark in PARTICIPANTS_NEVER)
    ]


def test_notes_saved_while_live_never_reach_a_participant_file(example: Path, tmp_path: Path) -> None:
    out = tmp_path / "out" / "site"
    builder = Builder(example, out)
    builder.build(None)
    secret = "Hemmelig-notat-1"
    steps: list[Step] = [
        replace(PURPOSE, "Sissel noterer svarene", f"{secret} Sissel noterer svarene"),
        replace(PURPOSE, "Hvorfor er dere her i dag?", "Hvorfor er dere her?"),  # the body beside it
        replace(DECK, "Ønsk velkommen mens", f"{secret} Ønsk velkommen mens"),  # a slide's notes
        replace(DECK, "**Velkommen**", "**Velkommen, alle**"),  # the slide beside them
        replace(SAMAN, "Et samarbeids-", f"::: notes\n{secret}\n:::\n\nEt samarbeids-"),  # notes come to a session
        replace(SAMAN, f"::: notes\n{secret}\n:::\n\n", ""),
        replace(PURPOSE, "Hvorfor er dere her?", f"Hvorfor er dere her?\n\n::: notes\n{secret}\n:::"),  # twice
    ]
    for i, step in enumerate(steps):
        check(builder, example, out, step, f"save {i + 1}")
        assert notes_reach(out, secret.encode()) == [], f"save {i + 1}"
    assert any(secret.encode() in data for data in on_disk(out).values())  # the facilitators do see them


def copy_folder(name: str, to: str) -> Step:
    def step(content: Path) -> set[Path]:
        shutil.copytree(content / name, content / to, ignore=shutil.ignore_patterns("responses"))  # they name theirs
        return {content / to, *(p for p in (content / to).rglob("*") if p.is_file())}

    return step


def remove_folder(name: str) -> Step:
    def step(content: Path) -> set[Path]:
        files = {p for p in (content / name).rglob("*") if p.is_file()}
        shutil.rmtree(content / name)
        return {content / name, *files}

    return step


def move_folder(name: str, to: str) -> Step:
    return both(copy_folder(name, to), remove_folder(name))


@pytest.mark.parametrize("parallel", [False, True], ids=["one process", "two processes"])
def test_a_gathering_added_renamed_and_removed_while_live(parallel: bool, example: Path, tmp_path: Path) -> None:
    out = tmp_path / "out" / "site"
    builder = Builder(example, out, **({"parallel_from": 2} if parallel else {}))
    builder.build(None)
    other = "nettverk-omdomme-2013-09"
    steps: list[Step] = [
        copy_folder(G, other),
        replace(f"{other}/sessions/prosjektets-hensikt.md", "Hvorfor er dere her i dag?", "Hvorfor nå?"),
        replace(PURPOSE, "Hvorfor er dere her i dag?", "Hvorfor her?"),
        move_folder(other, "nettverk-omdomme-2014-02"),
        replace("nettverk-omdomme-2014-02/sessions/prosjektets-hensikt.md", "Hvorfor nå?", "Hvorfor da?"),
        remove_folder("nettverk-omdomme-2014-02"),
        replace(PURPOSE, "Hvorfor her?", "Hvorfor er dere her i dag?"),
    ]
    for i, step in enumerate(steps):
        check(builder, example, out, step, f"save {i + 1}")
    assert tree(out) == cold(example, tmp_path)


def random_saves(content: Path, seed: int, count: int) -> list[Step]:
    """Text-only saves of the commonest kinds, to random files: words added to a body, to notes, a
    heading, and the same file saved again; each save undoes nothing, so texts come and go in turn."""
    import random

    rng = random.Random(seed)
    sessions = sorted(p.relative_to(content).as_posix() for p in (content / G / "sessions").glob("*.md"))
    steps: list[Step] = []
    for n in range(count):
        name = rng.choice([*sessions, DECK])
        kind = rng.choice(["paragraph", "notes", "heading", "slide-notes" if name == DECK else "paragraph"])

        def step(content: Path, name: str = name, kind: str = kind, n: int = n) -> set[Path]:
            path = content / name
            text = path.read_text("utf-8")
            if kind == "paragraph":
                text += f"\n\nAvsnitt {n}.\n"
            elif kind in ("notes", "slide-notes"):
                text += f"\n\n::: notes\nNotat {n}.\n:::\n"
            else:
                text += f"\n\n## Overskrift {n}\n"
            path.write_text(text, "utf-8")
            return {path}

        steps.append(step)
    return steps


@pytest.mark.parametrize("seed", [1, 2])
def test_random_text_saves_in_a_row(seed: int, example: Path, tmp_path: Path) -> None:
    out = tmp_path / "out" / "site"
    builder = Builder(example, out, parallel_from=2 if seed % 2 else 10_000)
    builder.build(None)
    for i, step in enumerate(random_saves(example, seed, 10)):
        check(builder, example, out, step, f"save {i + 1}")
        assert notes_reach(out, b"Notat ") == [], f"save {i + 1}"
    assert tree(out) == cold(example, tmp_path)
