"""WCAG contrast arithmetic, and site.yaml refusing an accent colour that would fail AA."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.commands.build import check
from generator.core.errors import ContentError
from generator.domain.contrast import AA_TEXT, BACKGROUNDS, darker_shade, luminance, ratio, rgb, worst_ratio


def test_luminance_ends() -> None:
    assert luminance("#000000") == 0
    assert luminance("#ffffff") == pytest.approx(1)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("#000000", "#ffffff", 21.0),
        ("#ffffff", "#ffffff", 1.0),
        ("#767676", "#ffffff", 4.54),  # the well-known lightest grey that passes AA on white
        ("#777777", "#ffffff", 4.48),  # …and the first that fails
        ("#0000ff", "#ffffff", 8.59),
        ("#808080", "#000000", 5.32),
        ("#ff0000", "#ffffff", 4.0),
    ],
)
def test_ratio_matches_published_values(a: str, b: str, expected: float) -> None:
    assert ratio(a, b) == pytest.approx(expected, abs=0.01)
    assert ratio(b, a) == ratio(a, b)


def test_worst_ratio_names_the_background_that_fails() -> None:
    low, background = worst_ratio("#767676")
    assert background == "#f3f5f7"  # the soft background is the harder one
    assert low < AA_TEXT <= ratio("#767676", "#ffffff")


@pytest.mark.parametrize("colour", ["#0099cc", "#ff6600", "#767676", "#ffffff", "#ffdd00"])
def test_darker_shade_passes_on_every_background_and_keeps_the_hue(colour: str) -> None:
    shade = darker_shade(colour)
    assert all(ratio(shade, bg) >= AA_TEXT for bg in BACKGROUNDS)
    r, g, b = rgb(colour)
    sr, sg, sb = rgb(shade)
    assert sr <= r and sg <= g and sb <= b
    if max(r, g, b) and shade != "#000000":  # same proportions, within rounding
        assert abs(sr * g - sg * r) <= 255 * 2 and abs(sg * b - sb * g) <= 255 * 2


def test_a_passing_colour_is_its_own_darker_shade() -> None:
    assert darker_shade("#1f5f8b") == "#1f5f8b"


@pytest.mark.parametrize("bad", ["1f5f8b", "#1f5f8", "#gggggg", "blue", ""])
def test_rgb_rejects_what_is_not_hex(bad: str) -> None:
    with pytest.raises(ValueError):
        rgb(bad)


def _set_accent(content: Path, accent: str) -> int:
    """Rewrite site.yaml's accent; returns its line number."""
    site = content / "site.yaml"
    lines = site.read_text(encoding="utf-8").splitlines()
    index = next(i for i, line in enumerate(lines) if line.strip().startswith("accent:"))
    lines[index] = f'  accent: "{accent}"'
    site.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return index + 1


def test_a_pale_accent_is_refused_with_its_ratio_and_a_darker_shade(content_copy: Path) -> None:
    line = _set_accent(content_copy, "#0099cc")
    with pytest.raises(ContentError) as caught:
        check(content_copy)
    text = "\n".join(str(p) for p in caught.value.problems)
    assert f"site.yaml:{line}: accent '#0099cc' has a contrast of only 2.99:1" in text
    assert "— use a darker shade, e.g. " + darker_shade("#0099cc") in text


def test_a_dark_enough_accent_is_accepted(content_copy: Path) -> None:
    _set_accent(content_copy, "#7a1f3d")
    assert check(content_copy).config.branding.accent == "#7a1f3d"
