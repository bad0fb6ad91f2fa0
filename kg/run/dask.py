"""A runner on a dask.distributed cluster: workers read their own partitions of the inputs.

This process cuts the inputs into partitions without reading any document (:mod:`kg.ingest.partitions`:
files a few at a time, a JSONL corpus in byte ranges cut at line starts) and sends each partition, a
small record of paths and offsets, to the cluster. A worker reads the partition from a shared filesystem
or an fsspec URL, leaves alone the documents the store already has, runs the others through
:func:`kg.run.task.process` with a pipeline it loads once, and sends back plain records (``DocResult``,
``Skipped``), never a spaCy object. Here the outcomes are given back in input order, so a store and the
graph built from them are the same as a single-process run's; a bounded number of partitions is in flight
at a time, so memory here stays flat however large the corpus.

Needs ``pip install "kg[dask]"`` (dask.distributed and fsspec); every worker needs the same kg.
"""
from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from kg.errors import KGError
from kg.ingest.partitions import Files, Partition, partitions, read_partition
from kg.records import DocResult, Skipped
from kg.run.task import fingerprint, process
from kg.store import content_hash

__all__ = ["run_dask", "Item", "CONNECT_TIMEOUT", "WORKERS_TIMEOUT"]

#: one document's ``(doc_id, content hash, characters, outcome)`` (outcome None: the store has it), or an
#: input that could not be read
Item = Skipped | tuple[str, str, int, DocResult | Skipped | None]

#: seconds to wait for the scheduler to answer, and for a first worker to join it
CONNECT_TIMEOUT = 10
WORKERS_TIMEOUT = 60

_HOW_TO_START = ("start one with `dask scheduler` and workers with `dask worker tcp://HOST:8786`, "
                 "or pass --dask local")


#: bytes per range of a JSONL corpus: about 80 articles of the real corpus, some 8 s of one worker with the
#: model, so the last ranges of a run leave little idle (1 MB ranges left one of two workers idle for a
#: third of a 1,000-article run)
EVERY = 1 << 18


def run_dask(inputs: str | Path | Iterable[str | Path], *, address: str, model: bool = True,
             encoding: str | None = None, limit: int | None = None, known: Mapping[str, str] | None = None,
             n_workers: int = 2, files: int = 16, every: int = EVERY) -> Iterator[Item]:
    """Gives, in the order of :func:`kg.ingest.iter_documents`, a ``Skipped`` for each input that could
    not be read and ``(doc_id, content hash, characters, outcome)`` for each document, its outcome the
    ``DocResult`` or ``Skipped`` of :func:`kg.run.task.process`, or None for a document ``known`` has.

    A generator: it connects on the first ``next()`` and closes what it started when exhausted or closed.

    Args:
        inputs: files, folders, glob patterns, JSONL corpora or fsspec URLs of them, reachable by every
            worker at the same path or URL.
        address: ``"local"`` for a ``LocalCluster`` of ``n_workers`` processes on this machine (closed at
            the end), or a running scheduler's address such as ``"tcp://10.0.0.5:8786"``.
        model: run the trained NER model (each worker loads the pipeline once).
        encoding: force a text encoding instead of sniffing UTF-8/GB18030.
        limit: stop after this many documents (the unreadable inputs up to the next one are still given).
        known: ``doc_id -> content hash`` of the documents a store has with the current pipeline; a
            worker reads them but does not process them.
        n_workers: worker processes of a local cluster.
        files, every: whole files per partition, and the bytes per range of a JSONL corpus (default
            :data:`EVERY`).

    Raises:
        KGError: dask.distributed is not installed, the scheduler cannot be reached or has no workers, a
            worker runs another kg, or the connection to the scheduler is lost.
    """
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise KGError('--dask needs dask.distributed: pip install "kg[dask]"') from None
    cluster = client = None
    pending: deque[tuple[Partition, Any]] = deque()  # partitions in flight, in input order, with futures
    try:
        if address == "local":
            try:  # the scheduler's HTTP server on a free port: 8787 may be another cluster's
                cluster = LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=True,
                                       dashboard_address=":0")
            except Exception as exc:  # noqa: BLE001
                raise KGError(f"cannot start a local dask cluster: {_one_line(exc)}") from None
            client = Client(cluster)
        else:
            client = _connect(Client, address)
        _check_workers(client, address, model)
        threads = max(1, sum(client.nthreads().values()))
        window = 3 * threads  # enough to keep every worker busy while the head of the queue finishes
        shared = None
        if known:
            [shared] = client.scatter([dict(known)], broadcast=True, hash=False)
        parts = partitions(inputs, files=files, every=every, encoding=encoding)

        def submit(part: Partition, cap: int | None) -> Any:
            return client.submit(_work, part, encoding, model, shared, cap, pure=False)

        done = 0  # documents given so far
        more = True
        while True:
            while more and len(pending) < window:
                part = next(parts, None)
                if part is None:
                    more = False
                    break
                pending.append((part, submit(part, _cap(limit, done))))
            if not pending:
                return
            part, future = pending.popleft()
            items, cut = _items(client, address, part, future, lambda p=part: submit(p, _cap(limit, done)))
            for item in items:
                if not isinstance(item, Skipped):
                    if limit is not None and done >= limit:
                        return
                    done += 1
                yield item
            if cut and limit is not None and done >= limit:
                return
    finally:
        if client is not None:
            if pending:
                client.cancel([future for _, future in pending])
            client.close()
        if cluster is not None:
            cluster.close()


def _cap(limit: int | None, done: int) -> int | None:
    """Gives the most documents a partition must read: no more than the limit leaves."""
    return None if limit is None else max(0, limit - done)


def _items(client: Any, address: str, part: Partition, future: Any, again: Callable[[], Any]
           ) -> tuple[list[Item], bool]:
    """Gives a partition's items and whether it stopped at its cap, trying it once more (``again()``) when its
    task failed (a worker that dies fails every task it holds), else a ``Skipped`` for each of its inputs."""
    try:
        return _result(client, address, future)
    except KGError:
        raise
    except Exception:  # noqa: BLE001
        pass
    try:
        return _result(client, address, again())
    except KGError:
        raise
    except Exception as exc:  # noqa: BLE001  (lost for good: its inputs are skipped, the others go on)
        return _lost(part, exc), False


def _result(client: Any, address: str, future: Any) -> tuple[list[Item], bool]:
    """Gives a partition's items; raises KGError when the scheduler is lost, else the task's error."""
    try:
        return future.result()
    except Exception as exc:
        if client.status != "running":
            raise KGError(f"lost the dask scheduler at {address} ({_one_line(exc)}); run the same command "
                          f"again: the store keeps what is done") from None
        raise


def _connect(client_type: Any, address: str) -> Any:
    try:
        return client_type(address, timeout=CONNECT_TIMEOUT)
    except Exception as exc:  # noqa: BLE001  (OSError on a timeout, ValueError on a malformed address, ...)
        raise KGError(f"cannot reach the dask scheduler at {address} within {CONNECT_TIMEOUT} s "
                      f"({_one_line(exc)}); {_HOW_TO_START}") from None


def _check_workers(client: Any, address: str, model: bool) -> None:
    """Waits for a first worker, and checks that every worker runs this process's pipeline."""
    try:
        client.wait_for_workers(1, timeout=WORKERS_TIMEOUT)
    except Exception:  # noqa: BLE001
        raise KGError(f"the dask scheduler at {address} has no workers after {WORKERS_TIMEOUT} s; start them "
                      f"with `dask worker {client.scheduler.address} --nthreads 1`") from None
    here = fingerprint(model=model)
    try:
        theirs = client.run(_fingerprint, model)
    except Exception as exc:  # noqa: BLE001
        raise KGError(f"a dask worker of {address} cannot run kg ({_one_line(exc)}); install the same kg on "
                      f"every worker") from None
    for worker, fp in sorted(theirs.items()):
        if fp != here:
            raise KGError(f"dask worker {worker} runs another kg pipeline ({fp}, here {here}); install the same "
                          f"kg on every worker")


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 200 else text[:197] + "..."


def _lost(part: Partition, exc: BaseException) -> list[Item]:
    """Gives a ``Skipped`` for each input of a partition no worker could finish (not stored, so the next
    run tries it again)."""
    reason = f"a dask worker failed on this part of the inputs ({type(exc).__name__}: {_one_line(exc)}); run again"
    if isinstance(part, Files):
        return [item if isinstance(item, Skipped) else Skipped(item.source, reason) for item in part.items]
    end = "the end" if part.end is None else f"byte {part.end}"
    return [Skipped(f"{part.file.source}:{part.first_line}", f"{reason} (the lines from byte {part.start} to {end})")]


# -- on a worker -------------------------------------------------------------------------------------------
_LOCAL = threading.local()  # a pipeline per worker thread: process() sets the pipeline's error handler


def _pipeline(model: bool) -> Any:
    """Gives this worker thread's pipeline, loaded on first use."""
    pipelines = _LOCAL.__dict__.setdefault("pipelines", {})
    if model not in pipelines:
        from kg.nlp import load

        pipelines[model] = load(model=model)
    return pipelines[model]


def _fingerprint(model: bool) -> str:
    return fingerprint(model=model)


def _work(part: Partition, encoding: str | None, model: bool, known: Mapping[str, str] | None,
          cap: int | None) -> tuple[list[Item], bool]:
    """Gives the items of one partition, at most ``cap`` documents of them, and whether it stopped at a
    document beyond ``cap``."""
    items: list[Any] = []
    todo: list[int] = []  # positions in items of the documents to process
    n = 0
    for item in read_partition(part, encoding=encoding):
        if isinstance(item, Skipped):
            items.append(item)
            continue
        if cap is not None and n >= cap:
            return _processed(items, todo, model), True
        n += 1
        digest = content_hash(item)
        if known is not None and known.get(item.id) == digest:
            items.append((item.id, digest, len(item.text), None))
        else:
            todo.append(len(items))
            items.append((item.id, digest, len(item.text), item))
    return _processed(items, todo, model), False


def _processed(items: list[Any], todo: list[int], model: bool) -> list[Item]:
    """Replaces the documents at ``todo`` in ``items`` by their outcomes."""
    if todo:
        outcomes = process(_pipeline(model), [items[i][3] for i in todo])
        for i, out in zip(todo, outcomes):
            doc_id, digest, characters, _ = items[i]
            items[i] = (doc_id, digest, characters, out)
    return items
