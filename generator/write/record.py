"""The build record: what the last complete build into an output recorded, in its owner-only folder."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.write.private import PrivateFolder, notice


@dataclass
class State:
    """What the last complete build into an output recorded, in its owner-only folder (generator/write/private.py).

    `build` is the id that build wrote into the output's marker too: a marker naming another id (or
    none) was not written by a build of this output, and the folder is not emptied. `files` holds
    the size, modification and change time of each file as written, to tell an edited file from a kept one.
    """

    fingerprint: str = ""
    marker: str = ""  # digest of the marker file as that build left it
    build: str = ""
    files: dict[str, tuple[int, int, int]] = field(default_factory=dict)  # output path → (size, mtime, ctime in ns)


def read_state(private: PrivateFolder, out: Path) -> State:
    """The state of the last complete build into `out`; an empty one if there is none or it fails a check."""
    data = private.read(f"{out.name}.json")
    if not isinstance(data, dict):
        return State()
    texts = [data.get(k, "") for k in ("fingerprint", "marker", "build")]
    files = data.get("files", {})
    if not all(isinstance(t, str) for t in texts) or not isinstance(files, dict):
        return _damaged(private, out)
    kept: dict[str, tuple[int, int, int]] = {}
    for path, value in files.items():
        if not (isinstance(value, list) and len(value) == 3 and all(type(v) is int for v in value)):
            return _damaged(private, out)
        kept[path] = (value[0], value[1], value[2])
    return State(*texts, files=kept)


def _damaged(private: PrivateFolder, out: Path) -> State:
    notice(f"{private.path / (out.name + '.json')} is not a build record Samling wrote; ignored")
    return State()


def write_state(private: PrivateFolder, out: Path, state: State) -> None:
    data = {"fingerprint": state.fingerprint, "marker": state.marker, "build": state.build, "files": state.files}
    private.write(f"{out.name}.json", data)
