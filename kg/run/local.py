"""Runners on this machine: in this process, or spread over worker processes.

Both map :func:`kg.run.task.process` over the documents and give one ``DocResult`` or ``Skipped``
per document, in input order. Workers each load their own pipeline once and send back plain records.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice

from spacy.language import Language

from kg.records import DocResult, Document, Skipped
from kg.run.task import process

__all__ = ["run_serial", "run_processes", "WORKER_DIED"]

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


#: the start of the reason given for the documents of a chunk whose worker process died (and died again
#: when the chunk was retried alone): not the document's fault for sure, so a store does not keep it
WORKER_DIED = "a worker process died while processing it"


def _pool(n_process: int, model: bool) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(max_workers=n_process, initializer=_worker_init, initargs=(model,))


def run_processes(documents: Iterable[Document], *, n_process: int, model: bool = True
                  ) -> Iterator[DocResult | Skipped]:
    """Gives each document's outcome, processed by ``n_process`` workers with their own pipelines.

    Chunks of :data:`CHUNK` documents go out as workers free up, at most ``4 * n_process`` in flight, so a
    corpus of millions is never all in memory as Documents and no worker waits for a slow chunk of
    another's; outcomes come back in input order.

    A worker that dies (the system's out-of-memory killer, a crash in native code) breaks the pool and
    every chunk in flight with it: those chunks are then run again one at a time in a fresh pool, and a
    chunk that kills its worker again gives a ``Skipped`` (reason :data:`WORKER_DIED`) for each of its
    documents; the run goes on with a fresh pool.
    """
    pool = _pool(n_process, model)

    def submit(c: list[Document]) -> Future[list[DocResult | Skipped]]:
        try:
            return pool.submit(_worker, c)
        except BrokenProcessPool as exc:  # a worker died since the last result: this chunk fails with the rest
            failed: Future[list[DocResult | Skipped]] = Future()
            failed.set_exception(exc)
            return failed

    try:
        chunks = _chunks(documents, CHUNK)
        flight: deque[tuple[list[Document], Future[list[DocResult | Skipped]]]] = deque(
            (c, submit(c)) for c in islice(chunks, 4 * n_process))
        while flight:
            chunk, future = flight.popleft()
            try:
                outcomes = future.result()
            except BrokenProcessPool:
                lost = [chunk, *(c for c, _ in flight)]
                flight.clear()
                pool.shutdown(wait=False, cancel_futures=True)
                pool = _pool(n_process, model)
                for c in lost:  # one at a time, so that only the chunk that kills a worker is lost
                    try:
                        yield from submit(c).result()
                    except BrokenProcessPool:
                        pool.shutdown(wait=False, cancel_futures=True)
                        pool = _pool(n_process, model)
                        yield from (Skipped(d.path or d.id, f"{WORKER_DIED} (killed by the system, out of memory?) "
                                            f"with {len(c)} documents; run again, or with fewer --jobs")
                                    for d in c)
                flight.extend((c, submit(c)) for c in islice(chunks, 4 * n_process))
                continue
            for c in islice(chunks, 1):  # one more out for the one that came back
                flight.append((c, submit(c)))
            yield from outcomes
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
