"""Run the interrupt tests again and again under load, and count the failures (not part of CI).

Two busy processes keep both cores occupied, as a loaded machine or a clean-clone `make test` does,
so that a signal lands at every moment of a build, its end and the interpreter's shutdown included:

    .venv/bin/python bench/interrupt_soak.py --runs 20
    .venv/bin/python bench/interrupt_soak.py --runs 20 --code /path/to/another/checkout   # e.g. main
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
TESTS = ["tests/test_interrupt.py", "tests/test_interrupt_end.py"]


def busy(stop: multiprocessing.synchronize.Event) -> None:
    while not stop.is_set():
        sum(i * i for i in range(10_000))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--code", type=Path, default=HERE, help="the checkout whose generator/ and tests/ are run")
    args = parser.parse_args()
    code = args.code.resolve()
    tests = [str(code / t) for t in TESTS if (code / t).is_file()]
    stop = multiprocessing.Event()
    load = [multiprocessing.Process(target=busy, args=(stop,), daemon=True) for _ in range(2)]
    for p in load:
        p.start()
    failures = 0
    started = time.perf_counter()
    try:
        for run in range(1, args.runs + 1):
            result = subprocess.run(
                [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *tests],
                cwd=code,
                env={**os.environ, "PYTHONPATH": str(code)},
                capture_output=True,
                text=True,
                check=False,
            )
            failed = result.returncode != 0
            failures += failed
            last = result.stdout.strip().splitlines()[-1:] or [""]
            print(f"run {run:2d}: {'FAILED' if failed else 'ok'}  {last[0]}", flush=True)
            if failed:  # what went wrong, for the record
                print("\n".join(line for line in result.stdout.splitlines() if line.startswith("E ")), flush=True)
    finally:
        stop.set()
        for p in load:
            p.join()
    print(f"{failures} of {args.runs} runs failed under load ({time.perf_counter() - started:.0f} s; {code})")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
