"""Answers read back into the build: the results and summary pages, notices, incremental rebuilds, networks."""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

from generator.commands.build import build
from generator.core.errors import ContentError
from generator.incremental.builder import Builder
from tests.test_incremental import cold, tree

GATHERING = "nettverk-omdomme-2013-03"
RESULTS = f"{GATHERING}/fasilitator/resultater.html"
RISK = "risikofaktor/manglende-engasjement"


def text(path: Path) -> str:
    return html.unescape(path.read_text("utf-8"))


def total_row(page: str, label: str) -> list[str]:
    """The 'Alle' row of the distribution table that follows the heading `label`."""
    part = page[page.index(f'class="results-item">{label}<') :]
    row = re.search(r'<tr class="results-total">(.*?)</tr>', part, re.S)
    assert row
    return re.findall(r"<td>([^<]*)</td>", row.group(1))


def test_the_results_page_counts_the_example_answers(built_site: Path) -> None:
    page = text(built_site / RESULTS)
    assert '<meta name="robots" content="noindex, nofollow">' in page
    # Manglende engasjement: Elverum 7, Gjøvik 4, Hamar 7, Løten 8, Ringsaker 6, Stange 5.
    assert total_row(page, "Manglende engasjement") == ["0", "0", "0", "1", "1", "1", "2", "1", "0", "0", "6", "6,5"]
    assert 'data-value="7" data-count="2"' in page
    assert page.count('class="samling-chart-marker"') == 16  # the ROS matrix: all 6 groups' 16 markers
    assert "Lite uenighet så langt" in page  # a comment, with who wrote it
    assert "Vi har satt inn engasjement og forankring" in page  # a question's answer, by organisation
    assert "Hva kan bli bedre til neste samling?" in page  # the evaluation
    overview = text(built_site / GATHERING / "fasilitator" / "index.html")
    assert 'href="resultater.html"' in overview and 'href="oppsummering.html"' in overview


def test_the_summary_has_the_chosen_results_the_process_goals_and_the_next_gathering(built_site: Path) -> None:
    for page in (
        built_site / GATHERING / "oppsummering.html",
        built_site / GATHERING / "fasilitator" / "oppsummering.html",
    ):
        body = text(page)
        # From programme.yaml: the first entry's process goals, the second gathering's theme, time and place.
        assert "Prosessmål til neste samling" in body and "Hver kommune har satt seg prosessmål" in body
        assert "august–september 2013" in body and "Status i prosjektene og måling av omdømme" in body
        assert "Gardermoen" in body
        assert "Hvor ligger den største risiko?" in body and "Evaluering av samlingen" in body
        assert "Poeng – 8 fokusområder" not in body  # not chosen
    assert 'href="oppsummering.html"' in text(built_site / GATHERING / "index.html")


def test_a_changed_response_file_rebuilds_the_results_page(content_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "out" / "site"
    builder = Builder(content_copy, out)
    builder.build(None)
    answers = content_copy / GATHERING / "responses" / "risikoskjema-elverum.json"
    data = json.loads(answers.read_text("utf-8"))
    data["answers"][RISK] = 10
    answers.write_text(json.dumps(data, ensure_ascii=False), "utf-8")

    builder.build({answers})
    assert tree(out) == cold(content_copy, tmp_path)
    row = total_row(text(out / RESULTS), "Manglende engasjement")
    assert row[-3] == "1" and row[-2:] == ["6", "6,5"]  # one 10 now, one 7 fewer

    added = answers.with_name("risikoskjema-hamar-2.json")  # a new file: not one the builder knew
    shutil.copy(answers, added)
    builder.build({added})
    assert tree(out) == cold(content_copy, tmp_path)
    assert total_row(text(out / RESULTS), "Manglende engasjement")[-2] == "7"


def test_a_repeat_cli_build_sees_a_changed_response(content_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(content_copy, out)
    (content_copy / GATHERING / "responses" / "risikoskjema-elverum.json").unlink()
    build(content_copy, out)
    assert total_row(text(out / RESULTS), "Manglende engasjement")[-2] == "5"


def test_answers_for_a_changed_sheet_give_one_notice_line_and_the_build_goes_on(
    content_copy: Path, tmp_path: Path
) -> None:
    answers = content_copy / GATHERING / "responses" / "risikoskjema-hamar.json"
    answers.write_text(answers.read_text("utf-8").replace('"048720096cda65d3"', '"0000000000000000"'), "utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--content", str(content_copy), "--output", str(tmp_path / "o")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(
        f"content/{GATHERING}/responses/risikoskjema-hamar.json:5: the worksheet 'risikoskjema' has changed"
    )


def test_a_wrong_summary_is_one_line_each(content_copy: Path, tmp_path: Path) -> None:
    yaml = content_copy / GATHERING / "gathering.yaml"
    yaml.write_text(
        yaml.read_text("utf-8").replace(
            "    - evaluering\n", "    - evalueringen\n    - {worksheet: ros-matrise, items: [rs]}\n"
        ),
        "utf-8",
    )
    try:
        build(content_copy, tmp_path / "o")
    except ContentError as exc:
        said = str(exc)
    else:
        raise AssertionError("the build should have failed")
    assert "gathering.yaml:72: the summary names the worksheet 'evalueringen'" in said
    assert "did you mean 'evaluering'?" in said
    assert "gathering.yaml:73: the worksheet 'ros-matrise' has no item 'rs' — did you mean 'ros'?" in said


def second_gathering(content: Path) -> Path:
    """The same network half a year later: the risk form answered again, every rating one higher."""
    later = content / "nettverk-omdomme-2013-09"
    later.mkdir()
    (later / "worksheets").mkdir()
    shutil.copy(content / GATHERING / "worksheets" / "risikoskjema.yaml", later / "worksheets")
    (later / "gathering.yaml").write_text(
        "title: Nettverk – omdømme, andre samling\nnetwork: omdomme-1\n"
        "days:\n  - date: 2013-09-10\n    start: '09.00'\n    sessions:\n"
        "      - {title: Risiko igjen, kind: group, duration: 60}\n",
        "utf-8",
    )
    sheet = (later / "worksheets" / "risikoskjema.yaml").read_text("utf-8")
    (later / "worksheets" / "risikoskjema.yaml").write_text(
        sheet.replace("sessions: [gruppearbeid-risiko]\n", ""), "utf-8"
    )
    (later / "responses").mkdir()
    for source in sorted((content / GATHERING / "responses").glob("risikoskjema-*.json")):
        data = json.loads(source.read_text("utf-8"))
        data["worksheet"] = "nettverk-omdomme-2013-09/risikoskjema"
        data.pop("fingerprint", None)
        for key, value in data["answers"].items():
            rating = value["rating"] if isinstance(value, dict) else value
            data["answers"][key] = min(10, rating + 1)
        (later / "responses" / source.name).write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    return later


def test_the_later_gathering_shows_the_change_per_organisation(content_copy: Path, tmp_path: Path) -> None:
    second_gathering(content_copy)
    out = tmp_path / "out"
    build(content_copy, out)
    page = text(out / "nettverk-omdomme-2013-09" / "fasilitator" / "resultater.html")
    assert "Endring siden forrige samling" in page
    part = page[page.index('<table class="results-change-table">') :]
    part = part[: part.index("</table>")]
    assert "Manglende engasjement" in part
    assert re.search(r"<th scope=\"row\">Hamar kommune</th><td>7</td><td>8</td>", part)
    assert page.count('class="samling-change-mark"') >= 2 * 6
    # The earlier gathering does not look ahead.
    assert "Endring siden forrige samling" not in text(out / RESULTS)


def test_a_changed_answer_at_the_earlier_gathering_reaches_the_later_change_table(
    content_copy: Path, tmp_path: Path
) -> None:
    later = second_gathering(content_copy)
    out = tmp_path / "out" / "site"
    builder = Builder(content_copy, out)
    builder.build(None)
    earlier = content_copy / GATHERING / "responses" / "risikoskjema-hamar.json"
    data = json.loads(earlier.read_text("utf-8"))
    data["answers"][RISK] = 1
    earlier.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    builder.build({earlier})  # a file of the earlier gathering: the later one's change table moves too
    page = text(out / later.name / "fasilitator" / "resultater.html")
    assert re.search(r"<th scope=\"row\">Hamar kommune</th><td>1</td><td>8</td>", page)


def test_a_changed_answer_at_an_earlier_gathering_remakes_the_later_ones_results(
    content_copy: Path, tmp_path: Path
) -> None:
    """The later gathering's results show the change since the earlier one: its answers are among the
    later gathering's inputs (GatheringFiles.depends_on)."""
    later = second_gathering(content_copy)
    out = tmp_path / "out" / "site"
    builder = Builder(content_copy, out)
    builder.build(None)
    page = out / later.name / "fasilitator" / "resultater.html"
    before = page.read_bytes()
    answers = content_copy / GATHERING / "responses" / "risikoskjema-elverum.json"
    data = json.loads(answers.read_text("utf-8"))
    data["answers"][RISK] = 1
    answers.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    builder.build({answers})
    assert page.read_bytes() != before
    assert tree(out) == cold(content_copy, tmp_path)
