"""Reading one content file: text decoding, front matter and YAML, with line numbers."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.core.errors import Problems
from generator.load.yamlfile import YamlMap, YamlProblem, parse_yaml

MAX_FILE_BYTES = 4 * 1024 * 1024


@dataclass(frozen=True)
class Document:
    """One file as read: its YAML data (front matter or whole file) and Markdown body."""

    path: Path
    data: object  # raw YAML: a YamlMap, YamlList, scalar or None, checked by validate/schema.py
    body: str = ""
    body_line: int = 1  # the line the body starts on, for messages from Markdown
    digest: str = ""

    def line_of(self, key: str) -> int:
        """The line of a top-level key (of the front matter or the whole file)."""
        return self.data.line_of(key) if isinstance(self.data, YamlMap) else 1


class Reader:
    """How the loader turns a file into a Document. This one reads and parses every time; a Builder
    hands the loader one that remembers (generator/incremental/documents.py), unknown to it."""

    def parse(self, text: str, first_line: int) -> Any:
        return parse_yaml(text, first_line=first_line)

    def read_yaml(self, path: Path, problems: Problems) -> Document | None:
        return _read_yaml(path, problems, self)

    def read_markdown(self, path: Path, problems: Problems) -> Document | None:
        return _read_markdown(path, problems, self)

    def read_plain(self, path: Path, problems: Problems) -> Document | None:
        return _read_plain(path, problems)


PLAIN = Reader()


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


def read_yaml(path: Path, problems: Problems, reader: Reader = PLAIN) -> Document | None:
    return reader.read_yaml(path, problems)


def read_markdown(path: Path, problems: Problems, reader: Reader = PLAIN) -> Document | None:
    """A Markdown file, with optional YAML front matter between `---` lines."""
    return reader.read_markdown(path, problems)


def read_plain(path: Path, problems: Problems, reader: Reader = PLAIN) -> Document | None:
    """A file kept as text, to be parsed by its checker (an answers file: its reader knows JSON too)."""
    return reader.read_plain(path, problems)


def _read_yaml(path: Path, problems: Problems, reader: Reader) -> Document | None:
    text = read_text(path, problems)
    if text is None:
        return None
    try:
        data = reader.parse(text, 1)
    except YamlProblem as exc:
        problems.add(path, exc.line, exc.message, exc.hint)
        return None
    return Document(path, data, digest=digest_of(text))


def _read_markdown(path: Path, problems: Problems, reader: Reader) -> Document | None:
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
                    data = reader.parse("\n".join(lines[1:i]), 2)
                except YamlProblem as exc:
                    problems.add(path, exc.line, exc.message, exc.hint)
                    return None
                body = "\n".join(lines[i + 1 :])
                body_line = i + 2
                break
        else:
            problems.add(path, 1, "the front matter starting on line 1 is never closed", "end it with a line `---`")
            return None
    return Document(path, data, body, body_line, digest_of(text))


def _read_plain(path: Path, problems: Problems) -> Document | None:
    text = read_text(path, problems)
    if text is None:
        return None
    return Document(path, None, text, 1, digest_of(text))
