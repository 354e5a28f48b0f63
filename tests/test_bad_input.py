"""Bad content: one clear line per problem, all in one run, and the old site survives."""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli import main

GATHERING = "nettverk-omdomme-2013-03"


def tree_digest(folder: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        h.update(path.relative_to(folder).as_posix().encode())
        if path.is_file():
            h.update(path.read_bytes())
            h.update(str(path.stat().st_mtime_ns).encode())
    return h.hexdigest()


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), "utf-8")


def run(content: Path, output: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    code = main(["build", "--content", str(content), "--output", str(output)])
    return code, [line for line in capsys.readouterr().err.splitlines() if line]


@pytest.fixture
def built(content_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Path, Path]:
    output = tmp_path / "output"
    code, err = run(content_copy, output, capsys)
    assert code == 0, err
    return content_copy, output


# (file, old text, new text, expected line, expected fragment of the message)
CASES = [
    ("gathering.yaml", "venue: Gardermoen", "venue: [Gardermoen", 0, "not valid YAML"),
    ("gathering.yaml", "title: Nettverk – omdømme", "titel: Nettverk – omdømme", 2, "did you mean 'title'?"),
    ("gathering.yaml", "  - date: 2013-03-12\n", "  - dato: 2013-03-12\n", 0, "missing 'date'"),
    ("sessions/scanning.md", "duration: 5", "duration: lenge", 3, "'duration'"),
    ("sessions/attraktive-arbeidsgivere.md", 'start: "14.15"', 'start: "25:61"', 3, "not a time of day"),
    ("sessions/attraktive-arbeidsgivere.md", 'start: "14.15"', 'start: "13.45"', 3, "runs until 14.00"),
    ("sessions/scanning.md", "facilitators: [asbjorn]", "facilitators: [asbjørn]", 0, "did you mean 'asbjorn'?"),
    ("sessions/program.md", "decks: [samling-mars-2013]", "decks: [mangler]", 0, "'mangler' in decks"),
    ("sessions/hva-er-saman-om.md", "::: model forankring", "::: model forankringen", 0, "does not exist"),
    ("gathering.yaml", "      - scanning\n", "      - scaning\n", 0, "did you mean 'scanning'?"),
]


@pytest.mark.parametrize(("file", "old", "new", "line", "fragment"), CASES)
def test_each_problem_names_file_and_line_and_the_site_survives(
    built: tuple[Path, Path],
    capsys: pytest.CaptureFixture[str],
    file: str,
    old: str,
    new: str,
    line: int,
    fragment: str,
) -> None:
    content, output = built
    before = tree_digest(output)
    edit(content / GATHERING / file, old, new)
    code, err = run(content, output, capsys)
    assert code == 1
    ours = [e for e in err if fragment in e]
    assert ours, err
    where = re.match(r"(\S+?):(\d+): ", ours[0])
    assert where, ours[0]
    assert where.group(1).endswith(file.split("/")[-1]) or file in where.group(1)
    if line:
        assert int(where.group(2)) == line, ours[0]
    assert " — " in ours[0], "every message says what to do"
    assert "Traceback" not in "\n".join(err)
    assert tree_digest(output) == before


def test_every_problem_is_reported_in_one_run(built: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    content, output = built
    for file, old, new, _, _ in CASES[1:5]:
        if old in (content / GATHERING / file).read_text("utf-8"):
            edit(content / GATHERING / file, old, new)
    code, err = run(content, output, capsys)
    assert code == 1
    for _, _, _, _, fragment in CASES[1:5]:
        assert any(fragment in e for e in err), (fragment, err)
    assert re.search(r"\d+ problems in the content; nothing was written", err[-1])


def test_refuses_an_output_folder_it_did_not_make(content_copy: Path, tmp_path: Path) -> None:
    precious = tmp_path / "documents"
    precious.mkdir()
    (precious / "budget.xlsx").write_bytes(b"keep me")
    code = main(["build", "--content", str(content_copy), "--output", str(precious)])
    assert code == 2
    assert (precious / "budget.xlsx").read_bytes() == b"keep me"


@pytest.mark.parametrize("target", ["/", "~"])
def test_refuses_root_and_home_as_output(content_copy: Path, target: str) -> None:
    assert main(["build", "--content", str(content_copy), "--output", target]) == 2


def test_check_validates_without_writing(content_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--content", str(content_copy)]) == 0
    assert "no problems" in capsys.readouterr().out


def test_the_console_command_prints_no_traceback(content_copy: Path, tmp_path: Path) -> None:
    edit(content_copy / GATHERING / "gathering.yaml", "venue: Gardermoen", "venue: [")
    result = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--content", str(content_copy), "--output", str(tmp_path / "o")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "gathering.yaml:" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "o").exists()
