"""Hostile and broken content never crashes the build (issue: robustness).

Hypothesis mutates a small real gathering — wrong types, duplicate keys, tabs, BOMs,
Windows line endings, Latin-1 bytes, empty and huge files, deep nesting, alias bombs,
impossible times, unknown references — and the hostile cases of issue 14: YAML nested 500
deep, a long text repeated through aliases, out-of-range dates, 5,000-digit numbers, control,
escape and bidi characters in values, page names Windows or a browser cannot take, `---` and `:::`
inside notes, huge table rows. Every case must end either in a correct build or in ContentError
whose problems each name a file and line, on one line with no raw control character.

The CI profile is quick (60 cases). More, with a hang guard and a 10 s budget for every case:

    HYPOTHESIS_PROFILE=fuzz10k .venv/bin/python -m pytest tests/test_fuzz.py -q -k mutated
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.commands.build import build
from generator.commands.new import new_gathering
from generator.core.errors import ContentError

settings.register_profile("default", max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
settings.register_profile("fuzz", max_examples=2000, deadline=None, suppress_health_check=list(HealthCheck))
settings.register_profile("fuzz10k", max_examples=10_000, deadline=None, suppress_health_check=list(HealthCheck))
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "default")
settings.load_profile(PROFILE)
# Outside CI every case is timed: a hang or a case over the budget fails (not in CI, where load varies).
BUDGET = None if PROFILE == "default" else 10.0

DECK = (
    "---\ntitle: Lysbilder\ndate: 2013-03-22\nsessions: [velkommen]\n---\n"
    "# Velkommen\n\n---\n\n## To\n\n::: notes\nHei\n:::\n"
)
WORKSHEET = "title: Ark\nblocks:\n  - type: question\n    text: Hva nå?\n    lines: 3\n"

NASTY_VALUES = [
    "25:61", "-5", "0", "99999", "''", "[]", "{}", "~", "true", "no", "\t", "\"\\x00\"",
    "&a [*a]", "!!python/object:os.system ls", "<script>alert(1)</script>", "'{{ 7*7 }}'",
    "../../etc/passwd", "[ukjent]", "2013-02-30", "\"x\" * 3", "[" * 60 + "]" * 60,
    "\"" + "å" * 5000 + "\"", "{title: x, title: y}", "*nothing",
    # issue 14: nesting, dates and numbers out of range, control, escape and bidi characters, notes
    "[" * 500 + "]" * 500, "{a: " * 300 + "1" + "}" * 300, "0001-01-01", "9999-12-31", "10000-01-01",
    "0001-01-01T00:00:00", "9" * 5000, "-" + "9" * 5000, "1e999", ".nan", "\"\x1b]0;pwned\x07\"",
    "\"\x1b[2J\x1b[31mred\"", "\"a\\nb.yaml:1: forged\"", "\"\u202eexe.txt\"", "\"\u2066x\u2069\"",
    "\"\x0b\x0c\x1c\x1d\u2028\u0085\"", "\x1b]0;raw\x07", "\u202e", "---", ":::", "::: notes",
    # the same, written as YAML escapes, so that the characters reach the value (raw, YAML refuses most)
    "\"\\e]0;pwned\\a\"", "\"\\x1b[2J\\x9b31m\"", "\"\\u202eexe\\u2066\\u2028\\x85\\v\\f\\x1c\"", "'x\u2029y'",
    "::: ukjent", "::: notes\n---\nhemmelig", "```", "|" + "a|" * 80, "$'a\nb: x'", "localtime",
]  # fmt: skip

# File names that must never become pages as they are (Windows, a browser's # and ?, length).
BAD_NAMES = ["CON", "aux", "nul.txt", 'a:b"<x>#?', "prog.", "with space", "å", "x" * 251, "-", ".hidden"]

# A long text repeated through an alias: small on disk, huge expanded (issue 14.3).
ALIAS_REPEAT = "t: &t " + "x" * 50_000 + "\nr: [" + ", ".join(["*t"] * 2_000) + "]\n"
NESTED = "a:\n" + "".join("  " * i + "- \n" for i in range(1, 500)) + "  " * 500 + "x\n"

BOMB = "\n".join(
    ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    + [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
)


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    content = tmp_path_factory.mktemp("pristine") / "content"
    folder = new_gathering(content, "Fuzz", folder="fuzz")
    (folder / "decks").mkdir()
    (folder / "decks" / "lysbilder.md").write_text(DECK, "utf-8")
    (folder / "worksheets").mkdir()
    (folder / "worksheets" / "ark.yaml").write_text(WORKSHEET, "utf-8")
    return content


def files_of(content: Path) -> list[Path]:
    return sorted(p for p in content.rglob("*") if p.is_file())


def mutate(data: bytes, how: str, where: float, value: str) -> bytes:
    lines = data.split(b"\n")
    i = min(int(where * len(lines)), len(lines) - 1)
    encoded = value.encode("utf-8")
    if how == "replace-value" and b":" in lines[i]:
        key = lines[i].split(b":", 1)[0]
        lines[i] = key + b": " + encoded
    elif how == "insert-line":
        lines.insert(i, encoded)
    elif how == "delete-line":
        del lines[i]
    elif how == "duplicate-line":
        lines.insert(i, lines[i])
    elif how == "tabs":
        lines[i] = lines[i].replace(b"  ", b"\t")
    elif how == "bom-crlf":
        return b"\xef\xbb\xbf" + b"\r\n".join(lines)
    elif how == "latin-1":
        return data.decode("utf-8", "replace").encode("latin-1", "replace")
    elif how == "empty":
        return b""
    elif how == "huge":
        return data + b"\n# " + b"x" * (10 * 1024 * 1024)
    elif how == "bomb":
        return BOMB.encode()
    elif how == "truncate":
        return data[: int(where * len(data))]
    elif how == "alias-repeat":
        return ALIAS_REPEAT.encode()
    elif how == "nested":
        return NESTED.encode()
    elif how == "table-rows":  # a wide table, then one past the cell budget
        wide = b"|" + b" a |" * 70 + b"\n|" + b"---|" * 70
        long = b"| a | b |\n|---|---|\n" + b"| x | y |\n" * int(where * 12_000)
        lines[i:i] = [wide, b"", long]
    elif how == "notes":  # a rule, a fence, a heading and a stray ::: inside notes
        lines[i:i] = [b"::: notes", b"---", b"# " + encoded, b"```", b"hemmelig", b"```", b":::", b":::"]
    return b"\n".join(lines)


HOW = st.sampled_from(
    ["replace-value", "insert-line", "delete-line", "duplicate-line", "tabs", "bom-crlf", "latin-1", "empty",
     "huge", "bomb", "truncate", "alias-repeat", "nested", "table-rows", "notes", "rename"]
)  # fmt: skip
MUTATION = st.tuples(st.integers(0, 50), HOW, st.floats(0, 1), st.sampled_from(NASTY_VALUES) | st.text(max_size=30))

PROBLEM_LINE = re.compile(r"^\S.*?(:\d+)?: .+")
RAW_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


class Hang(Exception):
    pass


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Fail a case that runs past `seconds` (None: no limit), instead of waiting on it forever."""
    if seconds is None:
        yield
        return

    def expired(signum: int, frame: object) -> None:
        raise Hang(f"a case ran past {seconds * 3:.0f} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds * 3)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def rename(target: Path, where: float, value: str) -> None:
    """Give a content file a name no page may have (the folder's own YAML files keep theirs)."""
    if target.suffix not in (".md", ".yaml") or target.name in ("gathering.yaml", "site.yaml"):
        return
    name = BAD_NAMES[int(where * len(BAD_NAMES)) % len(BAD_NAMES)]
    with suppress(OSError):  # too long for this file system too: that case is in bench/hostile.py
        target.rename(target.with_name(name + target.suffix))


@given(mutations=st.lists(MUTATION, min_size=1, max_size=3))
def test_mutated_content_builds_or_reports_problems(
    pristine: Path, tmp_path_factory: pytest.TempPathFactory, mutations: list[tuple[int, str, float, str]]
) -> None:
    work = tmp_path_factory.mktemp("case")
    content = work / "content"
    shutil.copytree(pristine, content)
    files = files_of(content)
    for index, how, where, value in mutations:
        target = files[index % len(files)]
        if not target.exists():  # renamed by an earlier mutation
            continue
        if how == "rename":
            rename(target, where, value)
        else:
            target.write_bytes(mutate(target.read_bytes(), how, where, value))
    started = time.perf_counter()
    try:
        with time_limit(BUDGET):
            build(content, work / "output")
    except ContentError as exc:
        assert exc.problems
        for problem in exc.problems:
            text = str(problem)
            assert PROBLEM_LINE.match(text), text
            assert "Traceback" not in text
            assert not RAW_CONTROL.search(text), repr(text)
        assert not (work / "output").exists(), "a failed build wrote output"
    else:
        assert (work / "output" / "index.html").is_file()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if BUDGET is not None:
        elapsed = time.perf_counter() - started
        print(f"case {elapsed:.2f} s", flush=True)  # with -s: a long run shows how far it got
        assert elapsed < BUDGET, f"{elapsed:.1f} s for {mutations!r}"


# The nastiest cases, kept as plain tests: (file, new bytes or None to mutate, what the problem must say).
CORPUS = [
    ("gathering.yaml", b"", "should be a mapping"),
    ("gathering.yaml", b"title: x\n", "missing 'days'"),  # crashed before: found by the fuzz run
    ("gathering.yaml", b"title: x\ndays:\n  - date: 2013-02-30\n", "not a real date"),  # crashed before
    ("gathering.yaml", BOMB.encode(), "too many YAML aliases"),
    ("gathering.yaml", b"a: &a [*a]\n", "nested too deeply"),
    ("gathering.yaml", b"title: x\ntitle: y\n", "appears twice"),
    ("gathering.yaml", "title: Bl\xe5b\xe6r\n".encode("latin-1"), "not UTF-8"),
    ("gathering.yaml", b"title: x\n" + b"#" * (10 * 1024 * 1024), "more than content files may be"),
    ("sessions/velkommen.md", b"---\ntitle: x\nstart: 25:61\n---\n", "not a time of day"),
    ("sessions/velkommen.md", b"---\ntitle: x\nduration: -5\n---\n", "not a possible duration"),
    ("sessions/velkommen.md", b"---\ntitle: x\nfacilitators: [ukjent]\n---\n", "'ukjent' in facilitators"),
    ("sessions/velkommen.md", b"---\ntitle: [x\n---\n", "not valid YAML"),
    ("sessions/velkommen.md", b"---\ntitle: x\n", "never closed"),
    ("sessions/velkommen.md", b"\x00\x01binary", "NUL byte"),
]


@pytest.mark.parametrize(("file", "data", "fragment"), CORPUS)
def test_nasty_case_gives_a_clear_problem(
    pristine: Path, tmp_path: Path, file: str, data: bytes, fragment: str
) -> None:
    content = tmp_path / "content"
    shutil.copytree(pristine, content)
    (content / "fuzz" / file).write_bytes(data)
    with pytest.raises(ContentError) as caught:
        build(content, tmp_path / "output")
    messages = [str(p) for p in caught.value.problems]
    assert any(fragment in m and file.split("/")[-1] in m for m in messages), messages
    assert not (tmp_path / "output").exists()


def test_bom_and_windows_line_endings_build_fine(pristine: Path, tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(pristine, content)
    for path in files_of(content):
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    build(content, tmp_path / "output")
    assert "Velkommen" in (tmp_path / "output" / "fuzz" / "sessions" / "velkommen.html").read_text("utf-8")
