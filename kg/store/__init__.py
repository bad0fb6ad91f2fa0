"""An embedded store of per-document results (SQLite, no server), for incremental and resumable runs.

Each row is one document, keyed by its id, with the SHA-256 of its content (:func:`content_hash`: the
text and every metadata field a result depends on) and the fingerprint of the pipeline that produced it
(a string made by :func:`kg.run.task.fingerprint`; this module only stores it). A row holds either the
document's :class:`~kg.records.DocResult` as the JSON of ``to_dict()`` or, for a document the pipeline
failed on, its :class:`~kg.records.Skipped` (source and reason), so a re-run does not retry a known-bad
document unless it changed. The database is in WAL mode and every :meth:`Store.put` is one transaction:
a process killed at any moment leaves every committed batch whole and nothing half-written.

A second table, ``run_documents``, lists the documents of the latest run in input order (a writer from
:meth:`Store.writer` with ``run=True`` starts it afresh), so the run's graph is built from the store one
document at a time (:meth:`Store.run_results`) and a run's memory does not grow with its corpus.

This module imports only the standard library and kg's records and errors (never spaCy).
"""
from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict
from pathlib import Path

from kg.errors import KGError
from kg.records import DocResult, Document, Skipped

__all__ = ["Store", "Writer", "RunResults", "content_hash", "SCHEMA_VERSION", "APPLICATION"]

#: the layout of the tables below; a store written by a newer kg (a higher number) is refused, an older
#: one is brought up to date when opened (version 2 added ``run_documents``)
SCHEMA_VERSION = 2
#: the ``meta`` table's ``application`` value that marks a file as a kg store
APPLICATION = "kg-store"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    doc_id TEXT PRIMARY KEY,
    content_hash TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('ok', 'skipped')),
    result TEXT,          -- JSON of DocResult.to_dict() when status = 'ok'
    source TEXT,          -- Skipped.source when status = 'skipped'
    reason TEXT,          -- Skipped.reason when status = 'skipped'
    updated REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS run_documents (pos INTEGER PRIMARY KEY, doc_id TEXT NOT NULL);
"""

#: ids per ``IN (...)`` query (well under SQLite's limit on bound parameters)
_CHUNK = 500


def content_hash(document: Document) -> str:
    """Gives the SHA-256 (hex) of everything in ``document`` that its result depends on: the text and
    every metadata field (id, title, date, author, categories, source, path, format, url)."""
    data = json.dumps(asdict(document), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


class Store:
    """Per-document results in one SQLite file; use as a context manager or call :meth:`close`.

    Args:
        path: the database file; created (with its folder) when absent.

    Raises:
        KGError: the file is not a kg store (or not SQLite at all), or was written by a newer kg.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        if self.path.is_dir():
            raise KGError(f"{self.path}: is a folder, not a kg store; pass a file path such as "
                          f"{self.path / 'kg-store.sqlite'}")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._db = sqlite3.connect(self.path, isolation_level=None)  # transactions are explicit
        except sqlite3.Error as exc:
            raise KGError(f"{self.path}: cannot open as a kg store ({exc})") from None
        try:
            self._open()
        except sqlite3.DatabaseError as exc:
            self._db.close()
            raise KGError(f"{self.path}: not a kg store ({exc}); pass another --store path, or remove the file "
                          f"to start a new store") from None
        except KGError:
            self._db.close()
            raise

    def _open(self) -> None:
        db = self._db
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL: a commit survives a killed process
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not tables:
            db.execute("BEGIN IMMEDIATE")
            for statement in _SCHEMA.split(";"):
                if statement.strip():
                    db.execute(statement)
            db.executemany("INSERT INTO meta (key, value) VALUES (?, ?)",
                           [("application", APPLICATION), ("schema_version", str(SCHEMA_VERSION))])
            db.execute("COMMIT")
            return
        meta = dict(db.execute("SELECT key, value FROM meta")) if "meta" in tables else {}
        if meta.get("application") != APPLICATION or "documents" not in tables:
            raise KGError(f"{self.path}: an SQLite database but not a kg store; pass another --store path, "
                          f"or remove the file to start a new store")
        version = int(meta.get("schema_version", "0"))
        if version > SCHEMA_VERSION:
            raise KGError(f"{self.path}: written by a newer kg (store schema {version}, this kg reads up to "
                          f"{SCHEMA_VERSION}); upgrade kg (pip install -U kg) or pass another --store path")
        if version < SCHEMA_VERSION:
            db.execute("BEGIN IMMEDIATE")
            for statement in _SCHEMA.split(";"):
                if statement.strip():
                    db.execute(statement)
            db.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION),))
            db.execute("COMMIT")

    # -- writing -----------------------------------------------------------------------------------------
    def put(self, entries: Iterable[tuple[str, str, DocResult | Skipped]], *, fingerprint: str,
            run: Iterable[tuple[int, str]] = ()) -> int:
        """Stores each ``(doc_id, content_hash, outcome)`` (a result, or a ``Skipped`` for a document the
        pipeline failed on) with the pipeline ``fingerprint``, replacing what was stored under the same id,
        and each ``(position, doc_id)`` of ``run`` in the latest run's list, all in one transaction; gives
        how many outcomes were written."""
        now = time.time()
        rows = [_row(doc_id, digest, fingerprint, outcome, now) for doc_id, digest, outcome in entries]
        run = list(run)
        if not rows and not run:
            return 0
        db = self._db
        db.execute("BEGIN IMMEDIATE")
        try:
            db.executemany("INSERT OR REPLACE INTO documents (doc_id, content_hash, fingerprint, status, result, "
                           "source, reason, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
            db.executemany("INSERT OR REPLACE INTO run_documents (pos, doc_id) VALUES (?, ?)", run)
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")
        return len(rows)

    def writer(self, fingerprint: str, *, every: int = 64, seconds: float = 1.0, run: bool = False) -> Writer:
        """Gives a :class:`Writer` that commits its outcomes every ``every`` documents or ``seconds``; with
        ``run``, the latest run's list of documents is emptied first and the writer fills it
        (:meth:`Writer.seen`)."""
        if run:
            self._db.execute("DELETE FROM run_documents")  # autocommit: one statement, one transaction
        return Writer(self, fingerprint, every=every, seconds=seconds)

    # -- reading -----------------------------------------------------------------------------------------
    def known(self, doc_id: str, content_hash: str, fingerprint: str) -> bool:
        """Gives True when ``doc_id`` is stored with this content hash and pipeline fingerprint (as a result
        or as a known failure), so running it again would give the same outcome."""
        return self.status(doc_id, content_hash, fingerprint) is not None

    def status(self, doc_id: str, content_hash: str, fingerprint: str) -> str | None:
        """Gives ``"ok"`` (a result) or ``"skipped"`` (a known failure) when ``doc_id`` is stored with this
        content hash and pipeline fingerprint, and None when it is not."""
        row = self._db.execute("SELECT status FROM documents WHERE doc_id = ? AND content_hash = ? AND "
                               "fingerprint = ?", (doc_id, content_hash, fingerprint)).fetchone()
        return None if row is None else row[0]

    def digests(self, fingerprint: str) -> dict[str, str]:
        """Gives ``doc_id -> content hash`` of every document stored with the pipeline ``fingerprint`` (what
        a runner that reads its own inputs needs to leave known documents alone)."""
        return dict(self._db.execute("SELECT doc_id, content_hash FROM documents WHERE fingerprint = ?",
                                     (fingerprint,)))

    def run_results(self) -> RunResults:
        """Gives the results of the latest run's documents, in its input order, read from the file one
        document at a time whenever iterated (see :class:`RunResults`)."""
        return RunResults(self.path)

    def get(self, doc_id: str) -> DocResult | Skipped | None:
        """Gives the stored outcome of ``doc_id``, or None when it is not stored."""
        row = self._db.execute("SELECT status, result, source, reason FROM documents WHERE doc_id = ?",
                               (doc_id,)).fetchone()
        return None if row is None else _outcome(*row)

    def outcomes(self, doc_ids: Iterable[str]) -> Iterator[tuple[str, DocResult | Skipped]]:
        """Gives ``(doc_id, outcome)`` for each stored id of ``doc_ids``, in the order given (ids not stored
        are left out)."""
        ids = list(doc_ids)
        for i in range(0, len(ids), _CHUNK):
            chunk = ids[i:i + _CHUNK]
            marks = ",".join("?" * len(set(chunk)))
            found = {r[0]: r[1:] for r in self._db.execute(
                f"SELECT doc_id, status, result, source, reason FROM documents WHERE doc_id IN ({marks})",
                list(dict.fromkeys(chunk)))}
            for doc_id in chunk:
                if doc_id in found:
                    yield doc_id, _outcome(*found[doc_id])

    def iter_results(self, doc_ids: Iterable[str] | None = None) -> Iterator[DocResult]:
        """Gives the stored results of ``doc_ids`` in that order, or of every stored document (in id order)
        when ``doc_ids`` is None; known failures are left out (see :meth:`iter_skipped`)."""
        if doc_ids is None:
            for (result,) in self._db.execute("SELECT result FROM documents WHERE status = 'ok' ORDER BY doc_id"):
                yield DocResult.from_dict(json.loads(result))
            return
        for _, outcome in self.outcomes(doc_ids):
            if isinstance(outcome, DocResult):
                yield outcome

    def iter_skipped(self) -> Iterator[tuple[str, Skipped]]:
        """Gives ``(doc_id, skipped)`` for every document the pipeline is known to fail on."""
        for doc_id, source, reason in self._db.execute(
                "SELECT doc_id, source, reason FROM documents WHERE status = 'skipped' ORDER BY doc_id"):
            yield doc_id, Skipped(source, reason)

    def __len__(self) -> int:
        return self._db.execute("SELECT COUNT(*) FROM documents").fetchone()[0]

    # -- lifetime ----------------------------------------------------------------------------------------
    def close(self) -> None:
        """Closes the database (every :meth:`put` is already committed)."""
        self._db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({str(self.path)!r})"


class Writer:
    """Buffers outcomes and commits them in batches, so a killed run loses at most the last batch.

    Use as a context manager (the rest is committed on leaving, also on an exception or Ctrl-C), or call
    :meth:`flush` at the end.
    """

    def __init__(self, store: Store, fingerprint: str, *, every: int = 64, seconds: float = 1.0) -> None:
        self.store = store
        self.fingerprint = fingerprint
        self.every = every
        self.seconds = seconds
        self.written = 0
        self.position = 0  # documents of the run listed so far (Writer.seen)
        self._buffer: list[tuple[str, str, DocResult | Skipped]] = []
        self._run: list[tuple[int, str]] = []
        self._last = time.monotonic()

    def seen(self, doc_id: str) -> None:
        """Lists ``doc_id`` as the run's next document (stored before or to be added), committed with the
        next batch."""
        self._run.append((self.position, doc_id))
        self.position += 1
        if len(self._run) >= 8 * self.every:
            self.flush()

    def add(self, doc_id: str, content_hash: str, outcome: DocResult | Skipped) -> None:
        """Buffers one outcome; commits the buffer when it is full or a batch is ``seconds`` old."""
        self._buffer.append((doc_id, content_hash, outcome))
        if len(self._buffer) >= self.every or time.monotonic() - self._last >= self.seconds:
            self.flush()

    def flush(self) -> None:
        """Commits every buffered outcome in one transaction."""
        if self._buffer or self._run:
            self.written += self.store.put(self._buffer, fingerprint=self.fingerprint, run=self._run)
            self._buffer, self._run = [], []
        self._last = time.monotonic()

    def __enter__(self) -> Writer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.flush()


class RunResults(Sequence[DocResult]):
    """The results of a store's latest run, in input order, as a sequence read from the file on demand:
    iterating opens the store read-only and decodes one document at a time, so a corpus of any size can
    be walked (as often as needed) in the memory of one document. A document listed twice in the run
    counts once, at its first place; known failures are left out."""

    _QUERY = ("FROM (SELECT doc_id, MIN(pos) AS pos FROM run_documents GROUP BY doc_id) AS r "
              "JOIN documents AS d ON d.doc_id = r.doc_id WHERE d.status = 'ok'")

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)

    def _connect(self) -> sqlite3.Connection:
        if not self.path.is_file():
            raise KGError(f"{self.path}: the store of this run is gone; run kg extract again")
        # read-write but query-only, so the last connection to close still cleans up the WAL files; a
        # store on a read-only file system is opened read-only
        mode = "rw" if os.access(self.path, os.W_OK) and os.access(self.path.parent, os.W_OK) else "ro"
        db = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode={mode}", uri=True)
        db.execute("PRAGMA query_only = ON")
        return db

    def __iter__(self) -> Iterator[DocResult]:
        db = self._connect()
        try:
            for (result,) in db.execute(f"SELECT d.result {self._QUERY} ORDER BY r.pos"):
                yield DocResult.from_dict(json.loads(result))
        finally:
            db.close()

    def __len__(self) -> int:
        db = self._connect()
        try:
            return db.execute(f"SELECT COUNT(*) {self._QUERY}").fetchone()[0]
        finally:
            db.close()

    def __getitem__(self, index):  # type: ignore[override]
        if isinstance(index, slice):
            return list(self)[index]
        n = len(self)
        k = index + n if index < 0 else index
        if not 0 <= k < n:
            raise IndexError("run result index out of range")
        db = self._connect()
        try:
            (result,) = db.execute(f"SELECT d.result {self._QUERY} ORDER BY r.pos LIMIT 1 OFFSET ?", (k,)).fetchone()
        finally:
            db.close()
        return DocResult.from_dict(json.loads(result))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (RunResults, list, tuple)):
            return list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"RunResults({str(self.path)!r})"


def _row(doc_id: str, digest: str, fingerprint: str, outcome: DocResult | Skipped, now: float) -> tuple:
    if isinstance(outcome, DocResult):
        result = json.dumps(outcome.to_dict(), ensure_ascii=False, separators=(",", ":"))
        return (doc_id, digest, fingerprint, "ok", result, None, None, now)
    if isinstance(outcome, Skipped):
        return (doc_id, digest, fingerprint, "skipped", None, outcome.source, outcome.reason, now)
    raise TypeError(f"cannot store {type(outcome).__name__}: give a DocResult or a Skipped")


def _outcome(status: str, result: str | None, source: str | None, reason: str | None) -> DocResult | Skipped:
    if status == "ok":
        return DocResult.from_dict(json.loads(result or "{}"))
    return Skipped(source or "", reason or "")
