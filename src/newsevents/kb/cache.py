"""Built knowledge-base objects kept on disk between processes, so a command starts fast.

A cache file is named after a hash of everything its object is built from (data files,
the source of the code that builds it, library versions): an edit to any of them makes a
new file, and the old ones of the same kind are removed. A missing, stale or unreadable
cache is never an error: the object is built again.
"""

from __future__ import annotations

import hashlib
import os
import sys
import tempfile
import time
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path

STALE_SECONDS = 7 * 86400


def cache_dir() -> Path:
    """``$NEWSEVENTS_CACHE_DIR``, else the user cache directory (``$XDG_CACHE_HOME/newsevents``
    or ``~/.cache/newsevents``)."""
    explicit = os.environ.get("NEWSEVENTS_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "newsevents"


def version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "?"


def files_key(paths: Iterable[Path], *extra: str) -> str:
    """A hash of the files' names and bytes, the Python version and ``extra``."""
    h = hashlib.sha256()
    for part in (sys.version, version("newsevents"), *extra):
        h.update(part.encode() + b"\0")
    for path in paths:
        h.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()[:20]


def read(kind: str, key: str) -> bytes | None:
    try:
        return (cache_dir() / f"{kind}-{key}.pickle").read_bytes()
    except OSError:
        return None


def write(kind: str, key: str, data: bytes) -> None:
    """Write atomically; remove the caches of the same kind unused for a week (not at once:
    several checkouts of different versions may share the directory)."""
    path = cache_dir() / f"{kind}-{key}.pickle"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{kind}-", suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
        stale = time.time() - STALE_SECONDS
        for old in path.parent.glob(f"{kind}-*.pickle"):
            if old != path and old.stat().st_atime < stale:
                old.unlink(missing_ok=True)
    except OSError:
        Path(tmp).unlink(missing_ok=True)
