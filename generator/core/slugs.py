"""Readable, stable file names that are safe on Windows file shares."""

from __future__ import annotations

import re
import unicodedata

_NORWEGIAN = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "Æ": "ae", "Ø": "o", "Å": "a", "ß": "ss"})
_WINDOWS_RESERVED = {"con", "prn", "aux", "nul"} | {f"{p}{n}" for p in ("com", "lpt") for n in range(10)}
MAX_SLUG = 60
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")  # what slugify leaves as it is (tests/test_slugs.py)


def slugify(text: str, fallback: str = "side") -> str:
    """`"Måling av resultater"` → `"maling-av-resultater"`; never empty, never reserved."""
    ascii_text = unicodedata.normalize("NFKD", text.translate(_NORWEGIAN)).encode("ascii", "ignore").decode()
    slug = _NOT_SLUG.sub("-", ascii_text.lower()).strip("-")[:MAX_SLUG].strip("-")
    if not slug:
        slug = fallback
    if slug in _WINDOWS_RESERVED:
        slug = f"{slug}-1"
    return slug


def is_slug(name: str) -> bool:
    """slugify(name) == name, without making the slug: every file and folder name is checked."""
    return len(name) <= MAX_SLUG and _SLUG.fullmatch(name) is not None and name not in _WINDOWS_RESERVED


def name_problem(name: str, suffix: str = "") -> tuple[str, str] | None:
    """(what, what to do) when the file `name + suffix` (a folder when there is no suffix) cannot name a page.

    The one rule for every file and folder that becomes a page (sessions, decks, worksheets, models,
    gatherings): its name is its own slug, so the page's address is the same on every file share
    (a–z, 0–9 and -, at most MAX_SLUG characters, no name Windows reserves), with nothing a link breaks on.
    """
    if is_slug(name):
        return None
    kind = "file" if suffix else "folder"
    return (
        f"the {kind} name '{name}{suffix}' cannot be a page's name",
        f"rename it to '{slugify(name)}{suffix}' (a–z, 0–9 and - only, at most {MAX_SLUG} characters)",
    )
