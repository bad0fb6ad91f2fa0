"""kg.store: per-document results by content hash and pipeline fingerprint; kg.run skips what it knows."""
from __future__ import annotations

import sqlite3

import pytest
from spacy.language import Language

import kg.run
import kg.run.local
from kg.errors import KGError
from kg.nlp import load
from kg.records import DocResult, Document, Skipped
from kg.store import SCHEMA_VERSION, Store, content_hash

TEXTS = {
    "a.txt": "张朝晖认为，市场回暖。中信证券首席经济学家明明表示，货币政策仍有空间。",
    "b.txt": "许彦冰表示，数据是关键。",
    "c.txt": "王芳说：“消费复苏的势头还会延续。”",
    "d.txt": "央行行长潘功胜表示，将保持流动性合理充裕。",
}


@Language.component("test_store_fails_on_marker")
def _fails_on_marker(doc):
    if "炸弹" in doc.text:
        raise ValueError("boom")
    return doc


@pytest.fixture()
def corpus(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in TEXTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture()
def calls(monkeypatch):
    """The documents each run sends to the pipeline (kg.run.local.process, which the serial runner maps)."""
    seen: list[str] = []
    real = kg.run.local.process

    def counting(nlp, documents, **kwargs):
        def tap():
            for d in documents:
                seen.append(d.id)
                yield d
        return real(nlp, tap(), **kwargs)

    monkeypatch.setattr(kg.run.local, "process", counting)
    return seen


def _graph(g):
    return (sorted(repr(n) for n in g.nodes(data=True)), sorted(repr(e) for e in g.edges(keys=True, data=True)))


def test_results_round_trip(tmp_path, nlp_rules):
    docs = [Document(id=n, text=t, path=n, title="标题", date="2024-01-02", categories=("宏观",)) for n, t in TEXTS.items()]
    results = [o for o in kg.run.process(nlp_rules, docs)]
    assert all(isinstance(r, DocResult) for r in results) and any(r.claims for r in results)
    bad = Skipped("x.txt", "pipeline failed in kg_claims: ValueError: boom")
    with Store(tmp_path / "s.sqlite") as store:
        n = store.put([(r.doc_id, content_hash(d), r) for r, d in zip(results, docs)] + [("x", "h", bad)],
                      fingerprint="fp1")
        assert n == len(docs) + 1 and len(store) == len(docs) + 1
    with Store(tmp_path / "s.sqlite") as store:  # read back after reopening
        assert [store.get(r.doc_id) for r in results] == results
        assert list(store.iter_results([r.doc_id for r in reversed(results)])) == results[::-1]
        assert store.get("x") == bad and list(store.iter_skipped()) == [("x", bad)]
        assert store.get("missing") is None
        assert store.known("a.txt", content_hash(docs[0]), "fp1")
        assert not store.known("a.txt", content_hash(docs[0]), "fp2")
        assert not store.known("a.txt", "0" * 64, "fp1")


def test_content_hash_covers_text_and_metadata():
    d = Document(id="a", text="正文", title="t")
    assert content_hash(d) == content_hash(Document(id="a", text="正文", title="t"))
    assert content_hash(d) != content_hash(Document(id="a", text="正文。", title="t"))
    assert content_hash(d) != content_hash(Document(id="a", text="正文", title="t2"))
    assert content_hash(d) != content_hash(Document(id="a", text="正文", title="t", date="2024-01-01"))


def test_a_rerun_processes_nothing_and_gives_the_same_graph(tmp_path, corpus, calls, nlp_rules):
    first = kg.run.run(corpus, nlp=nlp_rules, store=tmp_path / "s.sqlite")
    assert sorted(calls) == sorted(TEXTS) and first.from_store == 0
    calls.clear()
    again = kg.run.run(corpus, nlp=nlp_rules, store=tmp_path / "s.sqlite")
    assert calls == []
    assert again.from_store == len(TEXTS) and again.characters == 0
    assert [r.doc_id for r in again.results] == [r.doc_id for r in first.results]
    assert again.results == first.results
    assert _graph(again.graph) == _graph(first.graph)
    plain = kg.run.run(corpus, nlp=nlp_rules)  # no store: the same graph
    assert _graph(plain.graph) == _graph(first.graph)


def test_a_changed_document_alone_is_processed_again(tmp_path, corpus, calls, nlp_rules):
    kg.run.run(corpus, nlp=nlp_rules, store=tmp_path / "s.sqlite")
    (corpus / "b.txt").write_text("许彦冰表示，数据才是关键。", encoding="utf-8")
    (corpus / "e.txt").write_text("李明说：“新文章。”", encoding="utf-8")
    calls.clear()
    report = kg.run.run(corpus, nlp=nlp_rules, store=tmp_path / "s.sqlite")
    assert sorted(calls) == ["b.txt", "e.txt"]
    assert report.from_store == 3 and len(report.results) == 5
    claims = [c.text for r in report.results if r.doc_id == "b.txt" for c in r.claims]
    assert any("数据才是关键" in c for c in claims), claims
    with Store(tmp_path / "s.sqlite") as store:
        assert len(store) == 5


def test_a_changed_fingerprint_processes_every_document(tmp_path, corpus, calls, nlp_rules, monkeypatch):
    kg.run.run(corpus, nlp=nlp_rules, store=tmp_path / "s.sqlite")
    calls.clear()
    monkeypatch.setattr(kg.run, "fingerprint", lambda *a, **k: "another pipeline")
    report = kg.run.run(corpus, nlp=nlp_rules, store=tmp_path / "s.sqlite")
    assert sorted(calls) == sorted(TEXTS) and report.from_store == 0


def test_the_fingerprint_follows_the_pipeline(nlp_rules):
    from kg.run.task import fingerprint

    assert fingerprint(nlp_rules) == fingerprint(model=False)  # a loaded pipeline and worker processes agree
    assert fingerprint(model=True) != fingerprint(model=False)
    assert fingerprint(model=True).startswith("kg ")


def test_only_the_documents_of_this_run_make_the_graph(tmp_path, corpus, nlp_rules):
    kg.run.run(corpus, nlp=nlp_rules, store=tmp_path / "s.sqlite")
    report = kg.run.run(corpus / "a.txt", nlp=nlp_rules, store=tmp_path / "s.sqlite")
    assert [r.doc_id for r in report.results] == ["a.txt"] and report.from_store == 1


def test_a_known_failure_is_not_retried_until_it_changes(tmp_path, corpus, calls):
    nlp = load(model=False)
    nlp.add_pipe("test_store_fails_on_marker", after="kg_binding")
    (corpus / "bad.txt").write_text("炸弹一词让这篇失败。", encoding="utf-8")
    first = kg.run.run(corpus, nlp=nlp, store=tmp_path / "s.sqlite")
    assert [s.source for s in first.skipped] == [str(corpus / "bad.txt")]
    calls.clear()
    again = kg.run.run(corpus, nlp=nlp, store=tmp_path / "s.sqlite")
    assert calls == [] and again.skipped == first.skipped  # reported again, not retried
    (corpus / "bad.txt").write_text("这篇改好了，王芳说：“好。”", encoding="utf-8")
    fixed = kg.run.run(corpus, nlp=nlp, store=tmp_path / "s.sqlite")
    assert calls == ["bad.txt"] and fixed.skipped == [] and len(fixed.results) == len(TEXTS) + 1


def test_a_file_that_is_not_a_store_is_refused_by_name(tmp_path):
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(KGError, match="junk.sqlite: not a kg store"):
        Store(junk)
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as db:
        db.execute("CREATE TABLE t (x)")
    with pytest.raises(KGError, match="other.sqlite: an SQLite database but not a kg store"):
        Store(other)
    with pytest.raises(KGError, match="is a folder"):
        Store(tmp_path)


def test_a_store_from_a_newer_kg_is_refused(tmp_path):
    path = tmp_path / "s.sqlite"
    Store(path).close()
    with sqlite3.connect(path) as db:
        db.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION + 1),))
    with pytest.raises(KGError, match="newer kg"):
        Store(path)


def test_the_writer_commits_in_batches(tmp_path):
    path = tmp_path / "s.sqlite"
    results = [DocResult(doc_id=f"d{i}") for i in range(5)]
    with Store(path) as store:
        writer = store.writer("fp", every=2, seconds=3600)
        for r in results:
            writer.add(r.doc_id, "h", r)
        with Store(path) as other:  # another connection sees only what is committed
            assert len(other) == 4
        writer.flush()
        with Store(path) as other:
            assert len(other) == 5
