"""Problem lines name files as a terminal or an editor opened where the user stands can open them."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main
from generator.core.errors import Problems


def _broken_site(content: Path) -> Path:
    content.mkdir(parents=True)
    (content / "site.yaml").write_text("title: X\nlanguage: se\n", "utf-8")
    return content / "site.yaml"


def _problem_lines(capsys: pytest.CaptureFixture[str], content: Path) -> list[str]:
    assert main(["check", "--content", str(content)]) != 0
    return [line for line in capsys.readouterr().err.splitlines() if "site.yaml" in line]


def test_inside_the_current_folder_a_path_is_relative_to_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    site = _broken_site(tmp_path / "work" / "content")
    monkeypatch.chdir(tmp_path / "work")
    (line,) = _problem_lines(capsys, site.parent.absolute())
    assert line.startswith("content/site.yaml:2: "), line
    monkeypatch.chdir(site.parent)
    (line,) = _problem_lines(capsys, Path("."))
    assert line.startswith("site.yaml:2: "), line
    assert Path(line.split(":")[0]).resolve() == site.resolve()


def test_outside_the_current_folder_a_path_is_absolute(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    site = _broken_site(tmp_path / "a" / "content")
    (tmp_path / "b").mkdir()
    monkeypatch.chdir(tmp_path / "b")
    (line,) = _problem_lines(capsys, Path("../a/content"))
    assert line.startswith(f"{site.resolve()}:2: "), line


def test_display_without_a_root_keeps_a_relative_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert Problems().display("themes/x/strings/nb.yaml") == "themes/x/strings/nb.yaml"
    assert Problems(root=tmp_path / "content").display(tmp_path / "content" / "a.yaml") == "content/a.yaml"
    assert Problems(root=tmp_path).display("/elsewhere/a.yaml") == "/elsewhere/a.yaml"
