"""bench/hostile.py still runs: every case can be made, and `--quick` runs a handful within the budget.

The real figures come from `bench/hostile.py` without `--quick` (docs/performance.md)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bench import hostile

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("name", list(hostile.CASES))
def test_every_case_can_be_made_at_small_sizes(tmp_path: Path, name: str) -> None:
    case = hostile.CASES[name](tmp_path, True)
    assert case.commands and all(c[:3] == [sys.executable, "-m", "generator"] for c in case.commands)
    assert case.refused is not None or not case.says


def test_a_failed_case_is_named_and_fails_the_run() -> None:
    case = hostile.Case("x", [], refused=True, says="nested")
    assert hostile.Result(case, 0, "built", 0.1, 20, False).failures() == ["not refused", "no line says 'nested'"]
    assert hostile.Result(case, None, "nested", 31, 500, True).failures() == [
        "hang",
        "traceback",
        ">= 10 s",
        ">= 400 MB",
    ]
    assert hostile.Result(case, 1, "a: nested too deeply", 0.3, 30, False).failures() == []
    lost = hostile.Result(case, 2, "nested", 0.1, 20, False, ["budget.xlsx"])
    assert lost.failures() == ["budget.xlsx deleted or changed"]


def test_a_cell_shows_control_characters_escaped_and_on_one_line() -> None:
    cell = hostile.escaped("a\x1b]0;x\x07|b\u202e" + "s" * 251)
    assert cell == "a\\x1b]0;x\\x07\\|b\\u202e" + "s…×251"


def test_quick_run_prints_the_table_and_passes(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "hostile.py"), "--quick", "--work", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    rows = [line for line in result.stdout.splitlines() if line.startswith("| ") and "PASS" in line]
    assert [row.split(" | ")[0].removeprefix("| ") for row in rows] == hostile.QUICK
    assert f"{len(hostile.QUICK)} of {len(hostile.QUICK)} cases within the budget" in result.stdout
    assert list(tmp_path.iterdir()) == []  # nothing left behind
