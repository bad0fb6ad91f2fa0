"""A run's inputs cut into partitions that a worker elsewhere reads on its own, without reading them here.

:func:`partitions` walks the inputs as :func:`kg.ingest.iter_documents` does (the same files, in the same
order, each once) but reads no document: files are grouped ``files`` at a time, and a JSON Lines corpus
larger than ``every`` bytes is cut at line starts into byte ranges of about ``every`` bytes
(:func:`kg.ingest.jsonl.line_offsets`). :func:`read_partition` then gives a partition's documents and
skipped inputs exactly as ``iter_documents`` gives those items, so the partitions read one after the other
give ``iter_documents(inputs)``. A partition is a small frozen dataclass of strings and ints: it pickles,
and names each file by where a worker opens it (an absolute path, so on another machine it must be
reachable at the same path) and by how ``iter_documents`` names it in ids and messages.

Besides paths, an input may be an fsspec URL (``s3://bucket/news/``, ``file:///data/corpus.jsonl``, …): a
file, a folder (read recursively, hidden files and folders left out) or a glob pattern, opened through
fsspec here to list it and by the worker to read it. This needs fsspec (``pip install "kg[dask]"``) and the
filesystem's own package (s3fs for ``s3://``). ``iter_documents`` itself reads local paths only.
"""
from __future__ import annotations

import codecs
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any, BinaryIO

from kg.errors import IngestError
from kg.ingest.decode import check_binary
from kg.ingest.document import document_from_bytes, read_bytes, read_head
from kg.ingest.jsonl import iter_jsonl_file, line_offsets, looks_like_jsonl
from kg.ingest.sources import iter_sources
from kg.records import Document, Skipped

__all__ = ["Source", "Files", "Lines", "Partition", "partitions", "read_partition", "is_url"]

#: how a URL starts: a scheme, then ``://`` (``s3://``, ``file://``, ``memory://``, ``simplecache::s3://``)
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*(::[A-Za-z][A-Za-z0-9+.\-]*)*://")
_GLOB_MAGIC = re.compile(r"[*?[]")
#: codecs whose newline is not the single byte 0x0a (a corpus read with one is read whole, never cut)
_WIDE = re.compile(r"(?i)utf[-_]?(16|32)")
#: bytes of a file's head that tell a JSONL corpus (as ``iter_documents`` reads them)
_HEAD = 1 << 20


@dataclass(frozen=True, slots=True)
class Source:
    """One input file: where a worker opens it, and how ids and messages name it."""

    location: str  # an absolute path, or an fsspec URL
    source: str  # the file as iter_documents names it (Document.path, Skipped.source, "source:line")
    doc_id: str  # the document id of a single-document file; the id prefix of a JSONL line without one


@dataclass(frozen=True, slots=True)
class Files:
    """Whole files, read one after the other, and the inputs among them that named nothing."""

    items: tuple[Source | Skipped, ...]


@dataclass(frozen=True, slots=True)
class Lines:
    """The lines of a JSONL corpus that start in the byte range ``[start, end)`` (``end=None``: to the end)."""

    file: Source
    start: int
    end: int | None
    first_line: int  # the line number of the line at ``start``


Partition = Files | Lines


def is_url(item: object) -> bool:
    """Tells whether an input is an fsspec URL (``scheme://...``) rather than a local path."""
    return isinstance(item, str) and _URL.match(item) is not None


def partitions(inputs: str | Path | Iterable[str | Path], *, files: int = 16, every: int = 1 << 20,
               encoding: str | None = None) -> Iterator[Partition]:
    """Gives the partitions of ``inputs`` in input order, reading no document (only the head of a file
    over ``every`` bytes, to tell a JSONL corpus, and such a corpus's line starts).

    Args:
        inputs: as :func:`kg.ingest.iter_documents` takes them, and fsspec URLs.
        files: whole files per :class:`Files` partition.
        every: a JSONL corpus over this many bytes is cut into :class:`Lines` ranges of about this size.
        encoding: the encoding the partitions will be read with (a 16- or 32-bit one keeps a corpus whole).
    """
    if files < 1 or every < 1:
        raise ValueError(f"files and every must be at least 1, not {files} and {every}")
    chunk: list[Source | Skipped] = []
    for entry, size in _sources(inputs):
        cuts = None if isinstance(entry, Skipped) or size <= every else _cuts(entry, every, encoding)
        if cuts is None:
            chunk.append(entry)
            if len(chunk) >= files:
                yield Files(tuple(chunk))
                chunk = []
            continue
        if chunk:
            yield Files(tuple(chunk))
            chunk = []
        ends = [start for start, _ in cuts[1:]] + [None]
        for (start, first_line), end in zip(cuts, ends):
            yield Lines(entry, start, end, first_line)
    if chunk:
        yield Files(tuple(chunk))


def read_partition(partition: Partition, *, encoding: str | None = None) -> Iterator[Document | Skipped]:
    """Gives the documents of ``partition``, and a `Skipped` for each input in it that cannot be read,
    exactly as :func:`kg.ingest.iter_documents` gives those items."""
    if isinstance(partition, Lines):
        src = partition.file
        where = dict(start=partition.start, end=partition.end, first_line=partition.first_line)
        if not is_url(src.location):
            yield from iter_jsonl_file(Path(src.location), src.source, src.doc_id, encoding, **where)
            return
        try:
            with _open_url(src.location) as fh:
                yield from iter_jsonl_file(fh, src.source, src.doc_id, encoding, **where)
        except OSError as exc:
            yield Skipped(src.source, f"cannot read: {exc.strerror or exc}")
        return
    for item in partition.items:
        if isinstance(item, Skipped):
            yield item
        else:
            yield from _read_file(item, encoding)


# -- listing -----------------------------------------------------------------------------------------------
def _sources(inputs: str | Path | Iterable[str | Path]) -> Iterator[tuple[Source | Skipped, int]]:
    """Gives each file the inputs reach, once, with its size in bytes (a `Skipped`, size 0, for an input
    that names nothing), in :func:`kg.ingest.sources.iter_sources` order."""
    items = [inputs] if isinstance(inputs, (str, Path)) else list(inputs)
    seen: set[Path | str] = set()
    for item in items:
        if is_url(item):
            entries: Iterable[tuple[Source | Skipped, int]] = _url_sources(str(item))
        else:
            entries = _local_sources(item)
        for entry, size in entries:
            if isinstance(entry, Source):
                key: Path | str = entry.location if is_url(entry.location) else Path(entry.location).resolve()
                if key in seen:
                    continue
                seen.add(key)
            yield entry, size


def _local_sources(item: str | Path) -> Iterator[tuple[Source | Skipped, int]]:
    for entry in iter_sources(item):
        if isinstance(entry, Skipped):
            yield entry, 0
            continue
        path, doc_id = entry
        try:
            size = path.stat().st_size
        except OSError:
            size = 0  # the worker's read says why
        # absolute, not resolved: a link keeps its own name, and so its suffix, as iter_documents reads it
        yield Source(str(path.absolute()), str(path), doc_id), size


def _url_sources(url: str) -> Iterator[tuple[Source | Skipped, int]]:
    try:
        fs, root = _filesystem(url)
    except (ImportError, ValueError) as exc:
        yield Skipped(url, f"cannot open this URL: {exc}"), 0
        return
    try:
        listed = list(_listed(fs, root, url))
    except OSError as exc:  # a filesystem that refuses to list (permissions, network)
        yield Skipped(url, f"cannot list this URL: {exc.strerror or exc}"), 0
        return
    yield from listed


def _listed(fs: Any, root: str, url: str) -> Iterator[tuple[Source | Skipped, int]]:
    if _GLOB_MAGIC.search(root):
        base, prefix = _fixed(root), _fixed(url)  # the pattern's fixed folder, on the filesystem and as given
        found = []
        for path, info in sorted(fs.glob(root, detail=True).items()):
            rel = path[len(base):].lstrip("/") if path.startswith(base) else PurePosixPath(path).name
            if info.get("type") == "file" and not _hidden(rel):  # as glob.glob, which leaves out dot files
                found.append((rel, int(info.get("size") or 0)))
        if not found:
            yield Skipped(url, "no files match this pattern; check the URL"), 0
        for rel, size in found:
            yield Source(f"{prefix}/{rel}", f"{prefix}/{rel}", rel), size
    elif fs.isdir(root):
        top, prefix = root.rstrip("/"), url.rstrip("/")
        found = []
        for path, info in fs.find(top, detail=True).items():
            rel = path[len(top):].lstrip("/") if path.startswith(top) else path
            if info.get("type") == "file" and not _hidden(rel):
                found.append((tuple(rel.split("/")), int(info.get("size") or 0)))
        for parts, size in sorted(found):
            yield Source(f"{prefix}/{'/'.join(parts)}", f"{prefix}/{'/'.join(parts)}", "/".join(parts)), size
    elif fs.exists(root):
        yield Source(url, url, PurePosixPath(root).name), int(fs.size(root) or 0)
    else:
        yield Skipped(url, "nothing at this URL; check it"), 0


def _fixed(pattern: str) -> str:
    """Gives the part of a glob pattern before its first part with a wildcard."""
    parts = pattern.split("/")
    fixed = next((i for i, part in enumerate(parts) if _GLOB_MAGIC.search(part)), len(parts))
    return "/".join(parts[:fixed])


def _hidden(rel: str) -> bool:
    return any(part.startswith(".") for part in rel.split("/"))


def _cuts(src: Source, every: int, encoding: str | None) -> list[tuple[int, int]] | None:
    """Gives the line starts that cut a JSONL corpus into ranges, or None for a file read whole: not a
    corpus, a wide encoding, or one whose head ``iter_documents`` refuses (blank, binary)."""
    if encoding is not None and _WIDE.match(encoding):
        return None
    try:
        head = _head(src, _HEAD)
        if not looks_like_jsonl(Path(src.source), head) or not head[:1 << 17].strip():
            return None
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return None
        check_binary(head[:65536], src.source, utf16=False)
        if not is_url(src.location):
            cuts = line_offsets(Path(src.location), every)
        else:
            with _open_url(src.location) as fh:
                cuts = line_offsets(fh, every)
    except (IngestError, OSError):
        return None  # the worker reads it whole and says what is wrong
    return cuts if len(cuts) > 1 else None


# -- reading -----------------------------------------------------------------------------------------------
def _read_file(src: Source, encoding: str | None) -> Iterator[Document | Skipped]:
    """Gives what :func:`kg.ingest.iter_documents` gives for one file: a document, a JSONL corpus's
    documents (line by line), or a `Skipped`."""
    try:
        head = _head(src, _HEAD)
        if looks_like_jsonl(Path(src.source), head):
            if not is_url(src.location):
                yield from iter_jsonl_file(Path(src.location), src.source, src.doc_id, encoding)
                return
            with _open_url(src.location) as fh:
                yield from iter_jsonl_file(fh, src.source, src.doc_id, encoding)
            return
        yield document_from_bytes(_bytes(src), src.source, src.doc_id, encoding)
    except IngestError as exc:
        yield Skipped(exc.source, exc.reason)
    except OSError as exc:  # an fsspec filesystem failing mid-read
        yield Skipped(src.source, f"cannot read: {exc.strerror or exc}")


def _head(src: Source, size: int) -> bytes:
    if not is_url(src.location):
        return read_head(Path(src.location), src.source, size)
    with _url_errors(src.source), _open_url(src.location) as fh:
        return fh.read(size)


def _bytes(src: Source) -> bytes:
    if not is_url(src.location):
        return read_bytes(Path(src.location), src.source)
    with _url_errors(src.source), _open_url(src.location) as fh:
        return fh.read()


@contextmanager
def _url_errors(source: str) -> Iterator[None]:
    """Turns an fsspec read error into the `IngestError` a local read gives."""
    try:
        yield
    except FileNotFoundError:
        raise IngestError(source, "no such file or directory; check the path") from None
    except OSError as exc:
        raise IngestError(source, f"cannot read: {exc.strerror or exc}") from None


def _filesystem(url: str) -> tuple[Any, str]:
    try:
        import fsspec.core
    except ImportError:
        raise ImportError('fsspec is not installed; pip install "kg[dask]"') from None
    return fsspec.core.url_to_fs(url)


def _open_url(url: str) -> BinaryIO:
    fs, path = _filesystem(url)
    return fs.open(path, "rb")

