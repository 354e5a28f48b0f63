"""The site search at scale: index size against the site's HTML, and query times in Chromium.

    .venv/bin/python bench/search.py                   # the example site and 10,000 sessions
    .venv/bin/python bench/search.py --sessions 1000   # quicker

Builds the example site and a `bench/corpus.py` corpus, writes each one's search index
(generator/render/search.py) and a blank page with search.js, opens it from file:// in headless
Chromium and times, for each query, the first search (postings decoded: what a reader waits for
on the first keystroke), a repeat, and the whole keystroke as the box handles it (search and
drawing the results). The corpus has a 40-word vocabulary, every word in nearly every session: a
worst case for postings (each term matches ~all documents), so prefix queries are the slowest.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from bench.corpus import write_samling  # noqa: E402
from generator.incremental.builder import Builder  # noqa: E402
from generator.render.search import gathering_part, index_files, search_records, site_index  # noqa: E402

QUERIES = (
    "måling",
    "maling",
    "kommune",
    "ko",
    "k",
    "okt 00042",
    "forankring tillit",
    "risiko åpen",
    "malig",
    "samling",
)
PAGE = """<!doctype html><html lang="nb"><head><meta charset="utf-8"><title>search bench</title></head><body>
<form role="search" class="site-search" hidden data-root="index.html" data-index="assets/search-index.js"
 data-count="{n} treff" data-count-one="{n} treff" data-none="Ingen treff" data-shown="De {shown} beste vises."
 data-models="Modeller"><label for="q">Søk</label><div><input id="q" role="combobox" aria-expanded="false"
 aria-controls="r"><div id="r" role="listbox" aria-label="Treff" hidden></div></div><p role="status"></p></form>
<script src="search.js"></script></body></html>"""

TIMING = """async (queries) => {
  const loaded = performance.now();
  const box = document.querySelector('#q');
  const index = await new Promise(done => SamlingSearch.load('assets/search-index.js', done));
  const load = performance.now() - loaded;
  box.focus();  // the box loads its own copy; wait for it before timing keystrokes
  await new Promise(done => { box.value = 'x'; box.dispatchEvent(new Event('input'));
    const wait = () => document.querySelector('form').dataset.searched === 'x' ? done() : setTimeout(wait, 5);
    wait(); });
  const rows = [];
  for (const q of queries) {
    let t = performance.now();
    const r = SamlingSearch.search(index, q);
    const first = performance.now() - t;
    t = performance.now();
    SamlingSearch.search(index, q);
    const again = performance.now() - t;
    t = performance.now();
    box.value = q; box.dispatchEvent(new Event('input'));
    const keystroke = performance.now() - t;
    rows.push([q, r.hits.length, first, again, keystroke]);
  }
  return {load, rows};
}"""


def html_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*.html"))


def measure(name: str, content: Path, work: Path) -> None:
    out = work / f"{name}-output"
    started = time.perf_counter()
    builder = Builder(content, out)
    builder.build(None)
    built = time.perf_counter() - started
    assert builder.site is not None
    site = builder.site
    started = time.perf_counter()
    files = index_files(site)
    indexed = time.perf_counter() - started
    sample = site.gatherings[:: max(1, len(site.gatherings) // 20)]
    per_gathering = []
    for g in sample:  # what a saved session costs: its gathering's part, and the list of parts
        started = time.perf_counter()
        gathering_part(g)
        site_index(site)
        per_gathering.append(time.perf_counter() - started)
    records = search_records(site)
    page_dir = work / f"{name}-page"
    for path, data in files:
        (page_dir / path).parent.mkdir(parents=True, exist_ok=True)
        (page_dir / path).write_bytes(data)
    (page_dir / "search.js").write_bytes((ROOT / "themes/default/static/search.js").read_bytes())
    (page_dir / "index.html").write_text(PAGE, "utf-8")
    size = sum(len(data) for _, data in files)
    html = html_bytes(out)
    sessions = sum(1 for r in records if r.kind == "session")
    print(f"\n## {name}: {sessions:,} sessions, {len(records):,} records (built in {built:.1f} s)\n")
    print("| | |\n|---|---|")
    print(f"| site HTML | {html / 1e6:.2f} MB |")
    print(f"| index ({len(files):,} files) | {size / 1e6:.2f} MB = {100 * size / html:.1f} % of the HTML |")
    print(f"| index made in (complete build) | {indexed:.2f} s |")
    print(f"| index made again after a save (one gathering) | {1000 * statistics.median(per_gathering):.1f} ms |")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page()
        page.goto((page_dir / "index.html").as_uri())
        result = page.evaluate(TIMING, list(QUERIES))
        browser.close()
    print(f"| index loaded (every part, by script tags) | {result['load']:.0f} ms |\n")
    print("| query | hits | first search ms | again ms | keystroke (search + draw) ms |\n|---|---:|---:|---:|---:|")
    for q, hits, first, again, key in result["rows"]:
        print(f"| {q} | {hits:,} | {first:.1f} | {again:.1f} | {key:.1f} |")
    firsts = [r[2] for r in result["rows"]]
    keys = [r[4] for r in result["rows"]]
    print(
        f"| **median** | | {statistics.median(firsts):.1f} | {statistics.median(r[3] for r in result['rows']):.1f} "
        f"| {statistics.median(keys):.1f} |"
    )
    print(f"| **slowest** | | {max(firsts):.1f} | {max(r[3] for r in result['rows']):.1f} | {max(keys):.1f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sessions", type=int, default=10_000)
    parser.add_argument("--work", type=Path, default=None, help="a scratch folder (default: a new temporary one)")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="samling-search-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    measure("example", ROOT / "content", work)
    corpus = work / "corpus"
    if not corpus.exists():
        write_samling(args.sessions, corpus)
    measure(f"corpus-{args.sessions}", corpus, work)


if __name__ == "__main__":
    main()
