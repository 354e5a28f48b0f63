"""Build every hostile case of issue 14, each as a process of its own, and check it against the budget.

Every case starts from a copy of the example site (`content/`) with one hostile change, runs the
`samling` command a facilitator would, and must end in under 10 s and 400 MB peak memory, without
a traceback, with a non-zero exit code where the content is refused; the example site with
1.2 GB of attachments must stay under 150 MB. Not part of CI (`tests/test_hostile_bench.py` runs
`--quick`: small sizes, a handful of cases):

    .venv/bin/python bench/hostile.py                 # every case, full sizes; the table as Markdown
    .venv/bin/python bench/hostile.py --quick         # small sizes, a handful of cases
    .venv/bin/python bench/hostile.py --cases nested-500,port-70000

Peak memory is the max RSS that `wait4` reports: the largest single process of the build (the
forked half of a parallel render included, whichever was larger), not their sum.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GATHERING = "nettverk-omdomme-2013-03"
TIME_BUDGET = 10.0  # seconds, every case
MEMORY_BUDGET = 400  # MB, every case
ATTACHMENT_BUDGET = 150  # MB, the example site with 1.2 GB of attachments
KILL_AFTER = 30.0  # a case still running then is a hang: killed and failed
KEEP = "a file of someone's own\n"
QUICK = ["fifo", "attachments-cold", "nested-500", "content-missing", "output-not-samlings", "port-70000", "two-builds"]


@dataclass
class Case:
    """What one case runs (commands in order; `parallel` ones at the same time) and what it must give."""

    name: str
    commands: list[list[str]]
    refused: bool | None  # True: must exit non-zero; False: must build; None: either, calmly
    memory: int = MEMORY_BUDGET
    parallel: bool = False
    env: dict[str, str] = field(default_factory=dict)
    says: str = ""  # a refusal must say this on one of its lines (that line is the one shown)
    keeps: list[Path] = field(default_factory=list)  # files that must be there, unchanged, afterwards


@dataclass
class Result:
    case: Case
    code: int | None  # None: killed after KILL_AFTER
    first_line: str
    seconds: float
    peak_mb: float
    traceback: bool
    lost: list[str] = field(default_factory=list)  # of case.keeps, what is gone or changed

    def failures(self) -> list[str]:
        why = []
        if self.code is None:
            why.append("hang")
        if self.traceback:
            why.append("traceback")
        if self.seconds >= TIME_BUDGET:
            why.append(f">= {TIME_BUDGET:.0f} s")
        if self.peak_mb >= self.case.memory:
            why.append(f">= {self.case.memory} MB")
        if self.case.refused is True and self.code == 0:
            why.append("not refused")
        if self.case.refused is False and self.code != 0:
            why.append("refused")
        if self.case.says and self.case.says not in self.first_line:
            why.append(f"no line says {self.case.says!r}")
        why += [f"{name} deleted or changed" for name in self.lost]
        return why


def samling(*args: str | Path) -> list[str]:
    return [sys.executable, "-m", "generator", *map(str, args)]


def site(work: Path) -> tuple[Path, Path]:
    """A fresh copy of the example site in `work`, and where its output goes."""
    content = work / "content"
    shutil.copytree(ROOT / "content", content, symlinks=True)
    return content, work / "output"


def build(content: Path, output: Path) -> list[str]:
    return samling("build", "--content", content, "--output", output)


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text("utf-8") + text, "utf-8")


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), "utf-8")


def warm(content: Path, output: Path) -> None:
    """An untimed build first, for the cases that measure a repeat build."""
    subprocess.run(build(content, output), cwd=ROOT, env=environment({}), capture_output=True, check=True)


# --- the cases: each prepares `work` and says what to run ---------------------------------------


def fifo(work: Path, quick: bool) -> Case:
    content, output = site(work)
    os.mkfifo(content / ".fifo")
    os.mkfifo(content / GATHERING / "pipe.txt")
    return Case("fifo", [build(content, output)], refused=False)


def dev_zero(work: Path, quick: bool) -> Case:
    content, output = site(work)
    (content / ".zero").symlink_to("/dev/zero")
    (content / GATHERING / "files").mkdir()
    (content / GATHERING / "files" / "zero.bin").symlink_to("/dev/zero")
    return Case("link-to-dev-zero", [build(content, output)], refused=True, says="files/zero.bin: is a link")


def attachments(work: Path, quick: bool, edited: bool) -> Case:
    content, output = site(work)
    files = content / GATHERING / "files"
    files.mkdir()
    for name in ("film-1.mp4", "film-2.mp4", "film-3.mp4"):
        with open(files / name, "wb") as f:  # sparse: 400 MB each on paper, nothing on disk
            f.truncate((4 if quick else 400) << 20)
    if edited:
        warm(content, output)
        append(content / "site.yaml", "# one line more\n")
    name = "attachments-after-edit" if edited else "attachments-cold"
    return Case(name, [build(content, output)], refused=False, memory=ATTACHMENT_BUDGET)


def alias_repeat(work: Path, quick: bool, repeats: int) -> Case:
    content, output = site(work)
    text = "x" * (1_000 if quick else 100_000)
    path = content / GATHERING / "gathering.yaml"
    body = path.read_text("utf-8").replace(
        "\ndescription: |", f"\nextra: &t {text}\nmore: [{', '.join(['*t'] * repeats)}]\ndescription: |", 1
    )
    path.write_text(body, "utf-8")
    return Case(f"alias-repeat-{repeats}", [build(content, output)], refused=True, says="gathering.yaml:")


def huge_table(work: Path, quick: bool) -> Case:
    content, output = site(work)
    rows = 500 if quick else 19_000  # ~200 bytes a row: 3.8 MB, under the 20,000-line and 4 MB limits
    cell = "celle med tekst i seg"
    lines = ["|" + "|".join(f" k{c} " for c in range(8)) + "|", "|" + "---|" * 8]
    lines += ["|" + "|".join(f" {cell} " for _ in range(8)) + "|"] * rows
    append(content / GATHERING / "sessions" / "scanning.md", "\n" + "\n".join(lines) + "\n")
    return Case("markdown-table-3.8MB", [build(content, output)], refused=True, says="scanning.md:")


def long_word_model(work: Path, quick: bool) -> Case:
    content, output = site(work)
    word = "ø" * (2_000 if quick else 100_000)  # 200 KB in UTF-8
    model = f"title: Langt ord\nkind: cycle\nsteps:\n  - {word}\n  - To\n  - Tre\ncentre: Midten\n"
    (content / "models" / "langt-ord.yaml").write_text(model, "utf-8")
    return Case("model-200KB-word", [build(content, output)], refused=None)


def nested(work: Path, quick: bool) -> Case:
    content, output = site(work)
    replace(content / GATHERING / "gathering.yaml", "venue: Gardermoen", "venue: " + "[" * 500 + "]" * 500)
    return Case("nested-500", [build(content, output)], refused=True, says="nested too deeply")


def year_one(work: Path, quick: bool) -> Case:
    content, output = site(work)
    replace(content / GATHERING / "gathering.yaml", "date: 2013-03-11", "date: 0001-01-01")
    return Case("date-0001-01-01", [build(content, output)], refused=True, says="0001-01-01")


def long_duration(work: Path, quick: bool) -> Case:
    content, output = site(work)
    session = content / GATHERING / "sessions" / "scanning.md"
    replace(session, "duration: 5\n", f"duration: {'9' * 5000}\n")
    return Case("duration-5000-digits", [build(content, output)], refused=True, says="scanning.md:")


def content_missing(work: Path, quick: bool) -> Case:
    return Case("content-missing", [build(work / "nowhere", work / "output")], refused=True, says="nowhere")


def content_file(work: Path, quick: bool) -> Case:
    (work / "a-file").write_text("x", "utf-8")
    return Case("content-is-a-file", [build(work / "a-file", work / "output")], refused=True, says="a-file")


def output_under_file(work: Path, quick: bool) -> Case:
    content, _ = site(work)
    (work / "a-file").write_text("x", "utf-8")
    return Case("output-under-a-file", [build(content, work / "a-file" / "output")], refused=True, says="a-file")


def output_not_samlings(work: Path, quick: bool) -> Case:
    content, output = site(work)
    output.mkdir()
    (output / "budget.xlsx").write_text(KEEP, "utf-8")
    return Case(
        "output-not-samlings",
        [build(content, output)],
        refused=True,
        says="did not make",
        keeps=[output / "budget.xlsx"],
    )


def output_in_content(work: Path, quick: bool) -> Case:
    content, _ = site(work)
    (content / "notater.txt").write_text(KEEP, "utf-8")
    return Case(
        "output-is-content", [build(content, content)], refused=True, says="overlaps", keeps=[content / "notater.txt"]
    )


def stray_staging(work: Path, quick: bool) -> Case:
    content, output = site(work)
    warm(content, output)
    (work / ".output.tmp-12345").write_text("not a folder", "utf-8")
    (work / ".output.old-12345").write_text("not a folder", "utf-8")
    return Case("stray-staging-file", [build(content, output)], refused=False, says="skipped")


def long_name(work: Path, quick: bool) -> Case:
    content, output = site(work)
    long = "s" * 251  # 254 bytes with .md: a file system takes it, its page name .html does not
    shutil.copy(content / GATHERING / "sessions" / "scanning.md", content / GATHERING / "sessions" / f"{long}.md")
    replace(content / GATHERING / "gathering.yaml", "- scanning\n", f"- scanning\n      - {long}\n")
    return Case("session-name-251", [build(content, output)], refused=True, says="cannot be a page's name")


def con(work: Path, quick: bool) -> Case:
    content, output = site(work)
    shutil.copy(content / GATHERING / "sessions" / "scanning.md", content / GATHERING / "sessions" / "CON.md")
    replace(content / GATHERING / "gathering.yaml", "- scanning\n", "- scanning\n      - CON\n")
    return Case("sessions/CON.md", [build(content, output)], refused=True, says="cannot be a page's name")


def two_builds(work: Path, quick: bool) -> Case:
    content, output = site(work)
    return Case("two-builds", [build(content, output), build(content, output)], refused=False, parallel=True)


def linked_gathering(work: Path, quick: bool) -> Case:
    content, output = site(work)
    elsewhere = work / "elsewhere"
    shutil.copytree(content / GATHERING, elsewhere)
    (content / "lenket").symlink_to(elsewhere, target_is_directory=True)
    return Case("linked-gathering-folder", [build(content, output)], refused=True, says="content/lenket")


def port(work: Path, quick: bool) -> Case:
    content, output = site(work)
    command = samling("serve", "--content", content, "--output", output, "--port", "70000")
    return Case("port-70000", [command], refused=True, says="70000")


def localtime(work: Path, quick: bool) -> Case:
    content, output = site(work)
    replace(content / GATHERING / "gathering.yaml", "timezone: Europe/Oslo", "timezone: localtime")
    return Case("timezone-localtime", [build(content, output)], refused=True, says="localtime")


def new_gathering(work: Path, quick: bool) -> Case:
    content, output = site(work)
    commands = [samling("new", "gathering", "a\nb: x", "--content", content), build(content, output)]
    return Case("new-gathering-a\\nb: x", commands, refused=False)


CASES: dict[str, Callable[[Path, bool], Case]] = {
    "fifo": fifo,
    "link-to-dev-zero": dev_zero,
    "attachments-cold": lambda work, quick: attachments(work, quick, edited=False),
    "attachments-after-edit": lambda work, quick: attachments(work, quick, edited=True),
    "alias-repeat-2000": lambda work, quick: alias_repeat(work, quick, 2_000),
    "alias-repeat-20000": lambda work, quick: alias_repeat(work, quick, 20_000),
    "markdown-table-3.8MB": huge_table,
    "model-200KB-word": long_word_model,
    "nested-500": nested,
    "date-0001-01-01": year_one,
    "duration-5000-digits": long_duration,
    "content-missing": content_missing,
    "content-is-a-file": content_file,
    "output-under-a-file": output_under_file,
    "output-not-samlings": output_not_samlings,
    "output-is-content": output_in_content,
    "stray-staging-file": stray_staging,
    "session-name-251": long_name,
    "sessions/CON.md": con,
    "two-builds": two_builds,
    "linked-gathering-folder": linked_gathering,
    "port-70000": port,
    "timezone-localtime": localtime,
    "new-gathering": new_gathering,
}


# --- running and measuring ----------------------------------------------------------------------


def environment(extra: dict[str, str]) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": "1", **extra}


def start(command: list[str], work: Path, n: int, env: dict[str, str]) -> tuple[subprocess.Popen[bytes], Path]:
    err = work / f"stderr-{n}.txt"
    with open(work / f"stdout-{n}.txt", "wb") as out, open(err, "wb") as errors:
        process = subprocess.Popen(command, cwd=ROOT, env=environment(env), stdout=out, stderr=errors)
    return process, err


def reap(processes: list[subprocess.Popen[bytes]], deadline: float) -> list[tuple[int | None, float]]:
    """Wait for every process (killing what outlives the deadline): exit codes and max RSS in MB."""
    results: dict[int, tuple[int | None, float]] = {}
    while len(results) < len(processes):
        for p in processes:
            if p.pid in results:
                continue
            pid, status, usage = os.wait4(p.pid, os.WNOHANG)
            if pid:
                p.returncode = os.waitstatus_to_exitcode(status)
                results[p.pid] = (p.returncode, usage.ru_maxrss / 1024)
            elif time.monotonic() > deadline:
                p.kill()
                _, status, usage = os.wait4(p.pid, 0)
                p.returncode = -9
                results[p.pid] = (None, usage.ru_maxrss / 1024)
        time.sleep(0.01)
    return [results[p.pid] for p in processes]


def run(case: Case, work: Path) -> Result:
    started = time.monotonic()
    outcomes: list[tuple[int | None, float]] = []
    errs: list[Path] = []
    groups = [case.commands] if case.parallel else [[c] for c in case.commands]
    for group in groups:
        begun = [start(c, work, len(errs) + i, case.env) for i, c in enumerate(group)]
        errs += [err for _, err in begun]
        outcomes += reap([p for p, _ in begun], started + KILL_AFTER)
        if any(code != 0 for code, _ in outcomes[-len(group) :]):
            break  # a step failed: the next ones would only measure that
    seconds = time.monotonic() - started
    texts = [
        e.read_text("utf-8", "replace") + e.with_name(e.name.replace("stderr", "stdout")).read_text("utf-8", "replace")
        for e in errs
    ]
    codes = [code for code, _ in outcomes]
    code = None if None in codes else max(codes, key=abs)  # type: ignore[arg-type]
    lines = [line for e in errs for line in e.read_text("utf-8", "replace").splitlines() if line.strip()]
    lines = [line for line in lines if case.says in line] or lines  # the line about this case first
    return Result(
        case,
        code,
        lines[0].replace(str(work), "WORK") if lines else "",
        seconds,
        max(mb for _, mb in outcomes),
        any("Traceback" in t for t in texts),
        [p.name for p in case.keeps if not (p.is_file() and p.read_text("utf-8") == KEEP)],
    )


def escaped(line: str, width: int = 110) -> str:
    """One table cell: control characters shown as \\xNN, long runs counted, pipes escaped, cut to `width`."""
    shown = re.sub(
        r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]",
        lambda m: f"\\x{ord(m[0]):02x}" if ord(m[0]) < 0x100 else f"\\u{ord(m[0]):04x}",
        line,
    )
    shown = re.sub(r"(.)\1{19,}", lambda m: f"{m[1]}…×{len(m[0])}", shown)  # a long run, counted
    shown = shown if len(shown) <= width else shown[: width - 1] + "…"
    return shown.replace("|", "\\|")


def table(results: list[Result]) -> str:
    rows = [
        "| case | exit | first line of stderr | wall | peak RSS | budget |",
        "|---|---:|---|---:|---:|---|",
    ]
    for r in results:
        why = r.failures()
        verdict = "PASS" if not why else "FAIL: " + ", ".join(why)
        code = "killed" if r.code is None else str(r.code)
        rows.append(
            f"| {escaped(r.case.name)} | {code} | `{escaped(r.first_line)}` | {r.seconds:.2f} s | "
            f"{r.peak_mb:.0f} MB | {verdict} (< {TIME_BUDGET:.0f} s, < {r.case.memory} MB) |"
        )
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes and a handful of cases")
    parser.add_argument("--cases", help="comma-separated case names (default: all, or the quick ones)")
    parser.add_argument("--work", type=Path, help="where the cases are made (default: a temporary folder)")
    args = parser.parse_args(argv)
    names = args.cases.split(",") if args.cases else QUICK if args.quick else list(CASES)
    unknown = [n for n in names if n not in CASES]
    if unknown:
        parser.error(f"unknown case(s): {', '.join(unknown)} — one of {', '.join(CASES)}")
    root = Path(tempfile.mkdtemp(prefix="samling-hostile-", dir=args.work))
    print(f"load average before: {os.getloadavg()[0]:.2f}", file=sys.stderr)
    results = []
    try:
        for name in names:
            work = root / re.sub(r"\W", "-", name)
            work.mkdir()
            result = run(CASES[name](work, args.quick), work)
            results.append(result)
            print(f"{name}: {'ok' if not result.failures() else 'FAIL'}", file=sys.stderr, flush=True)
            shutil.rmtree(work, ignore_errors=True)
    finally:
        shutil.rmtree(root, ignore_errors=True)
    print(f"load average after: {os.getloadavg()[0]:.2f}", file=sys.stderr)
    print(table(results))
    failed = [r.case.name for r in results if r.failures()]
    print(
        f"\n{len(results) - len(failed)} of {len(results)} cases within the budget"
        + (f"; failed: {', '.join(failed)}" if failed else "")
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
