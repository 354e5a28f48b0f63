"""`samling new gathering NAME`: a small, working gathering to edit."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

from generator.core.slugs import is_slug, slugify
from generator.load.yamlfile import YamlProblem, parse_yaml

SITE = """\
# The site: its title, language and look. See docs/content-format.md.
title: Våre samlinger
language: nb            # nb, nn or en
"""

GATHERING = """\
# {comment}: edit the facts, the facilitators and the programme below.
title: {title}
subtitle: Samling {date_text}
{network}venue: Skriv inn stedet
facilitators:
  leder: {{name: Navn Navnesen, organisation: Kommunen}}
days:
  - date: {date}
    start: "09.00"
    sessions:
      - velkommen
      - {{title: Pause, duration: 15, kind: break}}
      - {{title: Gruppearbeid, duration: 45, kind: group, facilitators: [leder],
         body: "Hva ønsker vi å få ut av samarbeidet?"}}
      - {{title: Lunsj, start: "11.30", duration: 45, kind: meal}}
"""

SESSION = """\
---
title: Velkommen
duration: 30
facilitators: [leder]
---
Velkommen til samlingen! Skriv innholdet for posten her, i Markdown.

::: notes
Notater som bare fasilitatorene ser.
:::
"""


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


def new_gathering(content: Path, title: str, today: dt.date | None = None) -> Path:
    """Create content/SLUG/ with a gathering.yaml and one session file."""
    day = (today or dt.date.today()) + dt.timedelta(days=14)
    folder = content / slugify(title, fallback="samling")
    if folder.exists():
        raise FileExistsError(f"{folder} exists already — choose another name")
    (folder / "sessions").mkdir(parents=True)
    if not (content / "site.yaml").exists():
        (content / "site.yaml").write_text(SITE, "utf-8")
    text = GATHERING.format(
        comment=" ".join("".join(c if c.isprintable() else " " for c in title).split()),  # one line, no controls
        title=yaml_text(title),
        date=day.isoformat(),
        date_text=day.strftime("%d.%m.%Y"),
        network=network_line(content),
    )
    (folder / "gathering.yaml").write_text(text, "utf-8")
    (folder / "sessions" / "velkommen.md").write_text(SESSION, "utf-8")
    return folder
