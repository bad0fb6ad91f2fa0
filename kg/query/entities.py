"""People, firms, documents and topics: who speaks for a firm, what a speaker talks about, who else does, the
most-mentioned."""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import networkx as nx

from kg.errors import KGError
from kg.graph.schema import SEP
from kg.graph.view import in_edges, label, node_type, out_edges, split, unique
from kg.query.claims import claim_speakers, org_members
from kg.query.records import DocumentRecord, PersonRecord, Ranked, SpeakerRecord, SpeakerWeight, TopicWeight
from kg.query.resolve import SPEAKER_TYPES, check_type, resolve_among

__all__ = ["people", "documents", "speakers", "topics_of", "who_else", "top_entities"]

_TOP_BY = ("mentions", "degree", "claims")


def people(G: nx.MultiDiGraph) -> list[PersonRecord]:
    """Gives every person, with or without a firm, most claims first.

    Args:
        G: The knowledge graph.

    Example:
        >>> [(p.name, p.claims) for p in people(example_graph())][:2]
        [('张朝晖', 2), ('张平', 1)]
    """
    out = []
    for n, d in G.nodes(data=True):
        if d.get("type") != "person":
            continue
        said = sum(1 for _ in out_edges(G, n, "said"))
        docs = sum(1 for _ in out_edges(G, n, "mentioned_in"))
        out.append(PersonRecord(label(G, n), str(d.get("title", "") or ""), str(d.get("orgs", "") or ""), said,
                                int(d.get("mentions", 0) or 0), docs, str(n)))
    return sorted(out, key=lambda r: (-r.claims, -r.mentions, r.name))


def documents(G: nx.MultiDiGraph) -> list[DocumentRecord]:
    """Gives every document with its claim, people and firm counts, in date order.

    Args:
        G: The knowledge graph.

    Example:
        >>> [(d.doc, d.claims, d.people) for d in documents(example_graph())]
        [('d1', 2, 2), ('d2', 2, 2)]
    """
    claim_count: dict[str, int] = {}
    for n, d in G.nodes(data=True):
        if d.get("type") == "claim":
            claim_count[str(d.get("doc", ""))] = claim_count.get(str(d.get("doc", "")), 0) + 1
    out = []
    for n, d in G.nodes(data=True):
        if d.get("type") != "document":
            continue
        doc = str(n).split(":", 1)[1] if str(n).startswith("doc:") else str(n)
        kinds = [node_type(G, u) for u, _ in in_edges(G, n, "mentioned_in")]
        out.append(DocumentRecord(doc, str(d.get("title", "") or ""), str(d.get("date", "") or ""),
                                  str(d.get("source", "") or ""), claim_count.get(doc, 0),
                                  kinds.count("person"), kinds.count("organization"), str(n)))
    return sorted(out, key=lambda r: (r.date, r.doc))


def speakers(
    G: nx.MultiDiGraph, org: str, *, include_parts: bool = True, include_former: bool = False
) -> list[SpeakerRecord]:
    """Gives the people of an organisation with their titles there, most claims first.

    Args:
        G: The knowledge graph.
        org: Organisation name, alias or node id.
        include_parts: Also list people of organisations that are ``part_of`` it (brands, subsidiaries).
        include_former: Also list people only ever described as former staff (``former`` is then True).

    Example:
        >>> G = example_graph()
        >>> [(s.name, s.title, s.org, s.claims) for s in speakers(G, "中国平安")]
        [('张朝晖', '首席经济学家', '平安证券', 2), ('钟正生', '首席经济学家', '平安证券', 0)]
        >>> speakers(G, "中国平安", include_parts=False)
        []
    """
    o = resolve_among(G, org, ("organization",))
    records = []
    for person, aff in org_members(G, o, include_parts=include_parts, include_former=include_former).items():
        p = G.nodes[person]
        titles = unique(str(d.get("title", "") or "") for _, d in aff) or split(p.get("title"))
        records.append(
            SpeakerRecord(
                name=label(G, person),
                title=SEP.join(unique(titles)),
                org=SEP.join(unique(label(G, x) for x, _ in aff)),
                claims=sum(1 for _ in out_edges(G, person, "said")),
                mentions=int(p.get("mentions", 0) or 0),
                former=all(bool(d.get("former", False)) for _, d in aff),
                node=str(person),
            )
        )
    return sorted(records, key=lambda r: (-r.claims, -r.mentions, r.name, r.node))


def _speaker_topic_weights(G: nx.MultiDiGraph, s: str) -> dict[str, int]:
    weights: dict[str, int] = {}
    for t, d in out_edges(G, s, "discusses"):
        weights[t] = weights.get(t, 0) + int(d.get("weight", 1) or 0)
    if weights:
        return weights
    # A graph without discusses edges still answers from the claims themselves.
    for c, _ in out_edges(G, s, "said"):
        for t, _ in out_edges(G, c, "about"):
            weights[t] = weights.get(t, 0) + 1
    return weights


def topics_of(G: nx.MultiDiGraph, speaker: str) -> list[TopicWeight]:
    """Gives the topics a person or organisation talks about, heaviest first.

    The weight is the ``discusses`` edge weight (number of claims); without such edges the claims'
    ``about`` edges are counted.

    Example:
        >>> topics_of(example_graph(), "张朝晖")[0]
        TopicWeight(topic='人工智能', weight=1)
        >>> [t.topic for t in topics_of(example_graph(), "华为云")]
        ['算力']
    """
    s = resolve_among(G, speaker, SPEAKER_TYPES)
    ranked = [TopicWeight(label(G, t), w) for t, w in _speaker_topic_weights(G, s).items()]
    return sorted(ranked, key=lambda r: (-r.weight, r.topic))


def who_else(
    G: nx.MultiDiGraph, topic: str, *, exclude: str | Iterable[str] | None = None
) -> list[SpeakerWeight]:
    """Gives everyone who talks about a topic, heaviest first, leaving out ``exclude``.

    Args:
        G: The knowledge graph.
        topic: Topic name or node id.
        exclude: One speaker or several to leave out (typically the one you started from).

    Example:
        >>> [(s.speaker, s.weight) for s in who_else(example_graph(), "算力", exclude="张朝晖")]
        [('华为云', 1)]
    """
    t = resolve_among(G, topic, ("topic",))
    if exclude is None:
        excluded: set[str] = set()
    elif isinstance(exclude, str):
        excluded = {resolve_among(G, exclude, SPEAKER_TYPES)}
    else:
        excluded = {resolve_among(G, e, SPEAKER_TYPES) for e in exclude}
    weights: dict[str, int] = {}
    for s, d in in_edges(G, t, "discusses"):
        weights[s] = weights.get(s, 0) + int(d.get("weight", 1) or 0)
    if not weights:
        for c, _ in in_edges(G, t, "about"):
            for s in claim_speakers(G, c)[:1]:
                weights[s] = weights.get(s, 0) + 1
    ranked = [
        SpeakerWeight(label(G, s), node_type(G, s), w, str(s)) for s, w in weights.items() if s not in excluded
    ]
    return sorted(ranked, key=lambda r: (-r.weight, r.speaker, r.node))


def top_entities(
    G: nx.MultiDiGraph,
    *,
    type: str = "person",
    by: str = "mentions",
    n: int = 10,
) -> list[Ranked]:
    """Gives the ``n`` highest-ranked nodes of one type as (label, value) pairs.

    Args:
        G: The knowledge graph.
        type: Node type (``person``, ``organization``/``org``, ``topic``, ``claim``, ``document``).
        by: ``"mentions"`` (the node's ``mentions``), ``"degree"`` (edges in and out) or ``"claims"``
            (claims said).
        n: How many to give back.

    Labels shared by several nodes (two people called 张伟) get their node id in brackets.

    Example:
        >>> top_entities(example_graph(), type="org", by="degree", n=2)
        [Ranked(label='华为云', value=6), Ranked(label='平安证券', value=4)]
    """
    type_ = check_type(type)
    if by not in _TOP_BY:
        raise KGError(f"cannot rank by {by!r}; expected one of {', '.join(_TOP_BY)}")
    if not isinstance(n, int) or isinstance(n, bool) or n < 0:
        raise KGError(f"n must be a non-negative integer, got {n!r}")
    nodes = [x for x, d in G.nodes(data=True) if d.get("type") == type_]
    counts: dict[str, int] = {}
    for x in nodes:
        counts[label(G, x)] = counts.get(label(G, x), 0) + 1

    def value(x: Any) -> int:
        if by == "mentions":
            return int(G.nodes[x].get("mentions", 0) or 0)
        if by == "degree":
            return int(G.degree(x))
        return sum(1 for _ in out_edges(G, x, "said"))

    ranked = [
        Ranked(label(G, x) if counts[label(G, x)] == 1 else f"{label(G, x)}（{x}）", value(x))
        for x in nodes
    ]
    return sorted(ranked, key=lambda r: (-r.value, r.label))[:n]
