"""Bokmål, nynorsk and English: every UI string in each, the right language per page, marked passages."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from generator.commands.build import build
from generator.core.errors import ContentError, Problems
from generator.core.model import LANGUAGES
from generator.load.documents import read_yaml
from generator.render import formatting
from generator.render.theme import DEFAULT_THEME, load_theme

GATHERING = "nettverk-omdomme-2013-03"
DAY = f"{GATHERING}/2013-03-11.html"


def _strings(lang: str) -> dict[str, str]:
    # Samling's own YAML reader: nynorsk "No" (now) is text, not false.
    problems = Problems()
    doc = read_yaml(DEFAULT_THEME / "strings" / f"{lang}.yaml", problems)
    assert doc is not None and not problems, problems.items
    return dict(doc.data)


def test_every_ui_string_exists_in_every_language() -> None:
    tables = {lang: _strings(lang) for lang in LANGUAGES}
    for lang, table in tables.items():
        assert table.keys() == tables["nb"].keys(), f"{lang}.yaml differs: {table.keys() ^ tables['nb'].keys()}"
        assert all(isinstance(v, str) and v.strip() for v in table.values()), f"{lang}.yaml has an empty text"


@pytest.mark.parametrize(
    ("key", "nb", "nn", "en"),
    [
        ("slide", "Lysbilde", "Lysbilete", "Slide"),
        ("kind_break", "Pause", "Pause", "Break"),
        ("skip_to_content", "Hopp til innholdet", "Hopp til innhaldet", "Skip to content"),
        ("accessibility_statement", "Tilgjengelighetserklæring", "Tilgjengelegheitserklæring", None),
    ],
)
def test_nynorsk_is_nynorsk(key: str, nb: str, nn: str, en: str | None) -> None:
    assert _strings("nb")[key] == nb
    assert _strings("nn")[key] == nn
    if en is not None:
        assert _strings("en")[key] == en


def test_no_bokmal_words_in_the_nynorsk_strings() -> None:
    # Words that are bokmål only; each has a nynorsk form (ikke→ikkje, hvor→kvar, lysbilde→lysbilete …).
    bokmal = re.compile(r"\b(ikke|hvor|hva|hvem|noen|lysbilder?|innholdet|laget|samlingen|bare|mye|hjem)\b", re.I)
    found = {k: v for k, v in _strings("nn").items() if bokmal.search(v)}
    assert not found, found


def test_a_key_missing_in_one_language_names_the_file(tmp_path: Path) -> None:
    theme = tmp_path / "default"
    shutil.copytree(DEFAULT_THEME, theme)
    nn = theme / "strings" / "nn.yaml"
    nn.write_text(re.sub(r"(?m)^made_with:.*\n", "", nn.read_text(encoding="utf-8")), encoding="utf-8")
    problems = Problems()
    load_theme("default", tmp_path / "content", problems, tmp_path / "site.yaml", default=theme)
    assert [str(p) for p in problems.items] == [
        # Named from where the user stands (the test runs in tmp_path).
        f"{nn.relative_to(tmp_path).as_posix()}: the UI string 'made_with' has no nn translation"
        " — add `made_with:` to this file; every UI string needs nb, nn and en"
    ]


def test_a_site_theme_string_without_nynorsk_fails_the_build(content_copy: Path, tmp_path: Path) -> None:
    site = content_copy / "site.yaml"
    site.write_text(site.read_text(encoding="utf-8").replace("theme: default", "theme: kommune"), encoding="utf-8")
    strings = content_copy.parent / "themes" / "kommune" / "strings"
    strings.mkdir(parents=True)
    (strings / "nb.yaml").write_text("contact_us: Kontakt oss\n", encoding="utf-8")
    (strings / "en.yaml").write_text("contact_us: Contact us\n", encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        build(content_copy, tmp_path / "out")
    assert "themes/kommune/strings/nn.yaml: the UI string 'contact_us' has no nn translation" in str(caught.value)
    assert not (tmp_path / "out").exists()


def test_a_string_no_language_has_fails_instead_of_falling_back(content_copy: Path, tmp_path: Path) -> None:
    site = content_copy / "site.yaml"
    site.write_text(site.read_text(encoding="utf-8").replace("theme: default", "theme: kommune"), encoding="utf-8")
    templates = content_copy.parent / "themes" / "kommune" / "templates"
    templates.mkdir(parents=True)
    (templates / "model.html").write_text(
        "{% extends \"default/model.html\" %}{% block main %}{{ t('no_such_key') }}{% endblock %}", encoding="utf-8"
    )
    with pytest.raises(ContentError, match=r"model\.html: the template failed .*'no_such_key' is missing for language"):
        build(content_copy, tmp_path / "out")


@pytest.mark.parametrize(
    ("lang", "monday", "tuesday"),
    [
        ("nb", "mandag 11. mars 2013", "tirsdag 12. mars 2013"),
        ("nn", "måndag 11. mars 2013", "tysdag 12. mars 2013"),
        ("en", "Monday 11 March 2013", "Tuesday 12 March 2013"),
    ],
)
def test_dates_come_from_cldr(lang: str, monday: str, tuesday: str) -> None:
    assert formatting.long_date(dt.date(2013, 3, 11), lang) == monday
    assert formatting.long_date(dt.date(2013, 3, 12), lang) == tuesday


def _set_gathering_language(content: Path, lang: str) -> None:
    path = content / GATHERING / "gathering.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\nvenue:", f"\nlanguage: {lang}\nvenue:", 1), encoding="utf-8")


def test_a_gathering_in_nynorsk_on_a_bokmal_site(content_copy: Path, tmp_path: Path) -> None:
    _set_gathering_language(content_copy, "nn")
    out = tmp_path / "out"
    build(content_copy, out)
    assert '<html lang="nb"' in (out / "index.html").read_text(encoding="utf-8")
    for page in (out / GATHERING).rglob("*.html"):
        assert re.search(r'<html lang="nn"', page.read_text(encoding="utf-8")), page
    day = (out / DAY).read_text(encoding="utf-8")
    assert "måndag 11. mars 2013" in day
    assert "Lysbilete:" in day and "Lysbilder" not in day
    assert "Hopp til innhaldet" in day and "Ansvarlege" in day


def test_an_english_site(content_copy: Path, tmp_path: Path) -> None:
    site = content_copy / "site.yaml"
    site.write_text(site.read_text(encoding="utf-8").replace("language: nb", "language: en"), encoding="utf-8")
    out = tmp_path / "out"
    build(content_copy, out)
    day = (out / DAY).read_text(encoding="utf-8")
    assert '<html lang="en"' in day
    assert "Monday 11 March 2013" in day and "Skip to content" in day


def test_a_passage_and_a_session_in_another_language(content_copy: Path, tmp_path: Path) -> None:
    session = content_copy / GATHERING / "sessions" / "program.md"
    text = session.read_text(encoding="utf-8").replace("---\nGjennomgang", "lang: nn\n---\nGjennomgang", 1)
    session.write_text(text + "\n::: lang en\nA word in English.\n:::\n", encoding="utf-8")
    out = tmp_path / "out"
    build(content_copy, out)
    page = (out / GATHERING / "sessions" / "program.html").read_text(encoding="utf-8")
    assert '<html lang="nb"' in page
    assert re.search(r'<article class="[^"]*" lang="nn">', page)
    assert re.search(r'<div lang="en">\s*<p>A word in English.</p>', page)
    day = (out / DAY).read_text(encoding="utf-8")
    assert re.search(r'<a class="session-title" href="sessions/program.html" lang="nn">Program</a>', day)


@pytest.mark.parametrize(("lang", "shown"), [("nb", "fra 20.00"), ("nn", "frå 20.00"), ("en", "from 20.00")])
def test_an_open_end_is_shown_from_its_start_in_every_language(lang: str, shown: str) -> None:
    from generator.core.model import Session
    from generator.render import Formatter

    fmt = Formatter(lang, ".", _strings(lang))
    dinner = Session("middag", "Middag", "meal", 20 * 60, 20 * 60, True, None, open_end=True)
    assert fmt.when(dinner) == shown
    assert fmt.when(Session("lunsj", "Lunsj", "meal", 690, 750, True, 60)) == "11.30–12.30"
