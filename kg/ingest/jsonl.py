"""A JSON Lines corpus: one `Document`, or one `Skipped` naming ``file:line``, per non-blank line."""
from __future__ import annotations

import codecs
import json
from collections.abc import Iterator
from pathlib import Path

from kg.errors import IngestError
from kg.ingest.clean import clean_lines, one_line
from kg.ingest.decode import decode
from kg.ingest.html import looks_like_html, parse_html
from kg.ingest.metadata import document_fields
from kg.records import Document, Skipped

__all__ = ["looks_like_jsonl", "iter_jsonl"]


def looks_like_jsonl(path: Path, data: bytes) -> bool:
    if path.suffix.lower() == ".jsonl":
        return True
    start = 0
    while start < len(data):
        end = data.find(b"\n", start)
        end = len(data) if end < 0 else end
        line = data[start:end].strip().removeprefix(codecs.BOM_UTF8)
        start = end + 1
        if line:
            if not line.startswith(b"{"):
                return False
            try:
                return isinstance(json.loads(line.decode("utf-8", "replace")), dict)
            except ValueError:
                return False
    return False


def _jsonl_lines(data: bytes, source: str, encoding: str | None) -> Iterator[tuple[int, str | Skipped]]:
    """Yield (line number, decoded line or Skipped) for each non-blank line of a JSONL file."""
    text: str | None = None
    if encoding is not None or data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = decode(data, source, encoding)
    else:
        try:
            text = data.decode("utf-8").removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
        except UnicodeDecodeError:
            pass  # one bad line must not cost the whole corpus (or turn it into GB18030 mojibake)
    if text is not None:
        for number, line in enumerate(text.split("\n"), start=1):
            if line.strip():
                yield number, line
        return
    for number, raw in enumerate(data.split(b"\n"), start=1):
        if not raw.strip():
            continue
        try:
            yield number, decode(raw, f"{source}:{number}")
        except IngestError as exc:
            yield number, Skipped(exc.source, exc.reason)


def _record(obj: object, source: str, number: int, file_id: str) -> Document:
    """Return the Document for one parsed JSONL line; raise `IngestError` naming ``file:line``."""
    where = f"{source}:{number}"
    if not isinstance(obj, dict):
        raise IngestError(where, f"a JSON {type(obj).__name__}, not an object; each line must be one "
                          "JSON object with a \"text\" field")
    body, field = obj.get("text"), "text"
    if body is None or (isinstance(body, str) and not body.strip() and obj.get("html")):
        body, field = obj.get("html"), "html"
    if body is None:
        raise IngestError(where, "no \"text\" or \"html\" field; add the article body")
    if not isinstance(body, str):
        raise IngestError(where, f"\"{field}\" is a JSON {type(body).__name__}, not a string")
    if field == "html" or looks_like_html(body):
        page = parse_html(body)
        text = page.text()
        html_title = page.title or page.h1
    else:
        text, html_title = "\n".join(clean_lines(body)), ""
    if not text:
        raise IngestError(where, f"empty \"{field}\"; the record has no article body")
    fields = document_fields(obj)
    fields["title"] = fields["title"] or html_title
    doc_id = one_line(obj.get("id")) or f"{file_id}#{number}"
    return Document(id=doc_id, text=text, path=where, format="jsonl", **fields)  # type: ignore[arg-type]


def iter_jsonl(data: bytes, source: str, file_id: str, encoding: str | None) -> Iterator[Document | Skipped]:
    for number, line in _jsonl_lines(data, source, encoding):
        if isinstance(line, Skipped):
            yield line
            continue
        try:
            obj = json.loads(line)
        except ValueError as exc:
            yield Skipped(f"{source}:{number}", f"invalid JSON ({getattr(exc, 'msg', exc)} at column "
                          f"{getattr(exc, 'colno', '?')}); each line must be one JSON object")
            continue
        try:
            yield _record(obj, source, number, file_id)
        except IngestError as exc:
            yield Skipped(exc.source, exc.reason)
