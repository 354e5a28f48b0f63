"""Where a build's files go: a staging folder swapped in whole, or the output changed in place.

A complete build writes each file into a folder beside the output as it is made (a forked child
too), and swaps it in at the end. The live preview, after its first build, keeps what it renders
in memory and replaces only the files whose bytes changed (write_changed). Both take the files in
the order a cold build lists them, so that the marker file is the same whichever made it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from generator.core.rendered import Rendered
from generator.write.staging import Staging, write_changed

Attachment = tuple[str, Path, str | None]  # output path, source, its digest if known unchanged
# Files made from the rendered site before it is put in place (the PDFs of `samling print`).


@dataclass
class Extra:
    """The files beside the pages: static files, attachments (copied by streaming), the logo (last)."""

    others: list[tuple[str, bytes]]
    attachments: list[Attachment]
    logo: list[tuple[str, bytes]]


Finish = Callable[[Mapping[str, bytes]], list[tuple[str, bytes]]]


class _StagedFiles(Mapping[str, bytes]):
    """The files written so far into a staging folder, read back on demand."""

    def __init__(self, stage: Staging) -> None:
        self.stage = stage

    def __getitem__(self, path: str) -> bytes:
        if path not in self.stage.digests:
            raise KeyError(path)
        return (self.stage.tmp / path).read_bytes()

    def __iter__(self) -> Iterator[str]:
        return iter(self.stage.digests)

    def __len__(self) -> int:
        return len(self.stage.digests)


class Staged:
    def __init__(self, stage: Staging) -> None:
        self.stage = stage
        self.old = stage.old  # the output's manifest, files proven as written kept

    def emit(self, result: Rendered, path: str, data: bytes) -> None:
        result.written += self.stage.add(path, data)
        result.digests[path] = self.stage.digests[path]

    def take(self, part: Rendered) -> None:
        self.stage.merge(part.digests)

    def prepare(self, paths: Iterable[str]) -> None:
        for path in paths:
            self.stage.folder(path.rpartition("/")[0])

    def commit(self, made: Rendered, pages: list[str], extra: Extra, finish: Finish | None = None) -> dict[str, int]:
        """`pages`: every page and calendar, in plan order; then static files, attachments, the logo,
        and what `finish` makes from all of them."""
        stage, others, attachments, logo = self.stage, extra.others, extra.attachments, extra.logo
        written = made.written + sum(stage.add(p, None) for p in pages if p not in stage.digests)  # unchanged: linked
        written += sum(stage.add(path, data) for path, data in others)
        written += sum(stage.add_file(path, source, known) for path, source, known in attachments)
        written += sum(stage.add(path, data) for path, data in logo)
        order = pages + [p for p, _ in others] + [p for p, _, _ in attachments] + [p for p, _ in logo]
        for path, data in finish(_StagedFiles(stage)) if finish else ():
            written += stage.add(path, data)
            order.append(path)
        removed = stage.swap(order)
        return {"written": written, "unchanged": len(order) - written, "removed": removed}

    def abandon(self) -> None:
        self.stage.abandon()


class InPlace:
    def __init__(self, out: Path, old: dict[str, str], build_id: str) -> None:
        self.out, self.old, self.build_id = out, old, build_id

    def emit(self, result: Rendered, path: str, data: bytes) -> None:
        result.made[path] = data

    def take(self, part: Rendered) -> None:
        pass

    def prepare(self, paths: Iterable[str]) -> None:
        pass  # written at the end, each file's folder made then

    def commit(self, made: Rendered, pages: list[str], extra: Extra, finish: Finish | None = None) -> dict[str, int]:
        assert finish is None, "files made from the whole site are made by a complete build"
        outputs: list[tuple[str, bytes | None]] = [(p, made.made.get(p)) for p in pages] + list(extra.others)
        for path, source, known in extra.attachments:  # an attachment is read only when it changed
            outputs.append((path, None if known and self.old.get(path) == known else source.read_bytes()))
        outputs += list(extra.logo)
        return write_changed(outputs, self.out, self.old, self.build_id)

    def abandon(self) -> None:
        pass


Target = Staged | InPlace
