"""kg.query.corpus: entities across documents and topics that go together, over the demo graph."""
from __future__ import annotations

import networkx as nx
import pytest

from kg.errors import KGError
from kg.query import TopicPair, across_documents, example_graph, to_frame, topic_pairs


def _without(G: nx.MultiDiGraph, edge_type: str) -> nx.MultiDiGraph:
    G.remove_edges_from([(u, v, k) for u, v, k, t in G.edges(keys=True, data="type") if t == edge_type])
    return G


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({}, [("华为云", 2), ("张朝晖", 2)]),
        ({"type": "person"}, [("张朝晖", 2)]),
        ({"type": "org"}, [("华为云", 2)]),
        ({"type": "topic"}, []),
        ({"min_docs": 1}, [("华为云", 2), ("张朝晖", 2), ("平安证券", 1), ("张平", 1), ("钟正生", 1)]),
        ({"min_docs": 3}, []),
    ],
)
def test_across_documents(kwargs, expected):
    assert [(s.label, s.documents) for s in across_documents(example_graph(), **kwargs)] == expected


def test_across_documents_gives_titles_and_counts_claims_without_mention_edges():
    G = _without(example_graph(), "mentioned_in")
    spread = across_documents(G)
    assert [(s.label, s.documents, s.node) for s in spread] == [("张朝晖", 2, "person:张朝晖@平安证券")]
    assert spread[0].titles == ("华为云发布行业大模型", "平安证券：AI算力需求仍在上升")
    assert list(to_frame(spread).columns) == ["label", "type", "documents", "titles", "node"]


@pytest.mark.parametrize(
    ("by", "min_count", "expected"),
    [
        ("claim", 1, [("人工智能", "算力", 1)]),
        ("speaker", 1, [("人工智能", "宏观经济", 1), ("人工智能", "算力", 1), ("宏观经济", "算力", 1)]),
        ("speaker", 2, []),
    ],
)
def test_topic_pairs(by, min_count, expected):
    assert [tuple(p) for p in topic_pairs(example_graph(), by=by, min_count=min_count)] == expected


def test_topic_pairs_by_speaker_counts_each_speaker_once_and_reads_claims_without_discusses():
    G = example_graph()
    # 张平 now also talks about 算力: 人工智能 + 算力 is shared by two speakers
    G.add_node("claim:d2#9", type="claim", label="算力紧张", text="算力紧张", doc="d2")
    G.add_edge("person:张平@华为云", "claim:d2#9", type="said")
    G.add_edge("claim:d2#9", "topic:算力", type="about")
    assert topic_pairs(G, by="speaker")[0] == TopicPair("人工智能", "算力", 2)
    _without(G, "discusses")
    assert topic_pairs(G, by="speaker")[0] == TopicPair("人工智能", "算力", 2)


def test_topic_pairs_rejects_an_unknown_grouping():
    with pytest.raises(KGError, match="'document'.*'claim' or 'speaker'"):
        topic_pairs(example_graph(), by="document")
