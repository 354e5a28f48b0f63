"""CPU time of splitting every deck of a content folder into slides: markdown-it-py's block parse
(containers.outline) against the line reading that stands in for it where it can (quick_outline.py).

    .venv/bin/python bench/outline.py /tmp/samling-bench/corpus-10000/samling --runs 5

Both are run on the same bodies, interleaved, and must agree; the medians of process CPU time are shown.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from generator.core.errors import Problems
from generator.load.documents import read_markdown
from generator.validate.containers import outline
from generator.validate.markdown import make_markdown
from generator.validate.quick_outline import deck_outline, quick_outline


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("content", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    problems = Problems(root=args.content)
    bodies = [doc.body for path in sorted(args.content.glob("*/decks/*.md")) if (doc := read_markdown(path, problems))]
    md = make_markdown()
    names = md.container_names  # type: ignore[attr-defined]
    quick = sum(quick_outline(b, names, False, md.options["maxNesting"]) is not None for b in bodies)
    assert [outline(md, b) for b in bodies] == [deck_outline(md, b) for b in bodies]
    times: dict[str, list[float]] = {"outline": [], "deck_outline": []}
    for _ in range(args.runs):
        for name, way in (("outline", outline), ("deck_outline", deck_outline)):
            start = time.process_time()
            for body in bodies:
                way(md, body)
            times[name].append(time.process_time() - start)
    print(f"{len(bodies)} decks, {quick} read the quick way")
    for name, seconds in times.items():
        print(f"{name:>13}: {statistics.median(seconds):.4f} s CPU (median of {args.runs})")
    print(f"speed-up: {statistics.median(times['outline']) / statistics.median(times['deck_outline']):.1f}×")


if __name__ == "__main__":
    main()
