"""`samling new gathering NAME`: a small, working gathering to edit, in the site's language."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

from generator.core.model import LANGUAGES
from generator.core.slugs import is_slug, slugify
from generator.load.yamlfile import YamlProblem, parse_yaml

# Every word the scaffold writes, per language: a nynorsk site gets a nynorsk gathering.
WORDS: dict[str, dict[str, str]] = {
    "nb": {
        "site_comment": "Nettstedet: tittel, språk og utseende. Se docs/content-format.md.",
        "site_title": "Våre samlinger",
        "gathering_comment": "rediger fakta, fasilitatorene og programmet nedenfor",
        "subtitle": "Samling",
        "venue": "Skriv inn stedet",
        "lead": "leder",
        "name": "Navn Navnesen",
        "organisation": "Kommunen",
        "welcome_file": "velkommen",
        "welcome": "Velkommen",
        "break": "Pause",
        "group": "Gruppearbeid",
        "question": "Hva ønsker vi å få ut av samarbeidet?",
        "lunch": "Lunsj",
        "body": "Velkommen til samlingen! Skriv innholdet for posten her, i Markdown.",
        "notes": "Notater som bare fasilitatorene ser.",
        "folder": "samling",
    },
    "nn": {
        "site_comment": "Nettstaden: tittel, språk og utsjånad. Sjå docs/content-format.md.",
        "site_title": "Samlingane våre",
        "gathering_comment": "rediger fakta, fasilitatorane og programmet nedanfor",
        "subtitle": "Samling",
        "venue": "Skriv inn staden",
        "lead": "leiar",
        "name": "Namn Namnesen",
        "organisation": "Kommunen",
        "welcome_file": "velkomen",
        "welcome": "Velkomen",
        "break": "Pause",
        "group": "Gruppearbeid",
        "question": "Kva ønskjer vi å få ut av samarbeidet?",
        "lunch": "Lunsj",
        "body": "Velkomen til samlinga! Skriv innhaldet for posten her, i Markdown.",
        "notes": "Notat som berre fasilitatorane ser.",
        "folder": "samling",
    },
    "en": {
        "site_comment": "The site: its title, language and look. See docs/content-format.md.",
        "site_title": "Our gatherings",
        "gathering_comment": "edit the facts, the facilitators and the programme below",
        "subtitle": "Gathering",
        "venue": "Write the venue here",
        "lead": "lead",
        "name": "Jane Doe",
        "organisation": "The council",
        "welcome_file": "welcome",
        "welcome": "Welcome",
        "break": "Break",
        "group": "Group work",
        "question": "What do we want from working together?",
        "lunch": "Lunch",
        "body": "Welcome to the gathering! Write the session's content here, in Markdown.",
        "notes": "Notes only the facilitators see.",
        "folder": "gathering",
    },
}

SITE = """\
# {site_comment}
title: {site_title}
language: {language}            # nb, nn, en
"""

# Block lists and maps only: a comma inside a flow list `[a, b]` would split one item in two.
GATHERING = """\
# {comment}: {gathering_comment}.
title: {title}
subtitle: {subtitle} {date_text}
{language_line}{network}venue: {venue}
facilitators:
  {lead}:
    name: {name}
    organisation: {organisation}
days:
  - date: {date}
    start: "09.00"
    sessions:
      - {welcome_file}
      - title: {break}
        duration: 15
        kind: break
      - title: {group}
        duration: 45
        kind: group
        facilitators:
          - {lead}
        body: "{question}"
      - title: {lunch}
        start: "11.30"
        duration: 45
        kind: meal
"""

SESSION = """\
---
title: {welcome}
duration: 30
facilitators:
  - {lead}
---
{body}

::: notes
{notes}
:::
"""

# The title's part of a folder name: whole words up to this length, then the year and month.
FOLDER_WORDS = 32


def yaml_text(value: str) -> str:
    """`value` as one double-quoted YAML scalar: a line break or a quote in it cannot start a new key."""
    return yaml.safe_dump(value, default_style='"', allow_unicode=True, width=2**31).rstrip("\n")


def network_line(content: Path) -> str:
    """A commented `network:` line naming the networks of programme.yaml by key, if there are any."""
    try:
        data = parse_yaml((content / "programme.yaml").read_text("utf-8"))
    except (OSError, UnicodeDecodeError, YamlProblem):
        return ""
    networks = data.get("networks") if isinstance(data, dict) else None
    keys = [k for k in networks if isinstance(k, str) and is_slug(k)] if isinstance(networks, dict) else []
    if not keys:
        return ""
    return f"# network: {keys[0]}    # its key in programme.yaml: {', '.join(keys)}\n"


def site_language(content: Path) -> str | None:
    """The language an existing site.yaml names (None without one, nb when it names none it knows)."""
    try:
        data = yaml.safe_load((content / "site.yaml").read_text("utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return "nb"
    language = data.get("language") if isinstance(data, dict) else None
    return language if language in LANGUAGES else "nb"


def folder_name(title: str, day: dt.date, fallback: str) -> str:
    """`"Nettverk – innovasjon i kommunen"`, 2027-03-02 → `"nettverk-innovasjon-i-kommunen-2027-03"`."""
    words = slugify(title, fallback=fallback).split("-")
    kept: list[str] = []
    for word in words:
        if kept and len("-".join([*kept, word])) > FOLDER_WORDS:
            break
        kept.append(word)
    return f"{'-'.join(kept)[:FOLDER_WORDS].strip('-')}-{day:%Y-%m}"


def new_gathering(
    content: Path,
    title: str,
    today: dt.date | None = None,
    language: str | None = None,
    folder: str | None = None,
) -> Path:
    """Create content/FOLDER/ with a gathering.yaml and one session file, in the site's language.

    `language` names a new site's language; inside an existing site of another language it becomes
    the gathering's own `language:`.
    """
    day = (today or dt.date.today()) + dt.timedelta(days=14)
    existing = site_language(content)
    lang = language or existing or "nb"
    words = WORDS[lang]
    name = slugify(folder, fallback=words["folder"]) if folder else folder_name(title, day, words["folder"])
    target = content / name
    if target.exists():
        raise FileExistsError(f"{target} exists already — choose another title, or a folder with --folder")
    (target / "sessions").mkdir(parents=True)
    if existing is None:
        (content / "site.yaml").write_text(SITE.format(language=lang, **words), "utf-8")
    text = GATHERING.format(
        comment=" ".join("".join(c if c.isprintable() else " " for c in title).split()),  # one line, no controls
        title=yaml_text(title),
        date=day.isoformat(),
        date_text=day.isoformat() if lang == "en" else day.strftime("%d.%m.%Y"),
        language_line=f"language: {lang}\n" if existing not in (None, lang) else "",
        network=network_line(content),
        **words,
    )
    (target / "gathering.yaml").write_text(text, "utf-8")
    (target / "sessions" / f"{words['welcome_file']}.md").write_text(SESSION.format(**words), "utf-8")
    return target
