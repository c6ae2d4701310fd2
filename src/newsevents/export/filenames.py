"""Article ids -> file names: one file per id, reversible, never hidden, never outside DIR.

An id's letters, digits, ``-``, ``_`` and ``.`` are kept; every other character (``/``,
``%``, spaces, non-ASCII letters) becomes ``%XX`` per UTF-8 byte, as in URLs, so
``a/b`` -> ``a%2Fb`` and ``a_b`` -> ``a_b`` stay apart and ``id_of_file_name`` reads the
id back. A leading ``.`` and the first letter of a Windows device name (``CON``,
``NUL``, ``COM1``...) are encoded too; the empty id is ``%empty``. An id whose encoding
is longer than ``MAX_NAME`` characters is cut and followed by ``~`` and 16 hex digits of
its SHA-256: two ids with a long common prefix still get two files (``~`` never occurs in
a short name, so the two kinds cannot collide; a cut name is not reversible).
"""

from __future__ import annotations

import hashlib
import re
import string

MAX_NAME = 200  # characters before the suffix; file systems allow 255 bytes
EMPTY = "%empty"
_KEEP = frozenset(string.ascii_letters + string.digits + "-_.")
_DEVICE = re.compile(r"(?:con|prn|aux|nul|com[0-9]|lpt[0-9])(?:\.|$)", re.IGNORECASE)
_ESCAPE = re.compile(r"%[0-9A-F]{2}")


def _escape(ch: str) -> str:
    return "".join(f"%{byte:02X}" for byte in ch.encode("utf-8", "surrogatepass"))


def file_name(ident: str, suffix: str = ".json") -> str:
    """The file name (with ``suffix``) that holds the article ``ident``."""
    if not ident:
        return EMPTY + suffix
    name = "".join(ch if ch in _KEEP else _escape(ch) for ch in ident)
    if name.startswith(".") or _DEVICE.match(name):
        name = _escape(name[0]) + name[1:]
    if len(name) > MAX_NAME:
        cut = MAX_NAME - 17
        # never cut inside a %XX escape
        while "%" in name[cut - 2 : cut]:
            cut -= 1
        digest = hashlib.sha256(ident.encode("utf-8", "surrogatepass")).hexdigest()[:16]
        name = f"{name[:cut]}~{digest}"
    return name + suffix


def id_of_file_name(name: str, suffix: str = ".json") -> str | None:
    """The article id a file name holds; None for a cut (hashed) name."""
    stem = name[: -len(suffix)] if suffix and name.endswith(suffix) else name
    if stem == EMPTY:
        return ""
    if "~" in stem:
        return None
    raw = bytearray()
    at = 0
    while at < len(stem):
        if _ESCAPE.match(stem, at):
            raw.append(int(stem[at + 1 : at + 3], 16))
            at += 3
        else:
            raw += stem[at].encode("utf-8")
            at += 1
    return raw.decode("utf-8", "surrogatepass")
