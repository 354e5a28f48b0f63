"""The live preview's finer edges (generator/incremental/reads.py): a save that changes only texts
re-renders only what read them, and the site is still byte for byte what a complete render makes."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from generator.commands.build import build, render_in_memory
from generator.core.errors import ContentError
from generator.core.model import Text
from generator.incremental.builder import Builder
from generator.incremental.reads import Comparison, Watched, Watcher
from generator.load.yamlfile import YamlMap
from generator.write.staging import MARKER
from tests.test_incremental import cold, edit, tree

EXAMPLE = Path(__file__).resolve().parents[1] / "content"
GATHERING = "nettverk-omdomme-2013-03"


@pytest.fixture
def example(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    shutil.copytree(EXAMPLE, content)
    return content


def on_disk(out: Path) -> dict[str, bytes]:
    return {p: data for p, data in tree(out).items() if p != MARKER}


def in_memory(content: Path) -> dict[str, bytes]:
    return {o.path: o.content for o in render_in_memory(content)[2]}


def counting(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The paths of the pages the next builds render."""
    import generator.render as render

    rendered: list[str] = []
    real = render.render_page

    def render_page(env, site, theme, plan, problems):  # type: ignore[no-untyped-def]
        rendered.append(plan.path)
        return real(env, site, theme, plan, problems)

    monkeypatch.setattr(render, "render_page", render_page)
    return rendered


SAVES = [
    # (file, old, new): one save each, in this order; texts that show on one page, on many, and in print
    ("sessions/analyse-av-risiko.md", "- Prioritering av tid", "- Prioritering av tid\n\nEndret."),
    ("sessions/prosjektets-hensikt.md", "Sissel noterer svarene", "Sissel noterer alle svarene"),  # notes
    ("decks/samling-mars-2013.md", "**Velkommen**", "**Velkommen, alle**"),  # a slide
    ("gathering.yaml", "  Velkommen til første samling", "  Hjertelig velkommen til første samling"),
    ("sessions/analyse-av-risiko.md", "\n\nEndret.", ""),  # back to the text of the first build
    ("worksheets/evaluering.yaml", "intro: Svar gjerne", "intro: Svar gjerne og ærlig"),
    ("sessions/analyse-av-risiko.md", "## ROS-analysen", "## ROS-analysen i praksis"),  # a heading: the outline
    ("../models/forankring.yaml", "description: 3 sammensatte", "description: Tre sammensatte"),
    ("sessions/prosjektets-hensikt.md", "Sissel noterer alle svarene", "Sissel noterer svarene"),
]


def test_saved_texts_reach_every_page_that_shows_them(
    example: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out" / "site"
    builder = Builder(example, out)
    builder.build(None)
    rendered = counting(monkeypatch)
    for name, old, new in SAVES:
        path = (example / GATHERING / name).resolve()
        edit(path, old, new)
        rendered.clear()
        builder.build({path})
        if name == SAVES[0][0]:  # the watching is in use: a session's words are read by its own page
            assert f"{GATHERING}/index.html" not in rendered and len(rendered) < 5, rendered
        assert on_disk(out) == in_memory(example), name
    assert tree(out) == cold(example, tmp_path)  # the marker too


def test_a_title_saved_is_no_text_change_and_renders_as_before(example: Path, tmp_path: Path) -> None:
    out = tmp_path / "out" / "site"
    builder = Builder(example, out)
    builder.build(None)
    session = example / GATHERING / "sessions" / "analyse-av-risiko.md"
    edit(session, "title: Analyse av risiko", "title: Analyse av risikoen")
    builder.build({session})
    assert on_disk(out) == in_memory(example)
    assert b"Analyse av risikoen" in (out / GATHERING / "index.html").read_bytes()


def test_a_save_that_fails_after_rendering_forgets_what_its_pages_read(example: Path, tmp_path: Path) -> None:
    out = tmp_path / "out" / "site"
    builder = Builder(example, out)
    builder.build(None)
    session = example / GATHERING / "sessions" / "analyse-av-risiko.md"
    active = example / GATHERING / "files" / "side.html"  # refused after the pages are rendered
    active.parent.mkdir()
    active.write_text("<script></script>", "utf-8")
    edit(session, "- Prioritering av tid", "- Prioritering av tid\n\nEndret.")
    with pytest.raises(ContentError):
        builder.build({session, active})
    assert b"Endret." not in (out / GATHERING / "sessions" / "analyse-av-risiko.html").read_bytes()

    active.unlink()
    builder.build({active})  # the session's text is still new, and its page must show it
    assert on_disk(out) == in_memory(example)


def test_what_the_pages_of_a_forked_child_read_comes_back(
    example: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out" / "site"
    builder = Builder(example, out, parallel_from=2)  # half the first build's pages come from a child
    builder.build(None)
    assert builder.memo is not None and len(builder.memo.watcher.of) > 60
    rendered = counting(monkeypatch)
    session = example / GATHERING / "sessions" / "analyse-av-risiko.md"
    edit(session, "- Prioritering av tid", "- Prioritering av tid\n\nEndret.")
    builder.build({session})
    assert len(rendered) < 5, rendered
    assert on_disk(out) == in_memory(example)


def test_a_one_off_build_does_not_watch(example: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    made: list[str] = []
    real = Watched.of

    def of(text: Text, key: str, watcher: Watcher) -> Watched:
        made.append(key)
        return real(text, key, watcher)

    monkeypatch.setattr(Watched, "of", of)
    build(example, tmp_path / "out" / "site")
    assert made == []
    Builder(example, tmp_path / "live" / "site").build(None)
    assert made


def watched(html: str, key: str, watcher: Watcher | None = None) -> Watched:
    return Watched.of(Text(html=html), key, watcher or Watcher())


def test_a_watched_text_is_equal_to_its_plain_text_and_tells_when_it_is_read() -> None:
    watcher = Watcher()
    text = watched("<p>a</p>", "k1", watcher)
    assert text == Text(html="<p>a</p>") and Text(html="<p>a</p>") == text
    assert hash(text) == hash(Text(html="<p>a</p>"))
    with watcher.making("page.html"):
        pass
    with watcher.making("other.html"):
        assert text
    watcher.settle({"page.html", "other.html"})
    assert watcher.of == {"page.html": frozenset(), "other.html": frozenset({"k1"})}


def test_a_comparison_names_changed_texts_and_nothing_else() -> None:
    before = {"a": (watched("x", "k1"), 1, [watched("y", "k2")])}
    after = {"a": (watched("x2", "k3"), 1, [watched("y", "k2")])}
    comparison = Comparison()
    assert comparison.same(before, after) and comparison.changed == {"k1"}

    assert not Comparison().same({"a": (1,)}, {"a": (2,)})
    assert not Comparison().same({"a": 1}, {"b": 1})
    assert not Comparison().same(watched("x", "k1"), Text(html="x"))  # a plain text is compared as a value
    assert not Comparison().same(frozenset({watched("x", "k1")}), frozenset({watched("x", "k2")}))
    assert not Comparison().same(lambda: 1, lambda: 1)
    made = watched("x", "k1")
    assert not Comparison().same(dataclasses.replace(made, html="y"), dataclasses.replace(made, html="z"))


def test_a_comparison_sees_what_equality_leaves_out() -> None:
    one, two = YamlMap(a=1), YamlMap(a=1)
    one.line, two.line = 3, 4
    assert one == two
    assert not Comparison().same(one, two)


def test_answers_files_are_checked_again_when_their_worksheet_changes(example: Path, tmp_path: Path) -> None:
    builder = Builder(example, tmp_path / "out" / "site")
    builder.build(None)
    session = example / GATHERING / "sessions" / "analyse-av-risiko.md"
    edit(session, "- Prioritering av tid", "- Prioritering av tid\n\nEndret.")
    builder.build({session})  # the answers files are taken as they were read
    sheet = example / GATHERING / "worksheets" / "risikoskjema.yaml"
    edit(sheet, "item_heading: Risikofaktor", "item_heading: Risikofaktor endret")  # every item id changes
    with pytest.raises(ContentError) as failure:
        builder.build({sheet})
    with pytest.raises(ContentError) as complete:
        render_in_memory(example)
    assert sorted(map(str, failure.value.problems)) == sorted(map(str, complete.value.problems))
