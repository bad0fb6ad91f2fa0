"""Corpus-level tables: the entities that appear across documents, and the topics that go together.

>>> from kg.query.example import example_graph
>>> [(s.label, s.documents) for s in across_documents(example_graph())]
[('华为云', 2), ('张朝晖', 2)]
>>> [tuple(p) for p in topic_pairs(example_graph(), by="speaker")]
[('人工智能', '宏观经济', 1), ('人工智能', '算力', 1), ('宏观经济', '算力', 1)]
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from itertools import combinations
from typing import Any

import networkx as nx

from kg.errors import KGError
from kg.query.records import Spread, TopicPair
from kg.query.resolve import SPEAKER_TYPES

__all__ = ["across_documents", "topic_pairs"]


def across_documents(
    G: nx.MultiDiGraph, *, type: str | Iterable[str] = SPEAKER_TYPES, min_docs: int = 2
) -> list[Spread]:
    """Gives the entities that appear in at least ``min_docs`` documents, most documents first.

    A document counts when the entity has a ``mentioned_in`` edge to it or said a claim from it.

    Args:
        G: The knowledge graph.
        type: One node type or several (default: people and organisations).
        min_docs: Fewest documents an entity must appear in.
    """
    types = {type} if isinstance(type, str) else set(type)
    types = {"organization" if t == "org" else t for t in types}
    found = []
    for n, d in G.nodes(data=True):
        if d.get("type") not in types:
            continue
        docs = {v for _, v, e in G.out_edges(n, data=True)
                if e.get("type") == "mentioned_in" and G.nodes[v].get("type") == "document"}
        for _, c, e in G.out_edges(n, data=True):
            doc = f"doc:{str(G.nodes[c].get('doc', '')).removeprefix('doc:')}"
            if e.get("type") == "said" and doc in G:
                docs.add(doc)
        if len(docs) >= min_docs:
            titles = tuple(sorted(str(G.nodes[x].get("label", x)) for x in docs))
            found.append(Spread(str(d.get("label", n)), str(d["type"]), len(docs), titles, str(n)))
    return sorted(found, key=lambda s: (-s.documents, s.label, s.node))


def topic_pairs(G: nx.MultiDiGraph, *, by: str = "claim", min_count: int = 1) -> list[TopicPair]:
    """Gives the pairs of topics that occur together, most shared first.

    Args:
        G: The knowledge graph.
        by: ``"claim"`` (two topics of one claim) or ``"speaker"`` (two topics of one person's or
            organisation's claims, from their ``discusses`` edges).
        min_count: Fewest shared claims or speakers a pair needs.

    Raises:
        KGError: ``by`` is neither ``"claim"`` nor ``"speaker"``.
    """
    if by not in ("claim", "speaker"):
        raise KGError(f"cannot pair topics by {by!r}; expected 'claim' or 'speaker'")
    owners = ("claim",) if by == "claim" else SPEAKER_TYPES
    counts: Counter[tuple[str, str]] = Counter()
    for n, d in G.nodes(data=True):
        if d.get("type") not in owners:
            continue
        if by == "claim":
            topics = _topics(G, [n], "about")
        else:  # discusses edges, or the claims themselves in a graph written without them
            said = [c for _, c, e in G.out_edges(n, data=True) if e.get("type") == "said"]
            topics = _topics(G, [n], "discusses") | _topics(G, said, "about")
        counts.update(combinations(sorted(topics), 2))
    pairs = [TopicPair(a, b, c) for (a, b), c in counts.items() if c >= min_count]
    return sorted(pairs, key=lambda p: (-p.shared, p.a, p.b))


def _topics(G: nx.MultiDiGraph, nodes: Iterable[Any], edge_type: str) -> set[str]:
    return {str(G.nodes[v].get("label", v)) for n in nodes for _, v, e in G.out_edges(n, data=True)
            if e.get("type") == edge_type and G.nodes[v].get("type") == "topic"}
