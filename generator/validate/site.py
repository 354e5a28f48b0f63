"""site.yaml → SiteConfig."""

from __future__ import annotations

import re
from pathlib import Path

from generator.core.errors import Problems
from generator.core.model import LANGUAGES, Branding, SiteConfig, Source
from generator.domain.contrast import AA_TEXT, darker_shade, worst_ratio
from generator.load import inside, readable
from generator.load.documents import Document
from generator.validate import schema as s

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


LOGO_TYPES = {".svg": "SVG", ".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".webp": "WebP"}


def _logo(root: Path, name: str, source: Path, line: int, problems: Problems) -> Path | None:
    """The logo's file, if it lies inside content/, is a regular file and is the image its name says."""
    logo = root / name
    if not inside(logo, root):
        problems.add(source, line, f"the logo '{name}' lies outside the content folder", "put it inside content/")
        return None
    if not logo.is_file():
        problems.add(source, line, f"the logo file '{name}' does not exist", "check the path, relative to content/")
        return None
    if not readable(logo, root, problems, plain=True):
        return None
    expected = LOGO_TYPES.get(logo.suffix.lower())
    if expected is None:
        problems.add(source, line, f"the logo '{name}' is not an image type a page can show", _LOGO_HINT)
        return None
    try:
        with logo.open("rb") as f:
            head = f.read(512)
    except OSError as exc:
        problems.add(source, line, f"the logo '{name}' cannot be read ({exc.strerror})", "check the file")
        return None
    found = sniff(head)
    if found != expected:
        what = f"a {found} file" if found else "no image this site can show"
        problems.add(source, line, f"the logo '{name}' is named as {expected} but holds {what}", _LOGO_HINT)
        return None
    return logo


_LOGO_HINT = "save the logo as SVG, PNG, JPEG or WebP, with the matching ending (.svg, .png, .jpg, .webp)"


def sniff(head: bytes) -> str:
    """The image type the first bytes of a file show: by content, since a name can say anything."""
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if head.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WebP"
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if text.startswith((b"<?xml", b"<svg", b"<!")) and b"<svg" in head:
        return "SVG"
    return ""


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
            logo = _logo(root, b["logo"], doc.path, values["branding"].line_of("logo"), problems)
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
            doc.line_of("accessibility_statement"),
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
