"""write_changed: the live preview's in-place writes touch only changed files, and a failure never lies."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.write import staging as write
from generator.write.staging import digest, read_manifest, write_changed, write_site


def site(out: Path) -> dict[str, str]:
    write_site([("index.html", b"forside"), ("a/side.html", b"side"), ("a/borte.html", b"borte")], out)
    return read_manifest(out)


def test_only_changed_files_are_written_and_gone_ones_removed(tmp_path: Path) -> None:
    out = tmp_path / "site"
    old = site(out)
    kept = (out / "index.html").stat()

    counts = write_changed([("index.html", None), ("a/side.html", b"ny side"), ("b/ny.html", b"ny")], out, old)

    assert counts == {"written": 2, "unchanged": 1, "removed": 1}
    assert (out / "a" / "side.html").read_bytes() == b"ny side"
    assert (out / "b" / "ny.html").read_bytes() == b"ny"
    assert not (out / "a" / "borte.html").exists()
    again = (out / "index.html").stat()
    assert (again.st_ino, again.st_mtime_ns) == (kept.st_ino, kept.st_mtime_ns)
    assert read_manifest(out) == {
        "index.html": old["index.html"],
        "a/side.html": digest(b"ny side"),
        "b/ny.html": digest(b"ny"),
    }
    assert sorted(p.name for p in out.rglob("*") if p.is_file()) == [
        ".samling-output.json",
        "index.html",
        "ny.html",
        "side.html",
    ]


def test_a_failed_write_never_leaves_the_old_digest_for_a_changed_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "site"
    old = site(out)
    real = os.replace
    calls = []

    def flaky(src: object, dst: object) -> None:
        calls.append(dst)
        if str(dst).endswith("side.html"):
            raise OSError("disk full")
        real(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(write.os, "replace", flaky)
    with pytest.raises(OSError):
        write_changed([("index.html", None), ("a/side.html", b"ny side"), ("a/borte.html", b"borte")], out, old)

    manifest = read_manifest(out)
    assert "a/side.html" not in manifest  # unknown now, so the next build writes it whatever its key says
    assert manifest["index.html"] == old["index.html"]


def test_the_marker_text_is_json_dumps_with_indent_0() -> None:
    import json

    from generator.write.staging import marker_text

    for manifest in ({}, {"g/index.html": "0" * 32, 'æ/"q\\.html': "x"}):
        assert marker_text(manifest) == json.dumps({"generator": "samling", "files": manifest}, indent=0)
