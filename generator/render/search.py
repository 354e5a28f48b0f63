"""The site search: one record per participant page, and the index as script files.

The index is scripts that assign globals, so `<script src>` tags load them from `file://` (a fetch
would be refused there). Its format is Samling's own, not lunr.js: lunr.js has had no release
since 2020, folds no Norwegian letters, and its serialised index (field vectors and per-term,
per-field, per-document metadata) is usually larger than the text it indexes; ours is a sorted
term list with compact postings, and a few kB of JavaScript read it (static/search.js).

It comes in parts, one per gathering and one for the models, so that a repeat build (the live
preview) makes again only the part of the gathering that changed (see `gathering_files`).

Format, version 2 (text folded by `fold`; terms are runs of letters and digits, ≥ 2 long):

    assets/search-index.js       window.SAMLING_SEARCH = {"v": 2, "lang": "nb", "parts": [NAME, ...]}
    assets/NAME (search/KEY.js, search-models.js)
        (window.SAMLING_SEARCH_PARTS = window.SAMLING_SEARCH_PARTS || {})[NAME] = {
          "gathering": [key, title] or null (the models),   # the group its results are shown in
          "docs": [[kind, url, title, snippet], ...],       # url relative to the output root
          "terms": [term, ...],                             # sorted by UTF-16 code unit, as JS sorts
          "postings": ["p,p,...", ...]                      # one string per term
        }

A posting p is `(doc − previous doc) × 32 + weight` in base 36; weight = min(tf, 15), + 16 when
the term is in the title, so a title match outranks any body. Search matches every query token
as a prefix of terms (a binary search in `terms`), ANDs the tokens and ranks by weight × idf
(over all parts), an exact term above a longer one.

Facilitator notes (`Session.notes`, `Text.notes_html`, `Slide.notes_html`), the facilitator
section and participant data are never read here: records are built only from what participant
pages show.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from generator.core.model import Deck, Gathering, Matrix, Model, Session, Site, Text, Worksheet
from generator.core.plain import plain_text
from generator.domain.risk_matrix import worded
from generator.render import pages
from generator.render.formatting import long_date

KINDS = ("gathering", "day", "session", "deck", "worksheet", "model")
SNIPPET = 160  # characters of the page's text shown under a result
MAX_TF = 15
TITLE_BONUS = 16
MAX_TOKEN = 32  # longer runs are cut: nobody types more, and prefixes still match
INDEX_PATH = "assets/search-index.js"  # names the parts; the parts are beside it, under assets/
MODELS_PART = "search-models.js"  # not under search/, so no gathering key can clash with it


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
# A run of letters and digits, at least 2 long, its first MAX_TOKEN kept by the group (the rest of
# the run is consumed): findall then gives the tokens themselves, with no loop in Python.
_TOKEN = re.compile(rf"([^\W_]{{2,{MAX_TOKEN}}})[^\W_]*")
_ASCII_TOKEN = re.compile(rf"([a-zA-Z0-9]{{2,{MAX_TOKEN}}})[a-zA-Z0-9]*")  # the same for ASCII text, faster
_ASCII = frozenset(map(chr, range(128)))


def fold(text: str) -> str:
    """Lower case, diacritics removed, Norwegian letters spelt out: "Måling" → "maling". search.js folds alike."""
    text = text.lower()
    if text.isascii():
        return text
    # fold_whole(text), a character at a time: NFKD decomposes each alone and reorders only marks, which
    # go (tests/test_search.py checks it of every character). Only the few this text has, each
    # replaced in one C-speed pass: a build folds megabytes.
    for c in set(text) - _ASCII:
        folded = _LATIN.get(c)
        if folded is None:
            folded = fold_whole(c)
        if folded != c:
            text = text.replace(c, folded)
    return text


def fold_whole(text: str) -> str:
    """fold() of lower-cased text, all at once."""
    text = unicodedata.normalize("NFKD", text)  # å → a + ring above, é → e + acute
    for c in {c for c in set(text) if c in LETTERS or unicodedata.category(c)[0] == "M"}:
        text = text.replace(c, LETTERS.get(c, ""))
    return text


# Latin-1 and Latin Extended-A and B folded once: nearly every letter beyond ASCII a text here has.
_LATIN = {c: fold_whole(c) for c in map(chr, range(0x80, 0x250))}


def tokens(text: str) -> list[str]:
    folded = fold(text)
    return (_ASCII_TOKEN if folded.isascii() else _TOKEN).findall(folded)


# --- plain text -----------------------------------------------------------------


def text_plain(text: Text) -> str:
    """The text's plain text, made where it was rendered; parsed here only for a Text made without it."""
    return text.plain if text.plain or not text.html else plain_text(text.html)


def _text(*parts: str | Text) -> str:
    """Participant text only: from a Text, its `plain` (of `html`) and never its `notes_html`."""
    out = [text_plain(p) if isinstance(p, Text) else p for p in parts]
    return " ".join(p for p in out if p)


# --- records -------------------------------------------------------------------


Words = Mapping[str, Mapping[str, str]]  # the theme's strings by language (Theme.strings)


def network_title(site: Site, g: Gathering) -> str:
    """`network:` is a key in programme.yaml (`omdomme-1`): what a participant searches for is its title."""
    found = site.programme.network(g.network) if site.programme is not None and g.network else None
    return found.title if found is not None else g.network


def search_records(site: Site, words: Words | None = None) -> list[SearchRecord]:
    """One record per participant page (not handouts, print stacks or the facilitator section).

    `words`: the theme's, for the risk matrices' axis titles and a preset's labels a worksheet
    leaves to the theme (as its page shows them)."""
    records: list[SearchRecord] = []
    for g in site.gatherings:
        records += gathering_records(g, network_title(site, g), words.get(g.language) if words else None)
    for m in site.models:
        records.append(model_record(m))
    return records


def gathering_records(g: Gathering, network: str = "", words: Mapping[str, str] | None = None) -> list[SearchRecord]:
    def record(url: str, title: str, kind: str, text: str) -> SearchRecord:
        return SearchRecord(url, title, kind, g.key, g.title, text)

    about = _text(
        g.subtitle, g.description, network or g.network, g.programme, " ".join(g.organisers), g.venue, g.address
    )
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
        records.append(record(pages.worksheet_path(g, w), w.title, "worksheet", worksheet_text(w, words)))
    return records


def session_text(s: Session) -> str:
    """What the session page shows: who, where, the body and the sub-items — never `s.notes`."""
    who = ", ".join(f.name for f in s.facilitators)
    items = [_text(i.title, ", ".join(f.name for f in i.facilitators), i.body) for i in s.items]
    return _text(s.body, *items, who, s.room)  # the body first: the snippet is the start


def deck_text(d: Deck) -> str:
    """The slides' text; `Slide.notes_html` is the facilitator's."""
    return _text(
        d.footer, *(slide.plain if slide.plain or not slide.html else plain_text(slide.html) for slide in d.slides)
    )


def worksheet_text(w: Worksheet, words: Mapping[str, str] | None = None) -> str:
    parts: list[str | Text] = [w.intro]
    # A matrix as its page words it: the theme's axis titles and a preset's labels where the sheet has none.
    blocks = [worded(b, words) if isinstance(b, Matrix) and words is not None else b for b in w.blocks]
    for block in blocks:
        for name in ("title", "text", "item_heading", "corner", "probability_title", "consequence_title"):
            value = getattr(block, name, "")
            if isinstance(value, str | Text):
                parts.append(value)
        for name in ("items", "rows", "columns", "probability_labels", "consequence_labels"):
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


_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"
_TWO_DIGITS = [*_DIGITS, *(a + b for a in _DIGITS[1:] for b in _DIGITS)]  # 0 … 36² − 1, most postings


def _base36(n: int) -> str:
    if n < len(_TWO_DIGITS):
        return _TWO_DIGITS[n]
    out = ""
    while True:
        n, r = divmod(n, 36)
        out = _DIGITS[r] + out
        if not n:
            return out


def part_name(g: Gathering | None) -> str:
    """The file of a gathering's part (or the models' part, for None), relative to assets/."""
    return f"search/{g.key}.js" if g is not None else MODELS_PART


def index_data(records: list[SearchRecord]) -> dict[str, object]:
    """One part of the index as plain data: records of one gathering, or the models."""
    docs: list[list[str]] = []
    postings: dict[str, list[str]] = {}  # term → its postings, encoded as they come
    last: dict[str, int] = {}  # term → the last document it was in
    for doc_id, r in enumerate(records):
        docs.append([r.kind, r.url, r.title, snippet(r.text)])
        in_title = set(tokens(r.title))
        counts = Counter(tokens(r.text))
        for term in in_title | counts.keys():
            # ≥ 1: a term is in the text (a count ≥ 1) or in the title (the bonus)
            weight = min(counts[term], MAX_TF) + (TITLE_BONUS if term in in_title else 0)
            postings.setdefault(term, []).append(_base36((doc_id - last.get(term, 0)) * 32 + weight))
            last[term] = doc_id
    terms = sorted(postings, key=lambda t: t.encode("utf-16-be"))  # the order JS compares strings in
    encoded = [",".join(postings[term]) for term in terms]
    first = records[0] if records else None
    gathering = [first.gathering_key, first.gathering_title] if first and first.gathering_key else None
    return {"gathering": gathering, "docs": docs, "terms": terms, "postings": encoded}


def _json(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def part_script(name: str, records: list[SearchRecord]) -> bytes:
    """One part as a script that adds itself to `window.SAMLING_SEARCH_PARTS`."""
    data = _json(index_data(records))
    head = "/* Samling search index part, format 2: generator/render/search.py */\n"
    return f"{head}(window.SAMLING_SEARCH_PARTS=window.SAMLING_SEARCH_PARTS||{{}})[{_json(name)}]={data};\n".encode()


def gathering_part(g: Gathering, network: str = "", words: Mapping[str, str] | None = None) -> tuple[str, bytes]:
    """(output path, script) of a gathering's part: made again only when the gathering (or programme.yaml,
    which names its network) changes."""
    return f"assets/{part_name(g)}", part_script(part_name(g), gathering_records(g, network, words))


def site_index(site: Site) -> list[tuple[str, bytes]]:
    """(output path, script) of the list of parts and of the models' part: cheap, made on every build."""
    names = [part_name(g) for g in site.gatherings] + [MODELS_PART]
    listing = _json({"v": 2, "lang": site.config.language, "parts": names})
    head = "/* Samling search index, format 2: generator/render/search.py */\n"
    models = part_script(MODELS_PART, [model_record(m) for m in site.models])
    return [(INDEX_PATH, f"{head}window.SAMLING_SEARCH={listing};\n".encode()), (f"assets/{MODELS_PART}", models)]


def index_files(site: Site, words: Words | None = None) -> list[tuple[str, bytes]]:
    """Every file of the index (what a complete build writes)."""
    parts = [
        gathering_part(g, network_title(site, g), words.get(g.language) if words else None) for g in site.gatherings
    ]
    return site_index(site) + parts
