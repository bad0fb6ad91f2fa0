"""Fixtures for the ingest tests: writing a test file as text or bytes."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest


def _write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


@pytest.fixture
def write() -> Callable[[Path, str | bytes], Path]:
    """Gives a function that writes ``content`` (UTF-8 for text) to ``path``, making folders, and returns it."""
    return _write
