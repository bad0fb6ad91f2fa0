"""Metadata fields (front matter, JSONL, <meta>) to `Document` keyword arguments, and the plain-text title rule."""
from __future__ import annotations

import re

from kg.ingest.clean import one_line
from kg.ingest.dates import normalize_date

__all__ = ["document_fields", "is_title"]

_TITLE_MAX = 60
_SENTENCE_END = frozenset("。！？!?.…；;：:，,、")
_CLOSERS = "”’\"')）】」』》]"


def _first(mapping: dict[str, object], *keys: str) -> str:
    for key in keys:
        value = mapping.get(key)
        if isinstance(value, list):
            value = "、".join(one_line(v) for v in value if one_line(v))
        text = one_line(value)
        if text:
            return text
    return ""


def _as_list(value: object) -> list[str]:
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [one_line(v) for v in value]
    return [part.strip() for part in re.split(r"[,，]", one_line(value))]


def document_fields(mapping: dict[str, object]) -> dict[str, object]:
    """Return Document keyword arguments for the metadata fields of a front matter or JSONL object."""
    categories: list[str] = []
    for key in ("categories", "category", "tags"):
        for item in _as_list(mapping.get(key)):
            if item and item not in categories:
                categories.append(item)
    return {
        "title": _first(mapping, "title", "headline"),
        "date": normalize_date(_first(mapping, "date", "published", "pubdate", "publish_date", "published_at", "time")),
        "author": _first(mapping, "author", "authors", "byline"),
        "source": _first(mapping, "source", "publisher", "site", "outlet", "media"),
        "url": _first(mapping, "url", "link", "canonical"),
        "categories": tuple(categories),
    }


def is_title(line: str) -> bool:
    """Tell whether the first line of a plain text reads as a headline rather than a sentence."""
    bare = line.rstrip(_CLOSERS)
    return len(line) <= _TITLE_MAX and bool(bare) and bare[-1] not in _SENTENCE_END
