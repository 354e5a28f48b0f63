"""References resolve only inside the content folder; links out are refused with a clear line."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.commands.build import build
from generator.core.errors import ContentError
from generator.load import inside

GATHERING = "nettverk-omdomme-2013-03"


def problems_of(content: Path, output: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        build(content, output)
    return [str(p) for p in caught.value.problems]


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text("utf-8") + text, "utf-8")


def test_images_and_attachments_are_copied_and_linked(content_copy: Path, tmp_path: Path) -> None:
    files = content_copy / GATHERING / "files"
    files.mkdir()
    (files / "kart.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>', "utf-8")
    append(
        content_copy / GATHERING / "sessions" / "program.md",
        "\n![Kart](../files/kart.svg) [Risiko](analyse-av-risiko.md)\n",
    )
    build(content_copy, tmp_path / "out")
    page = (tmp_path / "out" / GATHERING / "sessions" / "program.html").read_text("utf-8")
    assert 'src="../files/kart.svg"' in page and 'href="analyse-av-risiko.html"' in page
    assert (tmp_path / "out" / GATHERING / "files" / "kart.svg").is_file()


@pytest.mark.parametrize(
    ("markdown", "fragment"),
    [
        ("[passord](../../../../etc/passwd)", "points outside the content folder"),
        ("![bilde](../files/finnes-ikke.png)", "does not exist"),
        ("[yaml](../../site.yaml)", "does not become a page"),  # inside, but no page: a dead link
    ],
)
def test_local_links_must_stay_inside_and_exist(
    content_copy: Path, tmp_path: Path, markdown: str, fragment: str | None
) -> None:
    session = content_copy / GATHERING / "sessions" / "program.md"
    lines = len(session.read_text("utf-8").splitlines())
    append(session, f"\n{markdown}\n")
    if fragment is None:
        build(content_copy, tmp_path / "out")
        return
    found = [p for p in problems_of(content_copy, tmp_path / "out") if fragment in p]
    assert found and found[0].startswith(f"content/{GATHERING}/sessions/program.md:{lines + 2}:"), found


def test_a_link_to_a_symlink_out_or_to_a_folder_is_to_nothing(content_copy: Path, tmp_path: Path) -> None:
    """What check_links reads with one lstat: a file that is a link is followed, and must stay inside."""
    secret = tmp_path / "secret.md"
    secret.write_text("hemmelig\n", "utf-8")
    notes = content_copy / GATHERING / "notater"
    notes.mkdir()
    (notes / "ut.md").symlink_to(secret)
    (notes / "inn.md").symlink_to(content_copy / GATHERING / "sessions" / "program.md")
    session = content_copy / GATHERING / "sessions" / "program.md"
    lines = len(session.read_text("utf-8").splitlines())
    append(session, "\n[ut](../notater/ut.md)\n\n[mappe](../notater)\n\n[inn](../notater/inn.md)\n")
    found = problems_of(content_copy, tmp_path / "out")
    where = f"content/{GATHERING}/sessions/program.md"
    assert any(p.startswith(f"{where}:{lines + 2}:") and "notater/ut.md' does not exist" in p for p in found), found
    assert any(p.startswith(f"{where}:{lines + 4}:") and "notater' does not exist" in p for p in found), found
    assert any(p.startswith(f"{where}:{lines + 6}:") and "does not become a page" in p for p in found), found


def test_a_symlinked_session_pointing_outside_is_refused(content_copy: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.md"
    secret.write_text("---\ntitle: Hemmelig\n---\nhemmelig\n", "utf-8")
    (content_copy / GATHERING / "sessions" / "lekkasje.md").symlink_to(secret)
    found = [p for p in problems_of(content_copy, tmp_path / "out") if "link to outside the content folder" in p]
    assert found and "lekkasje.md" in found[0]


def test_a_symlinked_attachment_pointing_outside_is_refused(content_copy: Path, tmp_path: Path) -> None:
    files = content_copy / GATHERING / "files"
    files.mkdir()
    (files / "passwd").symlink_to("/etc/passwd")
    found = [p for p in problems_of(content_copy, tmp_path / "out") if "outside the content folder" in p]
    assert found and "files/passwd" in found[0]
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("theme", ["../../etc", "/etc", "finnes-ikke"])
def test_theme_names_resolve_only_under_themes(content_copy: Path, tmp_path: Path, theme: str) -> None:
    site = content_copy / "site.yaml"
    site.write_text(site.read_text("utf-8").replace("theme: default", f'theme: "{theme}"'), "utf-8")
    found = [p for p in problems_of(content_copy, tmp_path / "out") if "theme" in p]
    assert found and found[0].startswith("content/site.yaml")


def test_a_logo_outside_the_content_is_refused(content_copy: Path, tmp_path: Path) -> None:
    append(content_copy / "site.yaml", "")
    site = content_copy / "site.yaml"
    site.write_text(
        site.read_text("utf-8").replace("branding:\n", "branding:\n  logo: ../../../etc/hostname\n"), "utf-8"
    )
    found = [p for p in problems_of(content_copy, tmp_path / "out") if "logo" in p]
    assert found and "outside the content folder" in found[0]


def test_inside_follows_links_whether_or_not_the_root_is_resolved(tmp_path: Path) -> None:
    real = tmp_path / "real"
    (real / "sub").mkdir(parents=True)
    (real / "sub" / "f.md").write_text("x", "utf-8")
    (tmp_path / "outside.md").write_text("x", "utf-8")
    (real / "sub" / "out.md").symlink_to(tmp_path / "outside.md")
    (tmp_path / "via").symlink_to(real)
    for root in (real, tmp_path / "via", tmp_path / "via" / "sub" / ".."):
        assert inside(root / "sub" / "f.md", root) and inside(real / "sub" / "f.md", root)
        assert not inside(root / "sub" / "out.md", root) and not inside(tmp_path / "outside.md", root)
