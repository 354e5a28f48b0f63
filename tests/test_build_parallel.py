"""in_two: work split over two processes gives the results of one, and survives a failing child."""

from __future__ import annotations

import gc
import os
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import jinja2
import pytest

from generator.incremental.builder import Builder
from generator.incremental.parallel import in_two


def squares(items: Sequence[int]) -> tuple[int, list[int]]:
    return os.getpid(), [i * i for i in items]


def test_halves_come_back_in_order_from_two_processes() -> None:
    parts = in_two(squares, list(range(10)), min_items=2)
    assert [x for _, part in parts for x in part] == [i * i for i in range(10)]
    assert parts[0][0] == os.getpid() != parts[1][0]


def test_small_work_stays_in_this_process() -> None:
    parts = in_two(squares, [1, 2, 3], min_items=200)
    assert parts == [(os.getpid(), [1, 4, 9])]


def test_work_from_another_thread_is_never_forked() -> None:
    # A fork from a thread copies the locks other threads hold: the live preview builds on one.
    found: list[object] = []
    worker = threading.Thread(target=lambda: found.extend(in_two(squares, list(range(10)), min_items=2)))
    worker.start()
    worker.join()
    assert found == [(os.getpid(), [i * i for i in range(10)])]


def test_a_child_that_dies_is_replaced_by_doing_its_half_here() -> None:
    parent = os.getpid()

    def fragile(items: Sequence[int]) -> list[int]:
        if os.getpid() != parent:
            os._exit(3)
        return [i + 1 for i in items]

    assert in_two(fragile, [1, 2, 3, 4], min_items=2) == [[2, 3], [4, 5]]


def test_an_error_here_is_raised_and_the_child_is_reaped() -> None:
    def broken(items: Sequence[int]) -> list[int]:
        raise ValueError("boom")

    with pytest.raises(ValueError, match="boom"):
        in_two(broken, [1, 2, 3, 4], min_items=2)


def test_the_heap_is_out_of_collections_while_both_halves_work_and_back_after() -> None:
    """Frozen before the fork (the child's collections would write to every page they share), thawed after."""
    assert gc.get_freeze_count() == 0
    frozen = in_two(lambda items: [gc.get_freeze_count() > 0 for _ in items], [1, 2, 3, 4], min_items=2)
    assert frozen == [[True, True], [True, True]] and gc.get_freeze_count() == 0

    def broken(items: Sequence[int]) -> list[int]:
        raise ValueError("boom")

    with pytest.raises(ValueError, match="boom"):
        in_two(broken, [1, 2], min_items=2)
    assert gc.get_freeze_count() == 0


def test_the_forked_child_finds_the_templates_compiled(
    content_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # One page of each template is made before the fork, so the child compiles none of its own.
    compiled = tmp_path / "compiled"
    plain = jinja2.Environment.compile

    def logging(env: jinja2.Environment, *args: Any, **kwargs: Any) -> Any:
        with compiled.open("a") as log:
            log.write(f"{os.getpid()}\n")
        return plain(env, *args, **kwargs)

    monkeypatch.setattr(jinja2.Environment, "compile", logging)
    result = Builder(content_copy, tmp_path / "out", parallel_from=2, warm=False).build(None)
    assert result.pages > 2
    pids = compiled.read_text().split()
    assert pids and set(pids) == {str(os.getpid())}
