"""One file or string in, one `Document` out, its format recognised by content."""
from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from kg.errors import IngestError
from kg.ingest.clean import clean_lines, one_line
from kg.ingest.decode import decode
from kg.ingest.frontmatter import split_front_matter
from kg.ingest.html import looks_like_html, parse_html
from kg.ingest.jsonl import looks_like_jsonl
from kg.ingest.metadata import document_fields, is_title
from kg.records import Document

__all__ = ["parse_text", "read_document", "read_bytes", "document_from_bytes"]


def _first_json_object(text: str) -> bool:
    """Tell whether the first non-blank line of ``text`` is a JSON object (a JSON Lines corpus)."""
    for line in text.split("\n"):
        line = line.strip().removeprefix("\ufeff")
        if line:
            if not line.startswith("{"):
                return False
            try:
                return isinstance(json.loads(line), dict)
            except ValueError:
                return False
    return False


def _from_html(markup: str, source: str, fmt: str, meta: dict[str, object] | None = None) -> Document:
    page = parse_html(markup)
    found: dict[str, object] = {k: v if k == "categories" else v[0] for k, v in page.meta.items()}
    fields = document_fields(found)
    fields["title"] = page.title or page.h1 or one_line(found.get("og_title"))
    if meta:
        fields.update({k: v for k, v in document_fields(meta).items() if v})
    return Document(id=source, text=page.text(), path=source, format=fmt, **fields)  # type: ignore[arg-type]


def parse_text(raw: str, *, source: str = "<string>") -> Document:
    """Return the `Document` in an already-decoded string, recognising its format by content.

    ``id`` and ``path`` are ``source``; `read_document` and `iter_documents` replace them.

    Raises:
        IngestError: the text is empty, has broken front matter, holds no body text, or is a JSON Lines
            corpus (several documents: use `iter_documents`).
    """
    text = raw.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise IngestError(source, "empty file; there is no text to read")
    if _first_json_object(text):
        raise IngestError(source, "is a JSON Lines corpus (one document per line); read it with "
                          "iter_documents")
    split = split_front_matter(text, source)
    if split is not None:
        header, body = split
        if looks_like_html(body):
            doc = _from_html(body, source, "archive", header)  # type: ignore[arg-type]
        else:
            doc = Document(id=source, text="\n".join(clean_lines(body)), path=source, format="archive",
                           **document_fields(header))  # type: ignore[arg-type]
        if not doc.text:
            raise IngestError(source, "front matter but no body text below the closing ---; add the article")
        return doc
    if looks_like_html(text):
        doc = _from_html(text, source, "html")
        if not doc.text:
            raise IngestError(source, "HTML with no visible text; is the article body loaded by script?")
        return doc
    stripped = text.lstrip()
    if stripped[:1] in "{[":
        try:
            json.loads(stripped)
        except ValueError:
            pass
        else:
            raise IngestError(source, "is a JSON document, not JSON Lines; write one JSON object per line "
                              "with a \"text\" field")
    lines = clean_lines(text)
    if not lines:
        raise IngestError(source, "no text left after removing blank lines and control characters")
    if len(lines) > 1 and is_title(lines[0]):
        return Document(id=source, text="\n".join(lines[1:]), title=lines[0], path=source, format="text")
    return Document(id=source, text="\n".join(lines), path=source, format="text")


def read_document(path: str | Path, *, encoding: str | None = None) -> Document:
    """Return the one `Document` in the file at ``path`` (its id is the file name).

    Raises:
        IngestError: the file is missing, binary, undecodable, empty, has broken front matter, or is a
            JSON Lines corpus (use `iter_documents` for those).
    """
    path = Path(path)
    source = str(path)
    if path.is_dir():
        raise IngestError(source, "is a directory, not a file; use iter_documents for folders")
    data = read_bytes(path, source)
    if looks_like_jsonl(path, data[:1 << 20]):
        raise IngestError(source, "is a JSON Lines corpus (one document per line); read it with "
                          "iter_documents")
    return document_from_bytes(data, source, path.name, encoding)


def read_bytes(path: Path, source: str) -> bytes:
    """Return the bytes of the file at ``path``; raise `IngestError` naming ``source`` when it cannot be read."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise IngestError(source, "no such file or directory; check the path") from None
    except OSError as exc:
        raise IngestError(source, f"cannot read: {exc.strerror or exc}") from None


def read_head(path: Path, source: str, size: int) -> bytes:
    """Return the first ``size`` bytes of the file at ``path`` (all of a shorter file); raise `IngestError`
    naming ``source`` when it cannot be read."""
    try:
        with path.open("rb") as fh:
            return fh.read(size)
    except FileNotFoundError:
        raise IngestError(source, "no such file or directory; check the path") from None
    except OSError as exc:
        raise IngestError(source, f"cannot read: {exc.strerror or exc}") from None


def document_from_bytes(data: bytes, source: str, doc_id: str, encoding: str | None) -> Document:
    """Return the one `Document` in a file's bytes, with ``doc_id`` as its id and ``source`` as its path."""
    doc = parse_text(decode(data, source, encoding), source=source)
    return replace(doc, id=doc_id, path=source)
