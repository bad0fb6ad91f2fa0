"""Running the pipeline over a corpus: documents in, a graph and a report of what happened out.

This room moves data between the others: ``kg.ingest`` gives documents, :mod:`kg.run.task` turns
them into per-document records with the spaCy pipeline (:mod:`kg.nlp`), and :func:`kg.graph.build_graph`
joins the records into one graph. It is the seam where a store of results and other runners plug in.

One bad document never stops a run: it is reported (with the file and the reason) and the others'
results are kept. Every document keeps its own identity: one whose id an earlier document of the run
already has (``a.txt`` in two folders, a JSONL id given twice) is kept as ``<id>~2`` (``~3``, ...), in input
order, with a warning in the report naming both sources. ``n_process > 1`` spreads documents over worker processes, each with its own
pipeline; workers send back plain records, so nothing spaCy-specific crosses process boundaries.
"""
from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path

import networkx as nx
from spacy.language import Language

from kg.errors import KGError
from kg.graph import build_graph
from kg.ingest import iter_documents
from kg.records import DocResult, Document, ExtractReport, Skipped
from kg.run.local import WORKER_DIED, run_processes, run_serial
from kg.run.task import fingerprint, process
from kg.store import Store, content_hash

__all__ = ["ExtractReport", "process", "run", "extract"]


def run(inputs: str | Path | Iterable[str | Path], *, nlp: Language | None = None, n_process: int = 1,
        model: bool = True, encoding: str | None = None, limit: int | None = None,
        min_confidence: float = 0.0,
        progress: Callable[[DocResult | Skipped, int], object] | None = None,
        store: Store | str | Path | None = None, dask: str | None = None) -> ExtractReport:
    """Gives the graph of the documents under ``inputs`` with a report of the run.

    Args:
        inputs: files, folders (read recursively), glob patterns or JSONL corpora.
        nlp: a pipeline from :func:`kg.load`; loaded on demand when omitted.
        n_process: worker processes (each loads its own pipeline); with ``dask="local"``, the local
            cluster's workers (default 2).
        model: use the trained NER model when the pipeline is loaded here.
        encoding: force a text encoding instead of sniffing UTF-8/GB18030.
        limit: stop after this many documents.
        min_confidence: leave claims below this confidence out of the graph (0 keeps every claim).
        progress: called as ``progress(outcome, characters)`` once per outcome, a ``DocResult`` or a
            ``Skipped``, with the length of its document's text (0 for an unreadable input), e.g. a
            :class:`kg.run.progress.Progress`; a document whose result is taken from the store is told
            as a ``DocResult`` holding only its id, with 0 characters.
        store: a :class:`kg.store.Store` (or its path): documents stored with the same content and
            pipeline fingerprint are taken from it instead of processed again, and each new outcome is
            committed to it as it comes (every 64 documents or every second), so an interrupted run
            resumes where it stopped. Results then live in the store, not in memory: the report's
            ``results`` is a :class:`kg.store.RunResults` read from the file on demand, the graph is
            built from it, and a run's memory does not grow with its corpus. The report's ``from_store``
            counts the results taken from it. A document renamed for a colliding id is stored under its
            new id (with the content hash of the document as read).
        dask: run the extraction on a dask.distributed cluster: ``"local"`` (a ``LocalCluster`` on this
            machine) or a scheduler address such as ``"tcp://10.0.0.5:8786"``; the workers read the
            inputs themselves (see :func:`kg.run.dask.run_dask`). Needs ``pip install "kg[dask]"``.
    """
    if dask is not None and nlp is not None:
        raise KGError("run(nlp=..., dask=...): the cluster's workers load their own pipeline (kg.load); pass "
                      "model= instead of nlp=")
    t0 = time.perf_counter()
    report = ExtractReport(graph=nx.MultiDiGraph())
    ids = _Ids(report)
    stored = None if store is None else _Stored(store, fingerprint(nlp, model=model), report, progress, ids)
    try:
        if dask is not None:
            from kg.run.dask import run_dask

            items = run_dask(inputs, address=dask, model=model, encoding=encoding, limit=limit,
                             known=None if stored is None else stored.store.digests(stored.fingerprint),
                             n_workers=max(n_process, 2) if n_process > 1 else 2)
            _collect_dask(items, report, progress, stored, ids)
        else:
            lengths: deque[int] = deque()  # text lengths of the documents in flight, in input order
            documents: Iterable[Document] = _documents(iter_documents(inputs, encoding=encoding), report, limit,
                                                       progress, ids)
            if stored is not None:
                documents = stored.unseen(documents)
            documents = _tracked(documents, report, lengths)
            if n_process > 1:
                outcomes = run_processes(documents, n_process=n_process, model=model)
            else:
                if nlp is None:
                    from kg.nlp import load

                    nlp = load(model=model)
                outcomes = run_serial(nlp, documents)
            if stored is not None:
                outcomes = stored.record(outcomes)
            _collect(outcomes, report, progress, lengths, keep=stored is None)
    finally:
        if stored is not None:
            stored.close()  # commits what is finished, also on Ctrl-C or an error
    if stored is not None:
        report.results = stored.store.run_results()
    report.graph = build_graph(report.results, min_confidence=min_confidence)
    report.seconds = time.perf_counter() - t0
    return report


class _Ids:
    """Gives every document of a run an id of its own, in input order: the first document with an id keeps
    it, a later one gets ``<id>~2`` (``~3``, ...: the first such id no document of the run has) and a
    warning in the report naming both sources."""

    def __init__(self, report: ExtractReport, source_of: Callable[[str], str] | None = None) -> None:
        self.report = report
        self.source_of = source_of  # the source of a document known only by its id (from a store)
        self.sources: dict[str, str] = {}  # every id given so far -> its document's source ("" unknown)
        self.renamed: dict[str, str] = {}  # a distinct id given -> the id its document came with
        self._next: dict[str, int] = {}  # id -> the suffix to try next for it

    def distinct(self, doc_id: str, source: str) -> str:
        """Gives the id of the run's next document, which came with ``doc_id`` from ``source``."""
        if doc_id not in self.sources:
            self.sources[doc_id] = source
            return doc_id
        n = self._next.get(doc_id, 2)
        while f"{doc_id}~{n}" in self.sources:
            n += 1
        self._next[doc_id] = n + 1
        new = f"{doc_id}~{n}"
        self.sources[new] = source
        self.renamed[new] = doc_id
        first = self.sources[doc_id]
        if not first and self.source_of is not None:
            first = self.sources[doc_id] = self.source_of(doc_id)
        self.report.warnings.append(f"{source or new}: has the id {doc_id} of {first or 'an earlier document'}; "
                                    f"kept as {new}")
        return new

    def original(self, document: Document) -> Document:
        """Gives ``document`` with the id it came with (for its content hash)."""
        doc_id = self.renamed.get(document.id)
        return document if doc_id is None else replace(document, id=doc_id)


def _documents(items: Iterable[Document | Skipped], report: ExtractReport, limit: int | None,
               progress: Callable[[DocResult | Skipped, int], object] | None = None,
               ids: _Ids | None = None) -> Iterator[Document]:
    """Gives the documents of ``items`` (at most ``limit``), each with an id of its own (``ids``); the
    unreadable inputs go to the report."""
    ids = _Ids(report) if ids is None else ids
    n = 0
    for item in items:
        if isinstance(item, Skipped):
            report.skipped.append(item)
            if progress is not None:
                progress(item, 0)
            continue
        if limit is not None and n >= limit:
            break
        n += 1
        doc_id = ids.distinct(item.id, item.path or item.id)
        yield item if doc_id == item.id else replace(item, id=doc_id)


def _tracked(documents: Iterable[Document], report: ExtractReport, lengths: deque[int]) -> Iterator[Document]:
    """Counts the characters of the documents sent to the pipeline and queues their lengths."""
    for document in documents:
        report.characters += len(document.text)
        lengths.append(len(document.text))
        yield document


def _collect(outcomes: Iterable[DocResult | Skipped], report: ExtractReport,
             progress: Callable[[DocResult | Skipped, int], object] | None = None,
             lengths: deque[int] | None = None, *, keep: bool = True) -> None:
    for out in outcomes:
        if isinstance(out, Skipped):
            report.skipped.append(out)
        elif keep:
            report.results.append(out)
        characters = lengths.popleft() if lengths else 0  # one outcome per document, in input order
        if progress is not None:
            progress(out, characters)


def _collect_dask(items: Iterable, report: ExtractReport,
                  progress: Callable[[DocResult | Skipped, int], object] | None, stored: _Stored | None,
                  ids: _Ids | None = None) -> None:
    """Takes :func:`kg.run.dask.run_dask`'s items: an unreadable input, or one document's outcome (None
    when the store has it).

    A worker saw each document under the id it came with; one whose id an earlier document has is renamed
    here (``ids``) and its outcome stored under the new id. A renamed document the store knew under its old
    id (an earlier run read it first) is taken from the store under its new id where it is stored so, else
    reported as not processed, with a note to run again: its old id's row is another document's now.
    """
    ids = _Ids(report) if ids is None else ids
    if stored is not None and ids.source_of is None:
        ids.source_of = stored.source_of
    for item in items:
        if isinstance(item, Skipped):
            report.skipped.append(item)
            if progress is not None:
                progress(item, 0)
            continue
        doc_id, digest, characters, out = item
        source = out.path if isinstance(out, DocResult) else out.source if isinstance(out, Skipped) else ""
        new_id = ids.distinct(doc_id, source or ("" if out is None else doc_id))
        if new_id != doc_id:
            if isinstance(out, DocResult):
                out = replace(out, doc_id=new_id)
            elif out is None and stored is not None \
                    and stored.store.status(new_id, digest, stored.fingerprint) is None:
                out = Skipped(new_id, f"not processed: the store knew this document under its id {doc_id}, which "
                                      f"is {ids.sources[doc_id] or 'an earlier document'}'s in this run; run the "
                                      f"same command again")
                report.skipped.append(out)
                if progress is not None:
                    progress(out, characters)
                continue
            doc_id = new_id
        if stored is not None:
            if out is None:
                stored.known(doc_id, digest)
                continue
            stored.writer.seen(doc_id)
            stored.writer.add(doc_id, digest, out)
        report.characters += characters
        if isinstance(out, Skipped):
            report.skipped.append(out)
        elif stored is None and out is not None:
            report.results.append(out)
        if progress is not None and out is not None:
            progress(out, characters)


class _Stored:
    """The store's side of a run: lists every document of the run in input order, holds back the ones it
    knows (their stored failures go to the report), and commits the new outcomes as they come."""

    def __init__(self, store: Store | str | Path, fp: str, report: ExtractReport,
                 progress: Callable[[DocResult | Skipped, int], object] | None = None,
                 ids: _Ids | None = None) -> None:
        self.own = not isinstance(store, Store)
        self.store = Store(store) if self.own else store
        self.writer = self.store.writer(fp, run=True)
        self.fingerprint = fp
        self.report = report
        self.progress = progress
        self.ids = ids  # the run's distinct ids: a renamed document's content hash is of it as read
        # (doc_id, content hash) of each document sent to the pipeline, until its outcome is out
        self.pending: deque[tuple[str, str]] = deque()

    def known(self, doc_id: str, digest: str) -> bool:
        """Lists the document in the run; gives True (and reports it) when the store has its outcome."""
        status = self.store.status(doc_id, digest, self.fingerprint)
        self.writer.seen(doc_id)
        if status is None:
            return False
        outcome: DocResult | Skipped | None = None
        if status == "ok":
            self.report.from_store += 1
        else:
            outcome = self.store.get(doc_id)
            if isinstance(outcome, Skipped):
                self.report.skipped.append(outcome)
        if self.progress is not None:
            self.progress(outcome if outcome is not None else DocResult(doc_id=doc_id), 0)
        return True

    def source_of(self, doc_id: str) -> str:
        """Gives the source of a stored document (its path, or where it failed), "" when not stored."""
        outcome = self.store.get(doc_id)
        return outcome.path if isinstance(outcome, DocResult) else outcome.source if outcome is not None else ""

    def unseen(self, documents: Iterable[Document]) -> Iterator[Document]:
        for document in documents:
            digest = content_hash(document if self.ids is None else self.ids.original(document))
            if not self.known(document.id, digest):
                self.pending.append((document.id, digest))
                yield document

    def record(self, outcomes: Iterable[DocResult | Skipped]) -> Iterator[DocResult | Skipped]:
        for out in outcomes:
            doc_id, digest = self.pending.popleft()  # one outcome per document sent, in input order
            if not (isinstance(out, Skipped) and out.reason.startswith(WORKER_DIED)):
                self.writer.add(doc_id, digest, out)  # a dead worker is not the document's fault: retried next run
            yield out

    def close(self) -> None:
        try:
            self.writer.flush()
        finally:
            if self.own:
                self.store.close()


def extract(inputs: str | Path | Iterable[str | Path], **kwargs) -> nx.MultiDiGraph:
    """Gives the who-said-what graph of the documents under ``inputs`` (see :func:`run` for options)."""
    return run(inputs, **kwargs).graph
