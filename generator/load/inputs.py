"""What a gathering's pages depend on beyond its own folder, as documents the page keys include.

A gathering's results page shows the change since the earlier gatherings of its network, so their
gathering.yaml, worksheets and answers are among its inputs (`GatheringFiles.depends_on`).
Site-wide inputs (site.yaml, programme.yaml, the models) are `ContentTree.shared()`.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from generator.load import GatheringFiles
    from generator.load.documents import Document


def network_key(files: GatheringFiles) -> str:
    """`network:` as gathering.yaml writes it (checked later, in validation), or ""."""
    data = files.gathering.data if files.gathering is not None else None
    name = data.get("network") if isinstance(data, dict) else None
    return name.strip() if isinstance(name, str) else ""


def with_network_inputs(gatherings: tuple[GatheringFiles, ...]) -> tuple[GatheringFiles, ...]:
    """Each gathering with `depends_on` set to the documents of the other gatherings of its network."""
    keys = [network_key(g) for g in gatherings]
    done = []
    for g, key in zip(gatherings, keys, strict=True):
        peers = [p for p, k in zip(gatherings, keys, strict=True) if key and k == key and p is not g]
        docs: list[Document] = []
        for p in peers:
            docs += [d for d in (p.gathering, *p.worksheets, *p.responses) if d is not None]
        done.append(replace(g, depends_on=tuple(docs)))
    return tuple(done)
