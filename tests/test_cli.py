"""The CLI as a user runs it: on articles, on bad inputs, and the seed against its gold."""
from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

from kg.cli import main
from kg.evaluate import evaluate, read_gold
from kg.io import read_graph

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_094516f04bd63746.txt"
SEED_GOLD = ROOT / "tests" / "fixtures" / "seed_000.json"


@pytest.fixture(scope="module")
def seed_run(tmp_path_factory):
    if not SEED.exists():
        pytest.skip(f"{SEED.relative_to(ROOT)} is not in the repository (see README.md, 'Seeds and evaluation data')")
    out = tmp_path_factory.mktemp("seed")
    assert main(["extract", str(SEED), "--out", str(out), "--quiet"]) == 0
    return out


def test_seed_meets_issue_thresholds_for_people_and_organizations(seed_run):
    ev = evaluate(read_graph(seed_run / "graph.graphml"), read_gold(SEED_GOLD))
    assert ev.people.f1 >= 0.95, ev.errors
    assert ev.organizations.f1 >= 0.85, ev.errors


def test_seed_meets_issue_thresholds_for_claims_and_topics(seed_run):
    ev = evaluate(read_graph(seed_run / "graph.graphml"), read_gold(SEED_GOLD))
    assert ev.claims.precision >= 0.90, ev.errors
    assert ev.claims.recall >= 0.85, ev.errors
    assert ev.topics is not None and ev.topics.recall >= 0.75, ev.errors


def test_seed_meets_issue_threshold_for_affiliations(seed_run):
    ev = evaluate(read_graph(seed_run / "graph.graphml"), read_gold(SEED_GOLD))
    assert ev.affiliations.f1 >= 0.90, ev.errors


def test_extract_writes_the_four_outputs_and_a_summary(tmp_path, capsys):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("券商论坛\n平安证券CIO张朝晖认为，数字化转型需要全方位的架构。\n", encoding="utf-8")
    (src / "b.html").write_text("<html><body><h1>访谈</h1><p>招商银行行长王良表示：“零售业务仍是我们的压舱石。”</p>"
                                "</body></html>", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["extract", str(src), "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    for word in ("documents read", "skipped", "people", "organizations", "claims", "topics", "time"):
        assert word in printed
    assert {p.name for p in out.iterdir()} == {"graph.html", "graph.graphml", "graph.json", "claims.csv",
                                              "kg-store.sqlite",  # the store of results, for re-runs
                                              ".kg.lock"}  # one run at a time writes into the folder
    g = read_graph(out / "graph.json")
    speakers = {d["speaker"] for _, d in g.nodes(data=True) if d["type"] == "claim"}
    assert speakers == {"张朝晖", "王良"}
    with open(out / "claims.csv", encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 2 and {"speaker", "title", "organization", "kind", "cue", "text", "topics", "document",
                                "start", "end"} <= set(rows[0])


def test_bad_inputs_are_skipped_with_reasons_and_the_run_goes_on(tmp_path, capsys):
    src = tmp_path / "in"
    src.mkdir()
    (src / "good.txt").write_text("标题\n中信证券首席经济学家明明表示，货币政策仍有空间。\n", encoding="utf-8")
    (src / "empty.txt").write_bytes(b"")
    (src / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    (src / "broken.txt").write_text("---\ntitle: 没有结束\n<p>正文</p>\n", encoding="utf-8")
    (src / "corpus.jsonl").write_text(json.dumps({"id": "x1", "title": "t", "text": "华泰证券研报指出，市场风格有望切换。"},
                                                 ensure_ascii=False) + "\n{not json\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["extract", str(src), "--out", str(out)]) == 0
    err = capsys.readouterr().err
    for name in ("empty.txt", "image.txt", "broken.txt", "corpus.jsonl:2"):
        assert name in err
    g = read_graph(out / "graph.graphml")
    assert {d["label"] for _, d in g.nodes(data=True) if d["type"] == "document"} >= {"t"}
    assert sum(1 for _, d in g.nodes(data=True) if d["type"] == "claim") == 2


def test_no_readable_document_is_a_clear_error(tmp_path, capsys):
    (tmp_path / "empty.txt").write_bytes(b"")
    assert main(["extract", str(tmp_path), "--out", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert "kg: error:" in err and "Traceback" not in err
    assert not (tmp_path / "out" / "graph.graphml").exists()


@pytest.mark.parametrize("argv,needle", [
    (["extract", "x", "--jobs", "0"], "--jobs"),
    (["extract", "x", "--formats", "pdf"], "pdf"),
    (["eval", "missing.graphml", "missing.json"], "missing"),
])
def test_user_mistakes_give_one_line_errors(argv, needle, capsys):
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert needle in err and "Traceback" not in err


def test_console_script_help_runs():
    out = subprocess.run([sys.executable, "-m", "kg.cli", "--help"], capture_output=True, text=True, check=True)
    assert "extract" in out.stdout and "eval" in out.stdout


def test_parallel_run_gives_the_same_graph(tmp_path):
    import kg

    src = tmp_path / "in"
    src.mkdir()
    for i in range(4):
        (src / f"{i}.txt").write_text(f"标题{i}\n平安证券CIO张朝晖认为，第{i}个系统上线意义重大。\n", encoding="utf-8")
    g1 = kg.extract([src], model=False)
    g2 = kg.extract([src], model=False, n_process=2)
    assert sorted(g1.nodes) == sorted(g2.nodes)
    assert sorted(g1.edges(keys=True)) == sorted(g2.edges(keys=True))


@pytest.mark.parametrize("command", ["extract", "graph"])
def test_a_format_whose_extra_is_missing_stops_before_any_work(tmp_path, capsys, monkeypatch, command):
    import kg.run

    monkeypatch.setitem(sys.modules, "pyarrow", None)  # as if kg[parquet] were not installed
    monkeypatch.setattr(kg.run, "run", lambda *a, **k: pytest.fail("the extraction ran"))
    argv = (["extract", str(ROOT / "seeds"), "--no-model"] if command == "extract"
            else ["graph", "--store", str(tmp_path / "missing.sqlite")])
    assert main([*argv, "--out", str(tmp_path / "out"), "--formats", "json,parquet"]) == 1
    err = capsys.readouterr().err
    assert 'parquet needs pyarrow: pip install "kg[parquet]"' in err and "Traceback" not in err
    assert not (tmp_path / "out").exists()


def test_dask_option_mistakes_are_one_line_errors_before_any_work(tmp_path, capsys, monkeypatch):
    import importlib.util

    import kg.run

    monkeypatch.setattr(kg.run, "run", lambda *a, **k: pytest.fail("the extraction ran"))
    seeds = str(ROOT / "seeds")
    assert main(["extract", seeds, "--out", str(tmp_path / "o"), "--dask", "tcp://10.0.0.5:8786", "-j", "4"]) == 1
    assert "the cluster's workers do the work" in capsys.readouterr().err
    assert main(["extract", seeds, "--out", str(tmp_path / "o"), "--dask", " "]) == 1
    assert "--dask: give 'local' or a scheduler address" in capsys.readouterr().err
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "distributed" else real(name, *a))
    assert main(["extract", seeds, "--out", str(tmp_path / "o"), "--dask", "local"]) == 1
    assert 'pip install "kg[dask]"' in capsys.readouterr().err
    assert not (tmp_path / "o").exists()


def test_dask_local_gives_the_single_process_graph(tmp_path):
    pytest.importorskip("distributed")
    seeds = str(ROOT / "seeds")
    assert main(["extract", seeds, "--no-model", "-q", "--out", str(tmp_path / "one")]) == 0
    assert main(["extract", seeds, "--no-model", "-q", "--out", str(tmp_path / "dask"), "--dask", "local"]) == 0
    assert (tmp_path / "dask" / "graph.json").read_bytes() == (tmp_path / "one" / "graph.json").read_bytes()
    # the same command again takes every document from the store
    assert main(["extract", seeds, "--no-model", "-q", "--out", str(tmp_path / "dask"), "--dask", "local"]) == 0
    assert (tmp_path / "dask" / "graph.json").read_bytes() == (tmp_path / "one" / "graph.json").read_bytes()
