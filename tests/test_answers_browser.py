"""Answers as files in headless Chromium: save a filled sheet, load the real download into a fresh browser."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser

GATHERING = "nettverk-omdomme-2013-03"
RISK_FORM = f"{GATHERING}/worksheets/risikoskjema.html"
ROS = f"{GATHERING}/worksheets/ros-matrise.html"


def form(page: Any) -> dict[str, Any]:
    """Every field of the sheet by its id: text, or whether a choice is ticked."""
    return page.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll('.ws-sheet input, .ws-sheet textarea')]
              .map(el => [el.id, (el.type === 'radio' || el.type === 'checkbox') ? el.checked : el.value]))"""
    )


def save(page: Any, tmp_path: Path) -> Path:
    with page.expect_download() as info:
        page.get_by_role("button", name="Lagre svar").click()
    target = tmp_path / info.value.suggested_filename
    info.value.save_as(target)
    return target


def load(browser: Any, site: Path, path: str, file: Path) -> tuple[Any, Any, list[str]]:
    context = browser.new_context()
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto((site / path).as_uri())
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Hent svar").click()  # the button opens the file picker
    chooser.value.set_files(file)
    page.locator("main").get_by_role("status").filter(has_text="hentet").wait_for()
    return context, page, requested


def test_a_filled_risk_form_saved_as_a_file_fills_a_fresh_browser_the_same(
    built_site: Path, browser: Any, tmp_path: Path
) -> None:
    context = browser.new_context()
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto((built_site / RISK_FORM).as_uri())
    page.get_by_label("Navn").fill("Kari Nordmann")
    page.get_by_label("Kommune/organisasjon").fill("Hamar kommune")
    page.get_by_label("Manglende engasjement: 7").check()
    page.get_by_label("Annet: 10 (Stor risiko)").check()
    page.get_by_label("Kommentar – Manglende engasjement").fill("Få møter opp")
    page.get_by_label("Kommentar – Uenighet i gruppen").fill("Ingen uenighet ennå")
    filled = form(page)
    saved = save(page, tmp_path)
    context.close()

    data = json.loads(saved.read_text(encoding="utf-8"))
    assert saved.name == "risikoskjema-svar.json"
    assert data["samling"] == "answers" and data["worksheet"] == f"{GATHERING}/risikoskjema"
    assert data["header"] == {"name": "Kari Nordmann", "organisation": "Hamar kommune", "date": ""}
    assert data["answers"] == {
        "risikofaktor/manglende-engasjement": {"rating": 7, "comment": "Få møter opp"},
        "risikofaktor/uenighet-i-gruppen": {"comment": "Ingen uenighet ennå"},
        "risikofaktor/annet": 10,
    }

    fresh, again, requested_again = load(browser, built_site, RISK_FORM, saved)
    assert form(again) == filled
    assert again.locator("main").get_by_role("status").inner_text() == "Svarene er hentet fra filen."
    fresh.close()
    assert all(url.startswith("file://") for url in requested + requested_again)  # no request: a Blob


def test_a_matrix_keeps_its_markers_and_a_changed_sheet_is_filled_with_a_warning(
    built_site: Path, browser: Any, tmp_path: Path
) -> None:
    file = tmp_path / "ros.json"
    answers = {
        "ros": [
            {"risk": 1, "probability": 2, "consequence": 2},
            {"risk": "Dårlig forankring", "probability": 1, "consequence": 2},
        ],
        "tiltak": "Vi følger opp",
        "an-item-that-is-gone": "kept out",
    }
    written = {"samling": "answers", "version": 1, "worksheet": f"{GATHERING}/ros-matrise"}
    file.write_text(json.dumps({**written, "fingerprint": "old", "header": {}, "answers": answers}))
    context = browser.new_context()
    page = context.new_page()
    page.goto((built_site / ROS).as_uri())
    page.locator(".ws-answers-file").set_input_files(file)
    status = page.locator("main").get_by_role("status")
    status.filter(has_text="endret").wait_for()  # the sheet's fingerprint is another: visible warning
    values = form(page)
    assert values["ros-matrise-1-2-2"] and values["ros-matrise-1-1-2"] and not values["ros-matrise-1-2-1"]
    assert values["ros-matrise-2"] == "Vi følger opp"
    saved = json.loads(save(page, tmp_path).read_text(encoding="utf-8"))
    assert sorted(saved["answers"]["ros"], key=str) == sorted(
        answers["ros"], key=str
    )  # the risks written in the file survive a round trip through the screen
    assert "an-item-that-is-gone" not in saved["answers"]
    context.close()
