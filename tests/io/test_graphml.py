"""kg.io.graphml: written, read back and compared with the graph."""
from __future__ import annotations

import networkx as nx
from tests.io.sample_graph import edge_multiset

from kg import io



def test_graphml_round_trip(graph, tmp_path):
    back = nx.read_graphml(io.write_graphml(graph, tmp_path / "g.graphml"), force_multigraph=True)
    assert dict(back.nodes(data=True)) == dict(graph.nodes(data=True))
    assert edge_multiset(back, drop=("id",)) == edge_multiset(graph)
    assert isinstance(back.nodes["claim:d1#1"]["start"], int)
    assert isinstance(back.nodes["claim:d1#1"]["confidence"], float)
