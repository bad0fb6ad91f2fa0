"""The one helper that reads files shipped inside the package: lexicons under ``kg/resources/`` and
other package data (the HTML viewer's assets, ...) through :func:`read_text`."""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

from kg.errors import KGError

__all__ = ["read_text", "read_lines", "read_lexicon", "read_pairs", "read_jsonl", "resource_names"]


@lru_cache(maxsize=None)
def read_text(name: str, *, package: str = "kg.resources") -> str:
    """Gives the UTF-8 text of the file ``name`` (a path relative to ``package``) shipped with kg.

    Raises:
        KGError: the file is missing from the installed package (the message names it and the fix).
    """
    try:
        return resources.files(package).joinpath(name).read_text(encoding="utf-8")
    except (FileNotFoundError, ModuleNotFoundError):
        where = package.replace(".", "/") + "/" + name
        raise KGError(f"{where}: file missing from the installed package; reinstall kg (pip install -e .)") from None


def _read_text(name: str) -> str:
    return read_text(name)


def resource_names() -> list[str]:
    """Gives the names of every lexicon and pattern file shipped with the package."""
    return sorted(p.name for p in resources.files("kg.resources").iterdir()
                  if p.name.endswith((".txt", ".jsonl")))


@lru_cache(maxsize=None)
def read_lines(name: str) -> tuple[str, ...]:
    """Gives the entries of a one-entry-per-line file, without blanks and ``#`` comments."""
    out = []
    for line in _read_text(name).splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            out.append(line)
    return tuple(out)


@lru_cache(maxsize=None)
def read_lexicon(name: str) -> frozenset[str]:
    """Gives a lexicon file's entries as a frozen set."""
    return frozenset(read_lines(name))


@lru_cache(maxsize=None)
def read_pairs(name: str, sep: str = "\t") -> tuple[tuple[str, ...], ...]:
    """Gives the fields of each line of a tab-separated lexicon file."""
    return tuple(tuple(f.strip() for f in line.split(sep)) for line in read_lines(name))


@lru_cache(maxsize=None)
def read_jsonl(name: str) -> tuple[dict, ...]:
    """Gives the objects of a JSON-lines pattern file."""
    out = []
    for i, line in enumerate(_read_text(name).splitlines(), 1):
        if line.strip() and not line.lstrip().startswith("#"):
            try:
                out.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise KGError(f"kg/resources/{name}:{i}: invalid JSON ({exc.msg}); fix the line") from None
    return tuple(out)
