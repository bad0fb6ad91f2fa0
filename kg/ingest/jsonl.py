"""A JSON Lines corpus: one `Document`, or one `Skipped` naming ``file:line``, per non-blank line.

A corpus file is read lazily, one line at a time (:func:`iter_jsonl_file`), so a corpus of millions of
articles never sits in memory; a byte range of it (``start``/``end``, cut at line starts by
:func:`line_offsets`) can be read on its own, which is how parallel runners split one big file. Only a
UTF-16 corpus, or one read with a forced 16- or 32-bit ``--encoding``, is decoded whole: its newlines
are not single bytes.
"""
from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterator
from contextlib import nullcontext
from typing import BinaryIO, ContextManager
from pathlib import Path

from kg.errors import IngestError
from kg.ingest.clean import clean_lines, one_line
from kg.ingest.decode import check_binary, decode
from kg.ingest.html import looks_like_html, parse_html
from kg.ingest.metadata import document_fields
from kg.records import Document, Skipped

__all__ = ["looks_like_jsonl", "iter_jsonl", "iter_jsonl_file", "line_offsets"]

#: codecs whose newline is not the single byte 0x0a (such a corpus is decoded whole)
_WIDE = re.compile(r"(?i)utf[-_]?(16|32)")


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
    """Yield the documents of a JSONL corpus held in memory as ``data`` (see :func:`iter_jsonl_file`)."""
    for number, line in _jsonl_lines(data, source, encoding):
        yield from _parse_line(line, source, number, file_id)


def _decoded_line(raw: bytes, where: str, encoding: str | None) -> str | Skipped:
    """Gives one raw line as text (UTF-8, else sniffed or the forced encoding), or a `Skipped` naming it."""
    if encoding is None:
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            pass  # one bad line must not cost the whole corpus (or turn it into GB18030 mojibake)
    try:
        return decode(raw, where, encoding)
    except IngestError as exc:
        return Skipped(exc.source, exc.reason)


def _stream_lines(fh: BinaryIO, source: str, encoding: str | None, start: int, end: int | None,
                  first_line: int) -> Iterator[tuple[int, str | Skipped]]:
    """Yield (line number, decoded line or Skipped) for each non-blank line of ``fh`` from byte ``start``
    (a line start) up to the line that starts at or after ``end``."""
    fh.seek(start)
    number, pos = first_line - 1, start
    for raw in fh:
        if end is not None and pos >= end:
            return
        pos += len(raw)
        number += 1
        if number == 1:
            raw = raw.removeprefix(codecs.BOM_UTF8)
        if not raw.strip():
            continue
        line = _decoded_line(raw.rstrip(b"\n"), f"{source}:{number}", encoding)
        if isinstance(line, Skipped):
            yield number, line
            continue
        # an old-Mac corpus ends its lines in a lone CR: each is a line of its own, as in a whole-file read
        line = line.removesuffix("\r")
        if "\r" in line:
            parts = line.replace("\r\n", "\n").replace("\r", "\n").split("\n")
            for k, part in enumerate(parts):
                if part.strip():
                    yield number + k, part
            number += len(parts) - 1
        else:
            yield number, line


def iter_jsonl_file(path: Path | BinaryIO, source: str, file_id: str, encoding: str | None, *, start: int = 0,
                    end: int | None = None, first_line: int = 1) -> Iterator[Document | Skipped]:
    """Yield the documents of the JSONL corpus at ``path``, reading it one line at a time.

    Args:
        path: the corpus file, or a seekable binary file open on it at its start (an ``fsspec`` file,
            say), which is left open.
        source: how messages name the file (``source:line``).
        file_id: the id prefix of a line without an ``"id"`` (``file_id#line``).
        encoding: force this codec per line (default: UTF-8, a line that is not is sniffed on its own).
        start, end: read only the lines that start in this byte range (see :func:`line_offsets`).
        first_line: the line number of the line at ``start``.
    """
    try:
        opened = _opened(path)
    except OSError as exc:
        yield Skipped(source, f"cannot read: {exc.strerror or exc}")
        return
    with opened as fh:
        head = fh.read(65536)
        utf16 = head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
        if start == 0:
            if not head.strip() and not fh.read(1 << 16).strip():
                yield Skipped(source, "empty file; there is no text to read")
                return
            try:
                check_binary(head, source, utf16=utf16 or bool(encoding and _WIDE.match(encoding)))
            except IngestError as exc:
                yield Skipped(exc.source, exc.reason)
                return
        if utf16 or (encoding is not None and _WIDE.match(encoding)):
            if start:
                return  # a wide corpus is read whole, by the reader of its first range
            fh.seek(0)
            yield from iter_jsonl(fh.read(), source, file_id, encoding)
            return
        for number, line in _stream_lines(fh, source, encoding, start, end, first_line):
            yield from _parse_line(line, source, number, file_id)


def _parse_line(line: str | Skipped, source: str, number: int, file_id: str) -> Iterator[Document | Skipped]:
    if isinstance(line, Skipped):
        yield line
        return
    try:
        obj = json.loads(line)
    except ValueError as exc:
        yield Skipped(f"{source}:{number}", f"invalid JSON ({getattr(exc, 'msg', exc)} at column "
                      f"{getattr(exc, 'colno', '?')}); each line must be one JSON object")
        return
    try:
        yield _record(obj, source, number, file_id)
    except IngestError as exc:
        yield Skipped(exc.source, exc.reason)


def line_offsets(path: Path | BinaryIO, every: int) -> list[tuple[int, int]]:
    """Gives ``(byte offset, line number)`` of the line starts that cut the file at ``path`` into ranges
    of about ``every`` bytes, the first being ``(0, 1)``; pass consecutive offsets as ``start``/``end`` of
    :func:`iter_jsonl_file` (the last range has ``end=None``). ``path`` may also be a binary file open
    at its start (an ``fsspec`` file, say); it is read to its end and left open."""
    cuts = [(0, 1)]
    with _opened(path) as fh:
        pos, number, mark = 0, 1, every
        for raw in fh:
            pos += len(raw)
            number += 1
            if b"\r" in raw and raw.strip():
                # a lone CR inside ends a line too, as the reader counts it (a blank line's are not counted)
                number += raw.rstrip(b"\n").removesuffix(b"\r").count(b"\r")
            if pos >= mark:
                cuts.append((pos, number))
                mark = pos + every
    if cuts[-1][0] >= pos and len(cuts) > 1:
        cuts.pop()  # no range starts at the end of the file
    return cuts


def _opened(path: Path | BinaryIO) -> ContextManager[BinaryIO]:
    """Gives the file at ``path`` opened for reading, or an already open file as it is (left open)."""
    return path.open("rb") if isinstance(path, Path) else nullcontext(path)
