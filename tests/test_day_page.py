"""A day's page: its h1 is the day, parallel tracks' facilitators stand in the who column, a break
does not repeat the day's room."""

from __future__ import annotations

import re
from pathlib import Path

from generator.commands.build import build

GATHERING = "nettverk-omdomme-2013-03"


def _text(fragment: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", fragment).split())


def test_a_day_page_names_the_day_and_places_who_in_its_column(content_copy: Path, tmp_path: Path) -> None:
    gathering = content_copy / GATHERING / "gathering.yaml"
    text = gathering.read_text("utf-8")
    text = text.replace(
        """    start: "08.30"
    sessions:""",
        """    start: "08.30"
    room: Plenumssalen
    sessions:""",
        1,
    )
    lunch = '      - {title: Lunsj og avrunding, start: "13.00", duration: 60, kind: meal}\n'
    text = text.replace(
        lunch,
        lunch + "      - parallel:\n"
        "          - {title: Gruppe A, room: Salong 1, kind: group, facilitators: [asbjorn]}\n"
        "          - {title: Gruppe B, room: Salong 2, kind: group, facilitators: [bjorn]}\n"
        "        duration: 20\n"
        "      - {title: Kaffepause, duration: 10, kind: break}\n",
        1,
    )
    gathering.write_text(text, "utf-8")
    build(content_copy, tmp_path / "out")
    html = (tmp_path / "out" / GATHERING / "2013-03-12.html").read_text("utf-8")
    h1 = re.search(r"(?s)<h1>(.*?)</h1>", html)
    assert h1 and _text(h1.group(1)).startswith("tirsdag 12. mars 2013"), h1
    (row,) = re.findall(r'(?s)<tr class="kind-parallel".*?</tr>', html)
    what, who = re.search(r'(?s)<td class="col-what">(.*?)</td>\s*<td class="col-who">(.*?)</td>', row).groups()
    assert "Asbjørn" not in what and "Bjørn Pettersen" not in what
    assert _text(who) == "Salong 1: Asbjørn L. Stavem Salong 2: Bjørn Pettersen"
    (pause,) = re.findall(r'(?s)<tr class="kind-break pause".*?Kaffepause.*?</tr>', html)
    assert "Plenumssalen" not in pause
    assert "Rom Plenumssalen" in html  # the day's other sessions still name it
