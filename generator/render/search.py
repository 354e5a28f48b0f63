"""The site search: one record per participant page, and the index as a script file.

The index is a script that assigns `window.SAMLING_SEARCH`, so a `<script src>` loads it from
`file://` (a fetch would be refused there). Its format is Samling's own, not lunr.js: lunr.js has
had no release since 2020, folds no Norwegian letters, and its serialised index (field vectors
and per-term, per-field, per-document metadata) is usually larger than the text it indexes; ours
is a sorted term list with compact postings, a few kB of JavaScript reads it (search.js).

Format, version 1 (all text folded by `fold`; tokens are runs of letters and digits, ≥ 2 long):

    window.SAMLING_SEARCH = {
      "v": 1, "lang": "nb",
      "gatherings": [[key, title], ...],                     # groups; -1 below means "models"
      "docs": [[gathering, kind, url, title, snippet], ...], # url relative to the output root
      "terms": [term, ...],                                  # sorted by UTF-16 code unit, as JS sorts
      "postings": ["id,id,...", ...]                         # one string per term, see below
    }

A posting is `(doc − previous doc) × 32 + weight` in base 36; weight = min(tf, 15), + 16 when
the term is in the title, so a title match outranks any body. Search (search.js) matches every
query token as a prefix of terms (a binary search in `terms`), ANDs the tokens and ranks by
weight × idf, an exact term above a prefix.

Facilitator notes (`Session.notes`, `Text.notes_html`, `Slide.notes_html`), the facilitator
section and participant data are never read here: records are built only from what participant
pages show.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from html.parser import HTMLParser

from generator.model import Deck, Gathering, Model, Session, Site, Text, Worksheet
from generator.render import pages
from generator.render.formatting import long_date

KINDS = ("gathering", "day", "session", "deck", "worksheet", "model")
SNIPPET = 160  # characters of the page's text shown under a result
MAX_TF = 15
TITLE_BONUS = 16
MAX_TOKEN = 32  # longer runs are cut: nobody types more, and prefixes still match
INDEX_PATH = "assets/search-index.js"


@dataclass(frozen=True)
class SearchRecord:
    url: str  # relative to the output root, ends in a file name
    title: str
    kind: str  # one of KINDS
    gathering_key: str  # "" for models, which belong to the site
    gathering_title: str
    text: str  # plain text of the page's content, without the title


# --- folding ----------------------------------------------------------------

# Letters NFKD leaves whole; Norwegian first, then a few from Sámi and neighbours.
LETTERS = {"æ": "ae", "ø": "o", "đ": "d", "ŋ": "n", "ŧ": "t", "ł": "l", "œ": "oe", "ß": "ss"}
_TOKEN = re.compile(r"[^\W_]+")


def fold(text: str) -> str:
    """Lower case, diacritics removed, Norwegian letters spelt out: "Måling" → "maling". search.js folds alike."""
    text = text.lower()
    if text.isascii():
        return text
    text = unicodedata.normalize("NFKD", text)  # å → a + ring above, é → e + acute
    # Only the few characters this text has, each replaced in one C-speed pass: a build folds megabytes.
    for c in {c for c in set(text) if c in LETTERS or unicodedata.category(c)[0] == "M"}:
        text = text.replace(c, LETTERS.get(c, ""))
    return text


def tokens(text: str) -> list[str]:
    return [t[:MAX_TOKEN] for t in _TOKEN.findall(fold(text)) if len(t) >= 2]


# --- plain text from HTML ----------------------------------------------------

_INLINE = frozenset(
    {"a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "i", "kbd", "mark", "q", "s", "samp"}
    | {"small", "span", "strong", "sub", "sup", "time", "u", "var"}
)
_SKIP = frozenset({"script", "style", "template", "svg"})


class _Plain(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skipping += 1
        elif tag not in _INLINE:
            self.parts.append(" ")  # a block or a break ends a word

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag not in _INLINE:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def plain_text(html: str) -> str:
    """The visible text of an HTML fragment; comments (embed placeholders) and scripts drop out."""
    parser = _Plain()
    parser.feed(html)
    parser.close()
    return " ".join("".join(parser.parts).split())


def _text(*parts: str | Text) -> str:
    """Participant text only: from a Text, its `html` and never its `notes_html`."""
    out = [plain_text(p.html) if isinstance(p, Text) else p for p in parts]
    return " ".join(p for p in out if p)


# --- records -------------------------------------------------------------------


def search_records(site: Site) -> list[SearchRecord]:
    """One record per participant page (not handouts, print stacks or the facilitator section)."""
    records: list[SearchRecord] = []
    for g in site.gatherings:
        records += gathering_records(g)
    for m in site.models:
        records.append(model_record(m))
    return records


def gathering_records(g: Gathering) -> list[SearchRecord]:
    def record(url: str, title: str, kind: str, text: str) -> SearchRecord:
        return SearchRecord(url, title, kind, g.key, g.title, text)

    about = _text(g.subtitle, g.description, g.network, g.programme, " ".join(g.organisers), g.venue, g.address)
    records = [record(pages.gathering_path(g), g.title, "gathering", about)]
    for day in g.days:
        title = long_date(day.date, g.language) + (f" – {day.title}" if day.title else "")
        # Items without a page of their own (a lunch) are found on their day.
        inline = " ".join(s.title for s in day.sessions() if not s.has_page)
        records.append(record(pages.day_path(g, day.key), title, "day", inline))
        for s in day.sessions():
            if s.has_page:
                records.append(record(pages.session_path(g, s), s.title, "session", session_text(s)))
    for d in g.decks:
        records.append(record(pages.deck_path(g, d), d.title, "deck", deck_text(d)))
    for w in g.worksheets:
        records.append(record(pages.worksheet_path(g, w), w.title, "worksheet", worksheet_text(w)))
    return records


def session_text(s: Session) -> str:
    """What the session page shows: who, where, the body and the sub-items — never `s.notes`."""
    who = ", ".join(f.name for f in s.facilitators)
    items = [_text(i.title, ", ".join(f.name for f in i.facilitators), i.body) for i in s.items]
    return _text(s.body, *items, who, s.room)  # the body first: the snippet is the start


def deck_text(d: Deck) -> str:
    """The slides' text; `Slide.notes_html` is the facilitator's."""
    return _text(d.footer, *(plain_text(slide.html) for slide in d.slides))


def worksheet_text(w: Worksheet) -> str:
    parts: list[str | Text] = [w.intro]
    for block in w.blocks:
        for name in ("title", "text", "item_heading", "corner", "probability_title", "consequence_title"):
            value = getattr(block, name, "")
            if isinstance(value, str | Text):
                parts.append(value)
        for name in ("items", "rows", "columns"):
            values = getattr(block, name, ())
            parts += [v for v in values if isinstance(v, str)]
        parts += [m.text for m in getattr(block, "markers", ())]
    return _text(*parts)


def model_record(m: Model) -> SearchRecord:
    return SearchRecord(pages.model_path(m), m.title, "model", "", "", _text(m.description))


# --- the index file ------------------------------------------------------------


def snippet(text: str) -> str:
    """The start of the text, cut at a word."""
    if len(text) <= SNIPPET:
        return text
    cut = text[:SNIPPET].rsplit(" ", 1)[0]
    return cut + " …"


def _base36(n: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        n, r = divmod(n, 36)
        out = digits[r] + out
        if not n:
            return out


def index_data(records: list[SearchRecord], language: str) -> dict[str, object]:
    """The index as plain data (what `index_script` writes), for tests and tools."""
    gatherings: list[list[str]] = []
    group: dict[str, int] = {}
    docs: list[list[object]] = []
    postings: dict[str, list[tuple[int, int]]] = {}
    for doc_id, r in enumerate(records):
        if r.gathering_key and r.gathering_key not in group:
            group[r.gathering_key] = len(gatherings)
            gatherings.append([r.gathering_key, r.gathering_title])
        docs.append([group.get(r.gathering_key, -1), r.kind, r.url, r.title, snippet(r.text)])
        in_title = set(tokens(r.title))
        counts = Counter(tokens(r.text))
        for term in in_title | counts.keys():
            weight = min(counts[term], MAX_TF) + (TITLE_BONUS if term in in_title else 0)
            postings.setdefault(term, []).append((doc_id, max(weight, 1)))
    terms = sorted(postings, key=lambda t: t.encode("utf-16-be"))  # the order JS compares strings in
    encoded = []
    for term in terms:
        last, parts = 0, []
        for doc_id, weight in postings[term]:
            parts.append(_base36((doc_id - last) * 32 + weight))
            last = doc_id
        encoded.append(",".join(parts))
    return {"v": 1, "lang": language, "gatherings": gatherings, "docs": docs, "terms": terms, "postings": encoded}


def index_script(records: list[SearchRecord], language: str) -> bytes:
    """The index as a script file that assigns `window.SAMLING_SEARCH` (format in this module's docstring)."""
    data = json.dumps(index_data(records, language), ensure_ascii=False, separators=(",", ":"))
    return f"/* Samling search index, format 1: generator/render/search.py */\nwindow.SAMLING_SEARCH={data};\n".encode()
