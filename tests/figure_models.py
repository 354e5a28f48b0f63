"""Models for the figure tests, generated from YAML so the parser is exercised too."""

from __future__ import annotations

from pathlib import Path

from generator.core.errors import Problems
from generator.core.model import Model
from generator.load.yamlfile import parse_yaml
from generator.render.figures import stage_check_html
from generator.render.strings import Strings
from generator.render.theme import load_theme
from generator.validate.markdown import make_markdown
from generator.validate.models import LIMITS
from generator.validate.worksheet_blocks import stage_check

# Long, unbreakable and accented words, so wrapping is really tested.
STATEMENTS = (
    "Jeg vet at noe nytt er på gang",
    "Jeg vet hvilken innvirkning det nye kan ha på meg og på organisasjonskulturen vår",
    "Dette gjelder her hos oss",
    "Ny praksis er i ferd med å bli en del av organisasjonskulturen",
)
NAMES = (
    "Interesse",
    "Internalisering",
    "Forståelse",
    "Engasjement",
    "Æ",
    "Kommunesammenslåingsprosess",
)
COUNTS = (3, 8, 12)
KINDS = ("staircase", "phases", "cycle", "timeline", "columns")
_LIST_FIELD = {"phases": "phases", "cycle": "steps", "timeline": "points", "columns": "columns"}


def name(i: int) -> str:
    return f"{NAMES[i % len(NAMES)]} {i + 1}"


def statement(i: int) -> str:
    return STATEMENTS[i % len(STATEMENTS)]


def quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def model_yaml(kind: str, n: int, title: str = "Modell") -> str:
    """A model of `kind` with `n` items (capped at the kind's limit)."""
    lines = [f"title: {quote(title)}", f"kind: {kind}"]
    if kind == "staircase":
        lines.append("phases:")
        groups = min(3, n)
        for g in range(groups):
            lines += [f"  - name: {quote('Fase ' + name(g))}", "    stages:"]
            for i in range(g * n // groups, (g + 1) * n // groups):
                lines += [
                    f"      - name: {quote(name(i))}",
                    f"        statement: {quote(statement(i))}",
                ]
        return "\n".join(lines) + "\n"
    field = _LIST_FIELD[kind]
    n = min(n, LIMITS[field][1])
    lines.append(f"{field}:")
    for i in range(n):
        lines.append(f"  - name: {quote(name(i))}")
        if kind == "phases":
            lines += [
                f"    keywords: {quote(statement(i + 1))}",
                f"    statement: {quote(statement(i))}",
            ]
        elif kind == "columns":
            lines.append(f"    items: [{quote(statement(i))}, {quote(name(i + 1))}]")
        else:
            lines.append(f"    statement: {quote(statement(i))}")
        if kind == "timeline" and i == 0:
            lines.append("    label: Status")
    if kind == "cycle":
        lines.append("centre: De gode historiene som bærer erfaringene videre")
    return "\n".join(lines) + "\n"


def parse(text: str, key: str = "m") -> tuple[Model | None, Problems]:
    problems = Problems()
    path = Path("content/models") / f"{key}.yaml"
    model = parse_model_text(text, key, path, problems)
    return model, problems


def parse_model_text(text: str, key: str, path: Path, problems: Problems) -> Model | None:
    from generator.validate.models import parse_model

    return parse_model(key, parse_yaml(text), path, make_markdown(), problems)


def make(kind: str, n: int, key: str = "m", title: str = "Modell") -> Model:
    model, problems = parse(model_yaml(kind, n, title), key)
    assert not problems, [str(p) for p in problems.items]
    assert model is not None
    return model


def words(lang: str = "nb") -> Strings:
    """The default theme's UI words in one language: what a page hands the figures."""
    theme = load_theme("default", Path("."), Problems(), Path("site.yaml"))
    return Strings(lang, theme.strings[lang])


def stage_check_table(model: Model, lang: str = "nb", scale: int = 5) -> str:
    """A model's stage-check table as a worksheet shows it, keyed by the model's key."""
    return stage_check_html(stage_check(model, model.key, scale), words(lang))
