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


def test_new_gathering_names_the_networks_by_key(tmp_path: Path) -> None:
    """With a programme.yaml, the scaffold shows the line to write, with the keys to choose from."""
    content = tmp_path / "content"
    content.mkdir()
    (content / "programme.yaml").write_text(
        "title: P\nnetworks:\n  omdomme-1: {title: Omdømme 1}\n  innovasjon: {title: Innovasjon}\n", "utf-8"
    )
    assert main(["new", "gathering", "Samling", "--content", str(content)]) == 0
    text = (content / "samling" / "gathering.yaml").read_text("utf-8")
    assert "# network: omdomme-1    # its key in programme.yaml: omdomme-1, innovasjon\n" in text
    # Uncommented, it builds: the key is checked against programme.yaml.
    (content / "samling" / "gathering.yaml").write_text(text.replace("# network: omdomme-1", "network: omdomme-1"))
    result = build(content, tmp_path / "output")
    assert result.site.gatherings[0].network == "omdomme-1"
    assert (tmp_path / "output" / "networks" / "omdomme-1.html").is_file()
