"""The live preview's finer edges: which texts each page read, noted while it rendered, not guessed.

The page keys (outdated.py) are coarse on purpose: a saved session file makes every page of its
gathering out of date, because any template may show any part of the gathering. The commonest save
changes the words of one text only, and most of those pages never read it. A live Builder therefore
hands out its rendered Markdown as `Watched` texts, which note every read of theirs (any attribute:
`html`, `plain`, a truth test, a comparison, a hash) while a page or a gathering's calendars are being
made. A coarsely outdated item is then left as it is when

- the theme and its compiled templates are the very objects of the last build;
- the new site and the item's plan equal those of the last build but for watched texts
  (`changed_texts` compares every field, so a changed title, time or file list counts in full);
- its last render read none of the texts that changed, and its file is as that render wrote it.

A render is a function of its site, plan, theme and templates: every read of a text goes through the
text's attributes, and value-keyed caches (`functools.lru_cache`) hash their arguments, which reads
them too. So an item that read none of the changed texts would come out byte for byte the same.
"""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from generator.core.model import Text


@dataclass
class Watcher:
    """The texts (by their TextCache key) read by the item being made now; `current` None: nothing is watched."""

    current: set[str] | None = None
    of: dict[str, frozenset[str]] = field(default_factory=dict)  # item → texts read when it was last made
    made: dict[str, frozenset[str]] = field(default_factory=dict)  # in this build, kept once it succeeds

    @contextlib.contextmanager
    def making(self, item: str) -> Iterator[None]:
        self.current = set()
        try:
            yield
            self.made[item] = frozenset(self.current)
        finally:
            self.current = None

    def forget(self, items: list[str]) -> None:
        """Before `items` are made again: what they read before no longer holds."""
        for item in items:
            self.of.pop(item, None)
        self.made = {}

    def plain(self) -> dict[str, list[str]]:
        """What was read in this build, as plain values: a forked child's pages travel back so."""
        return {item: sorted(keys) for item, keys in self.made.items()}

    def take(self, value: object) -> None:
        if not isinstance(value, dict):
            return  # never from our own child; then its pages are simply not known
        self.made.update({str(k): frozenset(str(x) for x in v) for k, v in value.items() if isinstance(v, list)})

    def settle(self, items: set[str]) -> None:
        """The build succeeded: its files are the ones on disk. `items`: what the site has now."""
        self.of.update(self.made)
        self.of = {k: v for k, v in self.of.items() if k in items}
        self.made = {}


class Watched(Text):
    """A rendered text (equal to the plain `Text` of the same fields) that tells its Watcher when it is read."""

    _watcher: Watcher | None = None
    _key: str = ""

    @classmethod
    def of(cls, text: Text, key: str, watcher: Watcher) -> Watched:
        watched = cls(**{f.name: getattr(text, f.name) for f in dataclasses.fields(Text)})
        object.__setattr__(watched, "_key", key)
        object.__setattr__(watched, "_watcher", watcher)
        return watched

    def __getattribute__(self, name: str) -> Any:
        watcher = object.__getattribute__(self, "_watcher")
        if watcher is not None and watcher.current is not None:
            watcher.current.add(object.__getattribute__(self, "_key"))
        return object.__getattribute__(self, name)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Text):
            return NotImplemented
        return all(getattr(self, f.name) == getattr(other, f.name) for f in dataclasses.fields(Text))

    __hash__ = Text.__hash__


_VALUES = frozenset({str, int, float, bool, bytes, type(None)})
_MISSING = object()
# How a kind of object is compared; found once per type.
_VALUE, _WATCHED, _FIELDS, _SLOTS, _SEQUENCE, _MAPPING, _SET, _OTHER = range(8)


def _how(kind: type) -> int:
    if kind in _VALUES:
        return _VALUE
    if kind is Watched:
        return _WATCHED
    if dataclasses.is_dataclass(kind):
        return _FIELDS if "__dict__" in dir(kind) else _SLOTS
    if issubclass(kind, (tuple, list)):
        return _SEQUENCE
    if issubclass(kind, dict):
        return _MAPPING
    return _SET if issubclass(kind, (set, frozenset)) else _OTHER


class Comparison:
    """The last build's site and plans against this build's, but for watched texts.

    `same(before, after)` is True when the two are equal in everything but watched texts; the keys
    of the watched texts of `before` that have others in their place collect in `changed`. Pairs
    once compared are remembered (a plan's gathering is the site's), so each pair is walked once.
    """

    def __init__(self) -> None:
        self.changed: set[str] = set()
        self._known: dict[tuple[int, int], bool] = {}  # both objects stay alive while this comparison is used
        self._open: set[tuple[int, int]] = set()
        self._cyclic = False
        self._kinds: dict[type, int] = {}

    def same(self, before: object, after: object) -> bool:
        return self._same(before, after) and not self._cyclic

    def _same(self, a: Any, b: Any) -> bool:
        if a is b:
            return True
        kind = type(a)
        if kind is not type(b):
            return False
        how = self._kinds.get(kind)
        if how is None:
            how = self._kinds[kind] = _how(kind)
        if how == _VALUE:
            return bool(a == b)
        if how == _WATCHED:
            old, new = object.__getattribute__(a, "_key"), object.__getattribute__(b, "_key")
            if not old or not new:  # made otherwise than by `of` (dataclasses.replace): not known by its key
                return False
            if old != new:
                self.changed.add(old)
            return True
        pair = (id(a), id(b))
        known = self._known.get(pair)
        if known is not None:
            return known
        if pair in self._open:  # a cycle (no model has one): then nothing counts as the same
            self._cyclic = True
            return False
        self._open.add(pair)
        result = self._parts(how, a, b)
        self._open.discard(pair)
        self._known[pair] = result
        return result

    def _parts(self, how: int, a: Any, b: Any) -> bool:
        same = self._same
        if how == _FIELDS:
            # Every attribute, not only the fields compared by ==: any of them may show on a page.
            return self._mappings(a.__dict__, b.__dict__)
        if how == _SLOTS:
            return all(same(getattr(a, f.name), getattr(b, f.name)) for f in dataclasses.fields(a))
        if how == _SEQUENCE:
            found = len(a) == len(b) and all(x is y or same(x, y) for x, y in zip(a, b, strict=True))
        elif how == _MAPPING:
            found = len(a) == len(b) and all(
                same(x, y) and (a[x] is b[y] or same(a[x], b[y])) for x, y in zip(a, b, strict=True)
            )
        elif how == _SET:
            # Members cannot be paired, so a watched text in one would go unseen: plain values only.
            found = a == b and all(type(x) in _VALUES for x in a)
        else:
            found = bool(a == b)  # by its own equality: a function, a module, only if it is the same one
        # The attributes an equality may leave out (the line numbers of a YamlMap), and a subclass's own.
        return found and same(getattr(a, "__dict__", None), getattr(b, "__dict__", None))

    def _mappings(self, a: dict[str, Any], b: dict[str, Any]) -> bool:
        """Two instances' attributes, by name."""
        if len(a) != len(b):
            return False
        same = self._same
        for name, mine in a.items():
            theirs = b.get(name, _MISSING)
            if mine is not theirs and not same(mine, theirs):
                return False
        return True
