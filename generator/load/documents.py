"""Reading one content file: text decoding, front matter and YAML, with line numbers."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.core.errors import Problems
from generator.load.yamlfile import YamlProblem, parse_yaml

MAX_FILE_BYTES = 4 * 1024 * 1024


@dataclass(frozen=True)
class Document:
    """One file as read: its YAML data (front matter or whole file) and Markdown body."""

    path: Path
    data: Any
    body: str = ""
    body_line: int = 1  # the line the body starts on, for messages from Markdown
    digest: str = ""


@dataclass
class DocumentCache:
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


def _parse(text: str, first_line: int, cache: DocumentCache | None) -> Any:
    return cache.parse(text, first_line) if cache is not None else parse_yaml(text, first_line=first_line)


def read_text(path: Path, problems: Problems) -> str | None:
    """Read a file as UTF-8, forgiving a BOM and Windows line endings."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        problems.add(path, 0, f"cannot be read ({exc.strerror})", "check that the file exists")
        return None
    if len(raw) > MAX_FILE_BYTES:
        problems.add(
            path,
            0,
            f"is {len(raw) // (1024 * 1024)} MB, more than content files may be ({MAX_FILE_BYTES // (1024 * 1024)} MB)",
            "split it, or move large attachments out of it",
        )
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        problems.add(path, line, "is not UTF-8 text", "save the file as UTF-8 in your editor")
        return None
    if "\x00" in text:
        problems.add(path, text[: text.index("\x00")].count("\n") + 1, "contains a NUL byte", "save it as plain text")
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def digest_of(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


def read_yaml(path: Path, problems: Problems, cache: DocumentCache | None = None) -> Document | None:
    if cache is not None and path in cache.known:
        return cache.known[path]
    text = read_text(path, problems)
    if text is None:
        return None
    try:
        data = _parse(text, 1, cache)
    except YamlProblem as exc:
        problems.add(path, exc.line, exc.message, exc.hint)
        return None
    doc = Document(path, data, digest=digest_of(text))
    if cache is not None:
        cache.known[path] = doc
    return doc


def read_markdown(path: Path, problems: Problems, cache: DocumentCache | None = None) -> Document | None:
    """A Markdown file, with optional YAML front matter between `---` lines."""
    if cache is not None and path in cache.known:
        return cache.known[path]
    text = read_text(path, problems)
    if text is None:
        return None
    data: Any = None
    body, body_line = text, 1
    lines = text.split("\n")
    if lines and lines[0].strip() == "---":
        for i in range(1, len(lines)):
            if lines[i].strip() in ("---", "..."):
                try:
                    data = _parse("\n".join(lines[1:i]), 2, cache)
                except YamlProblem as exc:
                    problems.add(path, exc.line, exc.message, exc.hint)
                    return None
                body = "\n".join(lines[i + 1 :])
                body_line = i + 2
                break
        else:
            problems.add(path, 1, "the front matter starting on line 1 is never closed", "end it with a line `---`")
            return None
    doc = Document(path, data, body, body_line, digest_of(text))
    if cache is not None:
        cache.known[path] = doc
    return doc


def read_plain(path: Path, problems: Problems, cache: DocumentCache | None = None) -> Document | None:
    """A file kept as text, to be parsed by its checker (an answers file: its reader knows JSON too)."""
    if cache is not None and path in cache.known:
        return cache.known[path]
    text = read_text(path, problems)
    if text is None:
        return None
    doc = Document(path, None, text, 1, digest_of(text))
    if cache is not None:
        cache.known[path] = doc
    return doc
