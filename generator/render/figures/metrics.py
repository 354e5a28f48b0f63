"""Approximate text widths and word wrapping, so layout can happen in Python.

The figure has no JavaScript, so the browser cannot tell us how wide a line is.
Instead each character has an advance width (in thousandths of an em), taken as
the maximum of DejaVu Sans and Liberation Sans (Arial's metrics), upright and
italic. Those are the widest fonts the figure's font stack can fall back to, so
a line that fits here fits in every font of the stack.
"""

from __future__ import annotations

FONT_FAMILY = "Segoe UI, Roboto, Helvetica Neue, Arial, Liberation Sans, Arimo, DejaVu Sans, sans-serif"
ASCENT = 0.95  # em above the baseline (DejaVu: 0.928), so the first line starts inside its box
DESCENT = 0.25  # em below the last baseline (DejaVu: 0.236)
LINE_HEIGHT = 1.25  # em between baselines
_UNKNOWN = 1000  # an unknown character (CJK, emoji) is counted as a full em

_CHARS = (
    " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`"
    "abcdefghijklmnopqrstuvwxyz{|}~"
    "ÆØÅæøåÉéÈèÊêËëÄäÖöÜüÓóÍíÁáÔôßçÇñ«»–—‘’“”…•·§°€"
)
_REGULAR = (
    318, 401, 460, 838, 637, 951, 780, 275, 391, 391, 500, 838, 318, 361, 318, 337,
    637, 637, 637, 637, 637, 637, 637, 637, 637, 637, 337, 337, 838, 838, 838, 557,
    1016, 685, 687, 723, 771, 667, 611, 778, 752, 295, 500, 667, 558, 863, 749, 788,
    667, 788, 723, 667, 611, 732, 685, 989, 686, 667, 686, 391, 337, 391, 838, 557,
    500, 613, 635, 550, 635, 616, 353, 635, 634, 278, 278, 580, 278, 975, 634, 612,
    635, 635, 412, 521, 393, 634, 592, 818, 592, 592, 525, 637, 337, 637, 838, 1000,
    788, 685, 996, 612, 613, 667, 616, 667, 616, 667, 616, 667, 616, 685, 613, 788,
    612, 732, 634, 788, 612, 295, 278, 685, 613, 788, 612, 630, 550, 723, 634, 618,
    618, 557, 1000, 318, 318, 519, 519, 1000, 590, 318, 557, 500, 637,
)  # fmt: skip
_BOLD = (
    349, 457, 521, 838, 696, 1002, 873, 307, 458, 458, 523, 838, 380, 416, 380, 366,
    696, 696, 696, 696, 696, 696, 696, 696, 696, 696, 400, 400, 838, 838, 838, 611,
    1000, 774, 763, 734, 831, 684, 684, 821, 837, 373, 557, 775, 638, 996, 837, 851,
    733, 851, 771, 721, 683, 813, 774, 1104, 771, 725, 726, 458, 366, 458, 838, 557,
    500, 675, 716, 593, 716, 679, 436, 716, 712, 343, 343, 666, 343, 1042, 712, 688,
    716, 716, 494, 596, 479, 712, 652, 924, 646, 652, 583, 712, 366, 712, 838, 1085,
    851, 774, 1048, 688, 675, 684, 679, 684, 679, 684, 679, 684, 679, 774, 675, 851,
    688, 813, 712, 851, 688, 373, 343, 774, 675, 851, 688, 720, 593, 734, 712, 650,
    650, 557, 1000, 380, 380, 658, 658, 1000, 640, 380, 557, 500, 696,
)  # fmt: skip
_WIDTHS = {
    False: dict(zip(_CHARS, _REGULAR, strict=True)),
    True: dict(zip(_CHARS, _BOLD, strict=True)),
}


def text_width(text: str, size: float, bold: bool = False) -> float:
    """The width of one line in user units, at font size `size`."""
    table = _WIDTHS[bold]
    return sum(table.get(ch, _UNKNOWN) for ch in text) * size / 1000


def block_height(lines: int, size: float) -> float:
    """The height of `lines` wrapped lines, from the top of the first to the bottom of the last."""
    return ((lines - 1) * LINE_HEIGHT + ASCENT + DESCENT) * size if lines else 0.0


def wrap(text: str, width: float, size: float, bold: bool = False) -> tuple[str, ...]:
    """Greedy word wrap to `width`; a word longer than a line is split with a hyphen.

    Linear in the length of the text: widths are summed once per character (in integer
    thousandths, so every comparison is the one `text_width` would make), never again per try.
    """
    table = _WIDTHS[bold]
    space, hyphen = table[" "], table["-"]
    lines: list[str] = []
    current, current_units = "", 0
    for word in text.split():
        units = [table.get(ch, _UNKNOWN) for ch in word]
        word_units = sum(units)
        if current and _fits(current_units + space + word_units, size, width):
            current, current_units = f"{current} {word}", current_units + space + word_units
            continue
        if not current and _fits(word_units, size, width):
            current, current_units = word, word_units
            continue
        if current:
            lines.append(current)
        start = 0
        while not _fits(word_units, size, width):
            # Keep at least one character per line so a very narrow box still terminates.
            cut, head = 1, units[start]
            while cut < len(word) - start - 1 and _fits(head + units[start + cut] + hyphen, size, width):
                head += units[start + cut]
                cut += 1
            lines.append(word[start : start + cut] + "-")
            word_units -= head
            start += cut
        current, current_units = word[start:], word_units
    if current:
        lines.append(current)
    return tuple(lines)


def _fits(units: int, size: float, width: float) -> bool:
    return units * size / 1000 <= width


def widest(lines: tuple[str, ...], size: float, bold: bool = False) -> float:
    return max((text_width(line, size, bold) for line in lines), default=0.0)
