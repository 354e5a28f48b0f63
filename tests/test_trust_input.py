"""Hostile content: links out of the content folder, active attachments, terminal escapes, YAML
bombs and values that used to end in a traceback. Each gives one line naming the file, and
`samling check` refuses exactly what `samling build` refuses."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
import yaml

from generator.cli import main
from generator.core.errors import Problem

GATHERING = "nettverk-omdomme-2013-03"
SECRET = "root:x:0:0:TOPSECRET:/root:/bin/bash"


def run(*args: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    code = main(list(args))
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err + captured.out
    return code, [line for line in captured.err.splitlines() if line]


def build_and_check(content: Path, output: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    """The problems of a build, after proving that `check` refuses the very same."""
    code, built = run("build", "--content", str(content), "--output", str(output), capsys=capsys)
    checked_code, checked = run("check", "--content", str(content), capsys=capsys)
    assert code == checked_code == 1, (built, checked)
    assert built == checked
    assert not output.exists()
    return built[:-1]  # without the summary line


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), "utf-8")


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    path = tmp_path / "passwd"
    path.write_text(f"{SECRET}\n: [not yaml\n", "utf-8")
    return path


# --- 13.3: every file read from content passes one containment check --------------------------


@pytest.mark.parametrize(
    "link",
    ["site.yaml", f"{GATHERING}/gathering.yaml", "models/lekkasje.yaml", f"{GATHERING}/worksheets/lekkasje.yaml"],
)
def test_a_content_file_linked_outside_is_refused_unread(
    content_copy: Path, tmp_path: Path, secret: Path, link: str, capsys: pytest.CaptureFixture[str]
) -> None:
    target = content_copy / link
    target.unlink(missing_ok=True)
    target.parent.mkdir(exist_ok=True)
    target.symlink_to(secret)
    problems = build_and_check(content_copy, tmp_path / "out", capsys)
    assert f"content/{link}: is a link to outside the content folder — copy the file in instead" in problems
    assert not any("TOPSECRET" in p or "root:" in p for p in problems), problems


def test_a_linked_gathering_folder_pointing_outside_is_named(
    content_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "sessions").mkdir(parents=True)
    (elsewhere / "gathering.yaml").write_text(f"title: {SECRET}\ndays: []\n", "utf-8")
    (content_copy / "fremmed").symlink_to(elsewhere, target_is_directory=True)
    problems = build_and_check(content_copy, tmp_path / "out", capsys)
    assert problems == [
        "content/fremmed: is a link to a folder outside the content folder — copy the gathering in instead"
    ]


def test_a_pipe_as_site_yaml_is_refused_instead_of_hanging(
    content_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # `check` only: the build's input fingerprint reads every file too, and is made safe on its own.
    (content_copy / "site.yaml").unlink()
    os.mkfifo(content_copy / "site.yaml")
    code, problems = run("check", "--content", str(content_copy), capsys=capsys)
    assert code == 1
    assert "content/site.yaml: is not a regular file — remove it, or replace it with a plain file" in problems


def test_check_refuses_a_linked_attachment_as_build_does(
    content_copy: Path, tmp_path: Path, secret: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = content_copy / GATHERING / "files"
    files.mkdir()
    (files / "passord.txt").symlink_to(secret)
    problems = build_and_check(content_copy, tmp_path / "out", capsys)
    assert problems == [
        f"content/{GATHERING}/files/passord.txt: is a link to outside the content folder — copy the file in instead"
    ]


# --- 13.6: with raw HTML off, no active content reaches the output -----------------------------

EVIL_SVG = """<?xml version="1.0"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10"
     onload="alert(1)">
  <script>alert(2)</script>
  <style>@import url(http://evil.example/x.css); rect { fill: red }</style>
  <foreignObject><div xmlns="http://www.w3.org/1999/xhtml" onclick="alert(3)">hi</div></foreignObject>
  <a href="javascript:alert(4)"><rect width="5" height="5" onmouseover="alert(5)"/></a>
  <image href="http://evil.example/track.png" width="1" height="1"/>
  <image xlink:href="data:image/svg+xml;base64,PHN2Zy8+" width="1" height="1"/>
  <image href="data:image/png;base64,iVBORw0KGgo=" width="1" height="1"/>
  <use xlink:href="http://evil.example/sprite.svg#a"/>
  <rect width="4" height="4" style="fill: url(http://evil.example/)" fill="url(#g)"/>
  <animate attributeName="href" to="javascript:alert(6)"/>
  <circle cx="5" cy="5" r="2" fill="#1f5f8b"><title>Sirkel</title></circle>
</svg>
"""


def test_the_svg_cleaner_keeps_the_drawing_and_drops_everything_active() -> None:
    from generator.validate.safe_svg import clean_svg

    clean = clean_svg(EVIL_SVG.encode()).decode()
    for active in (
        "script",
        "alert",
        "onload",
        "onmouseover",
        "foreignObject",
        "@import",
        "evil.example",
        "javascript:",
    ):
        assert active not in clean, active
    assert "image/svg+xml" not in clean  # an SVG inside data: could run scripts too
    assert 'href="data:image/png;base64,iVBORw0KGgo="' in clean
    assert '<circle cx="5" cy="5" r="2" fill="#1f5f8b"><title>Sirkel</title></circle>' in clean
    assert 'fill="url(#g)"' in clean and "rect { fill: red }" not in clean  # that style sheet imported


@pytest.mark.parametrize(
    "svg",
    [
        '<!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>',
        '<!DOCTYPE svg SYSTEM "file:///etc/passwd"><svg xmlns="http://www.w3.org/2000/svg"/>',
        "<html><script>alert(1)</script></html>",
        "<svg><script>alert(1)</script></svg>",  # no SVG namespace: a browser would not take it as SVG
        '<svg xmlns="http://www.w3.org/2000/svg"',
        '<svg xmlns="http://www.w3.org/2000/svg">' + "<g>" * 5000 + "</g>" * 5000 + "</svg>",
    ],
)
def test_the_svg_cleaner_refuses_what_it_cannot_parse_safely(svg: str) -> None:
    from generator.validate.safe_svg import Unsafe, clean_svg

    with pytest.raises(Unsafe):
        clean_svg(svg.encode())


def test_html_attachments_are_refused_and_svg_attachments_cleaned(
    content_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    files = content_copy / GATHERING / "files"
    files.mkdir()
    (files / "side.html").write_text("<script>alert(document.cookie)</script>", "utf-8")
    (files / "Side.XHTML").write_text("<html xmlns='http://www.w3.org/1999/xhtml'/>", "utf-8")
    problems = build_and_check(content_copy, tmp_path / "out", capsys)
    assert len(problems) == 2 and all("site.yaml does not allow raw HTML" in p for p in problems), problems
    assert problems[0].startswith(f"content/{GATHERING}/files/Side.XHTML: is a XHTML document")
    (files / "side.html").unlink()
    (files / "Side.XHTML").unlink()
    (files / "kart.svg").write_text(EVIL_SVG, "utf-8")
    assert main(["build", "--content", str(content_copy), "--output", str(tmp_path / "out")]) == 0
    published = (tmp_path / "out" / GATHERING / "files" / "kart.svg").read_text("utf-8")
    assert "<circle" in published and "script" not in published and "onload" not in published


def test_with_raw_html_on_attachments_are_published_as_they_are(content_copy: Path, tmp_path: Path) -> None:
    edit(content_copy / "site.yaml", "theme: default", "theme: default\nraw_html: true")
    files = content_copy / GATHERING / "files"
    files.mkdir()
    (files / "side.html").write_text("<p>trusted</p>", "utf-8")
    (files / "kart.svg").write_text(EVIL_SVG, "utf-8")
    assert main(["build", "--content", str(content_copy), "--output", str(tmp_path / "out")]) == 0
    assert (tmp_path / "out" / GATHERING / "files" / "kart.svg").read_text("utf-8") == EVIL_SVG


def use_logo(content: Path, name: str, data: bytes) -> None:
    (content / "files").mkdir(exist_ok=True)
    (content / "files" / name).write_bytes(data)
    edit(content / "site.yaml", "branding:\n", f"branding:\n  logo: files/{name}\n")


def test_an_svg_logo_is_published_cleaned(content_copy: Path, tmp_path: Path) -> None:
    use_logo(content_copy, "logo.svg", EVIL_SVG.encode())
    assert main(["build", "--content", str(content_copy), "--output", str(tmp_path / "out")]) == 0
    logo = (tmp_path / "out" / "assets" / "logo.svg").read_text("utf-8")
    assert "<circle" in logo and "alert" not in logo


@pytest.mark.parametrize(
    ("name", "data", "fragment"),
    [
        ("logo.png", b"<html><script>alert(1)</script></html>", "is named as PNG but holds no image"),
        ("logo.png", b"\xff\xd8\xff\xe0 a JPEG", "is named as PNG but holds a JPEG file"),
        ("logo.html", b"<svg xmlns='http://www.w3.org/2000/svg'/>", "is not an image type a page can show"),
        ("logo.svg", b"<html><script>alert(1)</script></html>", "is named as SVG but holds no image"),
    ],
)
def test_the_logo_type_is_checked_by_its_content(
    content_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, data: bytes, fragment: str
) -> None:
    use_logo(content_copy, name, data)
    problems = build_and_check(content_copy, tmp_path / "out", capsys)
    assert len(problems) == 1 and problems[0].startswith("content/site.yaml:") and fragment in problems[0], problems


# --- 13.7: no message carries a control character ----------------------------------------------


def test_a_problem_escapes_control_characters_and_stays_on_one_line() -> None:
    shown = str(
        Problem("content/site.yaml", 3, "bad \x1b]0;pwned\x07 value\nsite.yaml:1: forged\u2028\x85\u202e", "fix\r")
    )
    assert (
        shown == "content/site.yaml:3: bad \\x1b]0;pwned\\x07 value\\nsite.yaml:1: forged\\u2028\\x85\\u202e — fix\\r"
    )
    assert shown.isprintable()


def test_yaml_values_cannot_reach_the_terminal_raw(
    content_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(content_copy / "site.yaml", "theme: default", 'theme: default\n"t\\e]0;pwned\\a\\nsite.yaml:1: forged": 1')
    edit(content_copy / GATHERING / "gathering.yaml", "timezone: Europe/Oslo", 'timezone: "\\e[2J\\nx"')
    problems = build_and_check(content_copy, tmp_path / "out", capsys)
    assert len(problems) == 2, problems
    for line in problems:
        assert line.startswith("content/") and line.isprintable(), line
    assert any("\\x1b]0;pwned\\x07\\nsite.yaml:1: forged" in p for p in problems), problems


# --- 14.3 and 14.5: bounded YAML, and one line instead of a traceback ---------------------------


@pytest.mark.parametrize(
    ("old", "new", "line", "fragment"),
    [
        ("venue: Gardermoen", "venue: " + "[" * 500 + "]" * 500, 10, "nested too deeply"),
        ("venue: Gardermoen", "venue:\n" + "".join("  " * i + f"  k{i}:\n" for i in range(500)), 49, "nested too"),
        (
            "venue: Gardermoen",
            "venue: &v " + "x" * 100_000 + "\naddress: [" + ", ".join(["*v"] * 2000) + "]",
            10,  # the anchor's line: every alias of it is the same text
            "expands to too much text",
        ),
        ("  - date: 2013-03-11", "  - date: 0001-01-01", 25, "0001-01-01 is not a date a gathering can have"),
        ("  - date: 2013-03-11", "  - date: 9999-12-31", 25, "is not a date a gathering can have"),
        ('start: "09.30"', "start: " + "9" * 5000, 28, "a number of 5000 digits is too long"),
        ("timezone: Europe/Oslo", "timezone: localtime", 11, "'localtime' is not a time zone name"),
        ("timezone: Europe/Oslo", "timezone: /etc/localtime", 11, "is not a time zone name"),
        ("timezone: Europe/Oslo", "timezone: Factory", 11, "is not a time zone name"),
    ],
)
def test_hostile_gathering_values_give_one_line(
    content_copy: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    old: str,
    new: str,
    line: int,
    fragment: str,
) -> None:
    edit(content_copy / GATHERING / "gathering.yaml", old, new)
    problems = build_and_check(content_copy, tmp_path / "out", capsys)
    found = [p for p in problems if fragment in p]
    assert found and found[0].startswith(f"content/{GATHERING}/gathering.yaml:{line}: "), problems


def test_a_duration_of_thousands_of_digits_is_a_problem(
    content_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(content_copy / GATHERING / "sessions" / "scanning.md", "duration: 5", f'duration: "{"9" * 5000} min"')
    problems = build_and_check(content_copy, tmp_path / "out", capsys)
    assert any(p.startswith(f"content/{GATHERING}/sessions/scanning.md:") and "duration" in p for p in problems)


# --- 14.5 and 14.10: the command line --------------------------------------------------------


def test_a_missing_or_file_content_folder_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "fil").write_text("x", "utf-8")
    for command in ("build", "check", "serve", "print"):
        code, err = run(command, "--content", str(tmp_path / "mangler"), capsys=capsys)
        assert code == 2 and len(err) == 1 and "the content folder does not exist" in err[0], err
        code, err = run(command, "--content", str(tmp_path / "fil"), capsys=capsys)
        assert code == 2 and len(err) == 1 and "is not a folder" in err[0], err


@pytest.mark.parametrize("port", ["70000", "65536", "-1", "99999999999999999999"])
def test_a_port_outside_the_range_is_refused(port: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as ended:
        main(["serve", "--port", port])
    assert ended.value.code == 2
    assert "is not a port — use a number from 0 to 65535" in capsys.readouterr().err


@pytest.mark.parametrize("title", ["a\nb: x", 'Samling "mai" # notat', "key: value\n- [x", "\x1b[31mrød\x07"])
def test_a_new_gathering_keeps_any_title_as_written(tmp_path: Path, title: str) -> None:
    content = tmp_path / "content"
    assert main(["new", "gathering", title, "--content", str(content)]) == 0
    (folder,) = [p for p in content.iterdir() if p.is_dir()]
    data = yaml.safe_load((folder / "gathering.yaml").read_text("utf-8"))
    assert data["title"] == title and sorted(data) == ["days", "facilitators", "subtitle", "title", "venue"]
    assert not re.search(r"[\x00-\x08\x0b-\x1f]", (folder / "gathering.yaml").read_text("utf-8"))
