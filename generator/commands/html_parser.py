"""The HTML parser WeasyPrint uses (tinyhtml5), with its tokenizer's regular expressions cached.

tinyhtml5 2.1.0 keeps the regular expression for each set of characters its tokenizer scans up to
in a dict, but stores it under the expression instead of the characters: in
`characters = cache[(characters, opposite)] = regex` the name is bound first. So every lookup
misses, and the expression is built and compiled again: parsing the example's eight print
documents took 0.22 s of CPU, 0.11 s with this (docs/performance.md). A dict that builds the same
expression on a miss, kept under the right key, makes every lookup after the first hit. Where
tinyhtml5 has no such dict (another version), nothing is changed.
"""

from __future__ import annotations

import re
from typing import Any


class Expressions(dict[tuple[Any, bool], re.Pattern[str]]):
    """(characters, opposite) → the expression tinyhtml5's `chars_until` builds for them: a run of
    characters not among them, or, if `opposite`, among them."""

    def __missing__(self, key: tuple[Any, bool]) -> re.Pattern[str]:
        characters, opposite = key
        chosen = "".join(f"\\x{ord(character):02x}" for character in characters)
        self[key] = expression = re.compile(f"[{chosen}]+" if opposite else f"[^{chosen}]+")
        return expression


def cache_expressions() -> None:
    try:
        from tinyhtml5 import inputstream
    except ImportError:
        return
    found = getattr(inputstream, "characters_until_regex", None)
    if isinstance(found, dict) and not isinstance(found, Expressions):
        inputstream.characters_until_regex = Expressions()
