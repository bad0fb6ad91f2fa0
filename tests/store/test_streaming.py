"""A run with a store keeps its results on disk: the graph is built from the store one document at a time."""
from __future__ import annotations

import json
import sqlite3
import weakref

import pytest

import kg.records
import kg.run
from kg.errors import KGError
from kg.records import DocResult
from kg.store import RunResults, Store

TEXTS = [
    "张朝晖认为，市场回暖。中信证券首席经济学家明明表示，货币政策仍有空间。",
    "许彦冰表示，数据是关键。",
    "王芳说：“消费复苏的势头还会延续。”",
    "央行行长潘功胜表示，将保持流动性合理充裕。",
]


@pytest.fixture()
def corpus(tmp_path):
    """A JSONL corpus of 40 made-up articles (the four texts above, each ten times with its own id)."""
    path = tmp_path / "c.jsonl"
    lines = [json.dumps({"id": f"d{i:02d}", "title": f"标题{i}", "text": TEXTS[i % 4]}, ensure_ascii=False)
             for i in range(40)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _graph(g):
    return (sorted(repr(n) for n in g.nodes(data=True)), sorted(repr(e) for e in g.edges(keys=True, data=True)))


@pytest.fixture()
def alive(monkeypatch):
    """Counts the DocResults alive at once: gives a dict whose "max" is the most seen together."""
    live: set[int] = set()
    seen = {"max": 0, "made": 0}
    real = DocResult.__init__

    def init(self, *args, **kwargs):
        real(self, *args, **kwargs)
        seen["made"] += 1
        key = seen["made"]
        live.add(key)
        weakref.finalize(self, live.discard, key)  # DocResult is unhashable: count by a number of our own
        seen["max"] = max(seen["max"], len(live))

    monkeypatch.setattr(kg.records.DocResult, "__init__", init)
    return seen


def test_the_results_live_in_the_store_and_give_the_same_graph(tmp_path, corpus, nlp_rules):
    plain = kg.run.run(corpus, nlp=nlp_rules)
    stored = kg.run.run(corpus, nlp=nlp_rules, store=tmp_path / "s.sqlite")
    assert isinstance(stored.results, RunResults) and isinstance(plain.results, list)
    assert len(stored.results) == 40 and list(stored.results) == plain.results
    assert stored.results[0] == plain.results[0] and stored.results[-1] == plain.results[-1]
    assert stored.results[3:5] == plain.results[3:5]
    with pytest.raises(IndexError):
        stored.results[40]
    assert _graph(stored.graph) == _graph(plain.graph)
    assert stored.summary()["documents"] == 40


def test_memory_holds_a_batch_of_results_never_the_corpus(tmp_path, corpus, nlp_rules, alive):
    # the store's writer commits every 64 documents; with 8 it holds at most 8 results, and building
    # the graph from the store decodes one document at a time
    store = Store(tmp_path / "s.sqlite")
    real_writer = store.writer
    store.writer = lambda fp, **kw: real_writer(fp, **{**kw, "every": 8})
    report = kg.run.run(corpus, nlp=nlp_rules, store=store)
    store.close()
    assert alive["made"] >= 40 + 3 * 40  # made by the pipeline, then read back for each pass of the build
    assert alive["max"] <= 8 + 2, alive
    assert len(report.graph) > 40


def test_a_plain_run_keeps_every_result_in_memory(tmp_path, corpus, nlp_rules, alive):
    report = kg.run.run(corpus, nlp=nlp_rules)  # the library's in-memory run, for comparison
    assert alive["max"] >= 40 and len(report.results) == 40


def test_a_file_reached_twice_is_read_once_and_colliding_ids_are_kept_apart(tmp_path, corpus, nlp_rules):
    report = kg.run.run([corpus, corpus.parent / "c.jsonl"], nlp=nlp_rules, store=tmp_path / "s.sqlite")
    assert len(report.results) == 40  # the same file reached twice is read once
    copy = corpus.parent / "copy.jsonl"
    copy.write_bytes(corpus.read_bytes())
    report = kg.run.run([corpus, copy], nlp=nlp_rules, store=tmp_path / "s.sqlite")
    # two files with the same ids are two sets of documents: the second's get distinct ids and a warning
    assert [r.doc_id for r in report.results] == [f"d{i:02d}" for i in range(40)] + [f"d{i:02d}~2" for i in range(40)]
    assert len(report.warnings) == 40


def test_the_view_says_when_its_store_is_gone(tmp_path, corpus, nlp_rules):
    report = kg.run.run(corpus, nlp=nlp_rules, store=tmp_path / "s.sqlite")
    (tmp_path / "s.sqlite").unlink()
    with pytest.raises(KGError, match="s.sqlite: the store of this run is gone"):
        list(report.results)


def test_a_schema_1_store_is_brought_up_to_date(tmp_path, corpus, nlp_rules):
    path = tmp_path / "old.sqlite"
    kg.run.run(corpus, nlp=nlp_rules, store=path)
    with sqlite3.connect(path) as db:  # what kg 0.1's first store looked like
        db.execute("DROP TABLE run_documents")
        db.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    report = kg.run.run(corpus, nlp=nlp_rules, store=path)
    assert report.from_store == 40 and len(report.results) == 40
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone() == ("2",)
