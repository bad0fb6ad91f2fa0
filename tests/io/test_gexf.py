"""kg.io.gexf: written with colours and sizes, read back by networkx."""
from __future__ import annotations

import networkx as nx
from tests.io.sample_graph import XSS

from kg import io



def test_gexf_round_trip_with_viz(graph, tmp_path):
    back = nx.read_gexf(io.write_gexf(graph, tmp_path / "g.gexf"))
    assert set(back) == set(graph)
    person = back.nodes["person:张朝晖@平安证券"]
    assert person["label"] == "张朝晖" and person["type"] == "person" and person["mentions"] == 3
    assert set(person["viz"]["color"]) >= {"r", "g", "b"} and person["viz"]["size"] > 0
    assert back.nodes["org:平安证券"]["viz"]["color"] != person["viz"]["color"]
    claim = back.nodes["claim:d1#1"]
    assert claim["text"] == XSS and (claim["char_start"], claim["char_end"]) == (40, 62)
    relations = sorted(d["relation"] for _, _, d in back.edges(data=True))
    assert relations == sorted(d["type"] for _, _, d in graph.edges(data=True))
    assert "viz" not in graph.nodes["person:张朝晖@平安证券"]
