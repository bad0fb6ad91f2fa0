"""Running the pipeline over a corpus: documents in, a graph and a report of what happened out.

This room moves data between the others: ``kg.ingest`` gives documents, :mod:`kg.run.task` turns
them into per-document records with the spaCy pipeline (:mod:`kg.nlp`), and :func:`kg.graph.build_graph`
joins the records into one graph. It is the seam where a store of results and other runners plug in.

One bad document never stops a run: it is reported (with the file and the reason) and the others'
results are kept. ``n_process > 1`` spreads documents over worker processes, each with its own
pipeline; workers send back plain records, so nothing spaCy-specific crosses process boundaries.
"""
from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import networkx as nx
from spacy.language import Language

from kg.graph import build_graph
from kg.ingest import iter_documents
from kg.records import DocResult, Document, ExtractReport, Skipped
from kg.run.local import run_processes, run_serial
from kg.run.task import fingerprint, process
from kg.store import Store, content_hash

__all__ = ["ExtractReport", "process", "run", "extract"]


def run(inputs: str | Path | Iterable[str | Path], *, nlp: Language | None = None, n_process: int = 1,
        model: bool = True, encoding: str | None = None, limit: int | None = None,
        min_confidence: float = 0.0,
        progress: Callable[[DocResult | Skipped, int], object] | None = None,
        store: Store | str | Path | None = None) -> ExtractReport:
    """Gives the graph of the documents under ``inputs`` with a report of the run.

    Args:
        inputs: files, folders (read recursively), glob patterns or JSONL corpora.
        nlp: a pipeline from :func:`kg.load`; loaded on demand when omitted.
        n_process: worker processes (each loads its own pipeline).
        model: use the trained NER model when the pipeline is loaded here.
        encoding: force a text encoding instead of sniffing UTF-8/GB18030.
        limit: stop after this many documents.
        min_confidence: leave claims below this confidence out of the graph (0 keeps every claim).
        progress: called as ``progress(outcome, characters)`` once per outcome, a ``DocResult`` or a
            ``Skipped``, with the length of its document's text (0 for an unreadable input), e.g. a
            :class:`kg.run.progress.Progress`.
        store: a :class:`kg.store.Store` (or its path): documents stored with the same content and
            pipeline fingerprint are taken from it instead of processed again, and each new outcome is
            committed to it as it comes (every 64 documents or every second), so an interrupted run
            resumes where it stopped. The report's ``from_store`` counts the results taken from it.
    """
    t0 = time.perf_counter()
    report = ExtractReport(graph=nx.MultiDiGraph())
    lengths: deque[int] = deque()  # text lengths of the documents in flight, in input order
    documents = _documents(iter_documents(inputs, encoding=encoding), report, limit, progress, lengths)
    stored = None if store is None else _Stored(store, fingerprint(nlp, model=model), report)
    if stored is not None:
        documents = stored.unseen(documents)
    if n_process > 1:
        outcomes = run_processes(documents, n_process=n_process, model=model)
    else:
        if nlp is None:
            from kg.nlp import load

            nlp = load(model=model)
        outcomes = run_serial(nlp, documents)
    if stored is None:
        _collect(outcomes, report, progress, lengths)
    else:
        with stored:  # commits what is finished, also on Ctrl-C or an error
            _collect(stored.record(outcomes), report, progress, lengths)
    report.graph = build_graph(report.results, min_confidence=min_confidence)
    report.seconds = time.perf_counter() - t0
    return report


def _documents(items: Iterable[Document | Skipped], report: ExtractReport, limit: int | None,
               progress: Callable[[DocResult | Skipped, int], object] | None = None,
               lengths: deque[int] | None = None) -> Iterator[Document]:
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
        report.characters += len(item.text)
        if lengths is not None:
            lengths.append(len(item.text))
        yield item


def _collect(outcomes: Iterable[DocResult | Skipped], report: ExtractReport,
             progress: Callable[[DocResult | Skipped, int], object] | None = None,
             lengths: deque[int] | None = None) -> None:
    for out in outcomes:
        if isinstance(out, Skipped):
            report.skipped.append(out)
        else:
            report.results.append(out)
        characters = lengths.popleft() if lengths else 0  # one outcome per document, in input order
        if progress is not None:
            progress(out, characters)


class _Stored:
    """The store's side of a run: holds back the documents it knows, commits the new outcomes, and puts
    every document's outcome (stored or new) back in input order."""

    def __init__(self, store: Store | str | Path, fp: str, report: ExtractReport) -> None:
        self.own = not isinstance(store, Store)
        self.store = Store(store) if self.own else store
        self.writer = self.store.writer(fp)
        self.fingerprint = fp
        self.report = report
        # (doc_id, content hash, stored?) of each document read, in input order, until its outcome is out
        self.pending: deque[tuple[str, str, bool]] = deque()

    def unseen(self, documents: Iterable[Document]) -> Iterator[Document]:
        for document in documents:
            digest = content_hash(document)
            known = self.store.known(document.id, digest, self.fingerprint)
            self.pending.append((document.id, digest, known))
            if known:
                self.report.characters -= len(document.text)  # characters counts what the pipeline read
            else:
                yield document

    def _stored_first(self) -> Iterator[DocResult | Skipped]:
        while self.pending and self.pending[0][2]:
            doc_id, _, _ = self.pending.popleft()
            outcome = self.store.get(doc_id)
            if outcome is not None:
                self.report.from_store += isinstance(outcome, DocResult)
                yield outcome

    def record(self, outcomes: Iterable[DocResult | Skipped]) -> Iterator[DocResult | Skipped]:
        for out in outcomes:
            yield from self._stored_first()
            doc_id, digest, _ = self.pending.popleft()  # one outcome per document sent, in input order
            self.writer.add(doc_id, digest, out)
            yield out
        yield from self._stored_first()

    def __enter__(self) -> _Stored:
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            self.writer.flush()
        finally:
            if self.own:
                self.store.close()


def extract(inputs: str | Path | Iterable[str | Path], **kwargs) -> nx.MultiDiGraph:
    """Gives the who-said-what graph of the documents under ``inputs`` (see :func:`run` for options)."""
    return run(inputs, **kwargs).graph
