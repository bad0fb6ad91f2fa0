"""kg: who-said-what knowledge graphs from Chinese financial news.

    >>> import kg
    >>> G = kg.extract(["seeds/"])          # doctest: +SKIP
    >>> nlp = kg.load()                      # the spaCy Language   # doctest: +SKIP

Heavy imports (spaCy, jieba) happen on first use, so ``import kg`` stays cheap.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["__version__", "extract", "run", "load", "read_graph", "KGError"]

from kg.errors import KGError

if TYPE_CHECKING:
    from kg.run import extract, run
    from kg.nlp import load
    from kg.io import read_graph

_LAZY = {"extract": "kg.run", "run": "kg.run", "load": "kg.nlp", "read_graph": "kg.io"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'kg' has no attribute {name!r}")
