"""The least a cold build costs on this stack, whatever Samling's own code does, against Hugo's whole build.

    .venv/bin/python bench/floor.py                          # 1,000 sessions, 3 runs
    .venv/bin/python bench/floor.py --sizes 1000,10000 --runs 3

Issue 22 asks for a cold build at Hugo's speed. Part of a build is Samling's own code, which can be
made cheaper; part is the stack the project is built on (Python and Jinja, fixed by the project),
which cannot. This measures two parts of the second kind alone, on the corpus of bench/run.py,
each in a process of its own, interleaved with Hugo's cold build of the same text:

1. start: the interpreter and the imports a build makes;
2. Jinja: every page of the site made by its template from its plan, the model built and every
   template compiled beforehand, nothing written (CPU seconds of that loop alone);
3. files: every file of a cold build's output (its folders, names and bytes, taken from a build
   made beforehand) written into a fresh folder beside the bench's outputs by two processes, each
   with os.open/os.write as the build writes (wall seconds): the kernel's part, which depends on
   the file system and the moment as much as on the files.

The floor is 1 + 2 / 2 + 3: a build renders in two processes on this 2-core machine, and nothing
else of a build (reading the YAML and Markdown, validation, calendars, the search index, hashing,
the cache) is counted. If the floor is above Hugo's whole build, no change to Samling's code
reaches Hugo's speed on this stack with this site's files. Medians of --runs.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from bench.corpus import write_all  # noqa: E402
from bench.run import timed  # noqa: E402
from bench.scratch import Scratch, file_system_line  # noqa: E402

_START = """
import time
t = time.perf_counter()
import generator.cli, generator.commands.build, generator.incremental.builder, generator.render, generator.validate
print(time.perf_counter() - t)
"""

_JINJA = """
import sys, time
from pathlib import Path
from generator.commands.build import check
from generator.core.errors import Problems
from generator.render import page_context
from generator.render.pages import plan_pages
from generator.render.theme import load_theme

site = check(Path(sys.argv[1]))
problems = Problems(root=site.root)
theme = load_theme(site.config.theme, site.root, problems, site.config.source.path)
env = theme.environment()
plans = plan_pages(site)
for name in {plan.template for plan in plans}:
    env.get_template(name)
contexts = [(env.get_template(plan.template), page_context(site, theme, plan)) for plan in plans]
started = time.process_time()
for template, context in contexts:
    template.render(context)
print(time.process_time() - started, len(plans))
"""


def run(script: str, *args: str) -> list[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True, env=env, check=False)
    if done.returncode:
        raise SystemExit(done.stderr)
    return done.stdout.split()


_FILES = """
import os, sys, time
source, target = sys.argv[1], sys.argv[2]
files = []
for folder, _, names in os.walk(source):
    for name in names:
        path = os.path.join(folder, name)
        with open(path, "rb") as f:
            files.append((os.path.relpath(path, source), f.read()))
folders = sorted({os.path.dirname(p) for p, _ in files})
started = time.perf_counter()
for folder in folders:
    os.makedirs(os.path.join(target, folder), exist_ok=True)
child = os.fork()
for rel, data in files[0 if child else 1 :: 2]:
    fd = os.open(os.path.join(target, rel), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    os.write(fd, data)
    os.close(fd)
if not child:
    os._exit(0)
os.waitpid(child, 0)
print(time.perf_counter() - started, len(files))
"""


def built(content: Path, out: Path) -> Path:
    """A cold build's output, without the build's private folder: the files a site of `content` has."""
    if not out.is_dir():
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        command = [sys.executable, "-m", "generator", "build", "--content", str(content), "--output", str(out)]
        subprocess.run(command, check=True, capture_output=True, env=env)
    return out


def written(site: Path, scratch: Scratch) -> tuple[float, int]:
    seconds, count = run(_FILES, str(site), str(scratch.folder("files") / "site"))
    return float(seconds), int(count)


def hugo_cold(hugo: str, site: Path, scratch: Scratch) -> float:
    """Hugo's cold build, as bench/run.py times it."""
    scratch.set_aside(site / "resources")
    return timed([hugo, "--quiet", "-s", str(site), "-d", str(scratch.folder("hugo") / "public")])[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000", help="session counts, comma-separated")
    parser.add_argument("--runs", type=int, default=3, help="runs of each, interleaved; medians are shown")
    parser.add_argument("--work", type=Path, default=Path("/tmp/samling-bench"), help="where the corpora are")
    parser.add_argument("--no-hugo", action="store_true", help="skip Hugo even if it is installed")
    args = parser.parse_args()
    hugo = None if args.no_hugo else shutil.which("hugo")
    print(f"# The least a cold build costs on this stack — load average {os.getloadavg()[0]:.2f}")
    scratch = Scratch(args.work)  # every file written into a folder of its own, nothing deleted until the end
    try:
        floors(args, hugo, scratch)
    finally:
        scratch.clean()
    print(f"load average after: {os.getloadavg()[0]:.2f}")


def floors(args: argparse.Namespace, hugo: str | None, scratch: Scratch) -> None:
    print(file_system_line(scratch.creation_us(), "before"))
    print("| sessions | pages | files | start | Jinja, CPU | files written | floor | Hugo | ÷ Hugo |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for n in (int(s) for s in args.sizes.split(",")):
        corpus = args.work / f"corpus-{n}"
        if not (corpus / "samling").is_dir():
            write_all(n, corpus)
        site = built(corpus / "samling", args.work / f"floor-site-{n}")
        starts, jinjas, writes, hugos, pages, files = [], [], [], [], 0, 0
        for _ in range(args.runs):
            starts.append(float(run(_START)[0]))
            seconds_written, files = written(site, scratch)
            writes.append(seconds_written)
            seconds, pages_made = run(_JINJA, str(corpus / "samling"))
            jinjas.append(float(seconds))
            pages = int(pages_made)
            if hugo:
                hugos.append(hugo_cold(hugo, corpus / "hugo", scratch))
        start, jinja, write = statistics.median(starts), statistics.median(jinjas), statistics.median(writes)
        floor = start + jinja / 2 + write
        hugo_s = statistics.median(hugos) if hugos else None
        ratio = f"{floor / hugo_s:.2f}" if hugo_s else "—"
        hugo_text = f"{hugo_s:.2f} s" if hugo_s else "not installed"
        row = [f"{n:,}", f"{pages:,}", f"{files:,}", f"{start:.2f} s", f"{jinja:.2f} s", f"{write:.2f} s"]
        print("| " + " | ".join([*row, f"{floor:.2f} s", hugo_text, ratio]) + " |", flush=True)
    print(file_system_line(scratch.creation_us(), "after"))


if __name__ == "__main__":
    main()
