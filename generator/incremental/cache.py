"""What a build remembers for the next one, and which pages a change makes out of date.

Kept in memory by a Builder and persisted as JSON of plain values in the owner-only folder beside the
output (generator/write/private.py), checked field by field when read back:

- parsed YAML and rendered Markdown, keyed by content hash, so unchanged files are not parsed again;
- for every page, the key of everything it was made from and the digest of what was written, so an
  unchanged page is neither rendered nor written again;
- a fingerprint of every input (content, themes, code), so a repeat build with nothing changed
  stops after reading the files.

The dependency graph is coarse on purpose, so that it cannot miss an edge when templates change:
a page of a gathering depends on that gathering's files, every page on site.yaml, the models, the
theme and Samling's own code, and the pages outside gatherings (overview, models) on everything.
"""

from __future__ import annotations

import contextlib
import datetime
import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.core.errors import Problems
from generator.core.model import Embed, Text
from generator.incremental.documents import DocumentCache
from generator.incremental.fingerprint import code_key
from generator.incremental.texts import TextCache, remembering
from generator.load import load_gathering
from generator.load.documents import read_yaml
from generator.load.yamlfile import MAX_DEPTH, YamlList, YamlMap
from generator.validate.markdown import render_markdown
from generator.write.private import PrivateFolder, notice

FORMAT = 5  # bump when what is stored changes shape


@dataclass
class BuildCache:
    docs: DocumentCache = field(default_factory=DocumentCache)
    texts: TextCache = field(default_factory=TextCache)
    pages: dict[str, tuple[str, str]] = field(default_factory=dict)  # output path → (input key, output digest)
    groups: dict[str, tuple[str, list[str]]] = field(default_factory=dict)  # gathering → (key, its other files)
    sources: dict[str, tuple[int, int, int, str]] = field(
        default_factory=dict
    )  # attachment → (size, mtime, inode, digest)

    @staticmethod
    def name_for(out: Path) -> str:
        return f"{out.name}.cache.json"

    @classmethod
    def load(cls, private: PrivateFolder, out: Path) -> BuildCache:
        """The cache of the last build into `out`; an empty one if there is none or it fails a check.

        Read an entry a line (see save): whole, its text was the peak of a build's memory."""
        lines = private.read_lines(cls.name_for(out))
        if lines is None:
            return cls()
        cache = cls()
        try:
            with contextlib.closing(lines):
                if next(lines, None) != [FORMAT, code_key()]:
                    return cls()  # made by another version of Samling: not an error
                for entry in lines:
                    cache._take(entry)
        except (KeyError, TypeError, ValueError, RecursionError, OSError):
            notice(f"{private.path / cls.name_for(out)} is not a cache Samling wrote; ignored")
            return cls()
        return cache

    def _take(self, entry: Any) -> None:
        if not (isinstance(entry, list) and len(entry) == 3):
            raise ValueError("not a cache entry")
        section, key, value = entry
        if section == "parsed":
            self.docs.parsed[_key(key)] = decode_yaml(value, 0)
        elif section == "texts":
            self.texts.entries[_key(key)] = decode_text(value)
        elif section == "pages":
            self.pages[_str(key)] = _pair(value)
        elif section == "groups":
            self.groups[_str(key)] = _group(value)
        elif section == "sources":
            self.sources[_str(key)] = _source(value)
        else:
            raise ValueError("not a part of the cache")

    def save(self, private: PrivateFolder, out: Path) -> None:
        """The version, then one entry a line, `[part, key, value]`, each encoded as it is written."""
        parts: list[tuple[str, dict[str, Any], Callable[[Any], Any]]] = [
            ("parsed", self.docs.parsed, encode_yaml),
            ("texts", self.texts.entries, encode_text),
            ("pages", self.pages, _same),
            ("groups", self.groups, _same),
            ("sources", self.sources, _same),
        ]
        entries = ([part, k, encode(v)] for part, values, encode in parts for k, v in values.items())
        private.write_lines(self.name_for(out), itertools.chain([[FORMAT, code_key()]], entries))

    def prune(self) -> None:
        self.docs.prune()
        self.texts.prune()


# Parsed YAML as JSON: a scalar as itself (a date as {"d": ISO}); a mapping as {"m": [line, [[key,
# key line, value], …]]}; a list as {"l": [line, [[item line, value], …]]}. Decoding checks every type.


def encode_yaml(value: Any) -> Any:
    if isinstance(value, YamlMap):
        return {"m": [value.line, [[k, value.key_lines.get(k, value.line), encode_yaml(v)] for k, v in value.items()]]}
    if isinstance(value, YamlList):
        lines = value.item_lines
        return {
            "l": [
                value.line,
                [[lines[i] if i < len(lines) else value.line, encode_yaml(v)] for i, v in enumerate(value)],
            ]
        }
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return {"d": value.isoformat()}
    if value is None or isinstance(value, (str, bool, int)):
        return value
    raise TypeError(f"cannot store {type(value).__name__}")


def decode_yaml(value: Any, depth: int) -> Any:
    if value is None or isinstance(value, (str, bool, int)):
        return value
    if depth > MAX_DEPTH or not isinstance(value, dict) or len(value) != 1:
        raise ValueError("not a stored YAML value")
    ((tag, body),) = value.items()
    if tag == "d":
        return datetime.date.fromisoformat(_str(body))
    if not (isinstance(body, list) and len(body) == 2 and type(body[0]) is int and isinstance(body[1], list)):
        raise ValueError("not a stored YAML value")
    line, entries = body
    if tag == "m":
        mapping = YamlMap()
        mapping.line, mapping.key_lines = line, {}
        for entry in entries:
            key, key_line, item = _triple(entry)
            mapping[key] = decode_yaml(item, depth + 1)
            mapping.key_lines[key] = key_line
        return mapping
    if tag == "l":
        items = YamlList()
        items.line, items.item_lines = line, []
        for entry in entries:
            if not (isinstance(entry, list) and len(entry) == 2 and type(entry[0]) is int):
                raise ValueError("not a stored YAML list item")
            items.item_lines.append(entry[0])
            items.append(decode_yaml(entry[1], depth + 1))
        return items
    raise ValueError("not a stored YAML value")


def encode_text(text: Text) -> list[Any]:
    embeds = [[[e.kind, e.name, e.line] for e in group] for group in (text.embeds, text.links)]
    return [text.html, text.notes_html, embeds[0], text.title, embeds[1], text.plain]


def decode_text(value: Any) -> Text:
    if not (isinstance(value, list) and len(value) == 6):
        raise ValueError("not a stored text")
    html, notes, embeds, title, links, plain = value
    return Text(_str(html), _str(notes), _embeds(embeds), _str(title), _embeds(links), _str(plain))


def _same(value: Any) -> Any:
    return value


def _embeds(value: Any) -> tuple[Embed, ...]:
    if not isinstance(value, list):
        raise ValueError("not a list of embeds")
    found = []
    for item in value:
        if not (isinstance(item, list) and len(item) == 3 and type(item[2]) is int):
            raise ValueError("not an embed")
        found.append(Embed(_str(item[0]), _str(item[1]), item[2]))
    return tuple(found)


def _triple(entry: Any) -> tuple[str, int, Any]:
    if not (isinstance(entry, list) and len(entry) == 3 and isinstance(entry[0], str) and type(entry[1]) is int):
        raise ValueError("not a stored YAML key")
    return entry[0], entry[1], entry[2]


def _str(value: Any) -> str:
    if not isinstance(value, str):
        raise ValueError("not a string")
    return value


def _key(value: Any) -> str:
    if not (isinstance(value, str) and len(value) == 32):
        raise ValueError("not a content hash")
    return value


def _dict(value: Any) -> dict[Any, Any]:
    if not isinstance(value, dict):
        raise ValueError("not a mapping")
    return value


def _pair(value: Any) -> tuple[str, str]:
    if not (isinstance(value, list) and len(value) == 2):
        raise ValueError("not a pair")
    return _str(value[0]), _str(value[1])


def _group(value: Any) -> tuple[str, list[str]]:
    if not (isinstance(value, list) and len(value) == 2 and isinstance(value[1], list)):
        raise ValueError("not a group")
    return _str(value[0]), [_str(p) for p in value[1]]


def _source(value: Any) -> tuple[int, int, int, str]:
    if not (isinstance(value, list) and len(value) == 4 and all(type(v) is int for v in value[:3])):
        raise ValueError("not an attachment record")
    return value[0], value[1], value[2], _str(value[3])


def encode_prewarmed(found: tuple[dict[str, Any], dict[str, Any]]) -> list[Any]:
    """What prewarm returns, as plain values to travel from a forked child."""
    parsed, texts = found
    return [{k: encode_yaml(v) for k, v in parsed.items()}, {k: encode_text(v) for k, v in texts.items()}]


def decode_prewarmed(value: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    parsed, texts = value
    return {_key(k): decode_yaml(v, 0) for k, v in parsed.items()}, {_key(k): decode_text(v) for k, v in texts.items()}


def prewarm(cache: BuildCache, root: Path, folders: Sequence[Path]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Parse the YAML and render the session Markdown of some gatherings into `cache`, ahead of validation.

    Run on half the gatherings in each of two processes (see builder.py); returns what it added, to
    be merged into the other process's cache. Problems are left for the real load and validation
    to report; a text rendered here under other settings than validation's is simply not used.
    """
    before_parsed, before_texts = set(cache.docs.parsed), set(cache.texts.entries)
    scratch = Problems(root=root)
    site = read_yaml(root / "site.yaml", scratch, cache.docs) if (root / "site.yaml").is_file() else None
    raw_html = isinstance(site.data, dict) and site.data.get("raw_html") is True if site else False
    md = remembering(cache.texts)(raw_html)
    for folder in folders:
        files = load_gathering(folder, root, scratch, cache.docs)
        for doc in files.sessions.values():
            render_markdown(md, doc.body, doc.body_line, f"{folder.name}/sessions")
    return (
        {k: v for k, v in cache.docs.parsed.items() if k not in before_parsed},
        {k: v for k, v in cache.texts.entries.items() if k not in before_texts},
    )
