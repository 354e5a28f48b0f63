"""The benchmark script still runs: a tiny corpus, one run, no Hugo (the real figures come from `make bench`)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bench.corpus import write_all

ROOT = Path(__file__).resolve().parents[1]


def test_the_corpus_is_deterministic_and_the_same_text_for_every_generator(tmp_path: Path) -> None:
    write_all(25, tmp_path / "a")
    write_all(25, tmp_path / "b")
    files = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*") if p.is_file())
    assert all((tmp_path / "a" / f).read_bytes() == (tmp_path / "b" / f).read_bytes() for f in files)
    sessions = sorted((tmp_path / "a" / "samling").glob("*/sessions/*.md"))
    assert len(sessions) == 25 and len(list((tmp_path / "a" / "samling").glob("samling-*"))) == 2
    body = sessions[0].read_text("utf-8").split("---\n", 2)[2]
    assert 500 < len(body.split()) < 700
    assert all(mark in body for mark in ("\n## ", "\n- ", "|---|", "```", "](https://", "æ", "ø", "å"))
    assert body in (tmp_path / "a" / "hugo" / "content" / "sessions" / sessions[0].name).read_text("utf-8")
    assert body in (tmp_path / "a" / "mkdocs" / "docs" / sessions[0].name).read_text("utf-8")


@pytest.mark.slow
def test_the_benchmark_runs_at_n_20(tmp_path: Path) -> None:
    command = [sys.executable, str(ROOT / "bench" / "run.py"), "--sizes", "20", "--runs", "1", "--no-hugo"]
    result = subprocess.run(
        [*command, "--live-edits", "2", "--work", str(tmp_path)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    for row in ("| cold, no cache |", "| cold, cache kept |", "| nothing changed |", "| one session changed |"):
        assert row in result.stdout
    assert "live preview, one session saved" in result.stdout and "live preview, example site" in result.stdout


@pytest.mark.slow
def test_the_floor_benchmark_runs_at_n_20(tmp_path: Path) -> None:
    command = [sys.executable, str(ROOT / "bench" / "floor.py"), "--sizes", "20", "--runs", "1", "--no-hugo"]
    result = subprocess.run([*command, "--work", str(tmp_path)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    row = next(line for line in result.stdout.splitlines() if line.startswith("| 20 |"))
    cells = [c.strip() for c in row.strip("|").split("|")]
    assert int(cells[1].replace(",", "")) > 20 and int(cells[2].replace(",", "")) > int(cells[1].replace(",", ""))
    assert all(c.endswith(" s") for c in cells[3:7]) and cells[7] == "not installed"
