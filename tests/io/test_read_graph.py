"""kg.io.read_graph (also kg.read_graph): GraphML and node-link JSON back, with the schema's attribute types."""
from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest

import kg
from kg.errors import KGError
from kg.io import read_graph
from kg.query import claims, example_graph


@pytest.fixture
def G() -> nx.MultiDiGraph:
    return example_graph()


def test_kg_read_graph_is_kg_io_read_graph():
    assert kg.read_graph is read_graph


def _write(G: nx.MultiDiGraph, path: Path, fmt: str) -> Path:
    if fmt == "graphml":
        nx.write_graphml(G, path)
    else:
        path.write_text(json.dumps(nx.node_link_data(G, edges=fmt), ensure_ascii=False), encoding="utf-8")
    return path


def _typed_attrs(G: nx.MultiDiGraph) -> tuple:
    nodes = {n: {k: (type(v), v) for k, v in d.items()} for n, d in G.nodes(data=True)}
    edges = sorted(
        (u, v, sorted((k2, type(x).__name__, x) for k2, x in d.items())) for u, v, d in G.edges(data=True)
    )
    return nodes, edges


def _int_keys(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    H = nx.MultiDiGraph()
    H.add_nodes_from(G.nodes(data=True))
    H.add_edges_from(G.edges(data=True))
    return H


@pytest.mark.parametrize("keys", ["named", "int"])
@pytest.mark.parametrize(
    ("fmt", "name"),
    [
        ("graphml", "g.graphml"),
        ("edges", "g.json"),
        ("links", "g.json"),
        ("graphml", "g.out"),
        ("edges", "g"),
    ],
)
def test_read_graph_round_trip(G, tmp_path, fmt, name, keys):
    G = G if keys == "named" else _int_keys(G)
    H = read_graph(_write(G, tmp_path / name, fmt))
    assert isinstance(H, nx.MultiDiGraph) and H.is_directed()
    assert _typed_attrs(H) == _typed_attrs(G)
    assert sorted(H.edges(keys=True)) == sorted(G.edges(keys=True))
    assert [c.node for c in claims(H, org="中国平安")] == [c.node for c in claims(G, org="中国平安")]


def test_read_graph_restores_schema_types_stored_as_text(tmp_path):
    G = nx.MultiDiGraph()
    G.add_node("claim:d#0", type="claim", start="3", end="7.0", confidence="0.5", mentions=2.0)
    G.add_node("org:甲", type="organization")
    G.add_edge("org:甲", "claim:d#0", type="affiliated_with", former="false", count="2")
    G.add_edge("org:甲", "claim:d#0", type="affiliated_with", former=1, weight=3.0)
    for fmt, name in (("graphml", "g.graphml"), ("edges", "g.json")):
        H = read_graph(_write(G, tmp_path / name, fmt))
        c = H.nodes["claim:d#0"]
        assert (c["start"], c["end"], c["confidence"], c["mentions"]) == (3, 7, 0.5, 2)
        assert isinstance(c["end"], int) and isinstance(c["mentions"], int)
        edges = sorted(H.get_edge_data("org:甲", "claim:d#0").values(), key=lambda d: "count" in d)
        assert edges[0]["former"] is True and edges[0]["weight"] == 3
        assert edges[1]["former"] is False and edges[1]["count"] == 2


def test_read_graph_keeps_simple_graph_edges_once(tmp_path):
    G = nx.Graph()
    G.add_edge("a", "b", type="part_of")
    H = read_graph(_write(G, tmp_path / "g.json", "edges"))
    assert isinstance(H, nx.MultiDiGraph) and H.number_of_edges() == 1


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("missing.graphml", None, "missing.graphml: cannot read"),
        ("bad.graphml", "<graphml><node", "bad.graphml: not a valid GraphML graph"),
        ("bad.json", "{not json", "bad.json: not a valid JSON graph"),
        ("bad.json", '{"nodes": [{"name": 1}]}', "bad.json: not a valid JSON graph"),
        ("g.txt", "hello", r"g.txt: unknown graph format '.txt'"),
        (
            "bad.json",
            '{"nodes": [{"id": "c", "start": "x"}], "edges": []}',
            "bad.json: node 'c' has start='x'",
        ),
    ],
)
def test_read_graph_errors(tmp_path, name, content, message):
    path = tmp_path / name
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(KGError, match=message):
        read_graph(path)


def test_doctests_pass():
    import doctest

    import kg.io.read

    result = doctest.testmod(kg.io.read)
    assert result.attempted > 0 and result.failed == 0
