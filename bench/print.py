"""How long `samling print` takes: the example, and the example with N generated worksheets more.

    .venv/bin/python bench/print.py                      # the example, 3 runs
    .venv/bin/python bench/print.py --sheets 10,100 --runs 1
    .venv/bin/python bench/print.py --code /path/to/older/checkout   # the same, with other code

Each run is its own process timed by /usr/bin/time (wall, user + system CPU, max RSS); the table
shows medians. A benchmark, not a test: on a shared machine compare CPU seconds, not wall time.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "content"
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


def content_with_sheets(work: Path, n: int) -> Path:
    """The example with `n` generated worksheets (one page each) beside its own."""
    content = work / f"content-{n}"
    shutil.rmtree(content, ignore_errors=True)
    shutil.copytree(EXAMPLE, content)
    for folder in content.iterdir():
        sheets = folder / "worksheets"
        if sheets.is_dir():
            for i in range(1, n + 1):
                (sheets / f"ark-{i:03d}.yaml").write_text(SHEET.format(n=i), "utf-8")
    return content


def timed(content: Path, output: Path, code: Path | None) -> tuple[float, float, int, int]:
    """(wall s, CPU s, max RSS MB, PDFs written) of one `samling print`."""
    shutil.rmtree(output, ignore_errors=True)
    run = "import sys; " + (f"sys.path.insert(0, {str(code)!r}); " if code else "")
    run += "from generator.cli import main; sys.exit(main())"
    command = [sys.executable, "-c", run, "print", "--content", str(content), "--output", str(output)]
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    done = subprocess.run(
        ["/usr/bin/time", "-f", "%e %U %S %M", *command], capture_output=True, text=True, env=env, check=False
    )
    if done.returncode:
        raise SystemExit(done.stderr)
    wall, user, system, rss = done.stderr.strip().splitlines()[-1].split()
    pdfs = sum(1 for _ in (output / "print").rglob("*.pdf"))
    return float(wall), float(user) + float(system), int(rss) // 1024, pdfs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sheets", default="", help="generated worksheet counts, e.g. 10,100 (default: the example)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--code", type=Path, help="a checkout whose generator/ to run instead of this one")
    args = parser.parse_args()
    print(f"load average before: {os.getloadavg()[0]:.1f}")
    with tempfile.TemporaryDirectory(prefix="samling-print-bench-") as tmp:
        work = Path(tmp)
        cases = [("example", EXAMPLE)] + [
            (f"{n} worksheets", content_with_sheets(work, int(n))) for n in args.sheets.split(",") if n
        ]
        print("| content | PDFs | wall (median) | CPU (median) | CPU per PDF | max RSS |")
        print("|---|---:|---:|---:|---:|---:|")
        for name, content in cases:
            runs = [timed(content, work / "output", args.code) for _ in range(args.runs)]
            wall = statistics.median(r[0] for r in runs)
            cpu = statistics.median(r[1] for r in runs)
            pdfs = runs[0][3]
            print(
                f"| {name} | {pdfs} | {wall:.2f} s | {cpu:.2f} s | {cpu / pdfs:.2f} s | {max(r[2] for r in runs)} MB |"
            )
    print(f"load average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
