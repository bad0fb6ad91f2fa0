"""kg.run: documents through nlp.pipe, one outcome per document, in order, failures isolated."""
from __future__ import annotations

import pytest
from spacy.language import Language

from kg.nlp import load
from kg.records import DocResult, Document, Skipped
from kg.run import process, run

from tests.conftest import ROOT


@Language.component("test_fails_on_marker")
def _fails_on_marker(doc):
    if "炸弹" in doc.text:
        raise ValueError("boom")
    return doc


def _docs(*texts: str) -> list[Document]:
    return [Document(id=f"d{i}", text=t, path=f"d{i}.txt") for i, t in enumerate(texts)]


@pytest.fixture()
def nlp_failing():
    nlp = load(model=False)
    nlp.add_pipe("test_fails_on_marker", after="kg_binding")
    return nlp


@pytest.mark.parametrize("batch_size", [1, 2, 32])
def test_a_failing_document_is_skipped_and_the_others_go_on(nlp_failing, batch_size):
    docs = _docs("张朝晖认为，市场回暖。", "炸弹一词让这篇失败。", "许彦冰表示，数据是关键。", "炸弹", "王芳说：“好。”")
    out = list(process(nlp_failing, docs, batch_size=batch_size))
    assert [type(o).__name__ for o in out] == ["DocResult", "Skipped", "DocResult", "Skipped", "DocResult"]
    assert [o.doc_id for o in out if isinstance(o, DocResult)] == ["d0", "d2", "d4"]
    skipped = [o for o in out if isinstance(o, Skipped)]
    assert [s.source for s in skipped] == ["d1.txt", "d3.txt"]
    assert all(s.reason == "pipeline failed in test_fails_on_marker: ValueError: boom" for s in skipped)


def test_the_error_handler_is_restored_after_a_run(nlp_failing):
    before = nlp_failing.default_error_handler
    list(process(nlp_failing, _docs("炸弹")))
    assert nlp_failing.default_error_handler is before
    with pytest.raises(ValueError, match="boom"):
        nlp_failing("炸弹")


def test_a_tokenizer_failure_is_skipped_too(nlp_rules, monkeypatch):
    real = nlp_rules.tokenizer

    def tokenizer(text):
        if "坏" in text:
            raise RuntimeError("cannot segment")
        return real(text)

    monkeypatch.setattr(nlp_rules, "tokenizer", tokenizer)
    out = list(process(nlp_rules, _docs("好文章。", "坏文章。", "又一篇好文章。")))
    assert [type(o).__name__ for o in out] == ["DocResult", "Skipped", "DocResult"]
    assert out[1].reason == "pipeline failed in tokenizer: RuntimeError: cannot segment"


def test_processes_give_the_serial_run_graph(nlp_rules):
    import networkx as nx

    serial = run([ROOT / "seeds"], nlp=nlp_rules)
    parallel = run([ROOT / "seeds"], n_process=2, model=False)
    assert [r.to_dict() for r in parallel.results] == [r.to_dict() for r in serial.results]
    assert nx.utils.graphs_equal(parallel.graph, serial.graph)


def test_results_round_trip_through_plain_dicts(nlp_rules):
    for result in run([ROOT / "seeds"], nlp=nlp_rules).results:
        assert DocResult.from_dict(result.to_dict()) == result
