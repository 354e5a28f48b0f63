"""What a participant list costs a build: the example with 300 people and its two group sessions,
against the same example with no list and no groups (not a test).

    .venv/bin/python bench/participants.py            # 300 people, best of 3 cold builds each
    .venv/bin/python bench/participants.py 1000 5

Each build is cold (a new output folder, no cache) and in this process; the figure is the
difference of the best times, so the load of other work on the machine mostly cancels out.
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

from generator.incremental.builder import build  # noqa: E402

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


def best(content: Path, work: Path, runs: int) -> float:
    times = []
    for _ in range(runs):
        out = Path(tempfile.mkdtemp(dir=work)) / "site"  # its own folder: no cache, no build record
        start = time.perf_counter()
        build(content, out)
        times.append(time.perf_counter() - start)
    return min(times)


def main(n: int = 300, runs: int = 3) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        plain, listed = work / "plain", work / "listed"
        shutil.copytree(ROOT / "content", plain)
        shutil.copytree(ROOT / "content", listed)
        without_people(plain)
        (listed / GATHERING / "participants.csv").write_bytes(people(n).encode("utf-8"))
        best(plain, work, 1)  # warm the imports and the file cache
        base, with_list = best(plain, work, runs), best(listed, work, runs)
    print(f"example without a list: {base * 1000:.0f} ms; with {n} participants and 2 group sessions:")
    print(f"{with_list * 1000:.0f} ms; the list adds {(with_list - base) * 1000:.0f} ms (best of {runs} cold builds)")


if __name__ == "__main__":
    main(*(int(x) for x in sys.argv[1:3]))
