"""The output side on a shared folder: nothing read back can run code, a marker alone proves nothing,
kept files are checked, links in the output are never carried, and one build writes an output at a time."""

from __future__ import annotations

import json
import os
import pickle
import re
import resource
import shutil
import stat
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.commands.build import build
from generator.incremental.builder import Builder
from generator.write.staging import MARKER, OutputRefused, digest

GATHERING = "nettverk-omdomme-2013-03"


def tree(out: Path) -> dict[str, bytes]:
    found = {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}
    found.pop(MARKER, None)
    return found


def command(content: Path, output: Path) -> list[str]:
    return [sys.executable, "-m", "generator", "build", "--content", str(content), "--output", str(output)]


def run(content: Path, output: Path, timeout: float = 120, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command(content, output),
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, **env},
        check=False,
    )


class Payload:
    """Unpickling this runs code: it creates the file named."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.system, (f"touch {self.path}",))


# 13.1 — the cache is data, kept where only its owner writes


def test_a_planted_pickle_beside_the_output_is_never_run(content_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "share" / "output"
    build(content_copy, out)
    ran = tmp_path / "ran"
    for name in ("output.pickle", "output.cache.json"):
        (out.parent / ".samling-cache" / name).write_bytes(pickle.dumps(((2, "x"), Payload(ran))))
    (content_copy / GATHERING / "gathering.yaml").write_text(
        (content_copy / GATHERING / "gathering.yaml").read_text("utf-8") + "\n", "utf-8"
    )
    build(content_copy, out)
    assert not ran.exists()


def test_the_cache_is_json_in_an_owner_only_folder(content_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "output"
    build(content_copy, out)
    folder = tmp_path / ".samling-cache"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    for path in folder.iterdir():
        if path.suffix == ".json":  # the cache: JSON a line; the build record: one document
            for line in (
                path.read_text("utf-8").splitlines() if path.name.endswith(".cache.json") else [path.read_text()]
            ):
                json.loads(line)
            assert stat.S_IMODE(path.stat().st_mode) == 0o600


def cache_lines(path: Path) -> list[Any]:
    """The cache as written: its version, then one `[part, key, value]` a line."""
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


def write_cache_lines(path: Path, values: list[Any]) -> None:
    path.write_text("".join(json.dumps(v) + "\n" for v in values), "utf-8")


def test_a_cache_others_may_write_is_ignored_with_one_line(
    content_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "output"
    build(content_copy, out)
    expected = tree(out)
    folder = tmp_path / ".samling-cache"
    cache = cache_lines(folder / "output.cache.json")
    for entry in cache:  # a forged rendering of every text, of the right shape
        if entry[0] == "texts" and entry[2][0]:
            entry[2] = ["<p>FORGED</p>", "", [], "", [], "FORGED"]
    write_cache_lines(folder / "output.cache.json", cache)
    folder.chmod(0o777)
    (content_copy / "site.yaml").write_text((content_copy / "site.yaml").read_text("utf-8") + "\n", "utf-8")
    capsys.readouterr()

    build(content_copy, out)
    lines = [line for line in capsys.readouterr().err.splitlines() if line]
    assert len(lines) == 1 and ".samling-cache" in lines[0] and "ignored" in lines[0], lines
    assert b"FORGED" not in b"".join(tree(out).values())
    assert tree(out) == expected


def test_a_cache_of_the_wrong_shape_is_ignored_with_one_line(
    content_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "output"
    build(content_copy, out)
    expected = tree(out)
    path = tmp_path / ".samling-cache" / "output.cache.json"
    cache = cache_lines(path)
    parsed = next(entry for entry in cache if entry[0] == "parsed")
    parsed[2] = {"m": [1, [["title", "one", "x"]]]}  # a key line that is not a number
    write_cache_lines(path, cache)
    (content_copy / "site.yaml").write_text((content_copy / "site.yaml").read_text("utf-8") + "\n", "utf-8")
    capsys.readouterr()

    build(content_copy, out)
    lines = [line for line in capsys.readouterr().err.splitlines() if line]
    assert len(lines) == 1 and "not a cache Samling wrote" in lines[0], lines
    assert tree(out) == expected


def test_the_cache_round_trips_parsed_yaml_with_its_lines(content_copy: Path, tmp_path: Path) -> None:
    from generator.incremental.cache import decode_yaml, encode_yaml
    from generator.load.yamlfile import parse_yaml

    data = parse_yaml("title: T\nwhen: 2030-01-02\ndays:\n  - a: 1\n    b: [x, null, true]\n", first_line=3)
    back = decode_yaml(json.loads(json.dumps(encode_yaml(data))), 0)
    assert back == data and back.line_of("days") == data.line_of("days") == 5
    assert back["days"].line_of(0) == data["days"].line_of(0)
    assert back["days"][0].line_of("b") == 7


# 13.4 (a) — a marker alone proves nothing


def test_a_folder_with_an_empty_marker_is_not_emptied(content_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "papers"
    out.mkdir()
    (out / "budget.xlsx").write_bytes(b"numbers")
    (out / MARKER).write_text("{}", "utf-8")
    result = run(content_copy, out)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "delete the folder" in result.stderr, result.stderr
    assert (out / "budget.xlsx").read_bytes() == b"numbers"


def test_a_marker_copied_from_a_real_output_proves_nothing(content_copy: Path, tmp_path: Path) -> None:
    real, other = tmp_path / "a" / "output", tmp_path / "b" / "papers"
    build(content_copy, real)
    other.mkdir(parents=True)
    (other / "notes.txt").write_text("mine", "utf-8")
    shutil.copy(real / MARKER, other / MARKER)
    with pytest.raises(OutputRefused):
        build(content_copy, other)
    assert (other / "notes.txt").read_text("utf-8") == "mine"


def test_an_output_is_still_ours_after_the_cache_folder_is_deleted(content_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "output"
    build(content_copy, out)
    expected = tree(out)
    shutil.rmtree(tmp_path / ".samling-cache")
    build(content_copy, out)
    assert tree(out) == expected


# 13.4 (b) — a file changed after a build is written again


@pytest.mark.parametrize("forget", [False, True], ids=["with the cache", "cache deleted"])
def test_an_edited_output_file_is_rewritten(content_copy: Path, tmp_path: Path, forget: bool) -> None:
    out = tmp_path / "output"
    build(content_copy, out)
    expected = tree(out)
    page = out / GATHERING / "index.html"
    st = page.stat()
    data = page.read_bytes()
    page.write_bytes(data.replace(b"<", b"[", 1))  # same size
    os.utime(page, ns=(st.st_atime_ns, st.st_mtime_ns))  # and the same time: only the content tells
    (out / "index.html").write_bytes(b"defaced")
    if forget:
        shutil.rmtree(tmp_path / ".samling-cache")
    build(content_copy, out)
    assert tree(out) == expected


# 13.4 (c) — links in the output are never kept


def test_a_link_planted_in_the_output_is_replaced_by_the_file(content_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "output"
    build(content_copy, out)
    expected = tree(out)
    secret = tmp_path / "secret.txt"
    secret.write_text("private", "utf-8")
    page = out / GATHERING / "index.html"
    page.unlink()
    page.symlink_to(secret)
    assets = out / "assets"
    shutil.move(assets, tmp_path / "elsewhere")
    assets.symlink_to(tmp_path / "elsewhere")
    build(content_copy, out)
    assert not page.is_symlink() and not assets.is_symlink()
    assert not any(p.is_symlink() for p in out.rglob("*"))
    assert tree(out) == expected


# 14.1 — the fingerprint opens regular files only


def test_a_fifo_or_a_link_to_a_device_in_content_does_not_hang_the_build(content_copy: Path, tmp_path: Path) -> None:
    os.mkfifo(content_copy / ".fifo")
    os.mkfifo(content_copy / GATHERING / "pipe.txt")
    (content_copy / ".zero").symlink_to("/dev/zero")
    limit = 1 << 30  # should the build read /dev/zero, it fails fast instead of filling the machine's memory

    result = subprocess.run(
        command(content_copy, tmp_path / "output"),
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_AS, (limit, limit)),
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr


# 14.2 — attachments are streamed, and an unchanged one is not read again


def test_attachments_cost_no_memory_in_proportion_to_their_size(content_copy: Path, tmp_path: Path) -> None:
    files = content_copy / GATHERING / "files"
    files.mkdir()
    size = 48 << 20
    with open(files / "film.mp4", "wb") as f:
        for i in range(48):
            f.write(bytes([i]) * (1 << 20))
    out = tmp_path / "output"
    tracemalloc.start()
    try:
        build(content_copy, out)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < size // 3, peak
    copied = out / GATHERING / "files" / "film.mp4"
    assert copied.stat().st_size == size
    manifest = json.loads((out / MARKER).read_text("utf-8"))["files"]
    assert manifest[f"{GATHERING}/files/film.mp4"] == digest((files / "film.mp4").read_bytes())


def test_an_unchanged_attachment_is_not_read_again(
    content_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = content_copy / GATHERING / "files"
    files.mkdir()
    (files / "plan.pdf").write_bytes(b"%PDF-1.4 plan")
    out = tmp_path / "output"
    build(content_copy, out)
    (content_copy / "site.yaml").write_text((content_copy / "site.yaml").read_text("utf-8") + "\n", "utf-8")
    opened = []
    real_open = open

    def watching(path: object, *args: object, **kwargs: object) -> object:
        if str(path).endswith("plan.pdf"):
            opened.append(str(path))
        return real_open(path, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr("builtins.open", watching)
    build(content_copy, out)
    assert opened == []
    assert (out / GATHERING / "files" / "plan.pdf").read_bytes() == b"%PDF-1.4 plan"


# 14.7 — one build at a time on an output


def test_a_second_build_waits_for_the_lock_then_says_who_holds_it(content_copy: Path, tmp_path: Path) -> None:
    from generator.write.lock import output_lock

    out = tmp_path / "output"
    build(content_copy, out)
    with output_lock(out, wait=0):  # this test process is the first build
        started = time.monotonic()
        result = run(content_copy, out, SAMLING_LOCK_WAIT="1")
        waited = time.monotonic() - started
    assert result.returncode == 2, result.stderr
    assert waited >= 1
    assert result.stderr.count("\n") == 1, result.stderr
    assert re.search(rf"another build is writing .*\(pid {os.getpid()} on .+ since .+\)", result.stderr)
    assert run(content_copy, out).returncode == 0  # released: the next build goes ahead


# 14.5 — output paths that cannot be used are one line each


def test_an_output_under_a_file_is_one_line(content_copy: Path, tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("x", "utf-8")
    result = run(content_copy, tmp_path / "a-file" / "output")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "is a file" in result.stderr, result.stderr


def test_a_stray_file_named_like_a_staging_folder_is_one_line(content_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "output"
    build(content_copy, out)
    (tmp_path / ".output.tmp-12345").write_text("not a folder", "utf-8")
    (tmp_path / ".output.old-12345").write_text("not a folder", "utf-8")
    result = run(content_copy, out)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert [line for line in result.stderr.splitlines() if ".output." in line] and all(
        "skipped" in line for line in result.stderr.splitlines()
    ), result.stderr
    assert (tmp_path / ".output.tmp-12345").read_text("utf-8") == "not a folder"


def test_a_warm_builder_keeps_the_build_id_through_in_place_writes(content_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "output"
    builder = Builder(content_copy, out)
    builder.build(None)
    session = next((content_copy / GATHERING / "sessions").glob("*.md"))
    session.write_text(session.read_text("utf-8") + "\nMer tekst.\n", "utf-8")
    builder.build({session})
    build(content_copy, out)  # the marker the live preview rewrote is still proven


def test_write_site_too_refuses_an_unproven_marker_and_shares_the_build_record(
    content_copy: Path, tmp_path: Path
) -> None:
    from generator.write.staging import write_site

    papers = tmp_path / "papers"
    papers.mkdir()
    (papers / "budget.xlsx").write_bytes(b"numbers")
    (papers / MARKER).write_text('{"generator": "samling", "files": {}}', "utf-8")
    with pytest.raises(OutputRefused):
        write_site([("index.html", b"x")], papers)
    assert (papers / "budget.xlsx").read_bytes() == b"numbers"

    out = tmp_path / "output"
    write_site([("index.html", b"x")], out)  # as `samling print` writes an output
    build(content_copy, out)  # then a build of it is proven by the same record
    assert b"<!doctype html>" in (out / "index.html").read_bytes()


def test_a_file_system_that_cannot_lock_builds_with_one_notice(
    content_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import errno
    import fcntl

    def cannot(fd: int, operation: int) -> None:
        raise OSError(errno.ENOLCK, "No locks available")

    monkeypatch.setattr(fcntl, "flock", cannot)
    build(content_copy, tmp_path / "output")
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "cannot be locked" in err, err


def test_a_planted_leftover_folder_is_neither_put_in_place_nor_deleted(content_copy: Path, tmp_path: Path) -> None:
    planted = tmp_path / ".output.old-4242"
    planted.mkdir()
    (planted / MARKER).write_text('{"generator": "samling", "files": {}}', "utf-8")
    (planted / "index.html").write_text("planted", "utf-8")
    out = tmp_path / "output"
    build(content_copy, out)
    assert (planted / "index.html").read_text("utf-8") == "planted"
    assert b"planted" not in (out / "index.html").read_bytes()


@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(),
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4),
        max_leaves=30,
    )
)
def test_a_private_file_is_written_as_the_same_json(value: object) -> None:
    from generator.write.private import PrivateFolder

    whole = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    with tempfile.TemporaryDirectory() as tmp:
        private = PrivateFolder(Path(tmp) / "output")
        private.write("v.json", value)
        assert (private.path / "v.json").read_text("utf-8") == whole


def test_the_cache_is_read_a_line_at_a_time(tmp_path: Path) -> None:
    # Read whole, the cache of 10,000 sessions was some 220 MB of text at once: the peak of a build.
    from generator.write.private import PrivateFolder

    private = PrivateFolder(tmp_path / "output")
    private.write_lines("c.json", iter([[5, "x"], ["texts", "k", ["<p>æ</p>"]]]))
    assert (private.path / "c.json").read_text("utf-8") == '[5,"x"]\n["texts","k",["<p>æ</p>"]]\n'
    (private.path / "c.json").write_text('[5,"x"]\n["texts"]\nnot json\n', "utf-8")
    lines = private.read_lines("c.json")
    assert lines is not None
    assert next(lines) == [5, "x"] and next(lines) == ["texts"]  # each parsed only when taken
    with pytest.raises(ValueError):
        next(lines)


def test_a_cache_of_one_long_line_is_not_read(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # An older cache (one JSON document, no newline) is another version's: not read whole, no notice.
    from generator.incremental.cache import BuildCache
    from generator.write.private import PrivateFolder

    private = PrivateFolder(tmp_path / "output")
    (private.path / "output.cache.json").write_text('{"version": [4, "x"], "texts": {"k": "' + "a" * 10000 + '"}}')
    assert BuildCache.load(private, tmp_path / "output").texts.entries == {}
    assert capsys.readouterr().err == ""
