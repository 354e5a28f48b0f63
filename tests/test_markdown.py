"""Markdown: notes apart, embeds as placeholders, safe by default."""

from generator.validate.markdown import make_markdown, render_markdown


def test_notes_are_kept_apart_from_the_body() -> None:
    text = render_markdown(make_markdown(), "Til alle.\n\n::: notes\nBare for fasilitator.\n:::\n")
    assert "Til alle." in text.html and "fasilitator" not in text.html
    assert "Bare for fasilitator." in text.notes_html


def test_embeds_are_placeholders_with_lines() -> None:
    text = render_markdown(make_markdown(), "# Tittel\n\n::: model forankring\n:::\n", first_line=10)
    assert "<!--samling:model:forankring-->" in text.html
    assert [(e.kind, e.name, e.line) for e in text.embeds] == [("model", "forankring", 12)]
    assert text.title == "Tittel"


def test_raw_html_and_dangerous_links_are_neutralised() -> None:
    md = make_markdown(raw_html=False)
    html = render_markdown(
        md, "<script>alert(1)</script>\n\n[a](javascript:alert(1)) [b](data:text/html,x) [c](ok.html)"
    ).html
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert 'href="javascript' not in html and 'href="data:' not in html
    assert '<a href="samling-root:/ok.html">c</a>' in html  # made relative to each page at render time


def test_raw_html_can_be_switched_on() -> None:
    assert "<b>fet</b>" in render_markdown(make_markdown(raw_html=True), "<b>fet</b>").html


def test_tables_and_lang_passages() -> None:
    html = render_markdown(make_markdown(), "| a | b |\n|---|---|\n| 1 | 2 |\n\n::: lang nn\nSaman\n:::\n").html
    assert "<th>a</th>" in html
    assert '<div lang="nn">' in html
