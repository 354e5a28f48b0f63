"""A deterministic benchmark corpus: N sessions in Samling's format, and the same text for Hugo and MkDocs.

Sessions are spread over gatherings of 2 days × 10 sessions; each gathering also has two slide
decks (one a day: 1,000 decks at 10,000 sessions) and two worksheets. Every session body is ~600
words of Markdown with headings, lists, a table, a code block, links and æøå. The same bodies are
written as N pages of a minimal Hugo site (one single-page layout, no theme) and of a MkDocs site,
so the comparison can be rerun anywhere.

    python bench/corpus.py 1000 /tmp/corpus     # → /tmp/corpus/{samling,hugo,mkdocs}
    python bench/corpus.py 640 /tmp/corpus --networks 8   # 32 gatherings as 8 networks × 4 (programme.yaml)
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
from pathlib import Path

SESSIONS_PER_DAY = 10
DAYS = 2
VOCABULARY = (
    "kommune nettverk omdømme samling prosjekt innbyggere tjenester ledelse medarbeidere forankring "
    "måling resultater risiko kommunikasjon arbeidsgiver ærlighet åpenhet tillit økonomi styring "
    "fylke rådmann politikere utvikling erfaring gruppearbeid refleksjon mål tiltak plan dialog "
    "kvalitet nærhet læring støtte ansvar deltakelse brukere lokalsamfunn frivillighet"
)
WORDS = tuple(VOCABULARY.split())
FACILITATORS = {"asbjorn": "Asbjørn L. Stavem", "bjorn": "Bjørn Pettersen", "sissel": "Sissel Ødegård"}


def sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def paragraph(rng: random.Random, sentences: int = 5) -> str:
    return " ".join(sentence(rng, rng.randint(8, 14)) for _ in range(sentences))


def body(rng: random.Random, neighbour: str) -> str:
    """~600 words: headings, lists, a table, a code block, links (web and local), æøå."""
    parts = [
        paragraph(rng),
        "## Bakgrunn",
        paragraph(rng),
        "\n".join(f"- {sentence(rng, 6)}" for _ in range(5)),
        "## Arbeidsform",
        paragraph(rng),
        "1. " + sentence(rng, 7) + "\n2. " + sentence(rng, 7) + "\n3. " + sentence(rng, 7),
        "| Tiltak | Ansvar | Frist |\n|---|---|---|\n"
        + "\n".join(f"| {rng.choice(WORDS)} | {rng.choice(WORDS)} | uke {rng.randint(1, 52)} |" for _ in range(4)),
        f"Les mer på [KS' sider](https://www.ks.no/) og i [neste økt]({neighbour}.md).",
        "## Eksempel",
        "```yaml\nmål: bedre omdømme\nfrist: 2013-06-01\nansvar: rådmann\n```",
        paragraph(rng),
        "### Spørsmål til gruppene",
        "\n".join(f"- *{sentence(rng, 5)}* **{rng.choice(WORDS)}**" for _ in range(4)),
        paragraph(rng, 6),
        "## Oppsummering",
        paragraph(rng, 6),
        paragraph(rng, 4),
        paragraph(rng, 3),
    ]
    return "\n\n".join(parts) + "\n"


def session_keys(n: int) -> list[list[list[str]]]:
    """gathering → day → session file names, N in all."""
    per_gathering = SESSIONS_PER_DAY * DAYS
    names = [f"okt-{i:05d}" for i in range(n)]
    gatherings = []
    for g in range(0, n, per_gathering):
        chunk = names[g : g + per_gathering]
        gatherings.append([d for d in (chunk[:SESSIONS_PER_DAY], chunk[SESSIONS_PER_DAY:]) if d])
    return gatherings


def write_samling(n: int, root: Path, seed: int = 2013) -> dict[str, str]:
    """The corpus in Samling's content format; returns session name → body (for the other generators)."""
    rng = random.Random(seed)
    bodies: dict[str, str] = {}
    root.mkdir(parents=True, exist_ok=True)
    (root / "site.yaml").write_text("title: Saman om ein betre kommune – benk\nlanguage: nb\n", "utf-8")
    for g, days in enumerate(session_keys(n)):
        folder = root / f"samling-{g:04d}"
        for sub in ("sessions", "decks", "worksheets"):
            (folder / sub).mkdir(parents=True, exist_ok=True)
        first = dt.date(2014, 1, 6) + dt.timedelta(weeks=g)  # a Monday and Tuesday each week
        day_yaml = []
        for d, names in enumerate(days):
            listed = "\n".join(f"      - {name}" for name in names)
            day_yaml.append(f"  - date: {first + dt.timedelta(days=d)}\n    start: '09.00'\n    sessions:\n{listed}\n")
        flat = [s for day in days for s in day]
        for i, name in enumerate(flat):
            text = body(rng, flat[(i + 1) % len(flat)])
            bodies[name] = text
            who = rng.choice(list(FACILITATORS))
            (folder / "sessions" / f"{name}.md").write_text(
                f"---\ntitle: Økt {name} – {rng.choice(WORDS)}\nduration: 30\nkind: plenary\n"
                f"facilitators: [{who}]\n---\n{text}",
                "utf-8",
            )
        people = "\n".join(f"  {k}: {{name: {v}, organisation: KS}}" for k, v in FACILITATORS.items())
        (folder / "gathering.yaml").write_text(
            f"title: Samling {g + 1}\nvenue: Gardermoen\ndescription: |\n  {paragraph(rng, 2)}\n"
            f"facilitators:\n{people}\ndays:\n{''.join(day_yaml)}",
            "utf-8",
        )
        for d, (deck, title) in enumerate((("innledning", "Innledning"), ("dag-2", "Dag 2"))):
            slides = "\n\n---\n\n".join(
                f"## {sentence(rng, 4)}\n\n- {sentence(rng, 6)}\n- {sentence(rng, 6)}" for _ in range(8)
            )
            (folder / "decks" / f"{deck}.md").write_text(
                f"---\ntitle: {title}\nsessions: [{days[d % len(days)][0]}]\n---\n{slides}\n", "utf-8"
            )
        (folder / "worksheets" / "refleksjon.yaml").write_text(
            f"title: Refleksjon\nsessions: [{flat[-1]}]\nintro: {sentence(rng, 10)}\nblocks:\n"
            f"  - type: question\n    text: {sentence(rng, 8)}\n    lines: 6\n"
            f"  - type: question\n    text: {sentence(rng, 8)}\n",
            "utf-8",
        )
        (folder / "worksheets" / "risiko.yaml").write_text(
            "title: Risiko\nblocks:\n  - type: scale\n    title: Hvor stor er risikoen?\n"
            "    items: [Manglende engasjement, Økonomi, Forankring]\n    low: Liten\n    high: Stor\n",
            "utf-8",
        )
    return bodies


def add_programme(root: Path, networks: int) -> None:
    """Put the corpus's gatherings into a programme of `networks` networks (docs/programme.md): gathering
    i goes to network i mod N, so the series interleave in time; each series ends with a planned entry."""
    folders = sorted(p.name for p in root.iterdir() if (p / "gathering.yaml").is_file())
    lines = ["title: Saman om ein betre kommune – benk", "networks:"]
    for n in range(networks):
        key = f"nettverk-{n + 1:02d}"
        lines += [f"  {key}:", f"    title: Nettverk {n + 1}", f"    theme: {WORDS[n % len(WORDS)]}"]
        lines += [f"    member_count: {6 + n}", "    leaders: [Asbjørn L. Stavem, Bjørn Pettersen]", "    series:"]
        mine = folders[n::networks]
        for i, folder in enumerate(mine):
            first = dt.date(2014, 1, 6) + dt.timedelta(weeks=folders.index(folder))
            lines += [f"      - when: {first}..{first + dt.timedelta(days=DAYS - 1)}", f"        gathering: {folder}"]
            lines += ["        place: Gardermoen", f"        process_goals: [Mål etter samling {i + 1}]"]
            gathering = root / folder / "gathering.yaml"
            gathering.write_text(f"network: {key}\n" + gathering.read_text("utf-8"), "utf-8")
        lines += ["      - when: august/september 2016", "        theme: det som kommer"]
    (root / "programme.yaml").write_text("\n".join(lines) + "\n", "utf-8")


HUGO_CONFIG = """baseURL = "/"
title = "Benk"
languageCode = "nb"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
"""
HUGO_SINGLE = """<!DOCTYPE html>
<html lang="nb"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><main><h1>{{ .Title }}</h1>{{ .Content }}</main></body></html>
"""
HUGO_LIST = """<!DOCTYPE html>
<html lang="nb"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></body></html>
"""


def write_hugo(bodies: dict[str, str], root: Path) -> None:
    (root / "content" / "sessions").mkdir(parents=True, exist_ok=True)
    (root / "layouts" / "_default").mkdir(parents=True, exist_ok=True)
    (root / "config.toml").write_text(HUGO_CONFIG, "utf-8")
    (root / "layouts" / "_default" / "single.html").write_text(HUGO_SINGLE, "utf-8")
    (root / "layouts" / "_default" / "list.html").write_text(HUGO_LIST, "utf-8")
    (root / "layouts" / "index.html").write_text(HUGO_LIST, "utf-8")
    for name, text in bodies.items():
        (root / "content" / "sessions" / f"{name}.md").write_text(f"---\ntitle: Økt {name}\n---\n{text}", "utf-8")


def write_mkdocs(bodies: dict[str, str], root: Path) -> None:
    (root / "docs").mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text("site_name: Benk\nuse_directory_urls: false\n", "utf-8")
    (root / "docs" / "index.md").write_text("# Benk\n", "utf-8")
    for name, text in bodies.items():
        (root / "docs" / f"{name}.md").write_text(f"# Økt {name}\n\n{text}", "utf-8")


def write_all(n: int, root: Path) -> None:
    """root/samling (content folder), root/hugo (site folder) and root/mkdocs (project folder)."""
    shutil.rmtree(root, ignore_errors=True)
    bodies = write_samling(n, root / "samling")
    write_hugo(bodies, root / "hugo")
    write_mkdocs(bodies, root / "mkdocs")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sessions", type=int)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--networks", type=int, default=0, help="put the gatherings into N networks")
    args = parser.parse_args()
    write_all(args.sessions, args.folder)
    if args.networks:
        add_programme(args.folder / "samling", args.networks)
    print(f"wrote {args.sessions} sessions into {args.folder}/samling, /hugo and /mkdocs")


if __name__ == "__main__":
    main()
