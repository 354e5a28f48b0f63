"""Facilitator notes never reach the audience: a slide break, a code fence or a nested container inside
`::: notes` cannot end the notes early, in a deck or on a session page (a security property)."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from generator.cli import main
from generator.core.errors import Problems
from generator.load.documents import read_markdown
from generator.validate.decks import deck, split_slides
from generator.validate.markdown import make_markdown, render_markdown

SITE = "title: Prøve\nlanguage: nb\n"
GATHERING = """title: Samling
days:
  - date: 2025-03-11
    start: "09.00"
    sessions:
      - okt
"""
# Pages for the facilitator only: the deck's presenter and notes views and the facilitator section.
FACILITATOR = re.compile(r"(/decks/[^/]+-(presenter|notes)\.html|/fasilitator/.*)$")

# Every construct that could end notes early, each holding a secret word ({s}).
CONSTRUCTS = [
    "{s} i en setning",
    "---\n{s}",
    "***\n{s}",
    "___\n{s}",
    "{s}\n---",
    "{s}\n===",
    "# {s}",
    "### {s} ###",
    "```\n---\n:::\n{s}\n```",
    "~~~~\n---\n:::\n~~~\n{s}\n~~~~",
    "````md\n```\n:::\n---\n```\n{s}\n````",
    "\n    ---\n    :::\n    {s}\n",
    "::: lang nn\n{s}\n---\n:::",
    ":::: columns\n::: column\n{s}\n---\n:::\n::: column\n:::\n::::",
    "::: lang en\n```\n:::\n```\n{s}\n:::",
    "- {s}\n- ---\n  ```\n  :::\n  ```\n- c",
    "1. {s}\n\n   ---\n2. b",
    "- a\n  ```\n  :::\n  ```\n  {s}",
    "> {s}\n> ---\n> ```\n> :::\n> ```",
    "<!-- layout: title -->\n{s}",
    "<!-- session: okt -->\n---\n{s}",
    "| a | b |\n|---|---|\n| {s} | x |\n---",
    "<div>\n{s}\n---\n</div>",
    "",
]


@st.composite
def notes(draw: st.DrawFn, first: int) -> tuple[str, list[str]]:
    picks = draw(st.lists(st.sampled_from(CONSTRUCTS), min_size=1, max_size=6))
    glue = draw(st.lists(st.sampled_from(["\n", "\n\n"]), min_size=len(picks), max_size=len(picks)))
    secrets = [f"hemmelig{first + i}x" for i in range(len(picks))]
    text = "".join(c.format(s=s) + g for c, s, g in zip(picks, secrets, glue, strict=True))
    return text, [s for c, s in zip(picks, secrets, strict=True) if "{s}" in c]


@st.composite
def decks(draw: st.DrawFn) -> tuple[str, str, list[str], list[str]]:
    """(deck file, session file, secrets, the deck's public words) of a deck whose every slide has notes."""
    slides, secrets, public = [], [], []
    for i in range(draw(st.integers(1, 4))):
        text, found = draw(notes(100 * i))
        colons = draw(st.sampled_from([":::", "::::"]))
        slides.append(f"# Offentlig{i}a\n\n{colons} notes\n{text}{colons}\n\nOffentlig{i}b\n")
        secrets += found
        public += [f"Offentlig{i}a", f"Offentlig{i}b"]
    session_notes, found = draw(notes(900))
    session = f"---\ntitle: Økt\nduration: 30\n---\nOffentligokt\n\n::: notes\n{session_notes}:::\n\nOffentligslutt\n"
    deck_text = "---\ntitle: Lysbilder\nsessions: [okt]\n---\n" + "\n---\n".join(slides)
    return deck_text, session, secrets + found, public


def build(root: Path, deck_text: str, session: str) -> tuple[int, Path]:
    content = root / "content"
    (content / "g" / "sessions").mkdir(parents=True)
    (content / "g" / "decks").mkdir()
    (content / "site.yaml").write_text(SITE, "utf-8")
    (content / "g" / "gathering.yaml").write_text(GATHERING, "utf-8")
    (content / "g" / "sessions" / "okt.md").write_text(session, "utf-8")
    (content / "g" / "decks" / "lysbilder.md").write_text(deck_text, "utf-8")
    output = root / "output"
    return main(["build", "--content", str(content), "--output", str(output)]), output


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(decks())
def test_no_note_reaches_a_participant_page(example: tuple[str, str, list[str], list[str]]) -> None:
    deck_text, session, secrets, public = example
    with tempfile.TemporaryDirectory() as tmp:
        code, output = build(Path(tmp), deck_text, session)
        if code != 0:  # constructs glued together can nest otherwise than they read: refused, nothing written
            event("refused")
            assert not output.exists()
            return
        event("built")
        assert_private(output, secrets, public)


def test_every_construct_in_the_notes_of_one_deck_builds_and_stays_private(tmp_path: Path) -> None:
    secrets = [f"hemmelig{i}x" for i, c in enumerate(CONSTRUCTS) if "{s}" in c]
    text = "\n\n".join(c.format(s=f"hemmelig{i}x") for i, c in enumerate(CONSTRUCTS)) + "\n"
    slides = [
        f"# Offentlig{n}a\n\n{colons} notes\n{text}{colons}\n\nOffentlig{n}b\n"
        for n, colons in enumerate([":::", "::::"])
    ]
    deck_text = "---\ntitle: Lysbilder\nsessions: [okt]\n---\n" + "\n---\n".join(slides)
    session = f"---\ntitle: Økt\nduration: 30\n---\nOffentligokt\n\n::: notes\n{text}:::\n\nOffentligslutt\n"
    code, output = build(tmp_path, deck_text, session)
    assert code == 0
    assert_private(output, secrets, ["Offentlig0a", "Offentlig0b", "Offentlig1a", "Offentlig1b"])


def assert_private(output: Path, secrets: list[str], public: list[str]) -> None:
    shown = {}
    for path in sorted(output.rglob("*")):
        if path.is_file() and not FACILITATOR.search(path.as_posix()):
            shown[path.relative_to(output).as_posix()] = path.read_text("utf-8", errors="replace")
    for name, text in shown.items():
        leaked = [s for s in secrets if s in text]
        assert not leaked, (name, leaked)
    audience = shown["g/decks/lysbilder.html"] + shown["g/decks/lysbilder-handout.html"]
    assert all(word in audience for word in public), public  # the text after the notes is kept
    assert "Offentligokt" in shown["g/sessions/okt.html"] and "Offentligslutt" in shown["g/sessions/okt.html"]
    facilitator = "".join(p.read_text("utf-8") for p in output.rglob("*.html") if FACILITATOR.search(p.as_posix()))
    assert all(s in facilitator for s in secrets), secrets  # the notes are kept, not lost


def parse(tmp_path: Path, body: str) -> tuple[object, list[str]]:
    path = tmp_path / "g" / "decks" / "lysbilder.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("---\ntitle: A\n---\n" + body, "utf-8")
    problems = Problems()
    doc = read_markdown(path, problems)
    assert doc is not None
    result = deck(doc, frozenset(), make_markdown(), problems)
    return result, [f"{p.line}: {p.message} — {p.hint}" for p in problems.items]


def test_a_dash_line_inside_notes_stays_in_the_notes(tmp_path: Path) -> None:
    d, problems = parse(tmp_path, "# A\n::: notes\nførst\n---\nhemmelig\n:::\n---\n# B\n")
    assert problems == []
    assert [s.notes_html for s in d.slides] == ["<h2>først</h2>\n<p>hemmelig</p>\n", ""]  # type: ignore[attr-defined]
    assert all("hemmelig" not in s.html for s in d.slides)  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("body", "line", "what"),
    [
        ("# A\n::: notes\nhemmelig\n---\n# B\n", 5, "::: notes"),
        ("# A\n:::: columns\n::: column\nx\n:::\n", 5, ":::: columns"),
        ("# A\n::: notes\n```\n:::\n---\n# B\n", 5, "`::: notes` is never closed"),
        ("# A\n::: note\nhemmelig\n:::\n", 5, "`::: note` is not a container"),
        ("# A\n::: notes\nx\n :::\nhemmelig\n:::\n:::\n", 10, "the line `:::` closes no container"),
    ],
)
def test_nesting_that_could_show_notes_is_a_problem_at_its_line(
    tmp_path: Path, body: str, line: int, what: str
) -> None:
    _, problems = parse(tmp_path, body)
    if not what.startswith(("`", "the")):
        what = f"`{what}` is never closed"
    assert [p for p in problems if p.startswith(f"{line}: {what}")], problems


def test_a_session_with_a_stray_closing_line_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    session = "---\ntitle: Økt\nduration: 30\n---\n::: notes\n- a\n- ---\n  :::\n- hemmelig\n:::\n"
    code, output = build(tmp_path, "---\ntitle: L\n---\n# A\n", session)
    assert code == 1 and not output.exists()
    assert "content/g/sessions/okt.md:8: the line `:::` closes no container" in capsys.readouterr().err


def test_slide_breaks_are_top_level_dash_lines_only() -> None:
    body = "A\n---\nB\n\n- x\n  ---\n---\n| a |\n|---|\n---\n    ---\nC\n***\nD"
    assert [t for t, _ in split_slides(body, 1)] == ["A", "B\n\n- x\n  ---", "| a |\n|---|", "    ---\nC\n***\nD"]


@pytest.mark.parametrize(
    "text",
    [
        "::: notes\n```\n:::\n```\nhemmelig\n:::",
        "::: notes\n~~~\n:::\n~~~\nhemmelig\n:::",
        "::: notes\n::: model x\n:::\nhemmelig\n:::",
        "::: notes\n- a\n  :::\nhemmelig\n:::",
        "::: notes\n- ```\n  :::\n  ```\nhemmelig\n:::",
        "::: notes\n> :::\nhemmelig\n:::",
        "::: notes\n## hemmelig\n:::\n\ntekst",
    ],
)
def test_notes_end_at_their_own_closing_line_on_any_page(text: str) -> None:
    rendered = render_markdown(make_markdown(), text)
    assert "hemmelig" in rendered.notes_html
    assert "hemmelig" not in rendered.html and "hemmelig" not in rendered.title
