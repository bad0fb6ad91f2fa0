"""Runners on this machine: in this process, or spread over worker processes.

Both map :func:`kg.run.task.process` over the documents and give one ``DocResult`` or ``Skipped``
per document, in input order. Workers each load their own pipeline once and send back plain records.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice

from spacy.language import Language

from kg.records import DocResult, Document, Skipped
from kg.run.task import process

__all__ = ["run_serial", "run_processes"]

#: documents sent to a worker at a time: enough for kg_ner to batch sentences, small enough to keep
#: both workers busy to the end
CHUNK = 16


def run_serial(nlp: Language, documents: Iterable[Document]) -> Iterator[DocResult | Skipped]:
    """Gives each document's outcome, processed in this process by ``nlp``."""
    yield from process(nlp, documents)


_WORKER_NLP: Language | None = None


def _worker_init(model: bool) -> None:
    global _WORKER_NLP
    from kg.nlp import load

    _WORKER_NLP = load(model=model)


def _worker(chunk: list[Document]) -> list[DocResult | Skipped]:
    assert _WORKER_NLP is not None, "worker pipeline not loaded"
    return list(process(_WORKER_NLP, chunk))


def _chunks(items: Iterable[Document], size: int) -> Iterator[list[Document]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def run_processes(documents: Iterable[Document], *, n_process: int, model: bool = True
                  ) -> Iterator[DocResult | Skipped]:
    """Gives each document's outcome, processed by ``n_process`` workers with their own pipelines.

    Chunks of :data:`CHUNK` documents go out as workers free up, at most ``4 * n_process`` in flight, so a
    corpus of millions is never all in memory as Documents and no worker waits for a slow chunk of
    another's; outcomes come back in input order.
    """
    with ProcessPoolExecutor(max_workers=n_process, initializer=_worker_init, initargs=(model,)) as pool:
        chunks = _chunks(documents, CHUNK)
        flight: deque[Future[list[DocResult | Skipped]]] = deque(
            pool.submit(_worker, c) for c in islice(chunks, 4 * n_process))
        while flight:
            outcomes = flight.popleft().result()
            for chunk in islice(chunks, 1):  # one more out for the one that came back
                flight.append(pool.submit(_worker, chunk))
            yield from outcomes
