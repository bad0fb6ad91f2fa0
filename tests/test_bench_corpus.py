"""The pure helpers of benchmarks/bench_corpus.py: the replicated corpus, the filled store, the tables."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from kg.ingest import iter_documents
from kg.nlp.result import portable_path
from kg.records import DocResult, Document
from kg.store import Store, content_hash

_PATH = Path(__file__).resolve().parents[1] / "benchmarks" / "bench_corpus.py"
_spec = importlib.util.spec_from_file_location("bench_corpus", _PATH)
bench = importlib.util.module_from_spec(_spec)
sys.modules.setdefault("bench_corpus", bench)  # its dataclass looks its module up
_spec.loader.exec_module(bench)

RECORDS = [{"id": f"a{i}", "title": f"标题{i}", "text": "央行行长表示，货币政策将保持稳健。" * (i + 1)}
           for i in range(3)]


def test_replicate_gives_distinct_ids_cycling_the_records():
    docs = list(bench.replicate(RECORDS, 7))
    assert [d["id"] for d in docs] == ["a0~0", "a1~0", "a2~0", "a0~1", "a1~1", "a2~1", "a0~2"]
    assert [d["text"] for d in docs] == [RECORDS[i % 3]["text"] for i in range(7)]
    more = [d["id"] for d in bench.replicate(RECORDS, 4, start=7)]
    assert more == ["a1~2", "a2~2", "a0~3", "a1~3"]
    assert RECORDS[0]["id"] == "a0"  # the records themselves are left alone


def test_characters_sums_the_cycled_lengths():
    lengths = [10, 20, 30]
    for n, start in [(7, 0), (4, 7), (3, 2), (0, 5), (9, 1)]:
        assert bench.characters(lengths, n, start) == sum(lengths[i % 3] for i in range(start, start + n))


def test_write_corpus_reads_back_as_distinct_documents(tmp_path):
    path = bench.write_corpus(RECORDS, tmp_path / "corpus.jsonl", 5)
    docs = [d for d in iter_documents(str(path)) if isinstance(d, Document)]
    assert [d.id for d in docs] == [d["id"] for d in bench.replicate(RECORDS, 5)]
    assert len({d.id for d in docs}) == 5


def test_fill_store_stores_what_extracting_the_replicated_corpus_would(tmp_path):
    base_corpus = bench.write_corpus(RECORDS, tmp_path / "base" / "corpus.jsonl", 3)
    base_store = tmp_path / "base" / "store.sqlite"
    base_docs = [d for d in iter_documents(str(base_corpus)) if isinstance(d, Document)]
    with Store(base_store) as s:
        s.put([(d.id, content_hash(d), DocResult(doc_id=d.id, title=d.title, path=portable_path(d.path),
                                                 people={"易纲": "行长"})) for d in base_docs], fingerprint="fp")
    corpus = tmp_path / "n8" / "corpus.jsonl"
    assert bench.fill_store(base_corpus, base_store, tmp_path / "filled.sqlite", 8, corpus) == 8
    bench.write_corpus(RECORDS, corpus, 8)  # the corpus an extraction at this size would read
    docs = [d for d in iter_documents(str(corpus)) if isinstance(d, Document)]
    with Store(tmp_path / "filled.sqlite") as s:
        assert len(s) == 8
        assert s.digests("fp") == {d.id: content_hash(d) for d in docs}
        results = list(s.run_results())
    assert [r.doc_id for r in results] == [d.id for d in docs]
    assert [r.path for r in results] == [portable_path(d.path) for d in docs]
    assert [r.title for r in results] == [d.title for d in docs]
    assert all(r.people == {"易纲": "行长"} for r in results)


def test_tables_are_markdown_with_a_row_per_measurement():
    ok = {"size": 1000, "runner": "jobs1", "status": "ok", "wall_s": 12.34, "cpu_s": 11.0, "docs_per_s": 81.0,
          "chars_per_s": 245000, "peak_tree_mb": 480.2, "peak_main_mb": 480.2, "processes": 1,
          "incremental_wall_s": 5.5, "from_store": 1000, "stored": 1010, "incremental_ok": True}
    missing = {"size": 1000, "runner": "dask", "status": "not available (kg extract has no --dask yet)"}
    lines = bench.extract_table([ok, missing]).splitlines()
    assert lines[0].startswith("| documents | runner | wall s |") and lines[1] == "|" + "---|" * 11
    assert lines[2] == "| 1,000 | jobs1 | 12.3 | 11.0 | 81.0 | 245,000 | 480 | 480 | 1 | 5.5 | 1,000 |"
    assert lines[3].startswith("| 1,000 | dask | not available") and lines[3].count("|") == 12
    graph = {"size": 2000, "source": "filled", "status": "ok", "wall_s": 13.6, "cpu_s": 10.7, "peak_tree_mb": 457,
             "files_mb": {"graph.json": 30.48, "graph.html": 46.2},
             "nodes": {"people": 709, "organizations": 2056, "claims": 19476, "topics": 487}}
    assert bench.graph_table([graph]).splitlines()[2] == \
        "| 2,000 | filled | 13.6 | 10.7 | 457 | 30.5 | 46.2 | 709 / 2,056 / 19,476 / 487 |"


@pytest.mark.parametrize("argv", [["--graph-only"], ["--base", "10"], ["--sizes", "10,x"], ["--runners", "jobs3"]])
def test_bad_options_are_refused(argv, capsys):
    with pytest.raises(SystemExit):
        bench.parse_args(argv)
    assert "error:" in capsys.readouterr().err


def test_skips_without_the_corpus(tmp_path, capsys):
    assert bench.main(["--corpus", str(tmp_path / "absent.jsonl"), "--work", str(tmp_path / "w")]) == 0
    assert "Skipped" in capsys.readouterr().out
    assert not (tmp_path / "w").exists()

