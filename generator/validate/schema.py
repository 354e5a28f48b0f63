"""Declarative checks for YAML mappings: types, required keys, unknown keys.

A schema is a dict of field name → `Field`. `check()` returns the cleaned
values (defaults filled in) and reports every problem it finds, never stopping
at the first, each with the file and the line of the offending key.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.core.errors import Problems
from generator.load.yamlfile import YamlList, YamlMap

# A converter takes the raw value and returns the clean one, or raises
# `Invalid` with what to write instead.
Converter = Callable[[Any], Any]


class Invalid(ValueError):
    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


@dataclass(frozen=True)
class Field:
    convert: Converter
    required: bool = False
    default: Any = None
    doc: str = ""


def check(
    data: Any, schema: dict[str, Field], path: Path, problems: Problems, what: str, line: int = 0
) -> dict[str, Any] | None:
    """Check one mapping against a schema; None if it is not a mapping at all."""
    if not isinstance(data, YamlMap):
        problems.add(
            path,
            getattr(data, "line", line),
            f"{what} should be a mapping of `key: value` lines, not {describe(data)}",
            "see docs/content-format.md",
        )
        return None
    clean: dict[str, Any] = {}
    for key in data:
        if key not in schema:
            close = difflib.get_close_matches(key, list(schema), n=1, cutoff=0.6)
            hint = f"did you mean '{close[0]}'?" if close else f"known keys: {', '.join(schema)}"
            problems.add(path, data.line_of(key), f"unknown key '{key}' in {what}", hint)
    for key, spec in schema.items():
        if key not in data or data[key] is None:
            if spec.required:
                problems.add(path, data.line, f"{what} is missing '{key}'", f"add `{key}:` ({spec.doc})")
            clean[key] = spec.default() if callable(spec.default) else spec.default
            continue
        try:
            clean[key] = spec.convert(data[key])
        except Invalid as exc:
            problems.add(path, data.line_of(key), f"'{key}' {exc.message}", exc.hint)
            clean[key] = spec.default() if callable(spec.default) else spec.default
    return clean


def describe(value: Any) -> str:
    if isinstance(value, YamlMap | dict):
        return "a mapping"
    if isinstance(value, YamlList | list):
        return "a list"
    if value is None:
        return "nothing"
    return f"the {type(value).__name__} {str(value)[:40]!r}"


# --- converters -------------------------------------------------------------


def text(value: Any) -> str:
    if isinstance(value, str | int) and not isinstance(value, bool):
        return str(value).strip()
    raise Invalid(f"should be text, not {describe(value)}", "write it as plain text")


def non_empty_text(value: Any) -> str:
    result = text(value)
    if not result:
        raise Invalid("is empty", "write some text")
    return result


def boolean(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    raise Invalid(f"should be true or false, not {describe(value)}", "write true or false")


def minutes(value: Any) -> int:
    """A duration: `20`, `"20 min"`, `"1h 10min"` or `"1:10"` → minutes."""
    if isinstance(value, int) and not isinstance(value, bool):
        total = value
    elif isinstance(value, str) and (m := _DURATION.fullmatch(value.strip().lower())):
        hours, mins = m.group("h"), m.group("m")
        if len(hours or "") + len(mins or "") > 8:  # int() refuses thousands of digits with a traceback
            raise Invalid(f"'{value[:20]}…' is not a possible duration", "use 1 to 1440 minutes")
        if hours is None and mins is None:
            raise Invalid(f"'{value}' is not a duration", "write minutes, e.g. 20 or '1h 10min'")
        total = int(hours or 0) * 60 + int(mins or 0)
    else:
        raise Invalid(f"{describe(value)} is not a duration", "write minutes, e.g. 20 or '1h 10min'")
    if total <= 0 or total > 24 * 60:
        raise Invalid(f"{total} minutes is not a possible duration", "use 1 to 1440 minutes")
    return total


_DURATION = re.compile(r"(?:(?P<h>\d+)\s*(?:h|t|timer?|hours?)\s*)?(?:(?P<m>\d+)\s*(?:m|min|minutt(?:er)?|minutes?)?)?")
_TIME = re.compile(r"(?P<h>\d{1,2})(?:[.:]?)(?P<m>\d{2})")


def clock(value: Any) -> int:
    """A time of day: `"09.30"`, `"9:30"`, `"0930"` or `930` → minutes after midnight."""
    raw = str(value).strip() if isinstance(value, str | int) and not isinstance(value, bool) else ""
    m = _TIME.fullmatch(raw)
    if not m:
        raise Invalid(f"{describe(value)} is not a time of day", "write it like 09.30 or 09:30")
    hours, mins = int(m.group("h")), int(m.group("m"))
    if hours > 23 or mins > 59:
        raise Invalid(f"{raw} is not a time of day", "hours go 00–23 and minutes 00–59")
    return hours * 60 + mins


FIRST_YEAR, LAST_YEAR = 1900, 2999  # time zones and calendars reach a year either side; Python's dates end at 9999


def date(value: Any) -> dt.date:
    found = value if isinstance(value, dt.date) else None
    if isinstance(value, str):
        with contextlib.suppress(ValueError):
            found = dt.date.fromisoformat(value.strip())
    if found is None:
        raise Invalid(f"{describe(value)} is not a date", "write it as YYYY-MM-DD, e.g. 2013-03-11")
    if not FIRST_YEAR <= found.year <= LAST_YEAR:
        raise Invalid(f"{found.isoformat()} is not a date a gathering can have", f"use a year {FIRST_YEAR}–{LAST_YEAR}")
    return found


def text_list(value: Any) -> tuple[str, ...]:
    """A list of texts; a single text counts as a list of one."""
    if isinstance(value, str):
        return (value.strip(),)
    if isinstance(value, YamlList | list):
        return tuple(text(item) for item in value)
    raise Invalid(f"should be a list, not {describe(value)}", "write `[a, b]` or one `- item` a line")


def one_of(*choices: str) -> Converter:
    def convert(value: Any) -> str:
        result = text(value)
        if result not in choices:
            close = difflib.get_close_matches(result, choices, n=1)
            hint = f"did you mean '{close[0]}'?" if close else f"use one of: {', '.join(choices)}"
            raise Invalid(f"'{result}' is not one of {', '.join(choices)}", hint)
        return result

    return convert


def raw(value: Any) -> Any:
    return value


def mapping(value: Any) -> YamlMap:
    if isinstance(value, YamlMap):
        return value
    raise Invalid(f"should be a mapping, not {describe(value)}", "write `key: value` lines under it")


def listing(value: Any) -> YamlList:
    if isinstance(value, YamlList):
        return value
    raise Invalid(f"should be a list, not {describe(value)}", "write one `- item` a line")
