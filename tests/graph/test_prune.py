"""kg.graph.prune: the best-connected part of a graph, nobody stranded, the graph given left alone."""
from __future__ import annotations

import copy

import networkx as nx
import pytest

from kg.errors import KGError
from kg.graph.prune import prune_graph
from kg.query.example import example_graph


def snapshot(G: nx.MultiDiGraph) -> tuple:
    return (copy.deepcopy(G.graph), list(G.nodes(data=True)), list(G.edges(keys=True, data=True)))


def test_prune_graph_keeps_the_most_connected_part():
    graph = example_graph()
    before = snapshot(graph)
    pruned, dropped = prune_graph(graph, 5)
    assert pruned.number_of_nodes() == 5 and dropped == graph.number_of_nodes() - 5
    assert all(pruned.degree(n) > 0 for n in pruned)  # nobody stranded
    degree = dict(graph.degree())
    assert max(degree, key=degree.__getitem__) == "person:张朝晖@平安证券"
    assert "person:张朝晖@平安证券" in pruned  # the highest-degree node
    assert snapshot(graph) == before
    whole, none = prune_graph(graph, None)
    assert none == 0 and whole is not graph and nx.utils.graphs_equal(whole, graph)
    assert prune_graph(graph, 10_000)[1] == 0
    with pytest.raises(KGError, match="max_nodes"):
        prune_graph(graph, 0)



def test_prune_graph_on_a_large_graph():
    G = nx.MultiDiGraph()
    for i in range(3000):
        G.add_node(f"n{i}", type="person", label=f"人{i}")
    for i in range(1, 3000):
        G.add_edge(f"n{i}", f"n{(i - 1) // 3}", type="affiliated_with")
    pruned, dropped = prune_graph(G, 2000)
    assert (pruned.number_of_nodes(), dropped) == (2000, 1000)
    assert nx.is_weakly_connected(pruned)



def test_prune_graph_keeps_hubs_and_drops_lonely_nodes():
    G = nx.MultiDiGraph()
    for h in range(3):
        G.add_node(f"topic:{h}", type="topic", label=f"话题{h}", mentions=1)
        for leaf in range(10):
            G.add_node(f"claim:{h}#{leaf}", type="claim", label="言论", mentions=1)
            G.add_edge(f"claim:{h}#{leaf}", f"topic:{h}", type="about")
    G.add_edge("person:甲", "person:乙", type="affiliated_with")  # a pair, ranked above single leaves
    pruned, dropped = prune_graph(G, 12)
    assert dropped == G.number_of_nodes() - 12
    assert {f"topic:{h}" for h in range(3)} <= set(pruned)
    assert all(pruned.degree(n) > 0 for n in pruned)
