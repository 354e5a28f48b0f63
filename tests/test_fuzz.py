"""Hostile and broken content never crashes the build (issue: robustness).

Hypothesis mutates a small real gathering — wrong types, duplicate keys, tabs, BOMs,
Windows line endings, Latin-1 bytes, empty and huge files, deep nesting, alias bombs,
impossible times, unknown references — and every case must end either in a correct
build or in ContentError whose problems each name a file and line. Run more cases with
HYPOTHESIS_PROFILE=fuzz.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.commands.build import build
from generator.commands.new import new_gathering
from generator.core.errors import ContentError

settings.register_profile("default", max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
settings.register_profile("fuzz", max_examples=2000, deadline=None, suppress_health_check=list(HealthCheck))
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

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
]  # fmt: skip

BOMB = "\n".join(
    ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    + [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
)


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    content = tmp_path_factory.mktemp("pristine") / "content"
    folder = new_gathering(content, "Fuzz")
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
    return b"\n".join(lines)


HOW = st.sampled_from(
    ["replace-value", "insert-line", "delete-line", "duplicate-line", "tabs", "bom-crlf", "latin-1", "empty",
     "huge", "bomb", "truncate"]
)  # fmt: skip
MUTATION = st.tuples(st.integers(0, 50), HOW, st.floats(0, 1), st.sampled_from(NASTY_VALUES) | st.text(max_size=30))

PROBLEM_LINE = re.compile(r"^\S.*?(:\d+)?: .+")


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
        target.write_bytes(mutate(target.read_bytes(), how, where, value))
    try:
        build(content, work / "output")
    except ContentError as exc:
        assert exc.problems
        for problem in exc.problems:
            assert PROBLEM_LINE.match(str(problem)), str(problem)
            assert "Traceback" not in str(problem)
        assert not (work / "output").exists(), "a failed build wrote output"
    else:
        assert (work / "output" / "index.html").is_file()
    finally:
        shutil.rmtree(work, ignore_errors=True)


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
