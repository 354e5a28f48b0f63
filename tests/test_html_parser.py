"""tinyhtml5's tokenizer expressions cached under the right key: the same trees, each expression built once."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest

tinyhtml5 = pytest.importorskip("tinyhtml5")
from tinyhtml5 import inputstream  # noqa: E402

from generator.commands.html_parser import Expressions, cache_expressions  # noqa: E402

TEMPLATES = Path(__file__).resolve().parent.parent / "themes" / "default" / "templates"
# Every state of the tokenizer that scans ahead: text, attributes in all three quotings, comments,
# character references, raw text (script, style), RCDATA (title, textarea), CDATA in SVG, a doctype.
PAGE = """<!DOCTYPE html><html lang="nn"><head><title>Tittel &amp; meir</title>
<style>p > a { color: red }</style><script>if (a < b && c) { d("</p>") }</script></head>
<body><!-- ein kommentar -- med strekar --><p class=plain id='single' data-x="double">Tekst &lt;
&#x2013; &eacute; &notanentity; Ærlig talt\u00a0— Sámi: Porsáŋgu</p><textarea>  <b>ikkje tagg</b></textarea>
<svg><![CDATA[ <rå> ]]><text>SVG-tekst</text></svg><table><tr><td>celle<td>to</table>\x00</body></html>"""


@pytest.fixture
def expressions() -> Iterator[None]:
    """Each test starts from tinyhtml5's own empty dict and leaves it as it found it."""
    before = inputstream.characters_until_regex
    inputstream.characters_until_regex = {}
    yield
    inputstream.characters_until_regex = before


def _tree(page: str) -> list[tuple[object, ...]]:
    """Every element in order: tag, attributes, text, tail (the templates' Jinja makes odd names)."""
    root: ET.Element = tinyhtml5.parse(page, namespace_html_elements=False)
    return [(e.tag, sorted(e.attrib.items()), e.text, e.tail) for e in root.iter()]


def _pages() -> list[str]:
    return [PAGE, *(p.read_text("utf-8") for p in sorted(TEMPLATES.rglob("*.html"))[:40])]


def _mistaken() -> bool:
    """Whether this tinyhtml5 stores its expressions under themselves (2.1.0 does)."""
    inputstream.characters_until_regex = {}
    _tree(PAGE)
    keys = list(inputstream.characters_until_regex)
    inputstream.characters_until_regex = {}
    return bool(keys) and all(hasattr(characters, "pattern") for characters, _ in keys)


@pytest.mark.usefixtures("expressions")
def test_put_in_place_where_tinyhtml5_makes_the_mistake_and_only_there() -> None:
    mistaken = _mistaken()
    cache_expressions()
    assert isinstance(inputstream.characters_until_regex, Expressions) == mistaken
    assert tinyhtml5.__version__ != "2.1.0" or mistaken  # the version this was written for


@pytest.mark.usefixtures("expressions")
def test_left_alone_where_tinyhtml5_builds_other_expressions(monkeypatch: pytest.MonkeyPatch) -> None:
    import re
    import types

    def other(pattern: str, *args: object) -> re.Pattern[str]:  # a tinyhtml5 that builds them otherwise
        return re.compile(pattern.replace("]+", "]{1,}"), *args)

    monkeypatch.setattr(inputstream, "re", types.SimpleNamespace(compile=other))
    cache_expressions()
    assert not isinstance(inputstream.characters_until_regex, Expressions)


def test_a_key_of_another_shape_is_left_to_tinyhtml5() -> None:
    expressions = Expressions()
    for key in ["<", ("<",), ("<", "yes"), (("<", "&"), 1), (("<&",), False)]:
        with pytest.raises(KeyError):
            expressions[key]
    assert expressions[(("<", "&"), False)].pattern == "[^\\x3c\\x26]+"


@pytest.mark.usefixtures("expressions")
def test_the_same_trees_as_tinyhtml5_alone() -> None:
    pages = _pages()
    alone = [_tree(p) for p in pages]
    cache_expressions()
    assert isinstance(inputstream.characters_until_regex, Expressions)
    assert [_tree(p) for p in pages] == alone


@pytest.mark.usefixtures("expressions")
def test_the_same_expressions_as_tinyhtml5_builds() -> None:
    if not _mistaken():
        pytest.skip("this tinyhtml5 keys its expressions by their characters: nothing to compare with")
    _tree(PAGE)
    theirs = {(regex.pattern, opposite) for regex, opposite in inputstream.characters_until_regex}
    assert theirs, "tinyhtml5 scanned nothing"
    cache_expressions()
    _tree(PAGE)
    ours = {(regex.pattern, opposite) for (_, opposite), regex in inputstream.characters_until_regex.items()}
    assert ours == theirs


@pytest.mark.usefixtures("expressions")
def test_each_expression_is_built_once() -> None:
    cache_expressions()
    _tree(PAGE)
    built = dict(inputstream.characters_until_regex)
    assert built and not any(hasattr(characters, "pattern") for characters, _ in built)  # the right keys
    for page in _pages():
        _tree(page)
    again = inputstream.characters_until_regex
    assert all(again[key] is regex for key, regex in built.items())  # looked up, not built again


@pytest.mark.usefixtures("expressions")
def test_cached_once_however_often_weasyprint_is_started() -> None:
    cache_expressions()
    first = inputstream.characters_until_regex
    cache_expressions()
    assert inputstream.characters_until_regex is first
