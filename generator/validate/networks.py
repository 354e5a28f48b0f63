"""The programme as the site sees it: programme.yaml checked against the gathering folders.

A gathering names its network by key (`network: omdomme-1`), so every name is checked
against programme.yaml with a did-you-mean; series entries with a folder take its days.
"""

from __future__ import annotations

from collections.abc import Sequence

from generator.core.errors import Problems
from generator.core.model import Gathering, Programme
from generator.domain.programme import with_dates
from generator.load import ContentTree, GatheringFiles
from generator.load.yamlfile import YamlMap
from generator.validate.programme import GatheringRef, check_gatherings, programme_from

NETWORK_FOLDER = "networks"  # where the network pages are written (render/pages.py network_path)


def site_programme(tree: ContentTree, gatherings: Sequence[Gathering], problems: Problems) -> Programme | None:
    folders: dict[str, GatheringFiles] = {}
    for files in tree.gatherings:
        folders.setdefault(files.folder.name, files)
    refs = [_ref(folders.get(g.key), g) for g in gatherings]
    doc = tree.programme
    if doc is None:
        for ref in refs:
            if ref.network:
                problems.add(
                    ref.path,
                    ref.line,
                    f"the network '{ref.network}' is not in programme.yaml, and there is no programme.yaml",
                    "describe the networks in content/programme.yaml (see docs/programme.md), or remove `network:`",
                )
        return None
    programme = programme_from(doc.data, doc.path, problems)
    if programme is None:
        return None
    check_gatherings(programme, refs, doc.path, problems)
    for g in gatherings:
        if g.key == NETWORK_FOLDER:
            problems.add(
                g.source.path, 0, f"the folder name '{g.key}' is where the network pages go", "rename the folder"
            )
    return with_dates(
        programme, {g.key: (g.first_date, g.last_date, g.timezone) for g in gatherings if g.first_date and g.last_date}
    )


def _ref(files: GatheringFiles | None, g: Gathering) -> GatheringRef:
    data = files.gathering.data if files is not None and files.gathering is not None else None
    line = data.line_of("network") if isinstance(data, YamlMap) else 0
    return GatheringRef(g.key, g.network, g.source.path, line, g.first_date, g.last_date)
