import datetime as dt
import re
from collections.abc import Iterable
from pathlib import Path

import pytest

from generator.cli import main
from generator.commands.build import build
from generator.commands.new import WORDS, new_gathering
from generator.core.errors import Problems
from generator.load.documents import read_yaml
from generator.render.theme import DEFAULT_THEME


def test_new_gathering_builds_as_it_is(tmp_path: Path) -> None:
    content = tmp_path / "content"
    assert main(["new", "gathering", "Nettverk – innovasjon", "--content", str(content)]) == 0
    (folder,) = [p for p in content.iterdir() if p.is_dir()]
    assert folder.name.startswith("nettverk-innovasjon-20")
    assert (folder / "gathering.yaml").is_file() and (folder / "sessions" / "velkommen.md").is_file()
    result = build(content, tmp_path / "output")
    assert (tmp_path / "output" / folder.name / "sessions" / "velkommen.html").is_file()
    assert result.site.gatherings[0].title == "Nettverk – innovasjon"


def test_new_gathering_never_overwrites(tmp_path: Path) -> None:
    content = tmp_path / "content"
    assert main(["new", "gathering", "Samling", "--content", str(content)]) == 0
    assert main(["new", "gathering", "Samling", "--content", str(content)]) == 2


# The format's own words: keys, kinds, `::: notes`, the docs' file name.
FORMAT_WORDS = "title language subtitle venue facilitators name organisation days date start sessions duration kind"
FORMAT_WORDS += " break group meal body notes docs content format md markdown nb nn en"
WORD = re.compile(r"[^\W\d_]+")


def _words(texts: Iterable[str]) -> set[str]:
    return {w.lower() for text in texts for w in WORD.findall(text)}


def _language_words(lang: str) -> set[str]:
    """Every word of the scaffold's table and the theme's strings in one language."""
    problems = Problems()
    doc = read_yaml(DEFAULT_THEME / "strings" / f"{lang}.yaml", problems)
    assert doc is not None
    return _words([*WORDS[lang].values(), *(str(v) for v in doc.data.values())])


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_a_new_site_is_scaffolded_in_its_language_only(tmp_path: Path, lang: str) -> None:
    content = tmp_path / "content"
    assert main(["new", "gathering", "Zorbix 7", "--language", lang, "--content", str(content)]) == 0
    result = build(content, tmp_path / "output")
    assert result.site.config.language == lang and result.site.gatherings[0].language == lang
    mine = _language_words(lang)
    others = (_language_words("nb") | _language_words("nn") | _language_words("en")) - mine
    # The format's own words (keys, kinds, `::: notes`) are the same in every language.
    skeleton = set(FORMAT_WORDS.split())
    scaffold = [p.read_text("utf-8") for p in content.rglob("*") if p.is_file()]
    assert not ((_words(scaffold) - skeleton) & others), (_words(scaffold) - skeleton) & others
    pages = [p for p in (tmp_path / "output").rglob("*.html")]
    visible = [
        re.sub(r"<[^>]+>", " ", re.sub(r"(?s)<(script|style)\b.*?</\1>", " ", p.read_text("utf-8"))) for p in pages
    ]
    assert not ((_words(visible) - skeleton) & others), (_words(visible) - skeleton) & others
    assert WORDS[lang]["welcome"] in " ".join(visible)


@pytest.mark.parametrize("lang", ["nn", "en"])
def test_a_new_gathering_follows_the_site_language(tmp_path: Path, lang: str) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "site.yaml").write_text(f"title: X\nlanguage: {lang}\n", "utf-8")
    folder = new_gathering(content, "Nettverk – innovasjon", today=dt.date(2027, 2, 20))
    assert folder.name == "nettverk-innovasjon-2027-03"
    text = (folder / "gathering.yaml").read_text("utf-8")
    assert WORDS[lang]["name"] in text and "Navn Navnesen" not in text and "language:" not in text
    assert (folder / "sessions" / f"{WORDS[lang]['welcome_file']}.md").is_file()
    assert "[" not in text.replace('"', ""), "the scaffold writes block lists only"


def test_language_inside_a_site_of_another_becomes_the_gatherings(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "site.yaml").write_text("title: X\nlanguage: nb\n", "utf-8")
    new_gathering(content, "Meeting", language="en", folder="meet")
    result = build(content, tmp_path / "output")
    assert result.site.config.language == "nb" and result.site.gatherings[0].language == "en"
    assert (content / "meet" / "sessions" / "welcome.md").is_file()


def test_a_long_title_gets_a_short_folder(tmp_path: Path) -> None:
    title = "Regionalt nettverk for innovasjon og tjenesteutvikling i kommunene på Vestlandet"
    folder = new_gathering(tmp_path, title, today=dt.date(2027, 5, 1))
    assert folder.name == "regionalt-nettverk-for-2027-05" and len(folder.name) <= 40


def test_new_gathering_names_the_networks_by_key(tmp_path: Path) -> None:
    """With a programme.yaml, the scaffold shows the line to write, with the keys to choose from."""
    content = tmp_path / "content"
    content.mkdir()
    (content / "programme.yaml").write_text(
        "title: P\nnetworks:\n  omdomme-1: {title: Omdømme 1}\n  innovasjon: {title: Innovasjon}\n", "utf-8"
    )
    assert main(["new", "gathering", "Samling", "--folder", "samling", "--content", str(content)]) == 0
    text = (content / "samling" / "gathering.yaml").read_text("utf-8")
    assert "# network: omdomme-1    # its key in programme.yaml: omdomme-1, innovasjon\n" in text
    # Uncommented, it builds: the key is checked against programme.yaml.
    (content / "samling" / "gathering.yaml").write_text(text.replace("# network: omdomme-1", "network: omdomme-1"))
    result = build(content, tmp_path / "output")
    assert result.site.gatherings[0].network == "omdomme-1"
    assert (tmp_path / "output" / "networks" / "omdomme-1.html").is_file()
