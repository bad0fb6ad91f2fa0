"""Tests for kg.run.dask: a 2-worker LocalCluster gives the outcomes, in order, and the graph of a
single-process run; known documents are left alone, a limit stops it, and a lost worker or scheduler is a
one-line message.

All article text written here is made up for the tests.
"""
from __future__ import annotations

import json
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest

distributed = pytest.importorskip("distributed")

import dask  # noqa: E402

import kg.run.dask as kg_dask  # noqa: E402
from kg.errors import KGError  # noqa: E402
from kg.graph import build_graph  # noqa: E402
from kg.ingest import iter_documents  # noqa: E402
from kg.io.nodelink import _node_link_data  # noqa: E402
from kg.records import DocResult, Document, Skipped  # noqa: E402
from kg.run.dask import run_dask  # noqa: E402
from kg.run.task import process  # noqa: E402
from kg.store import content_hash  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="module")
def address():
    """The scheduler address of one 2-worker LocalCluster (processes) for the whole module."""
    # a worker that dies fails its tasks at once (by default they are tried on 3 more workers); run_dask
    # still tries each failed partition once more
    with dask.config.set({"distributed.scheduler.allowed-failures": 0}):
        cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                           dashboard_address=":0")
    try:
        yield cluster.scheduler_address
    finally:
        cluster.close()


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> list[str]:
    """Inputs of every kind: seed files, a folder, a made-up JSONL corpus with a bad line, a binary file and
    a missing path."""
    root = tmp_path_factory.mktemp("in")
    lines = [json.dumps({"id": f"m{i}", "title": f"公司{i}业绩", "date": "2025-09-29",
                         "text": f"某证券首席经济学家张{i}明表示：“市场仍将震荡。”\n华为云总裁李{i}强称，人工智能需求旺盛。"},
                        ensure_ascii=False) for i in range(12)]
    lines.insert(5, "{not json")
    (root / "corpus.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (root / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    seeds = sorted(SEEDS.iterdir())
    return [str(seeds[0]), str(root / "corpus.jsonl"), str(root / "nope.txt"), str(root / "image.png"),
            str(SEEDS), *map(str, seeds[1:3])]


def _single(nlp, inputs, limit: int | None = None, items=None) -> list:
    """What run_dask must give: a single-process read (or ``items``) and process() in one batch, with run()'s
    limit."""
    out: list = []
    documents: list[Document] = []
    for item in iter_documents(inputs) if items is None else items:
        if isinstance(item, Skipped):
            out.append(item)
            continue
        if limit is not None and len(documents) >= limit:
            break
        documents.append(item)
        out.append(item)
    outcomes = iter(process(nlp, documents))
    return [x if isinstance(x, Skipped) else (x.id, content_hash(x), len(x.text), next(outcomes)) for x in out]


def _graph(items: list) -> str:
    results = [item[3] for item in items if isinstance(item, tuple) and isinstance(item[3], DocResult)]
    return json.dumps(_node_link_data(build_graph(results)), ensure_ascii=False, sort_keys=True)


def test_a_cluster_gives_the_single_process_outcomes_and_graph(address, sample, nlp_rules) -> None:
    want = _single(nlp_rules, sample)
    got = list(run_dask(sample, address=address, model=False, files=2, every=600))
    assert got == want
    kinds = {type(x[3]) if isinstance(x, tuple) else Skipped for x in got}
    assert kinds == {DocResult, Skipped} and len(got) > 20
    assert _graph(got) == _graph(want)


def test_the_real_corpus_gives_the_single_process_graph(address, shared, tmp_path, nlp_rules) -> None:
    corpus = shared / "data" / "corpus" / "finreport.jsonl"
    if not corpus.is_file():
        pytest.skip(f"{corpus} is absent")
    with corpus.open("rb") as fh:
        head = b"".join(fh.readline() for _ in range(40))
    path = tmp_path / "finreport.jsonl"
    path.write_bytes(head)
    want = _single(nlp_rules, [path])
    got = list(run_dask([path], address=address, model=False, every=len(head) // 7))
    assert got == want and len(got) == 40
    assert _graph(got) == _graph(want)


def test_the_model_pipeline_on_the_seeds(address, nlp) -> None:
    want = _single(nlp, [SEEDS])
    assert list(run_dask([SEEDS], address=address, model=True, files=3)) == want


def test_known_documents_are_not_processed(address, sample, nlp_rules) -> None:
    want = _single(nlp_rules, sample)
    docs = [x for x in want if isinstance(x, tuple)]
    known = {doc_id: digest for doc_id, digest, _, _ in docs[::2]}
    known[docs[1][0]] = "another content hash"  # a changed document is processed again
    got = list(run_dask(sample, address=address, model=False, files=2, every=600, known=known))
    assert got == [(x[0], x[1], x[2], None) if isinstance(x, tuple) and x[0] in known and known[x[0]] == x[1]
                   else x for x in want]
    assert sum(isinstance(x, tuple) and x[3] is None for x in got) == len(docs[::2])


@pytest.mark.parametrize("limit", [0, 1, 3, 10, 1000])
def test_a_limit_counts_documents_in_input_order(address, sample, nlp_rules, limit: int) -> None:
    want = _single(nlp_rules, sample, limit=limit)
    assert list(run_dask(sample, address=address, model=False, files=2, every=600, limit=limit)) == want


def test_an_fsspec_url_is_read_by_the_workers(address, sample, nlp_rules) -> None:
    corpus = Path(sample[1])
    local, url = str(corpus), corpus.as_uri()
    as_url = [replace(x, path=x.path.replace(local, url)) if isinstance(x, Document)
              else Skipped(x.source.replace(local, url), x.reason) for x in iter_documents(corpus)]
    want = _single(nlp_rules, None, items=as_url)
    assert list(run_dask([url], address=address, model=False, every=600)) == want
    assert any(isinstance(x, Skipped) for x in want) and want[0][3].doc_id == "m0"


def test_an_unreachable_scheduler_is_a_one_line_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kg_dask, "CONNECT_TIMEOUT", 1)
    t0 = time.perf_counter()
    with pytest.raises(KGError) as info:
        list(run_dask([SEEDS], address="tcp://127.0.0.1:1", model=False))
    assert time.perf_counter() - t0 < 10
    message = str(info.value)
    assert "\n" not in message and "tcp://127.0.0.1:1" in message
    assert "dask scheduler" in message and "dask worker tcp://HOST:8786" in message
    with pytest.raises(KGError, match="cannot reach the dask scheduler at nonsense"):
        list(run_dask([SEEDS], address="nonsense", model=False))


def test_a_scheduler_without_workers_is_a_one_line_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kg_dask, "WORKERS_TIMEOUT", 1)
    with distributed.LocalCluster(n_workers=0, processes=False, dashboard_address=":0") as empty:
        with pytest.raises(KGError, match=r"has no workers after 1 s; start them with `dask worker \S+ --nthreads 1`"):
            list(run_dask([SEEDS], address=empty.scheduler_address, model=False))


def test_a_worker_with_another_pipeline_is_refused(address, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kg_dask, "fingerprint", lambda **_: "kg 0.0 another")
    with pytest.raises(KGError, match=r"dask worker tcp://\S+ runs another kg pipeline .*install the same kg"):
        list(run_dask([SEEDS], address=address, model=False))


def test_without_dask_it_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)
    with pytest.raises(KGError, match=r'--dask needs dask.distributed: pip install "kg\[dask\]"'):
        next(run_dask([SEEDS], address="local", model=False))


def test_a_partition_whose_worker_dies_is_skipped_and_the_others_kept(address, sample, nlp_rules,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    # last in the module: the worker that dies is restarted by its nanny, without its pipeline
    def dying(part, *args):
        import os

        from kg.ingest.partitions import Files
        from kg.run.dask import _work

        if isinstance(part, Files) and any(getattr(i, "doc_id", "") == "02_analysts.txt" for i in part.items):
            os._exit(1)
        return _work(part, *args)

    monkeypatch.setattr(kg_dask, "_work", dying)
    inputs = [str(SEEDS)]
    want = _single(nlp_rules, inputs)
    got = list(run_dask(inputs, address=address, model=False, files=2))
    assert len(got) == len(want)
    lost = [i for i, x in enumerate(got) if isinstance(x, Skipped)]
    assert [got[i].source for i in lost] == [str(SEEDS / n) for n in ("02_analysts.txt", "03_interview.txt")]
    assert all("a dask worker failed" in got[i].reason and "\n" not in got[i].reason for i in lost)
    assert [x for i, x in enumerate(got) if i not in lost] == [x for i, x in enumerate(want) if i not in lost]
