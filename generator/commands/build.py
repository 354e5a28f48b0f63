"""`samling build` and `samling check`: one complete build into an output, or every check without writing."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from generator.core.rendered import BuildResult
from generator.incremental.builder import Builder, check

if TYPE_CHECKING:
    from generator.core.model import Site
    from generator.render import Output
    from generator.render.theme import Theme

__all__ = ["build", "check", "render_in_memory"]


def build(content: Path, output: Path) -> BuildResult:
    """A complete build into `output`, swapped in atomically; reuses the cache beside it."""
    return Builder(content, output, warm=False).build(None)


def render_in_memory(content: Path) -> tuple[Site, Theme, list[Output]]:
    """Every file of the site as bytes, no cache and no disk writes (load → validate → theme → render);
    raises ContentError listing every problem. For what is made from the whole site at once (`samling pack`)."""
    from generator.core.errors import Problems
    from generator.load import load
    from generator.render import render
    from generator.render.theme import load_theme
    from generator.validate import validate

    problems = Problems(root=content)
    tree = load(content, problems)
    site = validate(tree, problems)
    theme = load_theme(site.config.theme, tree.root, problems, site.config.source.path)
    problems.raise_if_any()
    outputs = render(site, theme, problems)
    problems.raise_if_any()
    return site, theme, outputs
