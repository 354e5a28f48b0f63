"""Participants: who comes to a gathering, as read from a registration export.

Interface (pure; the loader in `generator/load/participants.py` builds these):

    Participant                       one person, frozen
    FIELDS                            the fields a column can fill
    column_field(header) -> str|None  which field a column header fills ("E-post" → "email")
    normal(text) -> str               the form names are compared in (case, spaces, Unicode)
    organisation_key(org) -> str      the form organisations are compared in ("Lom kommune" = "Lom")
    participant_key(id, email, name, organisation) -> str   the stable id of a person
    find_duplicates(people) -> tuple[Duplicate, ...]        same key, e-mail or name+organisation

Days attending are 1-based day numbers of the gathering (`days=(1, 2)`); an empty tuple means
every day. Day numbers, not dates, so a list stays valid when a gathering is moved; the loader
turns dates into numbers when it is given the gathering's dates.

The stable id (`key`) is, in this order: an id column from the registration system, the e-mail
address (lower case), or "name|organisation" in normal form. Groups hash it, so a person keeps
their group when the list is exported again in another order.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from generator.core.model.people import Participant

__all__ = ["FIELDS", "Duplicate", "Participant", "column_field", "find_duplicates", "normal"]

FIELDS = ("id", "name", "first_name", "last_name", "organisation", "role", "email", "days", "dietary")

# Header spellings, compared after `_header_form` (case, spaces and punctuation dropped), in nb, nn
# and en and as common registration systems (and Excel users) write them.
_SPELLINGS: dict[str, tuple[str, ...]] = {
    "id": (
        "id",
        "deltakerid",
        "deltakarid",
        "deltakernummer",
        "deltakarnummer",
        "påmeldingsid",
        "påmeldingsnr",
        "påmeldingsnummer",
        "registrationid",
    ),
    "name": ("navn", "namn", "name", "fulltnavn", "fulltnamn", "fullname", "deltaker", "deltakar", "participant"),
    "first_name": ("fornavn", "førenamn", "fornamn", "firstname", "givenname"),
    "last_name": ("etternavn", "etternamn", "lastname", "surname", "familyname"),
    "organisation": (
        "organisasjon",
        "organisation",
        "organization",
        "kommune",
        "municipality",
        "virksomhet",
        "verksemd",
        "arbeidsgiver",
        "arbeidsgjevar",
        "arbeidssted",
        "arbeidsstad",
        "employer",
        "company",
        "firma",
    ),
    "role": ("rolle", "role", "stilling", "tittel", "title", "position", "funksjon"),
    "email": ("epost", "epostadresse", "email", "emailaddress", "mail", "mailadresse"),
    "days": ("dager", "dagar", "days", "dag", "day", "deltardager", "daysattending", "attendingdays"),
    "dietary": (
        "allergier",
        "allergiar",
        "allergi",
        "allergies",
        "matallergi",
        "matallergidiett",
        "matallergiardiett",
        "allergierdiett",
        "diett",
        "dietary",
        "dietaryrequirements",
        "dietaryneeds",
        "specialdiet",
        "matbehov",
        "spesiellematbehov",
        "kosthald",
        "kosthold",
    ),
}
_FIELD_OF = {spelling: name for name, spellings in _SPELLINGS.items() for spelling in spellings}


@dataclass(frozen=True)
class Duplicate:
    first: Participant
    again: Participant
    reason: str  # "id", "email" or "name"


def _header_form(header: str) -> str:
    return "".join(c for c in normal(header) if c.isalnum())


def column_field(header: str) -> str | None:
    """The field a column fills, or None for a column kept as `extra`."""
    return _FIELD_OF.get(_header_form(header))


def known_headers() -> dict[str, tuple[str, ...]]:
    """Every spelling per field, for documentation and for "did you mean" hints."""
    return dict(_SPELLINGS)


def normal(text: str) -> str:
    """Case-, space- and Unicode-form-insensitive form of a name."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


_KOMMUNE = re.compile(r"\s+(kommune|kommuna|municipality)$")


def organisation_key(organisation: str) -> str:
    """Organisations compare without case and a trailing "kommune": "Lom kommune" is "lom"."""
    return _KOMMUNE.sub("", normal(organisation))


def participant_key(id_: str, email: str, name: str, organisation: str) -> str:
    if id_.strip():
        return "id:" + normal(id_)
    if email.strip():
        return "email:" + email.strip().lower()
    return f"name:{normal(name)}|{organisation_key(organisation)}"


def find_duplicates(people: Iterable[Participant]) -> tuple[Duplicate, ...]:
    """Each person that repeats an earlier one: same key, same e-mail, or same name and organisation."""
    seen: dict[tuple[str, str], Participant] = {}
    found = []
    for person in people:
        kind = person.key.partition(":")[0]
        marks = [
            (kind if kind in ("email", "name") else "id", person.key),
            ("name", normal(person.name) + "|" + organisation_key(person.organisation)),
        ]
        if person.email:  # first, so two rows with one address are named for it
            marks.insert(0, ("email", person.email.lower()))
        for mark in marks:
            if mark in seen:
                found.append(Duplicate(seen[mark], person, mark[0]))
                break
        else:
            for mark in marks:
                seen[mark] = person
    return tuple(found)
