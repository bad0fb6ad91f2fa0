"""Evaluation as a product feature, and the extractor's scores on the project's annotated articles."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.cli import main
from kg.run import run
from kg.errors import KGError
from kg.evaluate import evaluate, read_gold

ROOT = Path(__file__).resolve().parents[1]
GOLD = sorted((ROOT / "tests" / "fixtures" / "gold").glob("*.json"))
HELDOUT = sorted((ROOT / "tests" / "fixtures" / "heldout" / "gold").glob("*.json"))


def _score(nlp, gold_path: Path, articles: Path):
    gold = read_gold(gold_path)
    return evaluate(run([articles / gold["doc"]], nlp=nlp).graph, gold)


def _macro(evals, part):
    p = sum(getattr(e, part).precision for e in evals) / len(evals)
    r = sum(getattr(e, part).recall for e in evals) / len(evals)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@pytest.fixture(scope="module")
def seed_scores(nlp_rules):
    return [_score(nlp_rules, g, ROOT / "seeds") for g in GOLD]


def test_gold_files_are_present():
    assert len(GOLD) == 6


@pytest.mark.parametrize("part,floor", [("people", 0.95), ("organizations", 0.85), ("affiliations", 0.90)])
def test_seed_articles_entity_scores(seed_scores, part, floor):
    assert _macro(seed_scores, part)[2] >= floor


def test_seed_articles_claim_scores(seed_scores):
    p, r, _ = _macro(seed_scores, "claims")
    assert p >= 0.90 and r >= 0.85


def test_evaluate_counts_what_is_wrong():
    import networkx as nx

    g = nx.MultiDiGraph()
    g.add_node("person:甲", type="person", label="甲", title="分析师")
    g.add_node("person:乙", type="person", label="乙", title="")
    g.add_node("org:A", type="organization", label="A证券")
    g.add_node("claim:1", type="claim", label="c", text="今年经济将企稳回升")
    g.add_edge("person:甲", "org:A", type="affiliated_with", title="首席分析师")
    g.add_edge("person:甲", "claim:1", type="said")
    gold = {"people": [{"name": "甲", "affiliations": [{"org": "A证券", "title": "分析师"}]}, {"name": "丙", "affiliations": []}],
            "organizations": [{"name": "A证券"}],
            "claims": [{"speaker": "甲", "kind": "indirect", "snippet": "经济将企稳"},
                       {"speaker": "丙", "kind": "indirect", "snippet": "不会出现"}]}
    ev = evaluate(g, gold)
    assert (ev.people.precision, ev.people.recall) == (0.5, 0.5)
    assert (ev.affiliations.precision, ev.affiliations.recall) == (1.0, 1.0)
    assert (ev.claims.precision, ev.claims.recall) == (1.0, 0.5)
    assert ev.errors["people_missing"] == ["丙"] and ev.errors["people_extra"] == ["乙"]


def test_kg_eval_command(tmp_path, capsys, nlp_rules):
    out = tmp_path / "out"
    assert main(["extract", str(ROOT / "seeds" / "02_analysts.txt"), "--out", str(out), "--no-model", "-q"]) == 0
    assert main(["eval", str(out / "graph.graphml"), str(GOLD[1]), "--brief"]) == 0
    printed = capsys.readouterr().out
    assert "people" in printed and "claims" in printed


def test_bad_gold_file_is_a_clear_error(tmp_path):
    bad = tmp_path / "gold.json"
    bad.write_text(json.dumps({"doc": "x"}), encoding="utf-8")
    with pytest.raises(KGError, match="lacks people, claims"):
        read_gold(bad)


@pytest.mark.skipif(not HELDOUT, reason="no held-out articles")
def test_heldout_articles_are_scored(nlp_rules):
    """Held-out articles: reported, with a floor well below the seed articles' scores."""
    evals = [_score(nlp_rules, g, ROOT / "tests" / "fixtures" / "heldout" / "articles") for g in HELDOUT]
    assert _macro(evals, "people")[2] >= 0.7
    assert _macro(evals, "claims")[0] >= 0.7


def _kgscore(shared):
    import importlib.util

    spec = importlib.util.spec_from_file_location("kgscore", shared / "tools" / "kgscore.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _dev_gold_ids():
    import json
    from pathlib import Path

    split = Path(__file__).parent / "fixtures" / "finreport" / "SPLIT.json"
    return [o["id"] for o in json.loads(split.read_text(encoding="utf-8")) if o["split"] == "dev"][:4]


@pytest.mark.parametrize("which", ["seed", *_dev_gold_ids()])
def test_eval_topics_equal_the_shared_scorer(which, shared, nlp, tmp_path):
    """kg eval gives the shared scorer's topic numbers on the same graph and gold (the seed, dev articles)."""
    import json
    from pathlib import Path

    from kg.io import write_graphml
    from kg.io.read import read_graph
    from kg.run import run

    kgscore = _kgscore(shared)
    root = Path(__file__).resolve().parents[1]
    if which == "seed":
        src, gold_path = root / "seeds" / "000_094516f04bd63746.txt", shared / "gold" / "seed_000.json"
    else:
        gold_path = root / "tests" / "fixtures" / "finreport" / f"{which}.json"
        corpus = shared / "data" / "corpus" / "finreport.jsonl"
        line = next(l for l in corpus.open(encoding="utf-8") if json.loads(l)["id"] == which)
        src = tmp_path / "a.jsonl"
        src.write_text(line, encoding="utf-8")
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    for person in gold.get("people", []):
        for a in person.get("affiliations", []):
            a.setdefault("org", "")
            a.setdefault("title", "")
    path = tmp_path / "graph.graphml"
    write_graphml(run([src], nlp=nlp).graph, path)
    theirs = kgscore.score(kgscore.load(str(path)), gold)
    ours = evaluate(read_graph(path), gold)
    assert (ours.topics.precision, ours.topics.recall) == pytest.approx(theirs["topics"])
    assert ours.speaker_topics_recall == pytest.approx(theirs["speaker_topics_recall"])
    assert ours.errors["topics_missing"] == theirs["topics_missing"]
