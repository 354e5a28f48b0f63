"""Killing a build at any moment leaves the previous output complete; the next build just works."""

from __future__ import annotations

import json
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.write.staging import MARKER, digest

BODY = "## Om økta\n\nTekst med æøå og en [lenke](https://example.org).\n\n- punkt én\n- punkt to\n\n" * 6


def write_corpus(root: Path, gatherings: int, sessions_per_day: int, label: str) -> None:
    root.mkdir(parents=True, exist_ok=True)
    (root / "site.yaml").write_text("title: Stor samling\nlanguage: nb\n", "utf-8")
    for g in range(gatherings):
        folder = root / f"samling-{g:03d}"
        (folder / "sessions").mkdir(parents=True, exist_ok=True)
        days = []
        for d in range(2):
            names = [f"d{d}-s{s:02d}" for s in range(sessions_per_day)]
            for name in names:
                (folder / "sessions" / f"{name}.md").write_text(
                    f"---\ntitle: {label} {name}\nduration: 30\nfacilitators: [leder]\n---\n{BODY}", "utf-8"
                )
            listed = "\n".join(f"      - {n}" for n in names)
            days.append(f"  - date: 2030-0{d + 1}-1{g % 9}\n    start: '08.00'\n    sessions:\n{listed}\n")
        (folder / "gathering.yaml").write_text(
            f"title: Samling {g}\nfacilitators:\n  leder: Lea Leder\ndays:\n{''.join(days)}", "utf-8"
        )


def assert_complete(output: Path) -> dict[str, str]:
    """Every file the manifest names is there with the bytes it names."""
    manifest = json.loads((output / MARKER).read_text("utf-8"))["files"]
    assert manifest and "index.html" in manifest
    for path, expected in manifest.items():
        assert digest((output / path).read_bytes()) == expected, path
    return manifest


def build_command(content: Path, output: Path) -> list[str]:
    return [sys.executable, "-m", "generator", "build", "--content", str(content), "--output", str(output)]


@pytest.mark.slow
def test_killed_builds_never_damage_the_previous_output(tmp_path: Path) -> None:
    content, output = tmp_path / "content", tmp_path / "output"
    write_corpus(content, gatherings=15, sessions_per_day=15, label="Første")
    subprocess.run(build_command(content, output), check=True, capture_output=True)
    before = assert_complete(output)
    write_corpus(content, gatherings=15, sessions_per_day=15, label="Andre")

    started = time.perf_counter()
    subprocess.run(build_command(content, tmp_path / "timing"), check=True, capture_output=True)
    duration = time.perf_counter() - started
    new = assert_complete(tmp_path / "timing")
    assert new != before

    rng = random.Random(20130311)
    for attempt in range(8):
        sig = signal.SIGKILL if attempt % 2 else signal.SIGINT
        process = subprocess.Popen(build_command(content, output), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        time.sleep(rng.uniform(0.05, duration))
        process.send_signal(sig)
        _, err = process.communicate(timeout=60)
        assert b"Traceback" not in err, err.decode()
        assert assert_complete(output) in (before, new), "the output is a mix of two builds"

    result = subprocess.run(build_command(content, output), capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert assert_complete(output) == new
    assert "Andre d0-s00" in (output / "samling-000" / "sessions" / "d0-s00.html").read_text("utf-8")
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(".output.")]
    assert leftovers == [], leftovers


def test_ctrl_c_during_an_import_ends_quietly(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Python wraps a KeyboardInterrupt raised inside a class body's __set_name__ in a RuntimeError."""
    from generator import cli

    def interrupted(content: Path, output: Path) -> int:
        try:
            raise KeyboardInterrupt
        except KeyboardInterrupt as exc:
            raise RuntimeError("Error calling __set_name__") from exc

    monkeypatch.setattr(cli, "_build", interrupted)
    assert cli.main(["build"]) == 130
    assert "interrupted" in capsys.readouterr().err
