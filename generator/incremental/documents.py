"""Files as read, remembered between builds from outside the loader.

The loader reads through the Reader it is given (generator/load/documents.py); a Builder gives it
a DocumentCache, which parses each YAML text once (by the hash of its text) and hands back, from
memory, a document not named as changed since it was read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.core.errors import Problems
from generator.load.documents import Document, Reader, digest_of
from generator.load.yamlfile import parse_yaml


@dataclass
class DocumentCache(Reader):
    """Reuse between builds: parsed YAML by content hash, and (in memory) documents not touched since.

    `parsed` may be persisted; `known` is trusted only because the caller drops every path it
    was told changed (see Builder), so an edit is never missed on a file share's coarse clock.
    """

    parsed: dict[str, Any] = field(default_factory=dict)  # digest of (first line, YAML text) → data
    known: dict[Path, Document] = field(default_factory=dict)
    used: set[str] = field(default_factory=set)

    def parse(self, text: str, first_line: int) -> Any:
        key = digest_of(f"{first_line}\0{text}")
        self.used.add(key)
        if key not in self.parsed:
            self.parsed[key] = parse_yaml(text, first_line=first_line)  # a YamlProblem is never cached
        return self.parsed[key]

    def prune(self) -> None:
        """Forget what the last build did not use, so the cache does not grow forever."""
        self.parsed = {k: v for k, v in self.parsed.items() if k in self.used}
        self.used = set()

    def read_yaml(self, path: Path, problems: Problems) -> Document | None:
        return self._remembered(path) or self._remember(super().read_yaml(path, problems))

    def read_markdown(self, path: Path, problems: Problems) -> Document | None:
        return self._remembered(path) or self._remember(super().read_markdown(path, problems))

    def read_plain(self, path: Path, problems: Problems) -> Document | None:
        return self._remembered(path) or self._remember(super().read_plain(path, problems))

    def _remembered(self, path: Path) -> Document | None:
        return self.known.get(path)

    def _remember(self, doc: Document | None) -> Document | None:
        if doc is not None:
            self.known[doc.path] = doc
        return doc

    def forget(self, path: Path) -> None:
        """A changed file, or a folder with everything under it."""
        self.known.pop(path, None)
        if path.is_dir() or not path.exists():
            for known in [k for k in self.known if k.is_relative_to(path)]:
                del self.known[known]
