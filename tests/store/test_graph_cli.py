"""kg graph: the graph rebuilt from the store kg extract keeps, whole (equal to extract's) or sliced."""
from __future__ import annotations

import json

import pytest

from kg.cli import main
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    out = tmp_path_factory.mktemp("extract")
    assert main(["extract", str(ROOT / "seeds"), "--out", str(out), "--no-model", "--quiet"]) == 0
    return out


def _doc_nodes(folder):
    data = json.loads((folder / "graph.json").read_text(encoding="utf-8"))
    return sorted(n["id"] for n in data["nodes"] if n["id"].startswith("doc:"))


def test_whole_store_gives_extracts_graph(extracted, tmp_path, capsys):
    assert main(["graph", "--store", str(extracted / "kg-store.sqlite"), "--out", str(tmp_path)]) == 0
    assert json.loads((tmp_path / "graph.json").read_text(encoding="utf-8")) == \
        json.loads((extracted / "graph.json").read_text(encoding="utf-8"))
    out = capsys.readouterr().out
    assert "documents kept   7" in out and f"wrote json     {tmp_path / 'graph.json'}" in out


def test_date_slice_keeps_dated_documents_in_range(extracted, tmp_path, capsys):
    # seeds: 000_… is dated 2022-07-18T12:28:59+00:00, 01_forum 2024-11-16, the other five have no date
    store = str(extracted / "kg-store.sqlite")
    assert main(["graph", "--store", store, "--out", str(tmp_path / "a"), "--since", "2024-11-16"]) == 0
    assert _doc_nodes(tmp_path / "a") == ["doc:01_forum.txt"]
    assert "documents kept   1; 5 without a date left out" in capsys.readouterr().out
    assert main(["graph", "--store", store, "--out", str(tmp_path / "b"), "--until", "2022-07-18"]) == 0
    assert _doc_nodes(tmp_path / "b") == ["doc:000_094516f04bd63746.txt"]
    assert main(["graph", "--store", store, "--out", str(tmp_path / "c"), "--since", "2022-01-01",
                 "--until", "2024-12-31", "--quiet"]) == 0
    assert _doc_nodes(tmp_path / "c") == ["doc:000_094516f04bd63746.txt", "doc:01_forum.txt"]


def test_org_person_topic_slices(extracted, tmp_path):
    store = str(extracted / "kg-store.sqlite")
    assert main(["graph", "--store", store, "--out", str(tmp_path / "a"), "--org", "华为", "-q"]) == 0
    assert _doc_nodes(tmp_path / "a") == ["doc:000_094516f04bd63746.txt"]
    assert main(["graph", "--store", store, "--out", str(tmp_path / "b"), "--person", "韩露", "-q"]) == 0
    assert _doc_nodes(tmp_path / "b") == ["doc:02_analysts.txt"]
    assert main(["graph", "--store", store, "--out", str(tmp_path / "c"), "--topic", "人工智能", "-q"]) == 0
    ai = _doc_nodes(tmp_path / "c")
    assert {"doc:000_094516f04bd63746.txt", "doc:01_forum.txt", "doc:06_tech_en.txt"} <= set(ai)
    assert "doc:02_analysts.txt" not in ai
    # slices combine: an org of 01_forum with a date only 000_… has
    assert main(["graph", "--store", store, "--out", str(tmp_path / "d"), "--org", "华泰证券",
                 "--until", "2023-01-01", "-q"]) == 1
    assert main(["graph", "--store", store, "--out", str(tmp_path / "e"), "--source", "金融时讯网", "-q"]) == 0
    assert _doc_nodes(tmp_path / "e") == ["doc:01_forum.txt"]


@pytest.mark.parametrize("store", ["missing.sqlite", "not_a_store.txt", "."])
def test_bad_store_is_one_line_error(tmp_path, capsys, store):
    (tmp_path / "not_a_store.txt").write_text("hello", encoding="utf-8")
    path = tmp_path / store
    assert main(["graph", "--store", str(path), "--out", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(path) in err and "kg extract" in err and "Traceback" not in err
    assert not (tmp_path / "missing.sqlite").exists() and not (tmp_path / "out").exists()


@pytest.mark.parametrize("option", [["--since", "2024-02-30"], ["--min-confidence", "2"], ["--formats", "pdf"],
                                    ["--since", "2024-02-01", "--until", "2024-01-01"]])
def test_options_checked_before_the_store(tmp_path, capsys, option):
    # the store is missing: an option error shows first
    assert main(["graph", "--store", str(tmp_path / "missing.sqlite"), "--out", str(tmp_path), *option]) == 1
    err = capsys.readouterr().err
    assert option[0] in err and "missing.sqlite" not in err
