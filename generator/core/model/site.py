"""The site: its configuration and everything it publishes."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.core.model.common import Source
from generator.core.model.material import Model
from generator.core.model.networks import Programme
from generator.core.model.programme import Gathering


@dataclass(frozen=True)
class Branding:
    organisation: str = ""
    logo: Path | None = None
    accent: str = ""


@dataclass(frozen=True)
class SiteConfig:
    title: str
    language: str = "nb"
    base_url: str = ""
    theme: str = "default"
    time_separator: str = "."
    branding: Branding = field(default_factory=Branding)
    accessibility_statement: str = ""
    raw_html: bool = False
    source: Source = field(default_factory=lambda: Source(Path("site.yaml")))


@dataclass(frozen=True)
class Site:
    config: SiteConfig
    gatherings: tuple[Gathering, ...]
    models: tuple[Model, ...] = ()
    root: Path = Path(".")
    programme: Programme | None = None  # content/programme.yaml, its entries with the folders' days
