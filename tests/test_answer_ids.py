"""Answer ids written in a worksheet: `id:` on blocks and `{id, text}` scale items, checked with their line."""

from __future__ import annotations

from pathlib import Path
from textwrap import dedent

from generator.commands.build import check
from generator.core.errors import Problems
from generator.core.model import Scale, Worksheet
from generator.load.documents import Document
from generator.load.yamlfile import parse_yaml
from generator.render.figures import stage_check_html
from generator.render.strings import Strings
from generator.render.theme import load_theme
from generator.validate.markdown import make_markdown
from generator.validate.worksheets import worksheet

ROOT = Path(__file__).resolve().parents[1]


def read(text: str) -> tuple[Worksheet | None, Problems]:
    problems = Problems()
    doc = Document(Path("content/g/worksheets/ark.yaml"), parse_yaml(dedent(text)))
    return worksheet(doc, frozenset(), make_markdown(), problems), problems


def test_written_ids_are_kept_and_the_rest_come_from_the_words() -> None:
    sheet, problems = read(
        """\
        title: Ark
        blocks:
          - type: scale
            id: risiko
            items:
              - {id: engasjement, text: Manglende engasjement}
              - Økonomiske utfordringer
          - type: question
            text: Hva vil dere gjøre videre?
          - type: grid
            corner: Status
            rows: [Mars 2013]
            columns: ["Hva er omdømmet?"]
        """
    )
    assert not problems and sheet is not None
    scale, question, grid = sheet.blocks
    assert isinstance(scale, Scale) and scale.items == ("Manglende engasjement", "Økonomiske utfordringer")
    assert scale.item_ids == ("risiko/engasjement", "risiko/okonomiske-utfordringer")
    assert question.id == "hva-vil-dere-gjore-videre"
    assert grid.cell_ids == (("status/mars-2013/hva-er-omdommet",),)
    assert len(sheet.fingerprint) == 16


def test_wrong_and_doubled_ids_are_named_at_their_line() -> None:
    _, problems = read(
        """\
        title: Ark
        blocks:
          - type: question
            id: Hva nå
            text: Hva nå?
          - type: question
            id: videre
            text: A
          - type: question
            id: videre
            text: B
          - type: scale
            items:
              - {id: a, text: A}
              - {id: a, text: B}
          - type: scale
            items: [{id: "", text: C}]
        """
    )
    assert [(p.line, p.message, p.hint) for p in problems.items] == [
        (4, "'id' 'Hva nå' is not an id", "use a–z, 0–9 and -, e.g. 'hva-na'"),
        (13, "'items' gives two items the same id", "give every item its own `id:`"),
        (17, "'items' has an item whose 'id' '' is not an id", "use a–z, 0–9 and -, e.g. 'risiko-1'"),
        (10, "block 3 has the id 'videre' of block 2", "give every block its own `id:`"),
    ]


def test_a_model_block_marks_each_stage_row_with_its_answer_id() -> None:
    forankring = next(w for w in check(ROOT / "content").gatherings[0].worksheets if w.key == "forankring")
    stages = forankring.blocks[0]
    assert stages.item_ids == ("forankring/bevissthet", "forankring/aksept", "forankring/eierskap")
    words = Strings("nb", load_theme("default", ROOT, Problems(), ROOT / "site.yaml").strings["nb"])
    html = stage_check_html(stages, words)  # made at render time from the block's data
    assert all(f'<tr data-answer="{i}">' in html for i in stages.item_ids)
