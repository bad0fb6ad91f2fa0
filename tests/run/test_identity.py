"""Every document keeps its own identity: two documents with one id (a.txt in two folders, a JSONL id given
twice, two JSONL files with the same ids) are both kept, the later one as ``<id>~2``, with a warning naming
both sources; nothing is overwritten or credited to another speaker, in the graph or in the store, on the
local path and on the Dask path.

All article text written here is made up for the tests.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import kg.run
import kg.run.dask
from kg.ingest import iter_documents
from kg.io.nodelink import _node_link_data
from kg.records import DocResult, Document, Skipped
from kg.run.task import process
from kg.store import Store, content_hash

TEXTS = [
    "张朝晖认为，市场回暖。中信证券首席经济学家明明表示，货币政策仍有空间。",
    "许彦冰表示，数据是关键。王芳说：“消费复苏的势头还会延续。”",
    "央行行长潘功胜表示，将保持流动性合理充裕。",
    "华为云总裁李强称，人工智能需求旺盛。某证券首席经济学家张明表示：“市场仍将震荡。”",
]


def _jsonl(path: Path, rows: list[tuple[str, str]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps({"id": i, "title": f"标题{i}", "text": t}, ensure_ascii=False) + "\n"
                            for i, t in rows), encoding="utf-8")
    return path


def _text(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text + "\n", encoding="utf-8")
    return path


def _case(root: Path, kind: str) -> tuple[list[str], list[str]]:
    """Gives the inputs of one way to give two documents one id, and the ids the run must give them."""
    if kind == "folders":
        _text(root / "x" / "a.txt", TEXTS[0]), _text(root / "y" / "a.txt", TEXTS[1])
        return [str(root / "x"), str(root / "y")], ["a.txt", "a.txt~2"]
    if kind == "files":
        x, y = _text(root / "x" / "a.txt", TEXTS[0]), _text(root / "y" / "a.txt", TEXTS[1])
        return [str(x), str(y)], ["a.txt", "a.txt~2"]
    if kind == "jsonl ids":
        # d1~2 is also a real id, given after the first renamed document took it
        rows = [("d1", TEXTS[0]), ("d1", TEXTS[1]), ("d2", TEXTS[2]), ("d1", TEXTS[3]), ("d1~2", TEXTS[2])]
        return [str(_jsonl(root / "c.jsonl", rows))], ["d1", "d1~2", "d2", "d1~3", "d1~2~2"]
    x = _jsonl(root / "x" / "c.jsonl", [("d1", TEXTS[0]), ("d2", TEXTS[1])])
    y = _jsonl(root / "y" / "c.jsonl", [("d1", TEXTS[2]), ("d2", TEXTS[3])])
    return [str(x), str(y)], ["d1", "d2", "d1~2", "d2~2"]


KINDS = ["folders", "files", "jsonl ids", "two jsonl"]


def _alone(nlp, inputs: list[str]) -> list[DocResult]:
    """Each document of the inputs processed on its own."""
    return [next(iter(process(nlp, [d]))) for d in iter_documents(inputs) if isinstance(d, Document)]


def _graph_json(g) -> str:
    return json.dumps(_node_link_data(g), ensure_ascii=False, sort_keys=True)


def _check(report, alone: list[DocResult], ids: list[str], inputs: list[str]) -> None:
    """Every document is in the results and the graph under its own id with the claims it has alone, each
    claim said by one speaker, and a warning names both sources of each renamed document."""
    results = list(report.results)
    assert [r.doc_id for r in results] == ids
    assert [r.claims for r in results] == [r.claims for r in alone]
    assert all(r.claims for r in alone)  # the texts have claims: an overwrite would show
    g = report.graph
    for r, doc_id in zip(alone, ids):
        claims = [n for n, d in g.nodes(data=True) if d["type"] == "claim" and d["doc"] == doc_id]
        assert sorted(g.nodes[n]["text"] for n in claims) == sorted(c.text for c in r.claims)
        assert f"doc:{doc_id}" in g
    for n, d in g.nodes(data=True):
        if d["type"] == "claim":
            assert [k for _, _, k in g.in_edges(n, keys=True)].count("said") == 1, n
    renamed = [(r.path, doc_id, a.doc_id) for r, a, doc_id in zip(results, alone, ids) if doc_id != a.doc_id]
    assert len(report.warnings) == len(renamed) > 0
    first = {r.doc_id: r.path for r in results}  # who holds each id in the run
    for warning, (path, new, old) in zip(report.warnings, renamed):
        assert "\n" not in warning and path in warning and first[old] in warning and f"kept as {new}" in warning


@pytest.mark.parametrize("kind", KINDS)
def test_documents_with_one_id_keep_their_own_claims(tmp_path, nlp_rules, kind) -> None:
    inputs, ids = _case(tmp_path, kind)
    alone = _alone(nlp_rules, inputs)
    report = kg.run.run(inputs, nlp=nlp_rules)
    _check(report, alone, ids, inputs)
    assert not report.skipped


@pytest.mark.parametrize("kind", KINDS)
def test_with_a_store_nothing_is_overwritten_and_a_rerun_gives_the_same_graph(tmp_path, nlp_rules, kind) -> None:
    inputs, ids = _case(tmp_path / "in", kind)
    alone = _alone(nlp_rules, inputs)
    path = tmp_path / "s.sqlite"
    first = kg.run.run(inputs, nlp=nlp_rules, store=path)
    _check(first, alone, ids, inputs)
    with Store(path) as store:
        assert len(store) == len(ids)
        assert [store.get(i).claims for i in ids] == [a.claims for a in alone]
    again = kg.run.run(inputs, nlp=nlp_rules, store=path)
    _check(again, alone, ids, inputs)
    assert again.from_store == len(ids)
    assert _graph_json(again.graph) == _graph_json(first.graph) == _graph_json(kg.run.run(inputs, nlp=nlp_rules).graph)


def test_a_limit_counts_renamed_documents_once(tmp_path, nlp_rules) -> None:
    inputs, ids = _case(tmp_path, "jsonl ids")
    report = kg.run.run(inputs, nlp=nlp_rules, limit=2)
    assert [r.doc_id for r in report.results] == ids[:2] and len(report.warnings) == 1


# -- the Dask path: run_dask's items, as a cluster's workers give them (no cluster started) ------------------
@pytest.fixture()
def workers(monkeypatch, nlp_rules):
    """Replaces kg.run.dask.run_dask by what its workers do, in this process: each document under the id
    it came with, None for one ``known`` has under that id with its content hash."""
    calls = {"processed": 0}

    def run_dask(inputs, *, address, model, encoding, limit, known, n_workers):
        for item in iter_documents(inputs, encoding=encoding):
            if isinstance(item, Skipped):
                yield item
                continue
            digest = content_hash(item)
            if known is not None and known.get(item.id) == digest:
                yield item.id, digest, len(item.text), None
            else:
                calls["processed"] += 1
                yield item.id, digest, len(item.text), next(iter(process(nlp_rules, [item])))

    monkeypatch.setattr(kg.run.dask, "run_dask", run_dask)
    return calls


@pytest.mark.parametrize("kind", KINDS)
def test_on_the_dask_path_documents_with_one_id_keep_their_own_claims(tmp_path, nlp_rules, workers, kind) -> None:
    inputs, ids = _case(tmp_path / "in", kind)
    alone = _alone(nlp_rules, inputs)
    _check(kg.run.run(inputs, model=False, dask="local"), alone, ids, inputs)
    path = tmp_path / "s.sqlite"
    first = kg.run.run(inputs, model=False, dask="local", store=path)
    _check(first, alone, ids, inputs)
    with Store(path) as store:
        assert [store.get(i).claims for i in ids] == [a.claims for a in alone]
    again = kg.run.run(inputs, model=False, dask="local", store=path)
    _check(again, alone, ids, inputs)
    renamed = sum(a.doc_id != i for a, i in zip(alone, ids))
    assert again.from_store == len(ids) - renamed  # a worker sees the old id: a renamed document runs again
    assert _graph_json(again.graph) == _graph_json(first.graph) == _graph_json(kg.run.run(inputs, nlp=nlp_rules).graph)
    local = kg.run.run(inputs, nlp=nlp_rules, store=path)  # the local path finds them all, renamed ones too
    assert local.from_store == len(ids) and _graph_json(local.graph) == _graph_json(first.graph)


def test_a_renamed_document_the_store_had_under_its_old_id(tmp_path, nlp_rules, workers) -> None:
    """y/a.txt stored alone as a.txt, then x/ and y/: x takes a.txt, and y, which a worker found known under
    a.txt, is reported for a second run (never given x's row); the second run processes it."""
    inputs, ids = _case(tmp_path / "in", "folders")
    path = tmp_path / "s.sqlite"
    kg.run.run(inputs[1:], model=False, dask="local", store=path)
    report = kg.run.run(inputs, model=False, dask="local", store=path)
    assert [r.doc_id for r in report.results] == ["a.txt"]
    [skipped] = report.skipped
    assert skipped.source == "a.txt~2" and "run the same command again" in skipped.reason
    assert "under its id a.txt" in skipped.reason
    again = kg.run.run(inputs, model=False, dask="local", store=path)
    _check(again, _alone(nlp_rules, inputs), ids, inputs)
    assert not again.skipped


def test_on_the_local_path_a_renamed_document_the_store_had_under_its_old_id(tmp_path, nlp_rules) -> None:
    inputs, ids = _case(tmp_path / "in", "folders")
    path = tmp_path / "s.sqlite"
    kg.run.run(inputs[1:], nlp=nlp_rules, store=path)
    report = kg.run.run(inputs, nlp=nlp_rules, store=path)
    _check(report, _alone(nlp_rules, inputs), ids, inputs)
    assert report.from_store == 0 and not report.skipped
