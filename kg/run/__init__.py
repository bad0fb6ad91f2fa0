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
from kg.run.task import process

__all__ = ["ExtractReport", "process", "run", "extract"]


def run(inputs: str | Path | Iterable[str | Path], *, nlp: Language | None = None, n_process: int = 1,
        model: bool = True, encoding: str | None = None, limit: int | None = None,
        min_confidence: float = 0.0,
        progress: Callable[[DocResult | Skipped, int], object] | None = None) -> ExtractReport:
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
    """
    t0 = time.perf_counter()
    report = ExtractReport(graph=nx.MultiDiGraph())
    lengths: deque[int] = deque()  # text lengths of the documents in flight, in input order
    documents = _documents(iter_documents(inputs, encoding=encoding), report, limit, progress, lengths)
    if n_process > 1:
        outcomes = run_processes(documents, n_process=n_process, model=model)
    else:
        if nlp is None:
            from kg.nlp import load

            nlp = load(model=model)
        outcomes = run_serial(nlp, documents)
    _collect(outcomes, report, progress, lengths)
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


def extract(inputs: str | Path | Iterable[str | Path], **kwargs) -> nx.MultiDiGraph:
    """Gives the who-said-what graph of the documents under ``inputs`` (see :func:`run` for options)."""
    return run(inputs, **kwargs).graph
