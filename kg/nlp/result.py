"""The one bridge from a processed spaCy ``Doc`` to the plain :class:`~kg.records.DocResult`."""
from __future__ import annotations

import os
from pathlib import PurePath

from spacy.tokens import Doc

from kg.records import SEP, DocResult, Document

__all__ = ["result_from_doc", "doc_meta", "portable_path"]


def portable_path(path: str) -> str:
    """Gives ``path`` without the local folders above the working directory: exports never carry an
    absolute local path (``/home/ana/news/a.txt`` -> ``news/a.txt`` run from ``/home/ana``, else ``a.txt``).
    A JSONL record's ``:line`` suffix is kept."""
    if not path:
        return ""
    head, sep, line = path.rpartition(":")
    if not (sep and line.isdigit()):
        head, line = path, ""
    p = PurePath(head)
    if p.is_absolute():
        try:
            head = os.path.relpath(head)
        except ValueError:  # another drive on Windows
            head = p.name
        if head.startswith(".."):
            head = p.name
    return head + (f":{line}" if line else "")


def doc_meta(document: Document) -> dict[str, str]:
    """Gives the metadata the stages read from ``doc._.kg_meta`` (title, date, source, author)."""
    return {"title": document.title, "date": document.date, "source": document.source, "author": document.author}


def result_from_doc(doc: Doc, document: Document | None = None) -> DocResult:
    """Gives the plain records of a processed ``Doc``, with ``document``'s metadata when given."""
    d = document or Document(id=doc._.kg_doc_id or "doc", text=doc.text)
    return DocResult(
        doc_id=d.id or doc._.kg_doc_id or "doc",
        title=d.title, date=d.date, source=d.source, path=portable_path(d.path), author=d.author,
        categories=SEP.join(d.categories), url=d.url,
        people=dict(doc._.kg_people or {}),
        orgs=dict(doc._.kg_orgs or {}),
        aliases=dict(doc._.kg_org_aliases or {}),
        affiliations=list(doc._.kg_affiliations or []),
        part_of=list(doc._.kg_part_of or []),
        mentions=list(doc._.kg_mentions or []),
        claims=list(doc._.kg_claims or []),
        topics=list(doc._.kg_topics or []),
    )
