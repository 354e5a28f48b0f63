"""core/memory.py: the collector run less often while one build (or print) a process runs, and as before after."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Any

import pytest

from generator import cli
from generator.commands import build
from generator.core.memory import GC_THRESHOLD, fewer_collections


def test_fewer_collections_inside_and_as_before_after_also_when_it_fails() -> None:
    before = gc.get_threshold()
    assert before != GC_THRESHOLD
    with fewer_collections():
        assert gc.get_threshold() == GC_THRESHOLD
        gc.freeze()  # what a print freezes inside (a layout) is collected as usual again after
        assert gc.get_freeze_count() > 0
    assert gc.get_threshold() == before and gc.get_freeze_count() == 0
    with pytest.raises(ValueError), fewer_collections():
        raise ValueError("a failed build")
    assert gc.get_threshold() == before


def test_samling_build_runs_with_fewer_collections(
    content_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[tuple[int, int, int]] = []
    real = build.build

    def watched(content: Path, output: Path) -> Any:
        seen.append(gc.get_threshold())
        return real(content, output)

    monkeypatch.setattr(build, "build", watched)
    before = gc.get_threshold()
    assert cli.main(["build", "--content", str(content_copy), "--output", str(tmp_path / "out")]) == 0
    assert seen == [GC_THRESHOLD] and gc.get_threshold() == before
    assert (tmp_path / "out" / "index.html").is_file()
