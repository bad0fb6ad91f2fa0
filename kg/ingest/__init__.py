"""Files in, `Document`s out: decode, recognise the format by content, and clean the text.

Three single-document formats are recognised by what the file holds, never by its extension:

* ``archive``: YAML front matter between ``---`` lines at the top, then an HTML (or plain) body.
  The front matter is read by a small built-in parser (``key: value``, quoted strings, ``[a, b]``
  and ``- item`` lists, ``|``/``>`` blocks), so PyYAML is not needed.
* ``html``: a page or fragment (``<!doctype``, ``<html``, or block tags such as ``<p>``/``<div>``).
* ``text``: anything else. A short first line (at most 60 characters, not ending in sentence
  punctuation such as 。！？) followed by more text is the title.

A JSON Lines corpus (a ``.jsonl`` file, or any file whose first non-blank line is a JSON object) gives one
``jsonl`` document per line: ``{"id", "title", "date", "text" | "html", "source"?, "author"?, "url"?,
"categories"?}``.

What ``Document.text`` holds is the same for every format: the body only, one paragraph per line
(``"\\n"`` between paragraphs, no empty lines, each line stripped, runs of spaces collapsed, zero-width
and bidi control characters, noncharacters and lone surrogates removed, control characters turned into
spaces; metadata fields are cleaned the same way). For plain text the title line is *not* part of
``text``; for HTML and archives ``text`` is the converted body, so an ``<h1>`` stays in it as a line even
when it also gave the title. All character offsets downstream index into ``text``.

A file that cannot be read is an `IngestError` from `read_document` and a `Skipped` record from
`iter_documents`, which carries on with the next file.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from kg.errors import IngestError
from kg.ingest.document import document_from_bytes, parse_text, read_bytes, read_document, read_head
from kg.ingest.html import html_to_text
from kg.ingest.jsonl import iter_jsonl_file, looks_like_jsonl
from kg.ingest.sources import iter_sources
from kg.records import Document, Skipped

__all__ = ["Document", "Skipped", "iter_documents", "read_document", "parse_text", "html_to_text"]


def _iter_file(path: Path, doc_id: str, encoding: str | None) -> Iterator[Document | Skipped]:
    source = str(path)
    try:
        head = read_head(path, source, 1 << 20)
        if looks_like_jsonl(path, head):
            yield from iter_jsonl_file(path, source, doc_id, encoding)  # line by line, never whole
        else:
            yield document_from_bytes(read_bytes(path, source), source, doc_id, encoding)
    except IngestError as exc:
        yield Skipped(exc.source, exc.reason)


def iter_documents(
    inputs: str | Path | Iterable[str | Path], *, encoding: str | None = None
) -> Iterator[Document | Skipped]:
    """Yield a `Document` for every readable input and a `Skipped` for every one that is not.

    Args:
        inputs: a file, a folder (read recursively in sorted order, hidden files and folders left out), a
            glob pattern (``seeds/*.txt``, ``data/**/*.html``), or an iterable of those. JSON Lines files
            give one document per line; a bad line is one `Skipped` naming ``file:line``.
        encoding: decode every file with this codec instead of guessing (UTF-8, then GB18030).

    Document ids are the file name for a file input and the path relative to the folder (or to the
    pattern's fixed prefix) otherwise. A file reached twice is read once.
    """
    for entry in iter_sources(inputs):
        if isinstance(entry, Skipped):
            yield entry
        else:
            yield from _iter_file(*entry, encoding)
