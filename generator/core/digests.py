"""Digests of files read in chunks, so memory stays flat however big an attachment is."""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
from pathlib import Path


def file_digest(path: str | Path, chunk: int = 1 << 20) -> str:
    """The digest of a file's bytes (write.digest of its content), read in chunks: memory stays flat."""
    h = hashlib.blake2b(digest_size=16)
    with open(path, "rb", buffering=0) as f:
        while block := f.read(chunk):
            h.update(block)
    return h.hexdigest()


def copy_hashed(source: Path, target: Path, chunk: int = 1 << 20) -> str:
    """Copy a regular file in chunks, returning the digest of what was copied: memory stays flat."""
    h = hashlib.blake2b(digest_size=16)
    with open(source, "rb", buffering=0) as src:
        if not stat.S_ISREG(os.fstat(src.fileno()).st_mode):
            raise OSError(f"{source} is not a regular file")
        with open(target, "xb", buffering=0) as dst:
            while block := src.read(chunk):
                h.update(block)
                dst.write(block)
    shutil.copystat(source, target)
    return h.hexdigest()
