"""A worker process that dies (what the out-of-memory killer does) costs the documents of its chunk only."""
from __future__ import annotations

import os

import kg.run.local as local
from kg.records import DocResult, Document, Skipped


def _init(model: bool) -> None:  # no pipeline: these workers only echo or die
    pass


def _echo_or_die(chunk: list[Document]) -> list[DocResult | Skipped]:
    if any("致命" in d.text for d in chunk):
        os._exit(9)  # as abrupt as SIGKILL: no exception, no cleanup
    return [DocResult(doc_id=d.id) for d in chunk]


def test_a_dead_worker_costs_its_chunk_and_the_run_goes_on(monkeypatch):
    # forked workers inherit these (Linux's default start method)
    monkeypatch.setattr(local, "_worker_init", _init)
    monkeypatch.setattr(local, "_worker", _echo_or_die)
    monkeypatch.setattr(local, "CHUNK", 4)
    docs = [Document(id=f"d{i:02d}", text="致命的一篇" if i == 13 else f"正文{i}", path=f"d{i:02d}.txt")
            for i in range(40)]
    out = list(local.run_processes(docs, n_process=2, model=False))
    assert len(out) == 40
    lost = [o for o in out if isinstance(o, Skipped)]
    assert [s.source for s in lost] == ["d12.txt", "d13.txt", "d14.txt", "d15.txt"]  # the chunk of d13 only
    assert all(s.reason.startswith(local.WORKER_DIED) and "\n" not in s.reason for s in lost)
    kept = [o.doc_id for o in out if isinstance(o, DocResult)]
    assert kept == [f"d{i:02d}" for i in range(40) if not 12 <= i <= 15]  # in input order


def test_a_store_does_not_keep_a_dead_workers_skips(tmp_path, monkeypatch):
    import kg.run

    monkeypatch.setattr(local, "_worker_init", _init)
    monkeypatch.setattr(local, "_worker", _echo_or_die)
    monkeypatch.setattr(local, "CHUNK", 2)
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(6):
        (folder / f"d{i}.txt").write_text("致命的一篇" if i == 3 else f"某公司表示，正文{i}。", encoding="utf-8")
    report = kg.run.run(folder, n_process=2, model=False, store=tmp_path / "s.sqlite")
    assert sorted(s.source.rsplit("/", 1)[-1] for s in report.skipped) == ["d2.txt", "d3.txt"]
    from kg.store import Store

    with Store(tmp_path / "s.sqlite") as store:
        assert sorted(doc_id for doc_id, _ in store.iter_skipped()) == []  # retried by the next run
        assert len(store) == 4
