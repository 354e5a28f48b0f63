"""Problems with the content: each names a file, a line, what is wrong and what to do.

Every stage reports into a `Problems` collector instead of raising, so one run
lists every problem at once. `ContentError` carries the collected list out of
the pipeline; the CLI prints it and exits non-zero without a traceback.
"""

from __future__ import annotations

import contextlib
import re
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
        return visible(f"{text} — {self.hint}" if self.hint else text)


# C0 and C1 controls, DEL, Unicode line separators and bidi overrides: a value from content could
# otherwise retitle the terminal (ESC), forge a second `file:1:` line (newline) or reorder the text.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u2028-\u202e\u2066-\u2069]")


def visible(text: str) -> str:
    """`text` on one line, with every control character shown as an escape such as \\x1b or \\n."""
    return _CONTROL.sub(_escape, text)


def _escape(m: re.Match[str]) -> str:
    c = m.group(0)
    named = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
    return named.get(c) or (f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}")


@dataclass
class Problems:
    """Collects problems; with a `root` (the content folder) every path is shown as `display` says."""

    root: Path | None = None
    items: list[Problem] = field(default_factory=list)

    def add(self, path: Path | str, line: int | None, message: str, hint: str = "") -> None:
        self.items.append(Problem(self.display(path), line or 0, message, hint))

    def display(self, path: Path | str) -> str:
        """The path as a terminal or an editor opened where the user stands can open it: relative to
        the current directory when inside it, absolute when not."""
        p = Path(path)
        if self.root is None and not p.is_absolute():
            return p.as_posix()
        # Resolve the folder only: a refused symbolic link is named as the author made it.
        full = p.parent.resolve() / p.name
        with contextlib.suppress(ValueError, OSError):
            return full.relative_to(Path.cwd().resolve()).as_posix()
        return full.as_posix()

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
