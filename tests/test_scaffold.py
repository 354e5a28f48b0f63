from pathlib import Path

from generator.cli import main
from generator.commands.build import build


def test_new_gathering_builds_as_it_is(tmp_path: Path) -> None:
    content = tmp_path / "content"
    assert main(["new", "gathering", "Nettverk – innovasjon", "--content", str(content)]) == 0
    folder = content / "nettverk-innovasjon"
    assert (folder / "gathering.yaml").is_file() and (folder / "sessions" / "velkommen.md").is_file()
    result = build(content, tmp_path / "output")
    assert (tmp_path / "output" / "nettverk-innovasjon" / "sessions" / "velkommen.html").is_file()
    assert result.site.gatherings[0].title == "Nettverk – innovasjon"


def test_new_gathering_never_overwrites(tmp_path: Path) -> None:
    content = tmp_path / "content"
    assert main(["new", "gathering", "Samling", "--content", str(content)]) == 0
    assert main(["new", "gathering", "Samling", "--content", str(content)]) == 2
