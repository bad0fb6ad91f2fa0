"""Every claim can be cited: ISO dates and the source URL on documents and claims, no local paths."""
from __future__ import annotations

import json

import pytest

from kg.nlp.result import portable_path
from kg.run import run


@pytest.fixture()
def corpus(tmp_path):
    path = tmp_path / "deep" / "folder" / "news.jsonl"
    path.parent.mkdir(parents=True)
    row = {"id": "n1", "title": "券商论坛", "date": "2025-09-29 18:07:29  +0800", "url": "https://example.com/a?id=1",
           "text": "平安证券首席经济学家钟正生认为，货币政策仍有空间。"}
    path.write_text(json.dumps(row, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def test_documents_and_claims_carry_iso_date_and_url(corpus, nlp_rules):
    g = run([corpus], nlp=nlp_rules).graph
    doc = g.nodes["doc:n1"]
    assert doc["date"] == "2025-09-29T18:07:29+08:00"
    assert doc["url"] == "https://example.com/a?id=1"
    claims = [d for _, d in g.nodes(data="type") if d == "claim"]
    assert claims
    for n, d in g.nodes(data=True):
        if d["type"] == "claim":
            assert (d["date"], d["url"], d["doc"]) == ("2025-09-29T18:07:29+08:00", "https://example.com/a?id=1", "n1")


def test_exports_carry_no_absolute_local_path(corpus, nlp_rules, tmp_path):
    from kg.io import write_all

    g = run([corpus], nlp=nlp_rules).graph
    assert g.nodes["doc:n1"]["path"] == "news.jsonl:1"
    out = write_all(g, tmp_path / "out", formats=("graphml", "json", "claims", "html", "gexf", "neo4j"))
    for path in out.values():
        files = [path] if path.is_file() else list(path.iterdir())
        for f in files:
            assert str(tmp_path) not in f.read_text(encoding="utf-8-sig"), f


@pytest.mark.parametrize("given,portable", [
    ("", ""),
    ("a.txt", "a.txt"),
    ("news/a.txt", "news/a.txt"),
    ("/somewhere/else/corpus.jsonl:12", "corpus.jsonl:12"),
    ("/somewhere/else/a:b.txt", "a:b.txt"),
])
def test_portable_path(given, portable):
    assert portable_path(given) == portable


def test_a_path_under_the_working_directory_stays_relative(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert portable_path(str(tmp_path / "news" / "a.txt")) == "news/a.txt"


def test_min_confidence_leaves_weaker_claims_out(nlp_rules, tmp_path):
    from kg.cli import main
    from kg.io import read_graph

    from tests.conftest import ROOT

    def confidences(g):
        return sorted(d["confidence"] for _, d in g.nodes(data=True) if d["type"] == "claim")

    full = run([ROOT / "seeds"], nlp=nlp_rules).graph
    values = confidences(full)
    cut = values[len(values) // 2]
    assert values[0] < cut  # the seeds hold claims on both sides of the cut
    assert main(["extract", str(ROOT / "seeds"), "--out", str(tmp_path), "--no-model", "--min-confidence", str(cut),
                 "--quiet", "--formats", "json"]) == 0
    kept = confidences(read_graph(tmp_path / "graph.json"))
    assert kept == [v for v in values if v >= cut]
    assert main(["extract", str(ROOT / "seeds"), "--out", str(tmp_path), "--min-confidence", "1.5"]) == 1
