"""What a participant list costs a build: the example with 300 people and its two group sessions,
against the same example with no list and no groups (not a test).

    .venv/bin/python bench/participants.py            # 300 people, best of 3 cold builds each
    .venv/bin/python bench/participants.py 1000 5

Each build is cold (a new output folder, no cache) and in this process, the two contents in
turn so that load from other work on the machine hits both alike; the figure is the difference of
the best times. On a busy machine that difference is noise of ±100 ms, so the list's own work is
timed too: reading it, making the groups, and rendering the pages that show it.
"""

from __future__ import annotations

import random
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from generator.commands.build import build  # noqa: E402

GATHERING = "nettverk-omdomme-2013-03"
FIRST = ("Kari", "Ola", "Ingrid", "Per", "Åse", "Øyvind", "Marit", "Tor Einar", "Siri", "Bjørn", "Anne-Lise", "Geir")
LAST = ("Nordmann", "Bakken", "Lien", "Sørbø", "Hætta", "Moen", "Holen", "Vik", "Ødegård", "Aas", "Strand", "Berg")


def people(n: int) -> str:
    rnd = random.Random(1)
    lines = ["Navn;Kommune;Rolle;E-post;Dager;Allergier"]
    for i in range(n):
        name = f"{rnd.choice(FIRST)} {rnd.choice(LAST)} {i:03d}"
        days = rnd.choice(("1, 2", "1, 2", "1", "2"))
        lines.append(f"{name};Kommune {i % 40:02d};Rådgiver;p{i}@kommune.example;{days};")
    return "\r\n".join(lines) + "\r\n"


def without_people(content: Path) -> None:
    folder = content / GATHERING
    (folder / "participants.csv").unlink()
    for session in (folder / "sessions").glob("*.md"):
        text = session.read_text("utf-8")
        text = re.sub(r"\n(\s*)groups:(?: \{[^\n]*\}|\n(?:\1  [^\n]*\n)+)", "\n", text)
        session.write_text(text, "utf-8")


def cold(content: Path, work: Path) -> float:
    out = Path(tempfile.mkdtemp(dir=work)) / "site"  # its own folder: no cache, no build record
    start = time.perf_counter()
    build(content, out)
    return time.perf_counter() - start


def own_work(content: Path, runs: int) -> tuple[float, float, float]:
    """Best of `runs`: reading the list, making every session's groups, rendering the people pages."""
    from generator.commands.build import check
    from generator.core.errors import Problems
    from generator.domain.groups import make_groups
    from generator.load.participants import read_participants
    from generator.render import render_pages
    from generator.render.people import people_pages
    from generator.render.theme import load_theme

    site = check(content)
    g = next(x for x in site.gatherings if x.key == GATHERING)
    theme = load_theme(site.config.theme, content, Problems(), site.config.source.path)
    env = theme.environment()
    dates = [d.date for d in g.days]
    reading, grouping, rendering = [], [], []
    for _ in range(runs):
        start = time.perf_counter()
        read_participants(content / GATHERING / "participants.csv", Problems(), dates)
        reading.append(time.perf_counter() - start)
        start = time.perf_counter()
        for day, session in g.grouped_sessions():
            assert session.groups is not None
            make_groups([p for p in g.participants if p.attends(day.number)], session.groups.spec)
        grouping.append(time.perf_counter() - start)
        start = time.perf_counter()
        render_pages(env, site, theme, people_pages(g), Problems())
        rendering.append(time.perf_counter() - start)
    return min(reading), min(grouping), min(rendering)


def main(n: int = 300, runs: int = 3) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        plain, listed = work / "plain", work / "listed"
        shutil.copytree(ROOT / "content", plain)
        shutil.copytree(ROOT / "content", listed)
        without_people(plain)
        (listed / GATHERING / "participants.csv").write_bytes(people(n).encode("utf-8"))
        cold(plain, work), cold(listed, work)  # warm the imports and the file cache
        times: dict[Path, list[float]] = {plain: [], listed: []}
        for _ in range(runs):
            for content in (plain, listed):
                times[content].append(cold(content, work))
        base, with_list = min(times[plain]), min(times[listed])
        reading, grouping, rendering = own_work(listed, runs)
    print(f"example without a list: {base * 1000:.0f} ms; with {n} participants and 2 group sessions:")
    print(f"{with_list * 1000:.0f} ms; the list adds {(with_list - base) * 1000:.0f} ms (best of {runs} cold builds)")
    own = reading + grouping + rendering
    print(f"the list's own work: read {reading * 1000:.0f} ms, groups {grouping * 1000:.0f} ms, ", end="")
    print(f"pages {rendering * 1000:.0f} ms = {own * 1000:.0f} ms")


if __name__ == "__main__":
    main(*(int(x) for x in sys.argv[1:3]))
