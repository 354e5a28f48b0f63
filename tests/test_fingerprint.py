"""The input fingerprint checked again at the end of a build: only files whose stat changed are read again."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from generator.incremental import fingerprint
from generator.incremental.fingerprint import Seen, folder_digest


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    (root / "a" / "b").mkdir(parents=True)
    (root / "site.yaml").write_text("title: x\n", "utf-8")
    (root / "a" / "one.md").write_text("# One\n", "utf-8")
    (root / "a" / "b" / "two.md").write_text("# Two\n", "utf-8")
    (root / ".hidden").write_text("never read\n", "utf-8")
    return root


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    opened: list[str] = []
    real = fingerprint.file_digest

    def counted(path: str | Path, chunk: int = 1 << 20) -> str:
        opened.append(os.path.basename(path))
        return real(path, chunk)

    monkeypatch.setattr(fingerprint, "file_digest", counted)
    return opened


def test_the_digest_is_the_same_with_files_seen_before_and_without(folder: Path, reads: list[str]) -> None:
    seen = Seen(since=time.time_ns() + 1)  # every file is older than this: its stat can be trusted
    first = folder_digest(folder, content=True, seen=seen)
    assert sorted(reads) == ["one.md", "site.yaml", "two.md"]
    assert first == folder_digest(folder, content=True) == folder_digest(folder, content=True, seen=seen)
    assert len(reads) == 6  # once for the first with `seen`, once without it; none for the second with it


def test_a_file_whose_stat_changed_is_read_again(folder: Path, reads: list[str]) -> None:
    seen = Seen(since=time.time_ns() + 1)
    before = folder_digest(folder, content=True, seen=seen)
    (folder / "a" / "one.md").write_text("# One, longer\n", "utf-8")
    reads.clear()
    assert folder_digest(folder, content=True, seen=seen) != before
    assert reads == ["one.md"]


def test_a_file_written_just_before_the_first_read_is_read_every_time(folder: Path, reads: list[str]) -> None:
    """Within the margin, two writes may leave the same times: the same size and the times put back."""
    seen = Seen()  # as a build makes it: the files above were written less than the margin ago
    before = folder_digest(folder, content=True, seen=seen)
    path = folder / "a" / "one.md"
    st = os.stat(path)
    path.write_text("# Eno\n", "utf-8")
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    reads.clear()
    assert folder_digest(folder, content=True, seen=seen) != before
    assert sorted(reads) == ["one.md", "site.yaml", "two.md"]
