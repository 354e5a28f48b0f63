"""site.yaml → SiteConfig."""

from __future__ import annotations

import re
from pathlib import Path

from generator import schema as s
from generator.contrast import AA_TEXT, darker_shade, worst_ratio
from generator.errors import Problems
from generator.load import inside
from generator.load.documents import Document
from generator.model import LANGUAGES, Branding, SiteConfig, Source

SITE = {
    "title": s.Field(s.non_empty_text, required=True, doc="the site's name"),
    "language": s.Field(s.one_of(*LANGUAGES), default="nb", doc="nb, nn or en"),
    "base_url": s.Field(s.text, default="", doc="where the site is published, if anywhere"),
    "theme": s.Field(s.non_empty_text, default="default", doc="a folder under themes/"),
    "time_format": s.Field(s.one_of("12.30", "12:30"), default="12.30", doc="12.30 or 12:30"),
    "branding": s.Field(s.mapping, default=None, doc="organisation, logo, accent"),
    "accessibility_statement": s.Field(s.text, default="", doc="URL of the statement"),
    "raw_html": s.Field(s.boolean, default=False, doc="allow raw HTML in Markdown"),
}

BRANDING = {
    "organisation": s.Field(s.text, default="", doc="shown in the footer"),
    "logo": s.Field(s.non_empty_text, default=None, doc="an image file inside content/"),
    "accent": s.Field(s.text, default="", doc="a colour like #1f5f8b"),
}

_HEX = re.compile(r"#[0-9a-fA-F]{6}")


def site_config(doc: Document | None, root: Path, problems: Problems) -> SiteConfig:
    if doc is None:
        return SiteConfig(title="Samling")
    values = s.check(doc.data, SITE, doc.path, problems, "site.yaml")
    if values is None:
        return SiteConfig(title="Samling")
    branding = Branding()
    if values["branding"] is not None:
        b = s.check(values["branding"], BRANDING, doc.path, problems, "branding") or {}
        logo = None
        if b.get("logo"):
            logo = root / b["logo"]
            line = values["branding"].line_of("logo")
            if not inside(logo, root):
                problems.add(
                    doc.path, line, f"the logo '{b['logo']}' lies outside the content folder", "put it inside content/"
                )
                logo = None
            elif not logo.is_file():
                problems.add(
                    doc.path,
                    line,
                    f"the logo file '{b['logo']}' does not exist",
                    "check the path, relative to content/",
                )
                logo = None
        accent = b.get("accent", "")
        if accent and not _HEX.fullmatch(accent):
            problems.add(
                doc.path,
                values["branding"].line_of("accent"),
                f"accent '{accent}' is not a colour",
                "write it as #rrggbb, e.g. #1f5f8b",
            )
            accent = ""
        elif accent and (low := worst_ratio(accent))[0] < AA_TEXT:
            problems.add(
                doc.path,
                values["branding"].line_of("accent"),
                f"accent '{accent}' has a contrast of only {low[0]:.2f}:1 against the background {low[1]}; "
                f"links and headings in it would fail WCAG AA ({AA_TEXT}:1)",
                f"use a darker shade, e.g. {darker_shade(accent)}",
            )
            accent = ""
        branding = Branding(b.get("organisation", ""), logo, accent)
    statement = values["accessibility_statement"]
    if statement and not statement.startswith(("https://", "http://")):
        problems.add(
            doc.path,
            doc.data.line_of("accessibility_statement"),
            "accessibility_statement is not a web address",
            "write the full https:// address",
        )
        statement = ""
    return SiteConfig(
        title=values["title"],
        language=values["language"],
        base_url=values["base_url"],
        theme=values["theme"],
        time_separator=values["time_format"][2],
        branding=branding,
        accessibility_statement=statement,
        raw_html=values["raw_html"],
        source=Source(doc.path, 1),
    )
