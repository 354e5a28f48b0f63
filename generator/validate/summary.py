"""`summary:` and `publish_results:` in gathering.yaml: what the report after the gathering shows.

    publish_results: true          # participants get GATHERING/oppsummering.html, aggregated only
    summary:
      results:                     # worksheets (all their items) or {worksheet, items: [answer ids]}
        - risikoskjema
        - {worksheet: ros-matrise, items: [ros]}
      process_goals: [Presentasjon i plenum]   # "Prosessmål til neste samling"  } only for a gathering
      next: {theme: …, time: aug/sept 2013, place: …}                          } in no programme

Checked after the worksheets and the responses, since a pick names a worksheet and its item ids.
"""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any

from generator.core.errors import Problems
from generator.core.model import Gathering, Programme
from generator.core.model.answers import NextGathering, Summary, SummaryPick
from generator.domain.answers import items
from generator.domain.programme import network_of
from generator.load.yamlfile import YamlList, YamlMap
from generator.validate import schema as s

SUMMARY = {
    "results": s.Field(s.listing, default=None, doc="worksheets, or {worksheet, items}"),
    "process_goals": s.Field(s.text_list, default=(), doc="the process goals agreed for the next gathering"),
    "next": s.Field(s.mapping, default=None, doc="{theme, time, place} of the next gathering"),
}
NEXT = {
    "theme": s.Field(s.text, default="", doc="its theme"),
    "time": s.Field(s.text, default="", doc="when, as agreed (e.g. aug/sept 2013)"),
    "place": s.Field(s.text, default="", doc="where"),
}
PICK = {
    "worksheet": s.Field(s.non_empty_text, required=True, doc="the worksheet's file name without .yaml"),
    "items": s.Field(s.text_list, default=(), doc="answer ids; none: every item"),
}


def summary(raw: Any, line: int, g: Gathering, path: Path, problems: Problems) -> Summary | None:
    if raw is None:
        return None
    values = s.check(raw, SUMMARY, path, problems, "summary", line)
    if values is None:
        return None
    picks = []
    listed = values["results"] or YamlList()
    for i, entry in enumerate(listed):
        pick = _pick(entry, listed.line_of(i), g, path, problems)
        if pick is not None:
            picks.append(pick)
    nxt = NextGathering()
    if values["next"] is not None:
        v = s.check(values["next"], NEXT, path, problems, "summary's next", raw.line_of("next"))
        nxt = NextGathering(v["theme"], v["time"], v["place"]) if v else nxt
    goals_line = raw.line_of("process_goals") if "process_goals" in raw else 0
    next_line = raw.line_of("next") if "next" in raw else 0
    return Summary(tuple(picks), values["process_goals"], nxt, line, goals_line, next_line)


def agreed_once(g: Gathering, programme: Programme | None, problems: Problems) -> None:
    """A gathering in the programme has its process goals and next gathering in programme.yaml
    only: written under `summary:` too, they are a problem at their line (render/agreed.py)."""
    s = g.summary
    if s is None or programme is None or network_of(programme, g.key) is None:
        return
    where = f"its entry in programme.yaml's series ('{g.key}')"
    if s.goals_line:
        problems.add(
            g.source.path,
            s.goals_line,
            "the process goals of a gathering in the programme are written in programme.yaml",
            f"move them to `process_goals:` of {where}",
        )
    if s.next_line:
        problems.add(
            g.source.path,
            s.next_line,
            "the next gathering of a gathering in the programme is its next entry in programme.yaml",
            "write its theme, `when:` and place on the next entry of the series, and remove `next:` here",
        )


def _pick(entry: Any, line: int, g: Gathering, path: Path, problems: Problems) -> SummaryPick | None:
    if isinstance(entry, YamlMap):
        v = s.check(entry, PICK, path, problems, "a summary result", line)
        if not v or not v["worksheet"]:
            return None
        name, wanted = v["worksheet"], v["items"]
    elif isinstance(entry, str):
        name, wanted = entry.strip(), ()
    else:
        problems.add(path, line, "a summary result should be a worksheet's name", "write `- risikoskjema`")
        return None
    sheet = next((w for w in g.worksheets if w.key == name), None)
    if sheet is None:
        close = difflib.get_close_matches(name, [w.key for w in g.worksheets], n=1)
        hint = f"did you mean '{close[0]}'?" if close else "name a file in worksheets/ without .yaml"
        problems.add(path, line, f"the summary names the worksheet '{name}', which the gathering does not have", hint)
        return None
    ids = {i.id for i in items(sheet)} | {i.block for i in items(sheet)}
    for item in wanted:
        if item not in ids:
            close = difflib.get_close_matches(item, sorted(ids), n=1)
            hint = f"did you mean '{close[0]}'?" if close else "use the answer ids in docs/worksheets.md"
            problems.add(path, line, f"the worksheet '{name}' has no item '{item}'", hint)
    return SummaryPick(name, tuple(i for i in wanted if i in ids))
