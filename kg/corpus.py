"""Running the pipeline over a corpus: documents in, a graph and a report of what happened out.

One bad document never stops a run: it is reported (with the file and the reason) and the others'
results are kept. ``n_process > 1`` spreads documents over worker processes, each with its own
pipeline; workers send back plain records, so nothing spaCy-specific crosses process boundaries.
"""
from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import networkx as nx
from spacy.language import Language

from kg.graph import build_graph
from kg.ingest import iter_documents
from kg.nlp.result import doc_meta, result_from_doc
from kg.records import DocResult, Document, ExtractReport, Skipped

__all__ = ["ExtractReport", "process_document", "run", "extract"]


def process_document(nlp: Language, document: Document) -> DocResult:
    """Gives the records of one document run through ``nlp``."""
    doc = nlp.make_doc(document.text)
    doc._.kg_doc_id = document.id
    doc._.kg_meta = doc_meta(document)
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return result_from_doc(doc, document)


_WORKER_NLP: Language | None = None


def _worker_init(model: bool) -> None:
    global _WORKER_NLP
    from kg.nlp import load

    _WORKER_NLP = load(model=model)


def _worker(document: Document) -> DocResult | Skipped:
    assert _WORKER_NLP is not None
    return _safe(_WORKER_NLP, document)


def _safe(nlp: Language, document: Document) -> DocResult | Skipped:
    try:
        return process_document(nlp, document)
    except Exception as exc:  # one bad document must never stop the corpus run
        return Skipped(document.path or document.id, f"pipeline failed: {type(exc).__name__}: {exc}")


def run(inputs: str | Path | Iterable[str | Path], *, nlp: Language | None = None, n_process: int = 1,
        model: bool = True, encoding: str | None = None, limit: int | None = None) -> ExtractReport:
    """Gives the graph of the documents under ``inputs`` with a report of the run.

    Args:
        inputs: files, folders (read recursively), glob patterns or JSONL corpora.
        nlp: a pipeline from :func:`kg.load`; loaded on demand when omitted.
        n_process: worker processes (each loads its own pipeline).
        model: use the trained NER model when the pipeline is loaded here.
        encoding: force a text encoding instead of sniffing UTF-8/GB18030.
        limit: stop after this many documents.
    """
    t0 = time.perf_counter()
    report = ExtractReport(graph=nx.MultiDiGraph())
    documents = _documents(iter_documents(inputs, encoding=encoding), report, limit)
    if n_process > 1:
        with ProcessPoolExecutor(max_workers=n_process, initializer=_worker_init, initargs=(model,)) as pool:
            # a batch at a time, so a corpus of millions is never all in memory as Documents
            for batch in _batches(documents, 64 * n_process):
                _collect(pool.map(_worker, batch, chunksize=8), report)
    else:
        if nlp is None:
            from kg.nlp import load

            nlp = load(model=model)
        _collect((_safe(nlp, d) for d in documents), report)
    report.graph = build_graph(report.results)
    report.seconds = time.perf_counter() - t0
    return report


def _documents(items: Iterable[Document | Skipped], report: ExtractReport, limit: int | None) -> Iterator[Document]:
    n = 0
    for item in items:
        if isinstance(item, Skipped):
            report.skipped.append(item)
            continue
        if limit is not None and n >= limit:
            break
        n += 1
        report.characters += len(item.text)
        yield item


def _batches(items: Iterable[Document], size: int) -> Iterator[list[Document]]:
    batch: list[Document] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _collect(outcomes: Iterable[DocResult | Skipped], report: ExtractReport) -> None:
    for out in outcomes:
        if isinstance(out, Skipped):
            report.skipped.append(out)
        else:
            report.results.append(out)


def extract(inputs: str | Path | Iterable[str | Path], **kwargs) -> nx.MultiDiGraph:
    """Gives the who-said-what graph of the documents under ``inputs`` (see :func:`run` for options)."""
    return run(inputs, **kwargs).graph
