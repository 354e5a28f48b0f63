"""Where a cold build's time goes: the build's named steps timed, and its work split by what does it.

    .venv/bin/python bench/profile.py                   # the 1,000-session corpus of bench/run.py
    .venv/bin/python bench/profile.py --sizes 100,1000 --runs 3
    SAMLING_ACCELERATORS=off .venv/bin/python bench/profile.py   # the pure-Python path

Three measurements, each in processes of their own:
1. Start: the interpreter alone, and the imports a build makes (every module a build loads).
2. Steps: one cold build as `samling build` runs it (two processes where it forks), each named
   step of `Builder._build` timed with a wall clock from the parent; medians of --runs.
3. Work: one cold build in ONE process under cProfile, each function's own time put in a bucket
   by its module (Markdown, YAML, Jinja, plain text, calendars, search index, writes, …). The
   profiler's overhead inflates small calls, so read the shares, not the seconds.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from bench.corpus import write_all  # noqa: E402
from bench.scratch import Scratch, file_system_line  # noqa: E402

FORK = ["second process: fork", "second process: marshal.loads", "second process: bytes back"]
STEPS = [
    "read",
    "validate",
    "theme",
    "target",
    "page_keys",
    "plan",
    "outdated",
    "render",
    "extra_files",
    "commit",
    "remember",
]
# The first bucket whose pattern is in a function's file (or name) takes its own time.
BUCKETS = [
    ("Markdown (markdown-it)", ("markdown_it", "validate/markdown", "validate/fast_markdown", "containers.py")),
    ("YAML", ("/yaml/", "yamlfile", "yaml_fast", "_yaml")),
    ("plain text (search, pack titles)", ("html/parser", "_markupbase", "core/plain")),
    ("Jinja templates", ("jinja2", "markupsafe", "/templates/", "render/theme", "render/strings")),
    ("calendars (.ics)", ("render/ical", "render/calendar")),
    ("search index", ("render/search",)),
    ("writes, hashes, files", ("write/", "digests", "atomic", "io.open", "posix.", "built-in method _io", "shutil")),
    ("second process (fork, marshal)", ("parallel.py", "multiprocessing", "marshal", "popen_fork")),
    ("imports (lazy, during the build)", ("importlib",)),
    ("fingerprint, cache", ("incremental/fingerprint", "incremental/cache", "json")),
    ("model and validation", ("generator/validate", "generator/domain", "generator/core", "generator/load")),
    ("pages and plans", ("generator/render", "generator/incremental")),
]

_STEP_TIMER = """
import json, sys, time
from pathlib import Path
from generator.incremental import builder as b, memo, steps
from generator.write import targets
times = {}
def timed(owner, attr, name):
    original = getattr(owner, attr)
    def wrapper(*args, **kwargs):
        started = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            times[name] = times.get(name, 0) + time.perf_counter() - started
    setattr(owner, attr, wrapper)
for name in ("read", "target", "page_keys", "outdated", "extra_files", "remember"):
    timed(steps, name, name)
timed(memo.Memo, "validate", "validate"); timed(memo.Memo, "plan_pages", "plan")
timed(b.Builder, "_theme_for", "theme"); timed(b.Builder, "_render", "render")
timed(targets.Staged, "commit", "commit")
import marshal, multiprocessing.process, types
from generator.incremental import parallel
timed(multiprocessing.process.BaseProcess, "start", "second process: fork")
def loads(data):
    times["second process: bytes back"] = times.get("second process: bytes back", 0) + len(data)
    return marshal.loads(data)
parallel.marshal = types.SimpleNamespace(loads=loads, dumps=marshal.dumps)
timed(parallel.marshal, "loads", "second process: marshal.loads")
content, out = Path(sys.argv[1]), Path(sys.argv[2])
out.parent.mkdir(parents=True, exist_ok=True)  # a fresh folder (bench/scratch.py)
started = time.perf_counter()
b.Builder(content, out, warm=False).build(None)
times["whole build"] = time.perf_counter() - started
print(json.dumps(times))
"""

_WORK_PROFILE = """
import cProfile, json, pstats, sys
from pathlib import Path
from generator.incremental.builder import Builder
content, out, buckets = Path(sys.argv[1]), Path(sys.argv[2]), json.loads(sys.argv[3])
out.parent.mkdir(parents=True, exist_ok=True)  # a fresh folder (bench/scratch.py)
profile = cProfile.Profile()
profile.runcall(lambda: Builder(content, out, parallel_from=10**9, warm=False).build(None))
import sysconfig
stdlib = sysconfig.get_paths()["stdlib"]
stats = pstats.Stats(profile).stats
def bucket(file, name):
    where = f"{file} {name}"
    return next((label for label, patterns in buckets if any(p in where for p in patterns)), "other")
def helper(file):  # built-ins and the standard library count for whoever called them
    return file == "~" or file.startswith((stdlib, "<frozen"))
homes = {}
def home(func, seen=()):
    if not helper(func[0]):
        return bucket(func[0], func[2])
    if func not in homes:
        callers = stats.get(func, (0, 0, 0, 0, {}))[4]
        up = max((c for c in callers if c not in seen), key=lambda c: callers[c][3], default=None)
        homes[func] = "other" if up is None or len(seen) > 20 else home(up, (*seen, func))
    return homes[func]
shares = {}
for func, (_, _, own, _, callers) in stats.items():
    if helper(func[0]) and callers:
        for caller, (_, _, c_own, _) in callers.items():
            shares[home(caller)] = shares.get(home(caller), 0) + c_own
    else:
        shares[home(func)] = shares.get(home(func), 0) + own
print(json.dumps(shares))
"""

_IMPORTS = """
import sys, time
from pathlib import Path
before = set(sys.modules)
from generator.incremental.builder import Builder
out = Path(sys.argv[2]); out.parent.mkdir(parents=True, exist_ok=True)  # a fresh folder (bench/scratch.py)
Builder(Path(sys.argv[1]), out, warm=False).build(None)
print(" ".join(sorted(m for m in set(sys.modules) - before if not m.startswith("_") and m != "cython_runtime")))
"""


def run(script: str, *args: str) -> str:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-c", script, *args], env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"the measurement failed:\n{result.stderr}")
    return result.stdout.strip()


def start_up(content: Path, out: Path, runs: int) -> tuple[float, float]:
    """Median seconds of a bare interpreter, and of importing every top-level module a build loads."""
    modules = run(_IMPORTS, str(content), str(out / "site")).split()
    timer = "import time; t = time.perf_counter(); {}; print(time.perf_counter() - t)"
    bare = [float(run(timer.format("pass"))) for _ in range(runs)]
    every = f"import importlib\nfor m in {modules!r}:\n    try: importlib.import_module(m)\n    except Exception: pass"
    loads = [float(run(timer.format(f"exec({every!r})"))) for _ in range(runs)]
    empty = [_wall([sys.executable, "-c", "pass"]) for _ in range(runs)]
    return statistics.median(empty) - statistics.median(bare), statistics.median(loads)


def _wall(command: list[str]) -> float:
    import time

    started = time.perf_counter()
    subprocess.run(command, check=True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000", help="session counts, comma-separated")
    parser.add_argument("--runs", type=int, default=3, help="runs of the step timing; medians are shown")
    parser.add_argument("--work", type=Path, default=Path("/tmp/samling-bench"), help="where corpora go")
    args = parser.parse_args()
    load = os.getloadavg()
    accelerators = os.environ.get("SAMLING_ACCELERATORS", "") or "on where installed"
    print(f"# Samling cold-build profile — load average {load[0]:.2f}; accelerators: {accelerators}")
    scratch = Scratch(args.work)
    try:
        profile_all(args, scratch)
    finally:
        scratch.clean()


def profile_all(args: argparse.Namespace, scratch: Scratch) -> None:
    """Each build writes into a folder no build wrote before, nothing deleted meanwhile (bench/scratch.py)."""
    print(file_system_line(scratch.creation_us(), "before"))
    for n in (int(s) for s in args.sizes.split(",")):
        corpus = args.work / f"corpus-{n}"
        if not (corpus / "samling").is_dir():
            write_all(n, corpus)
        content = corpus / "samling"
        interpreter, imports = start_up(content, scratch.folder(f"imports-{n}"), args.runs)
        runs = [
            json.loads(run(_STEP_TIMER, str(content), str(scratch.folder(f"steps-{n}") / "site")))
            for _ in range(args.runs)
        ]
        steps = {name: statistics.median(r.get(name, 0.0) for r in runs) for name in [*STEPS, "whole build"]}
        profiled = scratch.folder(f"work-{n}") / "site"
        work = json.loads(run(_WORK_PROFILE, str(content), str(profiled), json.dumps(BUCKETS)))
        print(f"\n## N = {n:,} sessions\n")
        print(f"interpreter start {interpreter:.3f} s; imports a build makes {imports:.3f} s\n")
        print("| step (two processes where it forks) | median s | share |\n|---|---:|---:|")
        whole = steps.pop("whole build")
        for name, seconds in steps.items():
            print(f"| {name} | {seconds:.3f} | {seconds / whole:.0%} |")
        fork = [statistics.median(r.get(k, 0.0) for r in runs) for k in FORK]
        print(
            f"| (of these) the second processes: fork {fork[0]:.3f} s, their results read back "
            f"{fork[1]:.3f} s ({fork[2] / 1e6:.1f} MB of marshal) | | |"
        )
        print(f"| **the build, imports excluded** | {whole:.3f} | |\n")
        total = sum(work.values())
        print("| work, one process under cProfile (own time) | share |\n|---|---:|")
        for label, seconds in sorted(work.items(), key=lambda kv: -kv[1]):
            print(f"| {label} | {seconds / total:.0%} |")
    print(f"\n{file_system_line(scratch.creation_us(), 'after')}")


if __name__ == "__main__":
    main()
