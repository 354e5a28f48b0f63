"""Repeat and incremental builds: the same bytes as a cold build, and only what a change touches is redone."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from bench.corpus import write_samling
from generator.commands.build import build
from generator.core.errors import ContentError
from generator.incremental.builder import Builder
from generator.validate import markdown
from generator.write.staging import MARKER


def tree(out: Path) -> dict[str, bytes]:
    """Every file's bytes; the marker's build id (random per output folder) left out."""
    found = {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}
    if MARKER in found:
        found[MARKER] = re.sub(rb'\n"build": "[0-9a-f]+",', b"", found[MARKER])
    return found


def cold(content: Path, tmp: Path) -> dict[str, bytes]:
    """A build with no output and no cache, in a folder of its own."""
    out = tmp / "cold" / "site"
    shutil.rmtree(out.parent, ignore_errors=True)
    build(content, out)
    return tree(out)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    write_samling(40, content)  # two gatherings of 2 days × 10 sessions
    return content


def test_a_warm_builder_rebuilds_one_session_as_a_cold_build_would(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out" / "site"
    builder = Builder(corpus, out)
    builder.build(None)
    other = out / "samling-0001" / "sessions" / "okt-00025.html"
    before = other.stat()
    session = corpus / "samling-0000" / "sessions" / "okt-00003.md"
    edit(session, "## Bakgrunn", "## Bakgrunn og mål")
    edit(session, "duration: 30", "duration: 45")  # later sessions of the day move

    result = builder.build({session})

    assert tree(out) == cold(corpus, tmp_path)
    assert "Bakgrunn og mål" in (out / "samling-0000" / "sessions" / "okt-00003.html").read_text("utf-8")
    assert 0 < result.counts["written"] < 40
    after = other.stat()  # another gathering's page was not written again
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


def test_repeat_cli_builds_match_cold_builds(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out" / "site"
    build(corpus, out)
    page = out / "samling-0000" / "index.html"
    mtime = page.stat().st_mtime_ns

    again = build(corpus, out)
    assert again.counts["written"] == 0
    assert page.stat().st_mtime_ns == mtime
    assert again.site.gatherings[0].key == "samling-0000"  # computed on demand when nothing was built

    edit(corpus / "samling-0001" / "sessions" / "okt-00030.md", "## Arbeidsform", "## Arbeidsform i grupper")
    changed = build(corpus, out)
    assert 0 < changed.counts["written"] < 40
    assert page.stat().st_mtime_ns == mtime  # the other gathering's pages keep their times
    assert tree(out) == cold(corpus, tmp_path)


def test_unchanged_markdown_is_not_parsed_again(corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out" / "site"
    builder = Builder(corpus, out)
    builder.build(None)
    calls: list[str] = []
    real = markdown._render
    monkeypatch.setattr(markdown, "_render", lambda md, text, *a: calls.append(text) or real(md, text, *a))

    session = corpus / "samling-0000" / "sessions" / "okt-00007.md"
    edit(session, "## Eksempel", "## Eksempel på mål")
    builder.build({session})
    assert len(calls) == 1 and "Eksempel på mål" in calls[0]

    # A new process, the output gone, the cache beside it kept. The live preview does not save the
    # cache on every keystroke, so the text edited since the last full build is parsed once more.
    calls.clear()
    shutil.rmtree(out)
    Builder(corpus, out).build(None)
    assert len(calls) == 1 and "Eksempel på mål" in calls[0]
    calls.clear()
    shutil.rmtree(out)
    Builder(corpus, out).build(None)
    assert calls == []
    assert tree(out) == cold(corpus, tmp_path)


def test_a_save_in_one_gathering_keeps_the_texts_of_the_others(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    builder = Builder(corpus, tmp_path / "out" / "site")
    builder.build(None)
    calls: list[str] = []
    real = markdown._render
    monkeypatch.setattr(markdown, "_render", lambda md, text, *a: calls.append(text) or real(md, text, *a))
    edit(corpus / "samling-0000" / "sessions" / "okt-00007.md", "## Eksempel", "## Eksempel på mål")
    builder.build({corpus / "samling-0000" / "sessions" / "okt-00007.md"})

    calls.clear()
    edit(corpus / "samling-0001" / "sessions" / "okt-00027.md", "## Eksempel", "## Eksempel på mål")
    builder.build({corpus / "samling-0001" / "sessions" / "okt-00027.md"})
    assert len(calls) == 1  # the other gathering's texts were not thrown out with the first save


def test_sessions_added_and_removed(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out" / "site"
    builder = Builder(corpus, out)
    builder.build(None)
    gathering = corpus / "samling-0000" / "gathering.yaml"
    removed = corpus / "samling-0000" / "sessions" / "okt-00009.md"
    edit(gathering, "      - okt-00009\n", "      - ny-okt\n")
    removed.unlink()
    added = corpus / "samling-0000" / "sessions" / "ny-okt.md"
    added.write_text("---\ntitle: Ny økt\nduration: 20\n---\nOm den nye økta.\n", "utf-8")
    linking = corpus / "samling-0000" / "sessions" / "okt-00008.md"  # its link to the next session
    edit(linking, "(okt-00009.md)", "(ny-okt.md)")

    result = builder.build({gathering, removed, added, linking})

    assert not (out / "samling-0000" / "sessions" / "okt-00009.html").exists()
    assert result.counts["removed"] == 1
    assert tree(out) == cold(corpus, tmp_path)


def test_a_theme_template_change_reaches_the_pages(corpus: Path, tmp_path: Path) -> None:
    theme = corpus.parent / "themes" / "mine" / "templates" / "partials"
    theme.mkdir(parents=True)
    (corpus / "site.yaml").write_text("title: Benk\nlanguage: nb\ntheme: mine\n", "utf-8")
    out = tmp_path / "out" / "site"
    builder = Builder(corpus, out)
    builder.build(None)
    footer = theme / "footer.html"
    footer.write_text('{% include "default/partials/footer.html" %}<p>Endret bunntekst</p>\n', "utf-8")

    builder.build({footer})

    for page in ("index.html", "samling-0000/sessions/okt-00001.html", "samling-0001/index.html"):
        assert b"Endret bunntekst" in (out / page).read_bytes(), page
    assert tree(out) == cold(corpus, tmp_path)


def test_a_content_error_leaves_the_output_and_the_next_fix_builds(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out" / "site"
    builder = Builder(corpus, out)
    builder.build(None)
    before = tree(out)
    session = corpus / "samling-0000" / "sessions" / "okt-00002.md"
    edit(session, "duration: 30", "duration: [30")

    with pytest.raises(ContentError) as failure:
        builder.build({session})
    assert [str(p).split(":")[:2] for p in failure.value.problems] == [
        ["content/samling-0000/sessions/okt-00002.md", "4"]
    ]
    assert tree(out) == before

    edit(session, "duration: [30", "duration: 25")
    builder.build({session})
    assert tree(out) == cold(corpus, tmp_path)


def test_a_file_saved_broken_stays_broken_when_another_is_saved(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out" / "site"
    builder = Builder(corpus, out)
    builder.build(None)
    broken, other = (corpus / "samling-0000" / "sessions" / f"okt-0000{n}.md" for n in (2, 3))
    edit(broken, "duration: 30", "duration: [30")
    with pytest.raises(ContentError):
        builder.build({broken})

    edit(other, "## Bakgrunn", "## Bakgrunnen")
    with pytest.raises(ContentError):  # the tree of the last good build has the first file as it was then
        builder.build({other})
    edit(broken, "duration: [30", "duration: 25")
    builder.build({broken})
    assert tree(out) == cold(corpus, tmp_path)


def test_a_broken_cache_is_ignored(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out" / "site"
    build(corpus, out)
    for cached in (out.parent / ".samling-cache").iterdir():
        cached.write_bytes(b"not a cache")
    edit(corpus / "samling-0000" / "sessions" / "okt-00001.md", "## Bakgrunn", "## Bakgrunnen")

    build(corpus, out)
    assert tree(out) == cold(corpus, tmp_path)
    assert (out / MARKER).is_file()


def test_two_processes_make_the_same_bytes_as_one(corpus: Path, tmp_path: Path) -> None:
    one, two = tmp_path / "one" / "site", tmp_path / "two" / "site"
    Builder(corpus, one, parallel_from=10**9).build(None)
    Builder(corpus, two, parallel_from=2).build(None)  # a forked child renders half the pages
    assert tree(one) == tree(two)
    cached = tmp_path / "two" / ".samling-cache"
    assert sorted(p.name for p in cached.iterdir()) == ["site.cache.json", "site.json", "site.lock"]


def test_a_session_swapped_for_a_link_out_is_refused_by_a_warm_builder(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out" / "site"
    builder = Builder(corpus, out)
    builder.build(None)
    secret = tmp_path / "hemmelig.md"
    secret.write_text("---\ntitle: Hemmelig\nduration: 30\n---\nHemmelig tekst\n", "utf-8")
    session = corpus / "samling-0000" / "sessions" / "okt-00004.md"
    session.unlink()
    session.symlink_to(secret)

    with pytest.raises(ContentError) as failure:
        builder.build({session})
    assert any("link to outside the content folder" in str(p) for p in failure.value.problems)
    assert b"Hemmelig" not in b"".join(tree(out).values())


def test_a_deleted_link_target_is_reported_by_a_warm_builder(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out" / "site"
    builder = Builder(corpus, out)
    builder.build(None)
    files = corpus / "samling-0001" / "files"
    files.mkdir()
    (files / "plan.pdf").write_bytes(b"%PDF-1.4\n")
    session = corpus / "samling-0001" / "sessions" / "okt-00021.md"
    edit(session, "## Bakgrunn", "## Bakgrunn\n\nSe [planen](../files/plan.pdf).")
    builder.build({session, files / "plan.pdf"})
    assert (out / "samling-0001" / "files" / "plan.pdf").is_file()

    (files / "plan.pdf").unlink()
    with pytest.raises(ContentError) as failure:
        builder.build({files / "plan.pdf"})
    assert any("okt-00021.md" in str(p) and "does not exist" in str(p) for p in failure.value.problems)


def test_a_live_preview_starts_on_an_up_to_date_output(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out" / "site"
    build(corpus, out)
    page = out / "samling-0001" / "index.html"
    mtime = page.stat().st_mtime_ns
    builder = Builder(corpus, out)

    first = builder.build(None)  # the server's first build: nothing to write, but the model is kept

    assert first.counts["written"] == 0 and page.stat().st_mtime_ns == mtime
    assert first.site.config.title.startswith("Saman om ein betre kommune")
    session = corpus / "samling-0000" / "sessions" / "okt-00011.md"
    edit(session, "## Oppsummering", "## Oppsummering av økta")
    assert builder.build({session}).counts["written"] >= 1
    assert tree(out) == cold(corpus, tmp_path)
