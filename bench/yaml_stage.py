"""The YAML stage alone: every text the loader hands parse_yaml, pure-Python parser against libyaml.

The texts are collected by loading the content once (each .yaml file, the front matter of each .md
file, exactly as generator/load passes them); then both paths parse all of them, interleaved,
several runs each, timed as this process's CPU time. Also says how many texts went the fast way.

    .venv/bin/python bench/yaml_stage.py /tmp/samling-bench/corpus-1000/samling --runs 7
"""

from __future__ import annotations

import argparse
import contextlib
import os
import statistics
import time
from pathlib import Path
from typing import Any

from generator.core.accelerators import SWITCH
from generator.core.errors import Problems
from generator.load import load, yaml_fast, yamlfile
from generator.load.documents import Reader


class Recorder(Reader):
    def __init__(self) -> None:
        self.texts: list[tuple[str, int]] = []

    def parse(self, text: str, first_line: int) -> Any:
        self.texts.append((text, first_line))
        return super().parse(text, first_line)


def parse_all(texts: list[tuple[str, int]]) -> float:
    start = time.process_time()
    for text, first_line in texts:
        with contextlib.suppress(yamlfile.YamlProblem):
            yamlfile.parse_yaml(text, first_line)
    return time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("content", type=Path)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    recorder = Recorder()
    load(args.content, Problems(), recorder)
    texts = recorder.texts
    loader = yaml_fast.c_loader(yamlfile._Loader)
    fast = 0
    for text, first_line in texts:
        if loader is not None and yaml_fast.readable(text, yamlfile.MAX_DEPTH):
            try:
                yamlfile.parse_c(loader, text, first_line)
                fast += 1
            except Exception:
                continue
    precheck = time.process_time()
    for text, _ in texts:
        yaml_fast.readable(text, yamlfile.MAX_DEPTH)
    precheck = time.process_time() - precheck
    times: dict[str, list[float]] = {"pure": [], "fast": []}
    for _ in range(args.runs):
        for name in times:
            if name == "pure":
                os.environ[SWITCH] = "off"
            times[name].append(parse_all(texts))
            os.environ.pop(SWITCH, None)
    chars = sum(len(t) for t, _ in texts)
    print(f"{len(texts)} texts, {chars:,} characters; {fast} ({fast / len(texts):.1%}) take libyaml's parser")
    print(f"pre-check alone: {precheck * 1000:.1f} ms")
    for name, runs in times.items():
        print(
            f"{name}: median {statistics.median(runs) * 1000:.0f} ms CPU ({', '.join(f'{r * 1000:.0f}' for r in runs)})"
        )
    ratio = statistics.median(times["pure"]) / statistics.median(times["fast"])
    print(f"pure / fast: {ratio:.1f}×")


if __name__ == "__main__":
    main()
