"""kg.io.nodelink: the node-link JSON is written with a pinned layout and read back."""
from __future__ import annotations

import json

import networkx as nx

from kg import io



def test_json_round_trip_pinned_layout(graph, tmp_path):
    path = io.write_json(graph, tmp_path / "g.json")
    text = path.read_text(encoding="utf-8")
    assert "张朝晖" in text  # not \\u-escaped
    data = json.loads(text)
    assert "edges" in data and "links" not in data
    back = nx.node_link_graph(data, edges="edges")
    assert isinstance(back, nx.MultiDiGraph)
    assert dict(back.nodes(data=True)) == dict(graph.nodes(data=True))
    assert sorted(back.edges(keys=True, data=True), key=repr) == sorted(graph.edges(keys=True, data=True), key=repr)
