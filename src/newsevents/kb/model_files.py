"""The file format of the learned models (``kb/models/*.npz``): one compressed numpy file
holding the model's arrays and a JSON ``meta`` record (features, labels, thresholds).
Training writes it; the extractors read it with numpy alone."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np

from newsevents.errors import BadKnowledgeBase


def write_model_file(path: Path, meta: dict[str, Any], **arrays: np.ndarray) -> None:
    """Write ``arrays`` and ``meta`` as one compressed numpy file at ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    payload: dict[str, Any] = {
        "meta": np.frombuffer(json.dumps(meta).encode("utf-8"), dtype=np.uint8),
        **arrays,
    }
    with path.open("wb") as f:
        np.savez_compressed(f, **payload)


def read_model_file(
    path: Path, what: str, arrays: tuple[str, ...]
) -> tuple[dict[str, Any], dict[str, np.ndarray]] | None:
    """(meta, the named arrays) of the model file at ``path``; None when there is no file.
    A file that is not such a model (or lacks one of ``arrays``) is an [E050] error naming
    ``what`` model it should have been."""
    if not path.exists():
        return None
    try:
        with np.load(path) as data:
            meta = json.loads(bytes(data["meta"]).decode("utf-8"))
            found = {name: np.asarray(data[name]) for name in arrays}
    except (OSError, ValueError, KeyError) as e:
        raise BadKnowledgeBase(str(path), problem=f"not a newsevents {what} model ({e})") from e
    if not isinstance(meta, dict):
        raise BadKnowledgeBase(str(path), problem=f"not a newsevents {what} model (no meta)")
    return meta, found


__all__ = ["read_model_file", "write_model_file"]
