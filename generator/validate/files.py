"""Attachments and the logo as they will be published, checked the same way by `check` and `build`.

Unless site.yaml sets `raw_html: true`, the output holds no active content: an HTML page among the
attachments is refused (its scripts would run in the site's origin), and each SVG, the logo's
included, is published only as rewritten by generator/validate/safe_svg.py.
"""

from __future__ import annotations

from pathlib import Path

from generator.core.errors import Problems
from generator.core.model import Site
from generator.validate.links import attachments
from generator.validate.safe_svg import MAX_BYTES, Unsafe, clean_svg

# Types a browser opens as a document that may run scripts (by ending: static servers go by it).
ACTIVE = (".html", ".htm", ".xhtml", ".xht", ".shtml", ".xml", ".xsl", ".xslt", ".mht", ".mhtml", ".svgz")


def published_files(site: Site, problems: Problems) -> dict[str, Path | bytes]:
    """Output path → the file to copy as it is, or the bytes to write instead (a cleaned SVG)."""
    found: dict[str, Path | bytes] = {}
    raw = site.config.raw_html
    for name, path in attachments(site.root, problems).items():
        suffix = path.suffix.lower()
        if raw or (suffix not in ACTIVE and suffix != ".svg"):
            found[name] = path
        elif suffix in ACTIVE:
            problems.add(
                path,
                0,
                f"is a {suffix[1:].upper()} document, which could run scripts in the site, "
                "and site.yaml does not allow raw HTML",
                "publish it as a PDF or in a .zip file, or set `raw_html: true` in site.yaml if you trust it",
            )
        elif (clean := _clean(path, problems)) is not None:
            found[name] = clean
    logo = site.config.branding.logo
    if logo is not None:
        name = f"assets/logo{logo.suffix.lower()}"
        if raw or logo.suffix.lower() != ".svg":
            found[name] = logo
        elif (clean := _clean(logo, problems)) is not None:
            found[name] = clean
    return found


def _clean(path: Path, problems: Problems) -> bytes | None:
    try:
        if path.stat().st_size > MAX_BYTES:  # not read into memory only to be refused
            raise Unsafe(f"is more than {MAX_BYTES // (1024 * 1024)} MB, too large to check")
        return clean_svg(path.read_bytes())
    except OSError as exc:
        problems.add(path, 0, f"cannot be read ({exc.strerror})", "check that the file exists")
    except Unsafe as exc:
        problems.add(path, 0, f"{exc}", "save it again as a plain SVG from your drawing program, or as a PNG")
    return None
