"""Programme entries → Plans (for the schedule) and Drafts (for the Session dataclass).

A day's `sessions:` list holds, in programme order, either the name of a file in
`sessions/` (its front matter has the same keys as an inline entry, its body is
the Markdown) or an inline mapping, or a `parallel:` block of either.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markdown_it import MarkdownIt

from generator.core.errors import Problems
from generator.core.model import SESSION_KINDS, Embed, Source, Text
from generator.core.slugs import is_slug, name_problem, slugify
from generator.domain.schedule import Plan
from generator.load.documents import Document
from generator.load.yamlfile import YamlList, YamlMap
from generator.validate import schema as s
from generator.validate.containers import container_problems
from generator.validate.markdown import render_markdown
from generator.validate.people import declared_groups


def _lang(value: Any) -> str:
    result = s.text(value)
    if not re.fullmatch(r"[a-z]{2,3}(-[A-Za-z0-9]{2,8})*", result):
        raise s.Invalid(f"'{result}' is not a language code", "write e.g. nb, nn, en or se")
    return result


def _id(value: Any) -> str:
    result = s.text(value)
    if not is_slug(result):
        raise s.Invalid("is not a short name (a–z, 0–9 and -)", f"write e.g. id: {slugify(result, fallback='post')}")
    return result


COMMON = {
    "title": s.Field(s.non_empty_text, required=True, doc="what the session is called"),
    "start": s.Field(s.clock, doc="a time like 09.30"),
    "duration": s.Field(s.minutes, doc="minutes, e.g. 20"),
    "end": s.Field(s.clock, doc="a time like 10.30"),
    "kind": s.Field(s.one_of(*SESSION_KINDS), default="plenary", doc=", ".join(SESSION_KINDS)),
    "facilitators": s.Field(s.text_list, default=(), doc="short names from gathering.yaml"),
    "room": s.Field(s.text, default="", doc="where it happens"),
    "notes": s.Field(s.text, default="", doc="facilitator-only notes (Markdown)"),
    "materials": s.Field(s.text_list, default=(), doc="what to bring or prepare"),
    "lang": s.Field(_lang, default="", doc="language code if not the page's"),
    "groups": s.Field(declared_groups, default=None, doc="groups from the participant list (docs/participants.md)"),
}
LINKS = {
    "decks": s.Field(s.text_list, default=(), doc="slide decks used (names in decks/)"),
    "worksheets": s.Field(s.text_list, default=(), doc="worksheets used (names in worksheets/)"),
    "models": s.Field(s.text_list, default=(), doc="models shown (names in models/)"),
}
ITEMS = {"items": s.Field(s.listing, default=None, doc="timed sub-items")}
SESSION_FILE = COMMON | LINKS | ITEMS
# An inline session's `id:` is what a file's name is to a session file: its page name, and the name
# decks' and worksheets' `sessions:` use (the title's slug when left out).
ID = {
    "id": s.Field(_id, default="", doc="the name decks' and worksheets' `sessions:` use; the title's slug if left out")
}
INLINE = SESSION_FILE | ID | {"body": s.Field(s.text, default="", doc="Markdown shown on the session's page")}
SUB_ITEM = COMMON | {"body": s.Field(s.text, default="", doc="Markdown")}
PARALLEL = {
    "parallel": s.Field(s.listing, required=True, doc="the sessions that run side by side"),
    "title": s.Field(s.text, default="", doc="a name for the block"),
    "start": COMMON["start"],
    "duration": COMMON["duration"],
    "end": COMMON["end"],
}


@dataclass
class Draft:
    """A session as written, checked but without times; becomes a `Session`."""

    key: str
    values: dict[str, Any]
    body: Text
    notes: Text
    source: Source
    from_file: bool
    items: list[Draft] = field(default_factory=list)
    parallel: list[Draft] = field(default_factory=list)
    embeds: tuple[Embed, ...] = ()
    key_lines: dict[str, int] = field(default_factory=dict)

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.source.line)

    @property
    def has_page(self) -> bool:
        v = self.values
        return self.from_file or bool(
            self.body or self.notes or v.get("decks") or v.get("worksheets") or v.get("models") or self.items
        )

    def plan(self) -> Plan:
        v = self.values
        return Plan(
            title=v.get("title") or "",
            source=self.source,
            start=v.get("start"),
            duration=v.get("duration"),
            end=v.get("end"),
            items=tuple(d.plan() for d in self.items),
            parallel=tuple(d.plan() for d in self.parallel),
        )


@dataclass
class EntryReader:
    """Reads one day's entries; remembers which session files were used."""

    path: Path
    session_files: dict[str, Document]
    md: MarkdownIt
    problems: Problems
    unreadable: frozenset[str] = frozenset()
    base: str = ""  # the gathering's folder, relative to the content folder
    used: dict[str, Source] = field(default_factory=dict)

    def entry(self, raw: Any, line: int, in_parallel: bool = False) -> Draft | None:
        if isinstance(raw, str | int) and not isinstance(raw, bool):
            return self.from_file(str(raw).strip(), line)
        if isinstance(raw, YamlMap) and "parallel" in raw and not in_parallel:
            return self.parallel_block(raw)
        if isinstance(raw, YamlMap):
            return self.inline(raw, INLINE, "a session")
        self.problems.add(
            self.path,
            line,
            f"a programme entry is {s.describe(raw)}",
            "write a session file name, or a mapping with at least `title:`",
        )
        return None

    def from_file(self, name: str, line: int) -> Draft | None:
        doc = self.session_files.get(name)
        if doc is None and name in self.unreadable:
            return None  # its own problem is reported already
        if doc is None:
            import difflib

            close = difflib.get_close_matches(name, list(self.session_files), n=1)
            hint = f"did you mean '{close[0]}'?" if close else f"create sessions/{name}.md, or write the session inline"
            self.problems.add(self.path, line, f"no session file sessions/{name}.md", hint)
            return None
        if name in self.used:
            first = self.used[name]
            self.problems.add(
                self.path,
                line,
                f"session '{name}' is in the programme twice (also line {first.line})",
                "remove one, or make a second session file",
            )
            return None
        self.used[name] = Source(self.path, line)
        if bad := name_problem(doc.path.stem, doc.path.suffix):
            self.problems.add(doc.path, 0, *bad)
        if doc.data is None:
            values = {"title": ""}
            self.problems.add(doc.path, 1, "has no front matter", "start the file with `---`, `title: …`, `---`")
        else:
            values = s.check(doc.data, SESSION_FILE, doc.path, self.problems, "the session's front matter") or {}
        body = render_markdown(self.md, doc.body, doc.body_line, f"{self.base}/sessions")
        self._nesting(doc.path, doc.body, doc.body_line)
        data0 = doc.data if isinstance(doc.data, YamlMap) else None
        notes_line = data0.line_of("notes") + 1 if data0 is not None else 1
        notes = self._notes(values, body, f"{self.base}/sessions", notes_line)
        # Time problems point at the `start:` line when there is one.
        data = doc.data if isinstance(doc.data, YamlMap) else None
        line = (data.line_of("start") if "start" in data else data.line_of("title")) if data else 1
        draft = Draft(name, values, body, notes, Source(doc.path, line), True, embeds=body.embeds)
        draft.key_lines = dict(data.key_lines) if data else {}
        self._items(draft, doc.path)
        return draft

    def inline(self, raw: YamlMap, spec: dict[str, s.Field], what: str, path: Path | None = None) -> Draft:
        path = path or self.path
        values = s.check(raw, spec, path, self.problems, what) or {}
        folder = self.base if path == self.path else f"{self.base}/sessions"
        body = render_markdown(self.md, values.get("body", ""), raw.line_of("body") + 1, folder)
        self._nesting(path, values.get("body", ""), raw.line_of("body") + 1)
        notes = self._notes(values, body, folder, raw.line_of("notes") + 1)
        key = values.get("id") or slugify(values.get("title") or "", fallback="post")
        draft = Draft(key, values, body, notes, Source(path, raw.line), False, embeds=body.embeds)
        draft.key_lines = dict(raw.key_lines)
        self._items(draft, path)
        return draft

    def _items(self, draft: Draft, path: Path) -> None:
        items = draft.values.get("items") or YamlList()
        for i, item in enumerate(items):
            if not isinstance(item, YamlMap):
                self.problems.add(
                    path,
                    items.line_of(i),
                    f"a sub-item is {s.describe(item)}",
                    "write a mapping with at least `title:`",
                )
                continue
            draft.items.append(self.inline(item, SUB_ITEM, "a sub-item", path))

    def parallel_block(self, raw: YamlMap) -> Draft | None:
        values = s.check(raw, PARALLEL, self.path, self.problems, "a parallel block") or {}
        members: YamlList = values.get("parallel") or YamlList()
        drafts = [self.entry(m, members.line_of(i), in_parallel=True) for i, m in enumerate(members)]
        found = [d for d in drafts if d is not None]
        if len(members) < 2:
            self.problems.add(
                self.path, raw.line, "a parallel block needs at least two sessions", "list them under `parallel:`"
            )
        title = values.get("title") or ""
        draft = Draft(
            slugify(title, "parallel"), values | {"title": title}, Text(), Text(), Source(self.path, raw.line), False
        )
        draft.parallel = found
        return draft

    def _nesting(self, path: Path, text: str, first_line: int) -> None:
        """A `:::` that closes nothing or is never closed: the notes might not be where the author put them."""
        for line, what, hint in container_problems(self.md, text):
            self.problems.add(path, first_line + line, what, hint)

    def _notes(self, values: dict[str, Any], body: Text, base: str, line: int) -> Text:
        extra = render_markdown(self.md, values["notes"], line, base) if values.get("notes") else Text()
        return Text(html=body.notes_html + extra.html, links=extra.links)
