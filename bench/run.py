"""Samling's build times and memory, side by side with Hugo (and MkDocs if installed), on the same text.

    .venv/bin/python bench/run.py                     # N = 100 and 1,000, 5 runs each, medians
    .venv/bin/python bench/run.py --sizes 10000 --runs 1
    .venv/bin/python bench/run.py --sizes 20 --runs 1 --no-hugo --live-edits 2   # the smoke test

Each build runs in its own process (`python -m generator build`), timed from outside, with its
peak memory (max RSS) from wait4(). Samling and Hugo run interleaved, so load from other work
on the machine hits both alike. The live-preview figure is measured in one process holding a
warm Builder: the time from a saved session file to its rebuilt pages being on disk.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from bench.corpus import write_all  # noqa: E402
from bench.scratch import Scratch, file_system_line  # noqa: E402


def timed(command: list[str], cwd: Path | None = None) -> tuple[float, float]:
    """Seconds and peak RSS in MB of one process."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{process.stderr.read().decode() if process.stderr else ''}")
    return seconds, usage.ru_maxrss / 1024


def samling(content: Path, output: Path) -> list[str]:
    return [sys.executable, "-m", "generator", "build", "--content", str(content), "--output", str(output)]


def touch_session(content: Path) -> Path:
    """Change one session's text (its last line counts the saves), as an editor's save would."""
    path = sorted(content.glob("*/sessions/*.md"))[0]
    text, _, last = path.read_text("utf-8").rstrip("\n").rpartition("\n\nEndret ")
    saves = int(last.rstrip(".")) + 1 if text and last.rstrip(".").isdigit() else 1
    path.write_text(f"{text or path.read_text('utf-8').rstrip()}\n\nEndret {saves}.\n", "utf-8")
    return path


def measure(
    n: int, work: Path, scratch: Scratch, runs: int, hugo: str | None, mkdocs: str | None
) -> dict[str, list[float]]:
    """Every cold build into a folder of its own; nothing deleted until the end (bench/scratch.py)."""
    corpus = work / f"corpus-{n}"
    if not (corpus / "samling").is_dir():
        write_all(n, corpus)
    content = corpus / "samling"
    results: dict[str, list[float]] = {}

    def record(name: str, value: tuple[float, float]) -> None:
        results.setdefault(name, []).append(value[0])
        results.setdefault(f"{name} MB", []).append(value[1])

    for _ in range(runs):
        out = scratch.folder(f"samling-{n}") / "site"
        record("cold, no cache", timed(samling(content, out)))
        scratch.set_aside(out)  # the cache beside it stays
        record("cold, cache kept", timed(samling(content, out)))
        record("nothing changed", timed(samling(content, out)))
        touch_session(content)
        record("one session changed", timed(samling(content, out)))
        if hugo:
            site, public = corpus / "hugo", scratch.folder(f"hugo-{n}") / "public"
            scratch.set_aside(site / "resources")  # Hugo's cache, if it made one
            record("hugo cold", timed([hugo, "--quiet", "-s", str(site), "-d", str(public)]))
            record("hugo repeat", timed([hugo, "--quiet", "-s", str(site), "-d", str(public)]))
        if mkdocs:
            command = [
                mkdocs,
                "build",
                "-q",
                "-f",
                str(corpus / "mkdocs" / "mkdocs.yml"),
                "-d",
                str(scratch.folder(f"mkdocs-{n}") / "site"),
            ]
            record("mkdocs cold", timed(command))
    return results


def live(content: Path, scratch: Scratch, edits: int) -> list[float]:
    """Milliseconds from a saved session file to the rebuilt pages on disk, with a warm Builder."""
    script = (
        "import json, sys, time\n"
        "from pathlib import Path\n"
        "from generator.incremental.builder import Builder\n"
        "from bench.run import touch_session\n"
        "content, out, edits = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])\n"
        "builder = Builder(content, out)\n"
        "builder.build(None)\n"
        "times = []\n"
        "for i in range(edits):\n"
        "    path = touch_session(content)\n"
        "    started = time.perf_counter()\n"
        "    builder.build({path})\n"
        "    times.append((time.perf_counter() - started) * 1000)\n"
        "print(json.dumps(times))\n"
    )
    out = scratch.folder(f"live-{content.parent.name}") / "site"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-c", script, str(content), str(out), str(edits)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"the live-preview measurement failed:\n{result.stderr}")
    return json.loads(result.stdout)


def table(n: int, results: dict[str, list[float]], hugo_cold: float | None) -> list[str]:
    lines = [f"\n### N = {n:,} sessions\n", "| build | median s | × Hugo cold | peak MB |", "|---|---:|---:|---:|"]
    for name, values in results.items():
        if name.endswith(" MB"):
            continue
        median = statistics.median(values)
        ratio = f"{median / hugo_cold:.2f}" if hugo_cold else ""
        memory = statistics.median(results[f"{name} MB"])
        lines.append(f"| {name} | {median:.3f} | {ratio} | {memory:.0f} |")
    return lines


def busy_seconds() -> float | None:
    """CPU seconds the whole machine has spent busy since boot (Linux's /proc/stat), or None elsewhere."""
    try:
        fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    except OSError:
        return None
    ticks = [int(f) for f in fields]
    idle = ticks[3] + (ticks[4] if len(ticks) > 4 else 0)  # idle and iowait
    return (sum(ticks[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def other_load(busy_before: float | None, started: float) -> str:
    """How much of the machine other work took while the benchmark ran: "quiet" or "loaded".

    The machine's busy CPU time, less what this benchmark's own processes used, per core and second.
    Hugo's threads lose the cores first under load, so its ratios mean something only when quiet."""
    busy_after = busy_seconds()
    if busy_before is None or busy_after is None:
        return "unknown (no /proc/stat)"
    own = sum(getattr(os.times(), f) for f in ("user", "system", "children_user", "children_system"))
    other = max(0.0, busy_after - busy_before - own)
    share = other / ((time.perf_counter() - started) * (os.cpu_count() or 1))
    return f"{'quiet' if share < 0.10 else 'loaded'}: other work took {share:.0%} of the machine's cores"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="100,1000", help="session counts, comma-separated (e.g. 100,1000,10000)")
    parser.add_argument("--runs", type=int, default=5, help="runs per measurement; medians are shown")
    parser.add_argument("--work", type=Path, default=Path("/tmp/samling-bench"), help="where corpora and outputs go")
    parser.add_argument("--no-hugo", action="store_true", help="skip Hugo even if it is installed")
    parser.add_argument("--live-edits", type=int, default=20, help="saves timed for the live-preview figure")
    args = parser.parse_args()
    busy, started = busy_seconds(), time.perf_counter()
    hugo = None if args.no_hugo else shutil.which("hugo")
    mkdocs = shutil.which("mkdocs")
    load = os.getloadavg()
    print(f"# Samling benchmark — {os.cpu_count()} CPUs, load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    print(f"# hugo: {hugo or 'not found'}; mkdocs: {mkdocs or 'not found'}; runs: {args.runs}")
    args.work.mkdir(parents=True, exist_ok=True)
    scratch = Scratch(args.work)
    try:
        measure_all(args, scratch, hugo, mkdocs)
    finally:
        scratch.clean()
    print(f"\nload average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"the machine while this ran: {other_load(busy, started)}")


def measure_all(args: argparse.Namespace, scratch: Scratch, hugo: str | None, mkdocs: str | None) -> None:
    print(file_system_line(scratch.creation_us(), "before"))
    for n in (int(s) for s in args.sizes.split(",")):
        results = measure(n, args.work, scratch, args.runs, hugo, mkdocs)
        hugo_cold = statistics.median(results["hugo cold"]) if "hugo cold" in results else None
        print("\n".join(table(n, results, hugo_cold)), flush=True)
        if n <= 1000 and args.live_edits:
            times = live(args.work / f"corpus-{n}" / "samling", scratch, args.live_edits)
            print(
                f"\nlive preview, one session saved → pages on disk (warm Builder), N = {n:,}: "
                f"median {statistics.median(times):.1f} ms, max {max(times):.1f} ms over {len(times)} saves"
            )
    if args.live_edits:
        example = scratch.folder("example") / "content"
        shutil.copytree(ROOT / "content", example)
        times = live(example, scratch, args.live_edits)
        print(
            f"\nlive preview, example site (content/): median {statistics.median(times):.1f} ms, "
            f"max {max(times):.1f} ms over {len(times)} saves"
        )
    print(file_system_line(scratch.creation_us(), "after"))


if __name__ == "__main__":
    main()
