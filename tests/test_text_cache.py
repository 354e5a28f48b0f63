"""TextCache.collecting: the keys a block used, nested blocks' too, and every key of the build kept."""

from __future__ import annotations

from generator.incremental.texts import TextCache


def test_a_block_collects_its_keys_and_its_inner_blocks_and_the_build_keeps_them_all() -> None:
    texts = TextCache()
    texts.used.add("before")
    with texts.collecting() as outer:
        texts.used.add("deck")
        with texts.collecting() as inner:
            texts.used.add("slide")
        texts.used.add("after inner")
    assert inner == {"slide"}
    assert outer == {"deck", "slide", "after inner"}
    assert texts.used == {"before", "deck", "slide", "after inner"}
    with texts.collecting() as empty:
        pass
    assert empty == set() and texts.used == {"before", "deck", "slide", "after inner"}
    texts.prune()
    assert texts.used == set()
