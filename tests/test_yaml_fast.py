"""libyaml's parser is used only where it reads a file exactly as the pure-Python parser does.

Differential: Hypothesis writes YAML in every style Samling's authors might (block and flow, plain,
quoted, literal and folded text with every header form, comments, anchors, Norwegian words, times,
dates), then mutates it (tabs, `#`, colons, odd line breaks, deep nesting). Whenever the pre-check
lets a text take the fast path, libyaml's result must equal the pure path's in every value, its
Python type and every line number; and parse_yaml must answer exactly as with accelerators off,
the same problem on the same line included. The CI profile is quick and deterministic; more:

    YAML_FAST_EXAMPLES=20000 .venv/bin/python -m pytest tests/test_yaml_fast.py -q
"""

from __future__ import annotations

import os
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from yaml_texts import block_scalars, deep_texts, documents, line_soup, mutated

from bench.corpus import write_samling
from generator.core.accelerators import SWITCH
from generator.load import yaml_fast, yamlfile
from generator.load.yamlfile import MAX_DEPTH, YamlList, YamlMap, YamlProblem, parse_yaml

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = int(os.environ.get("YAML_FAST_EXAMPLES", "300"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=EXAMPLES <= 300,  # the CI run: the same examples every time
    database=None if EXAMPLES <= 300 else settings.default.database,
    suppress_health_check=list(HealthCheck),
)
C_LOADER = yaml_fast.c_loader(yamlfile._Loader)
needs_libyaml = pytest.mark.skipif(C_LOADER is None, reason="PyYAML without libyaml, or accelerators switched off")


def shape(value: Any) -> Any:
    """Everything a later stage can see of a parsed value: type, value and lines, all the way down."""
    if isinstance(value, YamlMap):
        items = tuple((k, value.key_lines[k], shape(v)) for k, v in value.items())
        return ("map", value.line, items)
    if isinstance(value, YamlList):
        return ("list", value.line, tuple(value.item_lines), tuple(shape(v) for v in value))
    return (type(value).__name__, value)


def answer(text: str, first_line: int = 1) -> Any:
    try:
        return shape(parse_yaml(text, first_line))
    except YamlProblem as problem:
        return ("problem", problem.line, problem.message, problem.hint)


def pure(text: str, first_line: int = 1) -> Any:
    before = os.environ.get(SWITCH)
    os.environ[SWITCH] = "off"
    try:
        return answer(text, first_line)
    finally:  # as it was: a run with accelerators off must stay so
        if before is None:
            del os.environ[SWITCH]
        else:
            os.environ[SWITCH] = before


def fast_only(text: str, first_line: int = 1) -> Any:
    """libyaml's answer with no fallback, or None if it raised (parse_yaml then asks the pure parser)."""
    try:
        return shape(yamlfile.parse_c(C_LOADER, text, first_line))
    except Exception:
        return None


def check(text: str, first_line: int = 1) -> None:
    expected = pure(text, first_line)
    if yaml_fast.readable(text, MAX_DEPTH):
        event("fast path")
        got = fast_only(text, first_line)
        event("libyaml refused, pure path answers" if got is None else "libyaml answered")
        assert got is None or got == expected, f"libyaml reads {text!r} differently"
    else:
        event("pure path")
    assert answer(text, first_line) == expected


@needs_libyaml
@FUZZ
@given(documents(), st.sampled_from([1, 2, 17]))
def test_written_documents_read_alike(text: str, first_line: int) -> None:
    check(text, first_line)


@needs_libyaml
@FUZZ
@given(mutated())
def test_mutated_documents_read_alike(text: str) -> None:
    check(text)


@needs_libyaml
@FUZZ
@given(line_soup())
def test_line_soup_reads_alike(text: str) -> None:
    check(text)


@needs_libyaml
@FUZZ
@given(block_scalars())
def test_literal_and_folded_text_reads_alike(text: str) -> None:
    check(text)


@needs_libyaml
@FUZZ
@given(deep_texts())
def test_deep_documents_never_reach_libyaml_deeper_than_allowed(text: str) -> None:
    check(text)


# Every disagreement found between the two parsers: libyaml answers, and not as PyYAML does.
DISAGREEMENTS = [
    "a: |#\n  x\n",  # libyaml: a block header, then a comment; PyYAML: refused
    "a: >2#\n   x\n",
    "a: [Hva nå?]\n",  # PyYAML ends a plain text at `?` in a flow collection, then refuses it
    "a: [x?, y]\n",
    "a: 1\nb: \t2\n",  # libyaml skips a tab after `: ` or after a text; PyYAML refuses it
    "a:\t1\n",
    "b\t\n",
    "a: !\n",  # the non-specific tag: libyaml gives '', PyYAML None
    "- !\n",
    "\n\ufeffb\n",  # a BOM at the start of a later line: libyaml drops it, PyYAML keeps it
    "\n\ufeff-5\n",  # ... so that libyaml reads the number -5 where PyYAML reads a text
    "''\x85\ufeff\n",
]
# Read alike wherever we looked, sent the pure way all the same: other line breaks, controls,
# directives, more documents in one file.
PRECAUTIONS = [
    "a: 1\rb: 2\n",
    "a: 1\x85b: 2\n",
    "a: 1\u2028- b\n",
    "a: x\u2029y\n",
    "a: \x7f\n",
    "%YAML 1.1\n---\na: 1\n",
]


@needs_libyaml
@pytest.mark.parametrize("text", DISAGREEMENTS)
def test_known_disagreements_go_the_pure_way(text: str) -> None:
    assert fast_only(text) not in (None, pure(text))  # a real disagreement, were libyaml asked
    assert not yaml_fast.readable(text, MAX_DEPTH)
    assert answer(text) == pure(text)


@needs_libyaml
@pytest.mark.parametrize("text", PRECAUTIONS)
def test_odd_line_breaks_controls_and_directives_go_the_pure_way(text: str) -> None:
    assert not yaml_fast.readable(text, MAX_DEPTH)
    assert answer(text) == pure(text)


@needs_libyaml
@pytest.mark.parametrize("text", ['a: "x\\ud800"\n', "a: b: c\n", "a: 1\na: 2\n"])
def test_what_libyaml_refuses_the_pure_parser_answers(text: str) -> None:
    """A surrogate escape PyYAML keeps and libyaml refuses; bad YAML; a key twice: the same answer."""
    assert yaml_fast.readable(text, MAX_DEPTH)
    assert fast_only(text) is None
    assert answer(text) == pure(text)


@pytest.mark.parametrize(
    "text",
    [
        "a:\n" + "".join("  " * i + f"k{i}:\n" for i in range(1, 20)) + "  " * 20 + "x\n",  # 21 levels of keys
        "a: " + "[" * 5 + "1" + "]" * 5 + "\n",  # flow nested deeper than FLOW_DEPTH
        "a:\n" + "- " * 20 + "x\n",
    ],
)
def test_deep_files_go_the_pure_way(text: str) -> None:
    assert not yaml_fast.readable(text, MAX_DEPTH)


def yaml_texts(root: Path) -> list[str]:
    """Every YAML text Samling parses under root: .yaml files and the front matter of .md files."""
    texts = [p.read_text("utf-8") for p in sorted(root.rglob("*.yaml"))]
    for path in sorted(root.rglob("*.md")):
        lines = path.read_text("utf-8").split("\n")
        if lines[0].strip() == "---":
            end = next(i for i in range(1, len(lines)) if lines[i].strip() in ("---", "..."))
            texts.append("\n".join(lines[1:end]))
    return texts


def fast_share(texts: list[str]) -> float:
    for text in texts:
        assert answer(text) == pure(text)
    return sum(yaml_fast.readable(t, MAX_DEPTH) and fast_only(t) is not None for t in texts) / len(texts)


@needs_libyaml
def test_the_example_site_reads_alike_and_mostly_fast() -> None:
    texts = yaml_texts(ROOT / "content") + yaml_texts(ROOT / "themes")
    assert len(texts) > 40
    assert fast_share(texts) >= 0.8


@needs_libyaml
def test_the_bench_corpus_reads_alike_and_fast(tmp_path: Path) -> None:
    write_samling(60, tmp_path)
    assert fast_share(yaml_texts(tmp_path)) == 1.0


def test_switched_off_or_missing_libyaml_takes_the_pure_path(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "title: x\ndays:\n  - date: 2013-03-11\n    start: '09.30'\n"
    expected = answer(text)
    monkeypatch.setenv(SWITCH, "off")
    assert yaml_fast.c_loader(yamlfile._Loader) is None
    assert answer(text) == expected
    monkeypatch.delenv(SWITCH)
    for installed in (None, ModuleType("yaml._yaml")):  # no libyaml; a PyYAML without its CParser
        monkeypatch.setattr(yaml_fast.accelerators, "accelerator", lambda module, installed=installed: installed)
        assert yaml_fast.c_loader(yamlfile._Loader) is None
        assert answer(text) == expected
