"""How long answers files take to read back: N generated risk forms, read and counted (not a test);
then what they add to a whole build of the example (results pages and all), cold, into a fresh output.

.venv/bin/python bench/responses.py            # 500 files, best of 3
.venv/bin/python bench/responses.py 2000 5
"""

from __future__ import annotations

import json
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

from generator.commands.build import build, check
from generator.core.errors import Problems
from generator.core.model import Gathering
from generator.domain import answers as a
from generator.domain.results import results
from generator.validate.answers import read_responses

ROOT = Path(__file__).resolve().parents[1]


def write_answers(folder: Path, g: Gathering, n: int) -> None:
    risk = next(w for w in g.worksheets if w.key == "risikoskjema")
    rnd = random.Random(1)
    (folder / "responses").mkdir(parents=True, exist_ok=True)
    for i in range(n):
        ratings = {item.id: {"rating": rnd.randint(1, 10), "comment": "litt tekst"} for item in a.items(risk)}
        header = {"name": f"Deltaker {i}", "organisation": f"Kommune {i % 40}", "date": "2013-03-12"}
        doc = {"samling": "answers", "version": 1, "worksheet": f"{g.key}/risikoskjema"}
        doc |= {"fingerprint": risk.fingerprint, "header": header, "answers": ratings}
        (folder / "responses" / f"svar-{i:04}.json").write_text(json.dumps(doc, indent=2, ensure_ascii=False))


def whole_build(content: Path, out: Path, runs: int) -> float:
    """The best of `runs` cold builds (no output, no cache: the cache lives beside the output)."""
    times = []
    for _ in range(runs):
        shutil.rmtree(out.parent, ignore_errors=True)
        start = time.perf_counter()
        build(content, out)
        times.append(time.perf_counter() - start)
    return min(times)


def main(n: int = 500, runs: int = 3) -> None:
    g = check(ROOT / "content").gatherings[0]
    risk = next(w for w in g.worksheets if w.key == "risikoskjema")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "content" / g.key
        write_answers(folder, g, n)
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            problems = Problems()
            found = results(risk, read_responses(folder, g, problems))
            times.append(time.perf_counter() - start)
        assert not problems and found.n == n
    print(f"{n} answers files read and counted: best {min(times) * 1000:.0f} ms of {runs}")
    with tempfile.TemporaryDirectory() as tmp:
        content = Path(tmp) / "content"
        shutil.copytree(ROOT / "content", content)
        without = whole_build(content, Path(tmp) / "a" / "out", runs)
        write_answers(content / g.key, g, n)
        with_them = whole_build(content, Path(tmp) / "b" / "out", runs)
    print(
        f"whole build of the example: {without * 1000:.0f} ms without, {with_them * 1000:.0f} ms with {n} more "
        f"answers files (+{(with_them - without) * 1000:.0f} ms), best of {runs}"
    )


if __name__ == "__main__":
    main(*(int(x) for x in sys.argv[1:3]))
