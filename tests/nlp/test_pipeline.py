"""The pipeline is spaCy's: built from kg/nlp/config.cfg, saved and loaded back by spaCy itself."""
from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

from kg.ingest import iter_documents
from kg.nlp import STAGES, load
from kg.nlp.result import doc_meta, result_from_doc
from kg.records import Document
from kg.run import process

from tests.conftest import ROOT


def _documents() -> list[Document]:
    return [d for d in iter_documents([ROOT / "seeds"]) if isinstance(d, Document)]


def _records(nlp, documents) -> list[dict]:
    return [r.to_dict() for r in process(nlp, documents)]


def test_config_names_the_registered_tokenizer_and_every_stage(nlp):
    cfg = nlp.config
    assert cfg["nlp"]["tokenizer"] == {"@tokenizers": "kg.JiebaTokenizer.v1", "pos": True}
    assert list(cfg["nlp"]["pipeline"]) == ["kg_ner", *STAGES]
    assert nlp.pipe_names == ["kg_ner", *STAGES]
    for name in nlp.pipe_names:
        assert cfg["components"][name]["factory"] == name
    assert cfg["components"]["kg_entities"]["min_model_score"] == 0.5
    assert cfg["components"]["kg_topics"]["n"] == 3


def test_no_model_excludes_the_ner_stage(nlp_rules):
    assert nlp_rules.pipe_names == list(STAGES)
    assert "kg_ner" not in nlp_rules.config["nlp"]["pipeline"]


def test_every_stage_declares_what_it_reads(nlp):
    analysis = nlp.analyze_pipes()
    assert analysis["problems"] == {name: [] for name in nlp.pipe_names}
    assert "doc._.kg_claims" in analysis["summary"]["kg_topics"]["requires"]


def test_to_disk_and_spacy_load_round_trip(nlp, tmp_path):
    import spacy

    documents = _documents()
    nlp.to_disk(tmp_path / "pipeline")
    again = spacy.load(tmp_path / "pipeline")
    assert again.config.to_str() == nlp.config.to_str()
    assert again.pipe_names == nlp.pipe_names
    assert _records(again, documents) == _records(nlp, documents)


def test_spacy_finds_kg_through_entry_points(nlp, tmp_path):
    """A fresh interpreter that never imports kg loads a saved kg pipeline with spacy.load alone."""
    nlp.to_disk(tmp_path / "pipeline")
    script = textwrap.dedent(f"""
        import json, sys, spacy
        assert not any(m == "kg" or m.startswith("kg.") for m in sys.modules)
        nlp = spacy.load({str(tmp_path / "pipeline")!r})
        doc = nlp("平安证券CIO张朝晖认为，金融科技的关键在于数据。")
        print(json.dumps([nlp.pipe_names, [c.speaker for c in doc._.kg_claims]], ensure_ascii=False))
    """)
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=tmp_path, check=True)
    names, speakers = json.loads(out.stdout)
    assert names == nlp.pipe_names
    assert speakers == ["张朝晖"]


def test_pipe_batches_give_what_one_document_at_a_time_gives(nlp):
    documents = _documents()
    one_by_one = []
    for d in documents:
        doc = nlp.make_doc(d.text)
        doc._.kg_meta = doc_meta(d)
        for _, proc in nlp.pipeline:
            doc = proc(doc)
        one_by_one.append(result_from_doc(doc, d).to_dict())
    assert [r.to_dict() for r in process(nlp, documents, batch_size=4)] == one_by_one


def test_kg_ner_pipe_tags_many_documents_in_one_model_call(nlp, monkeypatch):
    ner = nlp.get_pipe("kg_ner")
    calls: list[int] = []
    predict = ner.model.predict

    def counting(texts, words=None):
        texts = list(texts)
        calls.append(len(texts))
        return predict(texts, words)

    monkeypatch.setattr(ner.model, "predict", counting)
    docs = [nlp.make_doc(t) for t in ("张朝晖认为市场回暖。", "许彦冰表示，数据是关键。", "央行宣布降准。")]
    list(ner.pipe(docs, batch_size=8))
    assert calls == [3]
    assert all(d._.kg_model_entities is not None for d in docs)


@pytest.mark.parametrize("model", [False, True])
def test_load_is_built_from_the_config_file(model):
    from kg.nlp import config

    nlp = load(model=model)
    assert nlp.config["nlp"]["batch_size"] == config()["nlp"]["batch_size"]
    assert ("kg_ner" in nlp.pipe_names) is model
