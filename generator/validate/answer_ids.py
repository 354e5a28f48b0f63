"""The `id:` of a worksheet block or scale item: it keeps answers in place when words or order change."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from generator.core.errors import Problems
from generator.core.slugs import is_slug, slugify
from generator.load.yamlfile import YamlList, YamlMap
from generator.validate import schema as s


def labels_check(value: Any) -> tuple[str, ...]:
    from generator.validate.worksheet_blocks import labels

    return labels(1, 30, "item")(value)


def answer_id(value: Any) -> str:
    """An `id:` that keeps answers in place when the words or the order change."""
    written = s.text(value)
    if not written or not is_slug(written):
        raise s.Invalid(f"'{written}' is not an id", f"use a–z, 0–9 and -, e.g. '{slugify(written, 'risiko-1')}'")
    return written


ITEM = {
    "id": s.Field(answer_id, required=True, doc="the item's answer id"),
    "text": s.Field(s.non_empty_text, required=True, doc="the item's words"),
}


def scale_items(value: Any) -> tuple[tuple[str, str], ...]:
    """Items as texts, or as `{id, text}` mappings: (text, id written or "") pairs."""
    if not isinstance(value, YamlList):
        return tuple((t, "") for t in labels_check(value))
    found = []
    for item in value:
        if isinstance(item, YamlMap):
            scratch = Problems()
            v = s.check(item, ITEM, Path("."), scratch, "an item")
            if scratch or not v:
                first = scratch.items[0] if scratch else None
                raise s.Invalid(
                    f"has an item whose {first.message if first else 'form is wrong'}",
                    first.hint if first else "write `{id: x, text: y}`",
                )
            found.append((v["text"], v["id"]))
        else:
            found.append((s.non_empty_text(item), ""))
    labels_check([t for t, _ in found])  # the count and emptiness checks
    ids = [i for _, i in found if i]
    if len(ids) != len(set(ids)):
        raise s.Invalid("gives two items the same id", "give every item its own `id:`")
    return tuple(found)


ID = s.Field(answer_id, default="", doc="a stable id for its answers (see Answers as files)")
