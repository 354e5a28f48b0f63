"""Problems with the content: each names a file, a line, what is wrong and what to do.

Every stage reports into a `Problems` collector instead of raising, so one run
lists every problem at once. `ContentError` carries the collected list out of
the pipeline; the CLI prints it and exits non-zero without a traceback.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    message: str
    hint: str = ""

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        text = f"{where}: {self.message}"
        return f"{text} — {self.hint}" if self.hint else text


@dataclass
class Problems:
    """Collects problems; `root` makes paths relative so messages stay short."""

    root: Path | None = None
    items: list[Problem] = field(default_factory=list)

    def add(self, path: Path | str, line: int | None, message: str, hint: str = "") -> None:
        self.items.append(Problem(self.display(path), line or 0, message, hint))

    def display(self, path: Path | str) -> str:
        p = Path(path)
        if self.root is not None:
            with contextlib.suppress(ValueError):
                # Resolve the folder only: a refused symbolic link is named as the author made it.
                p = (p.parent.resolve() / p.name).relative_to(self.root.resolve().parent)
        return p.as_posix()

    def extend(self, other: Problems) -> None:
        self.items.extend(other.items)

    def __bool__(self) -> bool:
        return bool(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def raise_if_any(self) -> None:
        if self.items:
            raise ContentError(sorted(set(self.items)))


class ContentError(Exception):
    """The content has problems; nothing was written."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems
