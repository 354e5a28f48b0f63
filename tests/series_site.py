"""A small generated site of N networks × M gatherings with folders, plus one planned entry each."""

from __future__ import annotations

import datetime as dt
from pathlib import Path


def write_series_site(root: Path, networks: int = 2, per_network: int = 3, language: str = "nb") -> Path:
    """Gathering i of network n is held in month 2 + 3·i of 2013, network by network a week apart,
    so the networks' series interleave in time (previous/next must not cross them)."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "site.yaml").write_text(f"title: Programmet\nlanguage: {language}\n", "utf-8")
    lines = ["title: Programmet", "networks:"]
    for n in range(networks):
        key = f"nettverk-{n + 1}"
        lines += [f"  {key}:", f"    title: Nettverk {n + 1}", f"    theme: tema {n + 1}", "    series:"]
        for i in range(per_network):
            day = dt.date(2013, 2 + 3 * i, 4 + 7 * n)
            folder = f"{key}-samling-{i + 1}"
            lines += [f"      - when: {day.isoformat()}..{(day + dt.timedelta(days=1)).isoformat()}"]
            lines += [f"        gathering: {folder}", f"        place: Sted {n + 1}.{i + 1}"]
            lines += [f"        process_goals: [Mål fra {key} samling {i + 1}]"]
            (root / folder / "sessions").mkdir(parents=True)
            (root / folder / "gathering.yaml").write_text(
                f"title: {key} samling {i + 1}\nnetwork: {key}\nvenue: Sted {n + 1}.{i + 1}\ndays:\n"
                f"  - date: {day.isoformat()}\n    start: '10.00'\n"
                "    sessions:\n      - {title: Åpning, duration: 60}\n"
                f"  - date: {(day + dt.timedelta(days=1)).isoformat()}\n    start: '09.00'\n"
                "    sessions:\n      - {title: Avslutning, duration: 60}\n",
                "utf-8",
            )
        lines += ["      - when: august/september 2014", "        theme: det som kommer"]
    (root / "programme.yaml").write_text("\n".join(lines) + "\n", "utf-8")
    return root
