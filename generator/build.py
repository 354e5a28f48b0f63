"""The build, as a list of named steps: load → validate → render → write.

Nothing is written unless every earlier step succeeded without a problem.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.errors import Problems
from generator.load import load
from generator.model import Site
from generator.render import render
from generator.render.theme import load_theme
from generator.validate import validate
from generator.write import check_output_folder, write_site


@dataclass(frozen=True)
class BuildResult:
    site: Site
    pages: int
    counts: dict[str, int]


def check(content: Path) -> Site:
    """Load and validate only; raises ContentError listing every problem."""
    problems = Problems(root=content)
    tree = load(content, problems)
    site = validate(tree, problems)
    problems.raise_if_any()
    return site


def build(content: Path, output: Path) -> BuildResult:
    out = check_output_folder(output, content)
    problems = Problems(root=content)
    tree = load(content, problems)
    site = validate(tree, problems)
    theme = load_theme(site.config.theme, tree.root, problems, site.config.source.path)
    problems.raise_if_any()
    outputs = render(site, theme, problems)
    problems.raise_if_any()
    counts = write_site([(o.path, o.content) for o in outputs], out)
    pages = sum(1 for o in outputs if o.path.endswith(".html"))
    return BuildResult(site, pages, counts)


class Builder:
    """A build that can be repeated: the live preview and repeat builds call `build()`.

    `changed` names the files that changed since the last build (None: unknown,
    rebuild everything). A ContentError leaves the output folder untouched.
    """

    def __init__(self, content: Path, output: Path) -> None:
        self.content = content
        self.output = output

    def build(self, changed: set[Path] | None = None) -> BuildResult:
        return build(self.content, self.output)
