"""The UI words of one language, from the theme's strings files: templates and Python read the same object."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

import jinja2


class MissingString(jinja2.TemplateError):
    """A UI word the theme lacks: the page fails with a line saying which, never a fallback word."""


class Strings(Mapping[str, str]):
    """UI strings of one language; a missing key fails the build, never falls back.

    Called from templates as `t('key', n=3)`; read from Python as `words['key']`."""

    def __init__(self, lang: str, table: Mapping[str, str]) -> None:
        self.lang, self.table = lang, table

    def __call__(self, key: str, **values: object) -> str:
        try:  # not through self[key]: templates call this tens of thousands of times a build
            text = self.table[key]
        except KeyError:
            raise self._missing(key) from None
        return text.format(**values) if values else text

    def __getitem__(self, key: str) -> str:
        try:
            return self.table[key]
        except KeyError:
            raise self._missing(key) from None

    def _missing(self, key: str) -> MissingString:
        return MissingString(f"the UI string '{key}' is missing for language '{self.lang}'")

    def __contains__(self, key: object) -> bool:
        return key in self.table

    def __iter__(self) -> Iterator[str]:
        return iter(self.table)

    def __len__(self) -> int:
        return len(self.table)
