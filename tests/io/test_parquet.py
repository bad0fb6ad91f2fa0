"""kg.io.parquet: nodes, edges and claims as Parquet tables, read back with pyarrow, pandas and DuckDB."""
from __future__ import annotations

import csv
import re
import sys
from collections import Counter
from datetime import date
from pathlib import Path

import networkx as nx
import pytest
from tests.io.sample_graph import XSS, snapshot

from kg import io
from kg.errors import KGError
from kg.io import parquet
from kg.run import run

ROOT = Path(__file__).resolve().parents[2]
MISSING = '--formats parquet needs pyarrow: pip install "kg[parquet]"'


def _documented_query() -> str:
    """Gives the SQL example of kg.io.parquet's docstring (the indented block after its "::")."""
    block = re.search(r"wrote [^:]*::\n\n((?: {4}[^\n]*\n)+)", parquet.__doc__)
    assert block, "kg.io.parquet's docstring has no DuckDB example"
    return "\n".join(line[4:] for line in block.group(1).splitlines())


# Run as written, from the folder in which kg extract wrote outputs/.
QUERY = _documented_query()
AWKWARD = '他说："涨, 还是跌？"\n第二行\r\n=cmd|\' /C calc\'!A0\t,"",' + XSS


@pytest.fixture(scope="module")
def pq():
    pytest.importorskip("pyarrow")
    import pyarrow.parquet

    return pyarrow.parquet


@pytest.fixture(scope="module")
def seeds(nlp_rules) -> nx.MultiDiGraph:
    return run([ROOT / "seeds"], nlp=nlp_rules).graph


@pytest.fixture(scope="module")
def seeds_out(pq, seeds, tmp_path_factory) -> Path:
    return io.write_parquet(seeds, tmp_path_factory.mktemp("seeds") / "outputs" / "parquet")


def _rows(pq, path: Path) -> list[dict]:
    return pq.read_table(path).to_pylist()


def test_tables_hold_every_node_edge_and_claim(pq, seeds, seeds_out):
    assert sorted(p.name for p in seeds_out.iterdir()) == sorted(parquet.TABLES)
    nodes = _rows(pq, seeds_out / "nodes.parquet")
    edges = _rows(pq, seeds_out / "edges.parquet")
    claims = _rows(pq, seeds_out / "claims.parquet")
    assert [r["id"] for r in nodes] == sorted(seeds)
    assert Counter((r["source"], r["target"], r["key"]) for r in edges) == Counter(list(seeds.edges(keys=True)))
    assert [(r["source"], r["target"], r["key"]) for r in edges] == sorted(seeds.edges(keys=True))
    claim_ids = [n for n, t in seeds.nodes(data="type") if t == "claim"]
    assert len(claims) == len(claim_ids) > 0
    assert sorted(r["claim_id"] for r in claims) == sorted(claim_ids)
    assert [(r["document"], r["start"]) for r in claims] == sorted((r["document"], r["start"]) for r in claims)


def test_every_value_comes_back_typed(pq, seeds, seeds_out):
    nodes = {r["id"]: r for r in _rows(pq, seeds_out / "nodes.parquet")}
    for node, data in seeds.nodes(data=True):
        row = nodes[node]
        for key, value in data.items():
            if key == "date":
                assert row["date_text"] == value
                assert row["date"] == (date.fromisoformat(value[:10]) if value else None)
            else:
                assert row[key] == value and type(row[key]) is type(value), (node, key)
        assert all(row[k] is None for k in parquet.NODE_COLUMNS if k not in data and k not in ("id", "date_text"))
    edges = {(r["source"], r["target"], r["key"]): r for r in _rows(pq, seeds_out / "edges.parquet")}
    for u, v, k, data in seeds.edges(keys=True, data=True):
        assert {key: edges[u, v, k][key] for key in data} == data
    documents = [r for r in nodes.values() if r["type"] == "document"]
    assert date(2022, 7, 18) in {r["date"] for r in documents}  # 2022-07-18T12:28:59+00:00 in the seeds


def test_schema_is_the_documented_one(pq, seeds_out):
    types = {"string": "string", "int64": "int64", "double": "double", "bool": "bool", "date32": "date32[day]"}
    for name, columns in [("nodes.parquet", parquet.NODE_COLUMNS), ("edges.parquet", parquet.EDGE_COLUMNS),
                          ("claims.parquet", parquet.CLAIM_TABLE)]:
        schema = pq.read_schema(seeds_out / name)
        assert [(f.name, str(f.type)) for f in schema] == [(k, types[t]) for k, t in columns.items()], name
    assert list(parquet.CLAIM_TABLE) == [*io.CLAIM_COLUMNS[:12], "date_text", *io.CLAIM_COLUMNS[12:]]
    for name in [*parquet.NODE_COLUMNS, *parquet.EDGE_COLUMNS]:
        assert f"``{name}``" in parquet.__doc__, name


def test_claims_table_is_claims_csv_typed(pq, seeds, seeds_out, tmp_path):
    with io.write_claims_csv(seeds, tmp_path / "claims.csv").open(encoding="utf-8-sig", newline="") as fh:
        by_id = {r["claim_id"]: r for r in csv.DictReader(fh)}
    rows = _rows(pq, seeds_out / "claims.parquet")
    assert len(rows) == len(by_id)
    for row in rows:
        expected = by_id[row["claim_id"]]
        assert type(row["start"]) is int and type(row["confidence"]) is float
        assert row["date_text"] == expected["date"]
        as_text = {k: "" if v is None else str(v) for k, v in row.items() if k not in ("date", "date_text")}
        assert as_text == {k: v for k, v in expected.items() if k != "date"}


def _reordered(G: nx.MultiDiGraph, *, edges: bool) -> nx.MultiDiGraph:
    H = nx.MultiDiGraph()
    H.add_nodes_from(reversed(list(G.nodes(data=True))))
    H.add_edges_from(reversed(list(G.edges(keys=True, data=True))) if edges else G.edges(keys=True, data=True))
    return H


def test_same_graph_same_bytes(pq, seeds, seeds_out, tmp_path):
    again = io.write_parquet(seeds, tmp_path / "again")
    nodes_reordered = io.write_parquet(_reordered(seeds, edges=False), tmp_path / "nodes_reordered")
    edges_reordered = io.write_parquet(_reordered(seeds, edges=True), tmp_path / "edges_reordered")
    for name in parquet.TABLES:
        assert (again / name).read_bytes() == (seeds_out / name).read_bytes(), name
        assert (nodes_reordered / name).read_bytes() == (seeds_out / name).read_bytes(), name
    # claims.parquet joins a speaker's several titles in edge order, as claims.csv does
    for name in ("nodes.parquet", "edges.parquet"):
        assert (edges_reordered / name).read_bytes() == (seeds_out / name).read_bytes(), name


def test_article_text_survives_exactly(pq, graph, tmp_path):
    graph.nodes["claim:d1#1"]["text"] = AWKWARD
    before = snapshot(graph)
    out = io.write_parquet(graph, tmp_path / "parquet")
    assert snapshot(graph) == before
    nodes = {r["id"]: r for r in _rows(pq, out / "nodes.parquet")}
    claims = {r["claim_id"]: r for r in _rows(pq, out / "claims.parquet")}
    assert nodes["claim:d1#1"]["text"] == claims["claim:d1#1"]["text"] == AWKWARD
    assert nodes["claim:d1#0"]["label"] == graph.nodes["claim:d1#0"]["label"]
    duckdb = pytest.importorskip("duckdb")
    got = duckdb.sql(f"SELECT text FROM '{out / 'claims.parquet'}' WHERE claim_id = 'claim:d1#1'").fetchall()
    assert got == [(AWKWARD,)]


def test_documented_duckdb_query_gives_the_top_speakers(pq, seeds, seeds_out, monkeypatch):
    duckdb = pytest.importorskip("duckdb")
    monkeypatch.chdir(seeds_out.parent.parent)
    got = duckdb.sql(QUERY).fetchall()
    expected = []
    for person, kind in seeds.nodes(data="type"):
        if kind != "person":
            continue
        said = {v for _, v, d in seeds.out_edges(person, data=True) if d["type"] == "said"}
        firms = {v for _, v, d in seeds.out_edges(person, data=True)
                 if d["type"] == "affiliated_with" and not d["former"]}
        expected += [(seeds.nodes[person]["label"], seeds.nodes[f]["label"], len(said)) for f in firms if said]
    expected.sort(key=lambda r: (-r[2], r[0], r[1]))
    assert got == expected[:5] and len(got) == 5
    assert got[0][2] > 1


def test_readme_shows_the_tested_query():
    def squash(s: str) -> str:
        return " ".join(s.split())

    assert QUERY.startswith("SELECT") and QUERY.endswith("LIMIT 5;")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    if "Parquet for DuckDB" not in readme:
        pytest.skip("README.md has no Parquet section yet")
    assert squash(QUERY) in squash(readme)


def test_pandas_reads_the_tables(pq, seeds, seeds_out):
    pd = pytest.importorskip("pandas")
    claims = pd.read_parquet(seeds_out / "claims.parquet")
    edges = pd.read_parquet(seeds_out / "edges.parquet")
    assert len(claims) == sum(1 for _, t in seeds.nodes(data="type") if t == "claim")
    assert str(claims["start"].dtype) == "int64" and str(claims["confidence"].dtype) == "float64"
    affiliated = edges[edges["type"] == "affiliated_with"]
    assert set(affiliated["former"]) == {True, False} and len(affiliated) == sum(
        1 for *_, t in seeds.edges(data="type") if t == "affiliated_with")
    assert edges["former"].isna().sum() == len(edges) - len(affiliated)  # null where the edge has none
    assert list(claims.columns) == list(parquet.CLAIM_TABLE)


def test_missing_pyarrow_is_a_one_line_error(graph, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    with pytest.raises(KGError, match=re.escape(MISSING)) as info:
        io.check_formats(["html", "parquet"])
    assert str(info.value) == MISSING
    io.check_formats(["html", "json"])  # the other formats need nothing more
    with pytest.raises(KGError, match=re.escape(MISSING)):
        io.write_all(graph, tmp_path / "out", formats=["html", "parquet"])
    assert not (tmp_path / "out").exists()  # refused before anything was written
    with pytest.raises(KGError, match=re.escape(MISSING)):
        io.write_parquet(graph, tmp_path / "parquet")
    with pytest.raises(KGError, match="unknown export format.*'pdf'"):
        io.check_formats(["parquet", "pdf"])


def test_failed_write_keeps_the_old_folder(pq, graph, tmp_path, monkeypatch):
    out = io.write_parquet(graph, tmp_path / "parquet")
    old = {name: (out / name).read_bytes() for name in parquet.TABLES}
    graph.nodes["claim:d1#0"]["text"] = "changed"
    calls = []

    def full_disk(table, where, **options):
        calls.append(where)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        return real(table, where, **options)

    real = pq.write_table
    monkeypatch.setattr(pq, "write_table", full_disk)
    with pytest.raises(KGError, match=r"parquet: write failed \(No space left on device\)"):
        io.write_parquet(graph, out)
    assert {name: (out / name).read_bytes() for name in parquet.TABLES} == old
    assert [p.name for p in tmp_path.iterdir()] == ["parquet"]


def test_failed_swap_puts_the_old_folder_back(pq, graph, tmp_path, monkeypatch):
    out = io.write_parquet(graph, tmp_path / "parquet")
    old = {name: (out / name).read_bytes() for name in parquet.TABLES}
    real = parquet.os.rename

    def refuse_new(src, dst):
        if str(src).endswith(".tmp"):
            raise OSError(13, "Permission denied")
        return real(src, dst)

    monkeypatch.setattr(parquet.os, "rename", refuse_new)
    graph.nodes["claim:d1#0"]["text"] = "changed"
    with pytest.raises(KGError, match=r"write failed \(Permission denied\)"):
        io.write_parquet(graph, out)
    assert {name: (out / name).read_bytes() for name in parquet.TABLES} == old
    assert [p.name for p in tmp_path.iterdir()] == ["parquet"]


def test_new_tables_replace_the_old_ones(pq, graph, tmp_path):
    out = io.write_parquet(graph, tmp_path / "parquet")
    graph.nodes["claim:d1#0"]["text"] = "changed"
    io.write_parquet(graph, out)
    assert {r["claim_id"]: r["text"] for r in _rows(pq, out / "claims.parquet")}["claim:d1#0"] == "changed"
    assert [p.name for p in tmp_path.iterdir()] == ["parquet"]


def test_a_folder_with_other_files_is_not_replaced(pq, graph, tmp_path):
    (tmp_path / "parquet").mkdir()
    (tmp_path / "parquet" / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(KGError, match=r"parquet: holds files kg did not write \(notes\.txt\)"):
        io.write_parquet(graph, tmp_path / "parquet")
    assert (tmp_path / "parquet" / "notes.txt").read_text(encoding="utf-8") == "mine"
    (tmp_path / "file").write_text("", encoding="utf-8")
    with pytest.raises(KGError, match="file: exists and is not a directory"):
        io.write_parquet(graph, tmp_path / "file")


def test_write_all_writes_the_folder(pq, graph, tmp_path):
    written = io.write_all(graph, tmp_path, formats=["parquet"])
    assert written == {"parquet": tmp_path / "parquet"}
    assert pq.read_metadata(written["parquet"] / "edges.parquet").num_rows == graph.number_of_edges()
    assert "parquet" in io.FORMATS and "parquet" not in io.DEFAULT_FORMATS


def test_other_attributes_strings_and_empty_graphs(pq, graph, tmp_path):
    graph.nodes["topic:人工智能"]["score"] = 0.5
    graph.nodes["topic:流动性"]["score"] = 2
    graph.nodes["claim:d1#0"]["start"] = "10"  # as a graph read with networkx alone may hold it
    graph.edges["org:平安证券", "org:中国平安", 0]["since"] = "2019"
    out = io.write_parquet(graph, tmp_path / "parquet")
    nodes = pq.read_table(out / "nodes.parquet")
    assert nodes.column_names == [*parquet.NODE_COLUMNS, "score", "weight"]
    assert str(nodes.schema.field("score").type) == "double" and str(nodes.schema.field("weight").type) == "int64"
    rows = {r["id"]: r for r in nodes.to_pylist()}
    assert rows["claim:d1#0"]["start"] == 10 and rows["topic:流动性"]["score"] == 2.0
    assert pq.read_table(out / "edges.parquet").column_names[-1] == "since"
    graph.nodes["claim:d1#0"]["start"] = "ten"
    with pytest.raises(KGError, match=r"claim:d1#0.*'start' is 'ten', not int64"):
        io.write_parquet(graph, out)
    graph.nodes["claim:d1#0"]["id"] = "x"
    with pytest.raises(KGError, match=r"claim:d1#0.*attribute 'id', the name of a column kg fills"):
        io.write_parquet(graph, out)
    empty = io.write_parquet(nx.MultiDiGraph(), tmp_path / "empty")
    assert [pq.read_metadata(empty / name).num_rows for name in parquet.TABLES] == [0, 0, 0]
