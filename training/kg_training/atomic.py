"""The one way the trainer writes files: through kg's atomic writer (temp file, then rename)."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

from kg.io.atomic import atomic_open

__all__ = ["write_bytes", "write_json", "write_text", "move_into"]


def write_text(path: Path, text: str) -> Path:
    """Gives ``path`` after writing ``text`` there (UTF-8), atomically."""
    with atomic_open(path) as fh:
        fh.write(text)
    return path


def write_json(path: Path, obj: object, *, indent: int | None = None) -> Path:
    """Gives ``path`` after writing ``obj`` there as UTF-8 JSON (a final newline when indented), atomically."""
    return write_text(path, json.dumps(obj, ensure_ascii=False, indent=indent) + ("\n" if indent else ""))


def write_bytes(path: Path, data: bytes) -> Path:
    """Gives ``path`` after writing ``data`` there, atomically."""
    with atomic_open(path, binary=True) as fh:
        fh.write(data)
    return path


def move_into(src: Path, path: Path) -> Path:
    """Gives ``path`` after copying the file ``src`` (written by a library that wants a file name) there,
    atomically."""
    with atomic_open(path, binary=True) as fh, open(src, "rb") as inp:
        shutil.copyfileobj(inp, fh)
    return path
