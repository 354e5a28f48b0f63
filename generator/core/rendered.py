"""What one process of a build rendered (plain values to travel from a forked child), and what a build made."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.core.errors import Problem, Problems

if TYPE_CHECKING:
    from generator.core.model import Site


@dataclass
class Rendered:
    """What one process rendered: bytes (in-place builds) or digests of files it wrote, and problems."""

    found: Problems
    made: dict[str, bytes] = field(default_factory=dict)
    digests: dict[str, str] = field(default_factory=dict)
    written: int = 0
    groups: dict[str, list[str]] = field(default_factory=dict)  # gathering → its other files

    @property
    def problems(self) -> list[Any]:
        return self.found.items

    def plain(self) -> list[Any]:
        """As plain values, to travel from a forked child (see parallel.py)."""
        problems = [[p.path, p.line, p.message, p.hint] for p in self.found.items]
        return [problems, self.made, self.digests, self.written, self.groups]

    @classmethod
    def from_plain(cls, value: Any, root: Path) -> Rendered:
        problems, made, digests, written, groups = value
        found = Problems(root=root, items=[Problem(str(a), int(b), str(c), str(d)) for a, b, c, d in problems])
        return cls(found, dict(made), dict(digests), int(written), dict(groups))


class BuildResult:
    """What a build made. `site` is computed on first use when the build had nothing to do."""

    def __init__(self, site: Site | Callable[[], Site], pages: int, counts: dict[str, int]) -> None:
        self._site = site
        self.pages = pages
        self.counts = counts

    @property
    def site(self) -> Site:
        if callable(self._site):
            self._site = self._site()
        return self._site

    @property
    def notices(self) -> list[str]:
        """`file:line: …` lines about the content that did not stop the build (an answers file for a
        changed worksheet). Empty when the build had nothing to do: they were said when it was built."""
        if callable(self._site):
            return []
        return [n for g in self._site.gatherings for n in g.notices]
