"""Site themes override the default one file at a time; branding needs no template at all."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from generator.commands.build import build
from generator.core.errors import ContentError
from generator.validate.safe_svg import clean_svg

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "docs" / "examples" / "kommune-theme"
STATEMENT = "https://uustatus.no/nb/erklaringer/publisert/00000000-0000-0000-0000-000000000000"


def _pages(out: Path) -> dict[str, str]:
    return {p.relative_to(out).as_posix(): p.read_text(encoding="utf-8") for p in sorted(out.rglob("*.html"))}


def _footers(out: Path) -> dict[str, str]:
    """Each page's site footer; full-screen slide views have none (they are listed so a new page cannot hide)."""
    footers = {}
    for path, html in _pages(out).items():
        match = re.search(r'<footer class="site-footer">(.*?)</footer>', html, re.S)
        if match is None:
            assert 'class="deck-body' in html, f"{path} has no site footer"
            continue
        footers[path] = match.group(1)
    return footers


def _use_example(content: Path) -> None:
    """The documented example: its site.yaml and logo in the content, its themes/ folder beside it."""
    shutil.copy(EXAMPLE / "content" / "site.yaml", content / "site.yaml")
    shutil.copytree(EXAMPLE / "content" / "files", content / "files", dirs_exist_ok=True)
    shutil.copytree(EXAMPLE / "themes", content.parent / "themes")


def test_the_documented_footer_override_is_used_on_every_page(content_copy: Path, tmp_path: Path) -> None:
    _use_example(content_copy)
    out = tmp_path / "out"
    build(content_copy, out)
    footers = _footers(out)
    assert len(footers) > 10
    for path, footer in footers.items():
        # The override's own line, in the page's language, after everything the default footer shows.
        assert 'href="mailto:postmottak@kommune.example"' in footer, path
        assert "Spørsmål om samlingen? Skriv til" in footer, path
        assert footer.index("Laget med Samling") < footer.index("postmottak@"), path
        assert f'href="{STATEMENT}"' in footer, path
        assert "Eksempel kommune" in footer, path


def test_branding_needs_no_template(content_copy: Path, tmp_path: Path) -> None:
    _use_example(content_copy)
    out = tmp_path / "out"
    build(content_copy, out)
    # Published as the SVG cleaner writes it (raw_html is off): the same drawing, nothing active.
    source = (EXAMPLE / "content" / "files" / "logo.svg").read_bytes()
    assert (out / "assets" / "logo.svg").read_bytes() == clean_svg(source)
    pages = _pages(out)
    day = pages["nettverk-omdomme-2013-03/2013-03-11.html"]
    assert '<img src="../assets/logo.svg" alt="" class="logo">' in day  # the title beside it names the link
    assert "--accent: #7a1f3d;" in day
    assert "--accent: #7a1f3d;" in pages["index.html"]


def test_the_accessibility_statement_is_linked_from_every_footer(content_copy: Path, tmp_path: Path) -> None:
    site = content_copy / "site.yaml"
    site.write_text(site.read_text(encoding="utf-8") + f"accessibility_statement: {STATEMENT}\n", encoding="utf-8")
    out = tmp_path / "out"
    build(content_copy, out)
    for path, footer in _footers(out).items():
        assert f'<a class="accessibility-statement" href="{STATEMENT}">Tilgjengelighetserklæring</a>' in footer, path
    # A deck's audience view has no footer (the slides fill the screen): its bar carries the link.
    for deck in (out / "nettverk-omdomme-2013-03" / "decks").glob("*.html"):
        if not deck.stem.endswith(("-presenter", "-notes", "-handout")):
            assert f'class="accessibility-statement" href="{STATEMENT}"' in deck.read_text("utf-8"), deck


def test_without_a_statement_no_empty_link_is_made(built_site: Path) -> None:
    for path, footer in _footers(built_site).items():
        assert "accessibility-statement" not in footer, path
        assert "Kommunal- og regionaldepartementet" in footer, path  # the example's organisation


def _site_theme(content: Path, name: str = "kommune") -> Path:
    site = content / "site.yaml"
    site.write_text(site.read_text(encoding="utf-8").replace("theme: default", f"theme: {name}"), encoding="utf-8")
    theme = content.parent / "themes" / name
    theme.mkdir(parents=True)
    return theme


def test_a_static_file_and_a_string_can_be_overridden_alone(content_copy: Path, tmp_path: Path) -> None:
    theme = _site_theme(content_copy)
    (theme / "static").mkdir()
    (theme / "static" / "style.css").write_text("body { color: #000; }\n", encoding="utf-8")
    (theme / "strings").mkdir()
    (theme / "strings" / "nb.yaml").write_text("made_with: Laget av kommunen\n", encoding="utf-8")
    out = tmp_path / "out"
    build(content_copy, out)
    assert (out / "assets" / "style.css").read_text(encoding="utf-8") == "body { color: #000; }\n"
    default_js = ROOT / "themes" / "default" / "static" / "worksheet.js"
    assert (out / "assets" / "worksheet.js").read_bytes() == default_js.read_bytes()  # the rest is the default's
    footers = _footers(out)
    assert all("Laget av kommunen" in f and "Laget med Samling" not in f for f in footers.values())


def test_a_template_override_can_extend_the_original(content_copy: Path, tmp_path: Path) -> None:
    theme = _site_theme(content_copy)
    (theme / "templates").mkdir()
    (theme / "templates" / "index.html").write_text(
        '{% extends "default/index.html" %}\n'
        '{% block main %}<p class="hello">Velkommen</p>{{ super() }}{% endblock %}\n',
        encoding="utf-8",
    )
    out = tmp_path / "out"
    build(content_copy, out)
    index = (out / "index.html").read_text(encoding="utf-8")
    assert '<p class="hello">Velkommen</p><h1 class="visually-hidden">' in index
    assert "nettverk-omdomme-2013-03/index.html" in index  # the original's list of gatherings is still there
    assert 'class="hello"' not in (out / "nettverk-omdomme-2013-03" / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("name", "message"),
    [("finnes-ikke", "theme 'finnes-ikke' does not exist"), ("../default", "is not a plain folder name")],
)
def test_a_theme_that_is_not_there_is_a_problem(content_copy: Path, tmp_path: Path, name: str, message: str) -> None:
    site = content_copy / "site.yaml"
    site.write_text(site.read_text(encoding="utf-8").replace("theme: default", f'theme: "{name}"'), encoding="utf-8")
    with pytest.raises(ContentError, match=re.escape(message)):
        build(content_copy, tmp_path / "out")
    assert not (tmp_path / "out").exists()
