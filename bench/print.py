"""How long `samling print` takes: the example, and the example with N generated worksheets more.

    .venv/bin/python bench/print.py                                   # the example, 3 runs
    .venv/bin/python bench/print.py --sheets 10,100 --runs 1          # + 10 and + 100 worksheets
    .venv/bin/python bench/print.py --sheets 10,100 --baseline OLD    # against an older checkout

Each run is its own process timed by /usr/bin/time (wall, user + system CPU, max RSS); the table
shows medians. With --baseline, each run of this code is followed by a run of OLD's code on OLD's
own example (the content format moves on, so each code prints the example it was written for, with
the same generated worksheets beside it), and the table shows the CPU ratio. The last lines give
the CPU each further worksheet costs, from the two largest cases: linear means the cost per sheet
stays the same from 10 to 100. A benchmark, not a test: on a shared machine compare CPU, not wall.
"""

from __future__ import annotations

import argparse
import itertools
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.scratch import Scratch, file_system_line  # noqa: E402

SHEET = """\
title: Ark {n:03d}
intro: Et generert arbeidsark for målingen.
blocks:
  - type: question
    text: Hva tar dere med dere fra samlingen?
    lines: 6
  - type: scale
    low: 1
    high: 5
    items: [Forankring, Eierskap, Kommunikasjon]
"""


@dataclass(frozen=True)
class Run:
    wall: float
    cpu: float  # user + system, seconds
    rss: int  # MB
    pdfs: int


def content_with_sheets(example: Path, work: Path, n: int) -> Path:
    """`example` with `n` generated worksheets (one page each) beside its own."""
    content = work / f"content-{n}"
    shutil.rmtree(content, ignore_errors=True)
    shutil.copytree(example, content)
    for folder in content.iterdir():
        sheets = folder / "worksheets"
        if sheets.is_dir():
            for i in range(1, n + 1):
                (sheets / f"ark-{i:03d}.yaml").write_text(SHEET.format(n=i), "utf-8")
    return content


def timed(code: Path, content: Path, output: Path) -> Run:
    """One `samling print` of `content` with the generator/ of `code`, as a process of its own, into a
    new folder: nothing is deleted while timing (bench/scratch.py)."""
    run = f"import sys; sys.path.insert(0, {str(code)!r}); from generator.cli import main; sys.exit(main())"
    command = [sys.executable, "-c", run, "print", "--content", str(content), "--output", str(output)]
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    done = subprocess.run(
        ["/usr/bin/time", "-f", "%e %U %S %M", *command], capture_output=True, text=True, env=env, check=False
    )
    if done.returncode:
        raise SystemExit(done.stderr)
    wall, user, system, rss = done.stderr.strip().splitlines()[-1].split()
    pdfs = sum(1 for _ in (output / "print").rglob("*.pdf"))
    return Run(float(wall), float(user) + float(system), int(rss) // 1024, pdfs)


def median(runs: list[Run]) -> Run:
    return Run(
        statistics.median(r.wall for r in runs),
        statistics.median(r.cpu for r in runs),
        max(r.rss for r in runs),
        runs[0].pdfs,
    )


def per_sheet(cases: list[tuple[int, Run]]) -> str:
    """CPU of each further worksheet, from case to case (the same figure each time: linear)."""
    steps = [(n0, n1, (r1.cpu - r0.cpu) / (n1 - n0)) for (n0, r0), (n1, r1) in itertools.pairwise(cases)]
    return ", ".join(f"{cost:.3f} s ({n0} → {n1})" for n0, n1, cost in steps) or "—"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sheets", default="", help="generated worksheet counts, e.g. 10,100 (default: the example)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--baseline", type=Path, help="an older checkout to compare with (its code, its example)")
    args = parser.parse_args()
    counts = [0] + [int(n) for n in args.sheets.split(",") if n]
    print(f"load average before: {os.getloadavg()[0]:.1f}")
    now: list[tuple[int, Run]] = []
    before: list[tuple[int, Run]] = []
    with tempfile.TemporaryDirectory(prefix="samling-print-bench-") as tmp:
        work = Path(tmp)
        scratch = Scratch(work)  # removed with the temporary folder, after the timings
        print(file_system_line(scratch.creation_us(), "before"))
        header = "| content | PDFs | CPU now | wall now | max RSS now |"
        if args.baseline:
            header = "| content | PDFs before → now | CPU before | CPU now | × | wall now | max RSS now |"
        print(header)
        print("|---" + "|---:" * (header.count("|") - 2) + "|")
        for n in counts:
            name = f"example + {n} worksheets" if n else "example"
            ours = content_with_sheets(ROOT / "content", work / "now", n)
            theirs = content_with_sheets(args.baseline / "content", work / "before", n) if args.baseline else None
            mine, old = [], []
            for _ in range(args.runs):  # interleaved: load from elsewhere hits both alike
                mine.append(timed(ROOT, ours, scratch.folder("now") / "output"))
                if theirs is not None:
                    old.append(timed(args.baseline, theirs, scratch.folder("before") / "output"))
            m = median(mine)
            now.append((n, m))
            ours_cells = [f"{m.cpu:.2f} s", f"{m.wall:.2f} s", f"{m.rss} MB"]
            if old:
                b = median(old)
                before.append((n, b))
                cells = [name, f"{b.pdfs} → {m.pdfs}", f"{b.cpu:.2f} s", ours_cells[0], f"{m.cpu / b.cpu:.2f}"]
                cells += ours_cells[1:]
            else:
                cells = [name, str(m.pdfs), *ours_cells]
            print("| " + " | ".join(cells) + " |")
        print(file_system_line(scratch.creation_us(), "after"))
    print(f"CPU per further worksheet, now: {per_sheet(now)}")
    if before:
        print(f"CPU per further worksheet, before: {per_sheet(before)}")
    print(f"load average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
