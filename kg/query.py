"""Small pure functions that answer an analyst's questions about a who-said-what graph.

Every function takes the graph built by :mod:`kg.graph` (an ``nx.MultiDiGraph`` whose attributes are all
scalars), never changes it, and gives back plain records (frozen dataclasses or NamedTuples) that
:func:`to_frame` turns into a pandas DataFrame. Names are resolved with :func:`resolve`, so a label
(``"张朝晖"``), an organisation alias (``"平安集团"``), a unique part of a label or a node id all work.

>>> G = example_graph()
>>> [(c.speaker, c.text) for c in claims(G, org="平安证券", topic="算力")]
[('张朝晖', '人工智能将推动算力需求持续增长')]
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields, is_dataclass
from itertools import islice, pairwise
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple
from xml.etree.ElementTree import ParseError

import networkx as nx

from kg.errors import KGError

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "ClaimRecord",
    "DocumentRecord",
    "PersonRecord",
    "PathRecord",
    "Ranked",
    "SpeakerRecord",
    "SpeakerWeight",
    "TopicWeight",
    "claims",
    "connection",
    "documents",
    "example_graph",
    "neighbourhood",
    "people",
    "read_graph",
    "resolve",
    "speakers",
    "timeline",
    "to_frame",
    "top_entities",
    "topics_of",
    "who_else",
]

NODE_TYPES = ("person", "organization", "topic", "claim", "document")
_TYPE_ALIASES = {"org": "organization", "doc": "document"}
_ID_PREFIXES = ("person", "org", "topic", "doc", "claim")
# When a bare name matches nodes of several types, an analyst almost always means the entity.
_TYPE_PRIORITY = {"person": 0, "organization": 0, "topic": 1, "document": 2, "claim": 3}
# Claim texts and document titles contain almost any word: substring matching there only adds noise.
_SUBSTRING_TYPES = ("person", "organization", "topic")
_SPEAKER_TYPES = ("person", "organization")
_KINDS = ("direct", "indirect")
_TOP_BY = ("mentions", "degree", "claims")
_SEP = "；"

# Attribute types promised by the graph schema; GraphML and JSON readers may hand them back as strings.
_INT_ATTRS = frozenset({"mentions", "start", "end", "weight", "count"})
_FLOAT_ATTRS = frozenset({"confidence"})
_BOOL_ATTRS = frozenset({"former"})


# --------------------------------------------------------------------------------------------- records


@dataclass(frozen=True, slots=True)
class ClaimRecord:
    """One claim with its speaker: who (``speaker``, ``title``, ``org``) said what, where and when."""

    speaker: str
    speaker_type: str  # person | organization
    title: str
    org: str
    kind: str  # direct | indirect
    cue: str
    text: str
    topics: tuple[str, ...]
    doc: str
    date: str
    start: int
    end: int
    confidence: float
    node: str


@dataclass(frozen=True, slots=True)
class SpeakerRecord:
    """A person affiliated with an organisation, with their titles there and how often they speak."""

    name: str
    title: str
    org: str
    claims: int
    mentions: int
    former: bool
    node: str


@dataclass(frozen=True, slots=True)
class PersonRecord:
    """A person of the graph: titles and firms ("；"-joined), claims, mentions and documents."""

    name: str
    title: str
    orgs: str
    claims: int
    mentions: int
    documents: int
    node: str


@dataclass(frozen=True, slots=True)
class DocumentRecord:
    """A document of the graph with how many claims, people and firms it contributed."""

    doc: str
    title: str
    date: str
    source: str
    claims: int
    people: int
    organizations: int
    node: str


class TopicWeight(NamedTuple):
    """A topic and how many of a speaker's claims are about it."""

    topic: str
    weight: int


class SpeakerWeight(NamedTuple):
    """A speaker and how many of their claims are about a topic."""

    speaker: str
    speaker_type: str
    weight: int
    node: str


class Ranked(NamedTuple):
    """An entity's display label and the value it was ranked by."""

    label: str
    value: int


@dataclass(frozen=True, slots=True)
class PathRecord:
    """One shortest path between two nodes: the hops, the relations between them and a readable line."""

    source: str
    target: str
    length: int
    via: tuple[str, ...]
    relations: tuple[str, ...]
    nodes: tuple[str, ...]
    text: str


# ------------------------------------------------------------------------------------------- resolving


def resolve(G: nx.MultiDiGraph, name: str, *, type: str | None = None) -> str:
    """Return the node id that ``name`` stands for.

    Tried in order: a node id (``"org:平安证券"``, or without its prefix, ``"张朝晖@平安证券"``), an exact
    label, an organisation alias, then a unique part of a person, organisation or topic label
    (case-insensitive from the alias step on). When a label matches several types and no ``type`` is
    given, people and organisations win over topics, topics over documents and claims.

    Args:
        G: The knowledge graph.
        name: A label, alias, part of a label or node id.
        type: Only consider nodes of this type (``person``, ``organization``/``org``, ``topic``,
            ``claim``, ``document``/``doc``).

    Raises:
        KGError: Nothing matches, or several nodes match equally well; the message lists candidates.

    Example:
        >>> G = example_graph()
        >>> resolve(G, "张朝晖"), resolve(G, "平安集团"), resolve(G, "宏观", type="topic")
        ('person:张朝晖@平安证券', 'org:中国平安', 'topic:宏观经济')
    """
    types = (_check_type(type),) if type else NODE_TYPES
    return _resolve(G, name, types)


def _check_type(type_: str) -> str:
    type_ = _TYPE_ALIASES.get(type_, type_)
    if type_ not in NODE_TYPES:
        raise KGError(f"unknown node type {type_!r}; expected one of {', '.join(NODE_TYPES)}")
    return type_


def _resolve(G: nx.MultiDiGraph, name: str, types: Sequence[str]) -> str:
    if not isinstance(name, str) or not name.strip():
        raise KGError(f"cannot look up {name!r}: give a non-empty name, alias or node id")
    name = name.strip()
    wanted = set(types)

    def ok(n: Any) -> bool:
        return G.nodes[n].get("type") in wanted

    for candidate in (name, *(f"{p}:{name}" for p in _ID_PREFIXES)):
        if candidate in G and ok(candidate):
            return candidate

    folded = name.casefold()
    steps = (
        lambda n, d: d.get("label") == name,
        lambda n, d: str(d.get("label", "")).casefold() == folded,
        lambda n, d: folded in {a.casefold() for a in _split(d.get("aliases"))},
        lambda n, d: d.get("type") in _SUBSTRING_TYPES and folded in str(d.get("label", "")).casefold(),
    )
    for matches in steps:
        found = [n for n, d in G.nodes(data=True) if d.get("type") in wanted and matches(n, d)]
        if not found:
            continue
        best = min(_TYPE_PRIORITY.get(G.nodes[n].get("type"), 9) for n in found)
        found = [n for n in found if _TYPE_PRIORITY.get(G.nodes[n].get("type"), 9) == best]
        if len(found) == 1:
            return found[0]
        shown = ", ".join(sorted(map(str, found))[:10]) + (" …" if len(found) > 10 else "")
        raise KGError(f"{name!r} is ambiguous: it matches {len(found)} nodes ({shown}); pass a node id")
    what = "/".join(types) if len(types) < len(NODE_TYPES) else "node"
    hint = _close_labels(G, name, wanted)
    raise KGError(f"no {what} called {name!r} in the graph" + (f"; did you mean {hint}?" if hint else ""))


def _close_labels(G: nx.MultiDiGraph, name: str, wanted: set[str]) -> str:
    # Shared characters are the cheap, useful similarity for short Chinese names.
    chars = set(name)
    # Claim texts share characters with everything; suggest entities unless only claims/documents are wanted.
    wanted = (wanted & set(_SUBSTRING_TYPES)) or wanted
    scored = {
        label: len(chars & set(label))
        for label in (str(d.get("label", "")) for _, d in G.nodes(data=True) if d.get("type") in wanted)
        if label
    }
    close = sorted((label for label, score in scored.items() if score), key=lambda x: (-scored[x], x))
    return ", ".join(close[:5])


# -------------------------------------------------------------------------------------------- helpers


def _split(value: Any) -> list[str]:
    if not value:
        return []
    return [part.strip() for part in str(value).split(_SEP) if part.strip()]


def _label(G: nx.MultiDiGraph, n: Any) -> str:
    return str(G.nodes[n].get("label", n))


def _type(G: nx.MultiDiGraph, n: Any) -> str:
    return str(G.nodes[n].get("type", ""))


def _out(G: nx.MultiDiGraph, n: Any, edge_type: str) -> Iterable[tuple[Any, dict[str, Any]]]:
    for _, v, d in G.out_edges(n, data=True):
        if d.get("type") == edge_type:
            yield v, d


def _in(G: nx.MultiDiGraph, n: Any, edge_type: str) -> Iterable[tuple[Any, dict[str, Any]]]:
    for u, _, d in G.in_edges(n, data=True):
        if d.get("type") == edge_type:
            yield u, d


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(i for i in items if i))


def _org_members(
    G: nx.MultiDiGraph, org: str, *, include_parts: bool, include_former: bool
) -> dict[str, list[tuple[str, dict[str, Any]]]]:
    """Map each person affiliated with ``org`` (or its parts) to their (org, edge data) affiliations."""
    orgs = _org_parts(G, org) if include_parts else [org]
    members: dict[str, list[tuple[str, dict[str, Any]]]] = {}
    for o in orgs:
        for person, d in _in(G, o, "affiliated_with"):
            members.setdefault(person, []).append((o, d))
    if not include_former:
        members = {p: aff for p, aff in members.items() if any(not d.get("former", False) for _, d in aff)}
        members = {p: [(o, d) for o, d in aff if not d.get("former", False)] for p, aff in members.items()}
    return members


def _org_parts(G: nx.MultiDiGraph, org: str) -> list[str]:
    """Return ``org`` and every organisation that is (transitively) ``part_of`` it, org first."""
    seen = [org]
    i = 0
    while i < len(seen):
        for child, _ in _in(G, seen[i], "part_of"):
            if child not in seen:
                seen.append(child)
        i += 1
    return seen


def _claim_speakers(G: nx.MultiDiGraph, c: str) -> list[str]:
    found = [u for u, _ in _in(G, c, "said")]
    # A claim said by a person and their firm is the person's claim first.
    return sorted(_unique(found), key=lambda u: (_type(G, u) != "person", str(u)))


def _claim_topics(G: nx.MultiDiGraph, c: str) -> tuple[str, ...]:
    stored = _split(G.nodes[c].get("topics"))
    linked = [_label(G, t) for t, _ in _out(G, c, "about")]
    return tuple(_unique([*stored, *sorted(linked)]))


def _claim_record(G: nx.MultiDiGraph, c: str) -> ClaimRecord:
    d = G.nodes[c]
    speakers_ = _claim_speakers(G, c)
    if speakers_:
        s = speakers_[0]
        speaker, speaker_type = _label(G, s), _type(G, s)
        if speaker_type == "person":
            title, org = str(G.nodes[s].get("title", "")), str(G.nodes[s].get("orgs", ""))
        else:
            title, org = "", speaker
    else:  # a claim without a said edge still carries its speaker's label
        speaker, speaker_type = str(d.get("speaker", "")), str(d.get("speaker_type", ""))
        title, org = "", ""
    return ClaimRecord(
        speaker=speaker,
        speaker_type=speaker_type,
        title=title,
        org=org,
        kind=str(d.get("kind", "")),
        cue=str(d.get("cue", "")),
        text=str(d.get("text", "")),
        topics=_claim_topics(G, c),
        doc=str(d.get("doc", "")),
        date=str(d.get("date", "") or ""),
        start=int(d.get("start", 0) or 0),
        end=int(d.get("end", 0) or 0),
        confidence=float(d.get("confidence", 0.0) or 0.0),
        node=str(c),
    )


def _claim_order(r: ClaimRecord) -> tuple[Any, ...]:
    # Undated claims go last: a timeline that opens with unknown dates reads as wrong.
    return (r.date == "", r.date, r.doc, r.start, r.node)


def _doc_node(G: nx.MultiDiGraph, doc: str) -> str:
    if f"doc:{doc}" in G and _type(G, f"doc:{doc}") == "document":
        return f"doc:{doc}"
    return _resolve(G, doc, ("document",))


# -------------------------------------------------------------------------------------------- queries


def claims(
    G: nx.MultiDiGraph,
    *,
    speaker: str | None = None,
    org: str | None = None,
    topic: str | None = None,
    doc: str | None = None,
    kind: str | None = None,
) -> list[ClaimRecord]:
    """Return the claims that pass every filter given, sorted by date, document and offset.

    Args:
        G: The knowledge graph.
        speaker: Only claims said by this person or organisation (the organisation's own claims, not
            its people's; use ``org`` for those).
        org: Only claims said by this organisation, its parts (``part_of``) or the people currently
            affiliated with either.
        topic: Only claims about this topic.
        doc: Only claims from this document (document id, node id or title).
        kind: ``"direct"`` or ``"indirect"``.

    Returns:
        One :class:`ClaimRecord` per claim; undated claims come last.

    Raises:
        KGError: A name cannot be resolved or ``kind`` is not allowed.

    Example:
        >>> G = example_graph()
        >>> [(c.date, c.speaker, c.kind) for c in claims(G, topic="人工智能")]
        [('2024-03-01', '张朝晖', 'direct'), ('2024-03-05', '张平', 'direct')]
    """
    if kind is not None and kind not in _KINDS:
        raise KGError(f"unknown claim kind {kind!r}; expected one of {', '.join(_KINDS)}")
    said_by: set[str] | None = None
    if speaker is not None:
        said_by = {_resolve(G, speaker, _SPEAKER_TYPES)}
    if org is not None:
        o = _resolve(G, org, ("organization",))
        members = set(_org_parts(G, o)) | set(_org_members(G, o, include_parts=True, include_former=False))
        said_by = members if said_by is None else said_by & members
    topic_label = _label(G, _resolve(G, topic, ("topic",))) if topic is not None else None
    doc_id = None
    if doc is not None:
        node = _doc_node(G, doc)
        doc_id = node.removeprefix("doc:")

    found = []
    for c, d in G.nodes(data=True):
        if d.get("type") != "claim":
            continue
        if kind is not None and d.get("kind") != kind:
            continue
        if doc_id is not None and str(d.get("doc", "")).removeprefix("doc:") != doc_id:
            continue
        if said_by is not None and not said_by.intersection(_claim_speakers(G, c)):
            continue
        if topic_label is not None and topic_label not in _claim_topics(G, c):
            continue
        found.append(_claim_record(G, c))
    return sorted(found, key=_claim_order)


def timeline(G: nx.MultiDiGraph, person: str) -> list[ClaimRecord]:
    """Return one speaker's claims in date order (undated last).

    Args:
        G: The knowledge graph.
        person: A person (or organisation) name, alias or node id.

    Example:
        >>> for c in timeline(example_graph(), "张朝晖"):
        ...     print(c.date, c.text)
        2024-03-01 人工智能将推动算力需求持续增长
        2024-03-05 宏观经济稳中向好
    """
    return claims(G, speaker=person)


def people(G: nx.MultiDiGraph) -> list[PersonRecord]:
    """Return every person, with or without a firm, most claims first.

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
        said = sum(1 for _ in _out(G, n, "said"))
        docs = sum(1 for _ in _out(G, n, "mentioned_in"))
        out.append(PersonRecord(_label(G, n), str(d.get("title", "") or ""), str(d.get("orgs", "") or ""), said,
                                int(d.get("mentions", 0) or 0), docs, str(n)))
    return sorted(out, key=lambda r: (-r.claims, -r.mentions, r.name))


def documents(G: nx.MultiDiGraph) -> list[DocumentRecord]:
    """Return every document with its claim, people and firm counts, in date order.

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
        kinds = [_type(G, u) for u, _ in _in(G, n, "mentioned_in")]
        out.append(DocumentRecord(doc, str(d.get("title", "") or ""), str(d.get("date", "") or ""),
                                  str(d.get("source", "") or ""), claim_count.get(doc, 0),
                                  kinds.count("person"), kinds.count("organization"), str(n)))
    return sorted(out, key=lambda r: (r.date, r.doc))


def speakers(
    G: nx.MultiDiGraph, org: str, *, include_parts: bool = True, include_former: bool = False
) -> list[SpeakerRecord]:
    """Return the people of an organisation with their titles there, most claims first.

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
    o = _resolve(G, org, ("organization",))
    records = []
    for person, aff in _org_members(G, o, include_parts=include_parts, include_former=include_former).items():
        p = G.nodes[person]
        titles = _unique(str(d.get("title", "") or "") for _, d in aff) or _split(p.get("title"))
        records.append(
            SpeakerRecord(
                name=_label(G, person),
                title=_SEP.join(_unique(titles)),
                org=_SEP.join(_unique(_label(G, x) for x, _ in aff)),
                claims=sum(1 for _ in _out(G, person, "said")),
                mentions=int(p.get("mentions", 0) or 0),
                former=all(bool(d.get("former", False)) for _, d in aff),
                node=str(person),
            )
        )
    return sorted(records, key=lambda r: (-r.claims, -r.mentions, r.name, r.node))


def _speaker_topic_weights(G: nx.MultiDiGraph, s: str) -> dict[str, int]:
    weights: dict[str, int] = {}
    for t, d in _out(G, s, "discusses"):
        weights[t] = weights.get(t, 0) + int(d.get("weight", 1) or 0)
    if weights:
        return weights
    # A graph without discusses edges still answers from the claims themselves.
    for c, _ in _out(G, s, "said"):
        for t, _ in _out(G, c, "about"):
            weights[t] = weights.get(t, 0) + 1
    return weights


def topics_of(G: nx.MultiDiGraph, speaker: str) -> list[TopicWeight]:
    """Return the topics a person or organisation talks about, heaviest first.

    The weight is the ``discusses`` edge weight (number of claims); without such edges the claims'
    ``about`` edges are counted.

    Example:
        >>> topics_of(example_graph(), "张朝晖")[0]
        TopicWeight(topic='人工智能', weight=1)
        >>> [t.topic for t in topics_of(example_graph(), "华为云")]
        ['算力']
    """
    s = _resolve(G, speaker, _SPEAKER_TYPES)
    ranked = [TopicWeight(_label(G, t), w) for t, w in _speaker_topic_weights(G, s).items()]
    return sorted(ranked, key=lambda r: (-r.weight, r.topic))


def who_else(
    G: nx.MultiDiGraph, topic: str, *, exclude: str | Iterable[str] | None = None
) -> list[SpeakerWeight]:
    """Return everyone who talks about a topic, heaviest first, leaving out ``exclude``.

    Args:
        G: The knowledge graph.
        topic: Topic name or node id.
        exclude: One speaker or several to leave out (typically the one you started from).

    Example:
        >>> [(s.speaker, s.weight) for s in who_else(example_graph(), "算力", exclude="张朝晖")]
        [('华为云', 1)]
    """
    t = _resolve(G, topic, ("topic",))
    if exclude is None:
        excluded: set[str] = set()
    elif isinstance(exclude, str):
        excluded = {_resolve(G, exclude, _SPEAKER_TYPES)}
    else:
        excluded = {_resolve(G, e, _SPEAKER_TYPES) for e in exclude}
    weights: dict[str, int] = {}
    for s, d in _in(G, t, "discusses"):
        weights[s] = weights.get(s, 0) + int(d.get("weight", 1) or 0)
    if not weights:
        for c, _ in _in(G, t, "about"):
            for s in _claim_speakers(G, c)[:1]:
                weights[s] = weights.get(s, 0) + 1
    ranked = [
        SpeakerWeight(_label(G, s), _type(G, s), w, str(s)) for s, w in weights.items() if s not in excluded
    ]
    return sorted(ranked, key=lambda r: (-r.weight, r.speaker, r.node))


def connection(G: nx.MultiDiGraph, a: str, b: str, *, max_paths: int = 5) -> list[PathRecord]:
    """Return up to ``max_paths`` shortest paths that connect two nodes, ignoring edge direction.

    Paths go through people, organisations and topics (a shared firm, a shared topic) when such a path
    exists; only otherwise may they pass through claims and documents (for example two people quoted in
    the same article). Among equally short paths, those through the most-mentioned nodes come first.

    Args:
        G: The knowledge graph.
        a: Where the path starts (any name :func:`resolve` understands).
        b: Where it ends.
        max_paths: How many paths to give back at most.

    Returns:
        :class:`PathRecord` list; empty when the two are not connected.

    Example:
        >>> for p in connection(example_graph(), "张朝晖", "华为云"):
        ...     print(p.text)
        张朝晖 —discusses→ 算力 ←discusses— 华为云
    """
    if not isinstance(max_paths, int) or isinstance(max_paths, bool) or max_paths < 1:
        raise KGError(f"max_paths must be a positive integer, got {max_paths!r}")
    s, t = _resolve(G, a, NODE_TYPES), _resolve(G, b, NODE_TYPES)
    if s == t:
        label = _label(G, s)
        return [PathRecord(label, label, 0, (), (), (str(s),), label)]
    entities = {n for n, d in G.nodes(data=True) if d.get("type") not in ("claim", "document")} | {s, t}
    for allowed in (entities, None):
        U = nx.Graph()
        U.add_nodes_from(G if allowed is None else allowed)
        U.add_edges_from((u, v) for u, v in G.edges() if allowed is None or (u in allowed and v in allowed))
        try:
            # Enough candidates to rank, without enumerating an explosive number of equal paths.
            paths = list(islice(nx.all_shortest_paths(U, s, t), max(50, max_paths)))
        except nx.NetworkXNoPath:
            continue
        paths.sort(
            key=lambda p: (-sum(int(G.nodes[n].get("mentions", 0) or 0) for n in p[1:-1]), _labels(G, p))
        )
        return [_path_record(G, p) for p in paths[:max_paths]]
    return []


def _labels(G: nx.MultiDiGraph, path: Sequence[Any]) -> tuple[str, ...]:
    return tuple(_label(G, n) for n in path)


def _relation(G: nx.MultiDiGraph, u: Any, v: Any) -> str:
    if G.has_edge(u, v):
        return min(str(d.get("type", "")) for d in G[u][v].values()) + "→"
    return "←" + min(str(d.get("type", "")) for d in G[v][u].values())


def _path_record(G: nx.MultiDiGraph, path: Sequence[Any]) -> PathRecord:
    labels = _labels(G, path)
    relations = tuple(_relation(G, u, v) for u, v in pairwise(path))
    parts = [labels[0]]
    for rel, label in zip(relations, labels[1:]):
        parts.append(f"—{rel}" if rel.endswith("→") else f"{rel}—")
        parts.append(label)
    return PathRecord(
        source=labels[0],
        target=labels[-1],
        length=len(path) - 1,
        via=labels[1:-1],
        relations=relations,
        nodes=tuple(str(n) for n in path),
        text=" ".join(parts),
    )


def neighbourhood(G: nx.MultiDiGraph, name: str, *, radius: int = 1) -> nx.MultiDiGraph:
    """Return a copy of the subgraph within ``radius`` hops of a node, edges followed both ways.

    Example:
        >>> H = neighbourhood(example_graph(), "华为云")
        >>> sorted(H.nodes)[:5]
        ['claim:d1#1', 'doc:d1', 'doc:d2', 'org:华为', 'org:华为云']
        >>> sorted(H.nodes)[5:]
        ['person:张平@华为云', 'topic:算力']
    """
    if not isinstance(radius, int) or isinstance(radius, bool) or radius < 0:
        raise KGError(f"radius must be a non-negative integer, got {radius!r}")
    n = _resolve(G, name, NODE_TYPES)
    H = nx.ego_graph(G, n, radius=radius, undirected=True)
    return nx.MultiDiGraph(H)  # ego_graph already copies; this pins the class whatever G is


def top_entities(
    G: nx.MultiDiGraph,
    *,
    type: str = "person",
    by: str = "mentions",
    n: int = 10,
) -> list[Ranked]:
    """Return the ``n`` highest-ranked nodes of one type as (label, value) pairs.

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
    type_ = _check_type(type)
    if by not in _TOP_BY:
        raise KGError(f"cannot rank by {by!r}; expected one of {', '.join(_TOP_BY)}")
    if not isinstance(n, int) or isinstance(n, bool) or n < 0:
        raise KGError(f"n must be a non-negative integer, got {n!r}")
    nodes = [x for x, d in G.nodes(data=True) if d.get("type") == type_]
    counts: dict[str, int] = {}
    for x in nodes:
        counts[_label(G, x)] = counts.get(_label(G, x), 0) + 1

    def value(x: Any) -> int:
        if by == "mentions":
            return int(G.nodes[x].get("mentions", 0) or 0)
        if by == "degree":
            return int(G.degree(x))
        return sum(1 for _ in _out(G, x, "said"))

    ranked = [
        Ranked(_label(G, x) if counts[_label(G, x)] == 1 else f"{_label(G, x)}（{x}）", value(x))
        for x in nodes
    ]
    return sorted(ranked, key=lambda r: (-r.value, r.label))[:n]


# ------------------------------------------------------------------------------------------ DataFrame


def to_frame(records: Sequence[Any], record_type: type | None = None) -> pd.DataFrame:
    """Return a pandas DataFrame with one row per record and one column per field.

    Args:
        records: Records from this module (dataclasses or NamedTuples, all of one type).
        record_type: The record class, so that an empty list still gets its columns.

    Raises:
        KGError: pandas is not installed, or the records are not records of one type.

    Example:
        >>> df = to_frame(topics_of(example_graph(), "张朝晖"))
        >>> list(df.columns), len(df)
        (['topic', 'weight'], 3)
    """
    try:
        import pandas as pd
    except ImportError as exc:
        raise KGError("pandas is not installed; pip install pandas") from exc
    records = list(records)
    kinds = {type(r) for r in records}
    if len(kinds) > 1:
        names = ", ".join(sorted(k.__name__ for k in kinds))
        raise KGError(f"to_frame needs records of one type, got {names}; make one frame per type")
    cls = next(iter(kinds)) if kinds else record_type
    if cls is None:
        return pd.DataFrame()
    columns = _columns(cls)
    return pd.DataFrame([[getattr(r, c) for c in columns] for r in records], columns=columns)


def _columns(cls: type) -> list[str]:
    if is_dataclass(cls):
        return [f.name for f in fields(cls)]
    if issubclass(cls, tuple) and hasattr(cls, "_fields"):
        return list(cls._fields)
    raise KGError(f"to_frame takes records (dataclasses or NamedTuples), got {cls.__name__}")


# -------------------------------------------------------------------------------------------- reading


def read_graph(path: str | Path) -> nx.MultiDiGraph:
    """Return the graph stored in a GraphML or node-link JSON file, with the schema's attribute types.

    The format comes from the suffix (``.graphml``/``.xml``, ``.json``) or else from the first
    character of the file. Counts and offsets come back as ``int``, ``confidence`` as ``float`` and
    ``former`` as ``bool``, whatever the file stored them as.

    Raises:
        KGError: The file cannot be read or parsed, or an attribute has the wrong type; the message starts
            with the file name.

    Example:
        >>> import tempfile, os
        >>> G = example_graph()
        >>> with tempfile.TemporaryDirectory() as tmp:
        ...     nx.write_graphml(G, os.path.join(tmp, "g.graphml"))
        ...     H = read_graph(os.path.join(tmp, "g.graphml"))
        >>> H.nodes["claim:d1#0"]["start"], nx.utils.edges_equal(G.edges, H.edges)
        (12, True)
    """
    path = Path(path)
    try:
        head = path.read_bytes()[:512].lstrip(b"\xef\xbb\xbf \t\r\n")
    except OSError as exc:
        raise KGError(f"{path}: cannot read the graph ({exc.strerror or exc})") from exc
    suffix = path.suffix.lower()
    if suffix in (".graphml", ".xml") or (suffix != ".json" and head.startswith(b"<")):
        fmt = "GraphML"
    elif suffix == ".json" or head.startswith((b"{", b"[")):
        fmt = "JSON"
    else:
        raise KGError(f"{path}: unknown graph format {suffix or '(no suffix)'!r}; expected .graphml or .json")
    try:
        if fmt == "GraphML":
            raw = nx.read_graphml(path, force_multigraph=True)
        else:
            data = json.loads(path.read_text(encoding="utf-8"))
            edges = "edges" if "edges" in data else "links"
            raw = nx.node_link_graph(data, directed=True, multigraph=True, edges=edges)
    except (
        ParseError,
        json.JSONDecodeError,
        UnicodeDecodeError,
        nx.NetworkXError,
        KeyError,
        TypeError,
    ) as exc:
        raise KGError(f"{path}: not a valid {fmt} graph ({type(exc).__name__}: {exc})") from exc
    return _restore(raw, path)


def _restore(raw: nx.Graph, path: Path) -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    G.graph.update(raw.graph)
    for n, d in raw.nodes(data=True):
        G.add_node(n, **_typed(d, path, f"node {n!r}"))
    # Iterating the stored edges once keeps an undirected file's edges as written instead of doubling them.
    if raw.is_multigraph():
        for u, v, k, d in raw.edges(keys=True, data=True):
            G.add_edge(u, v, key=k, **_typed(d, path, f"edge {u!r} -> {v!r}"))
    else:
        for u, v, d in raw.edges(data=True):
            G.add_edge(u, v, **_typed(d, path, f"edge {u!r} -> {v!r}"))
    return G


def _typed(attrs: dict[str, Any], path: Path, where: str) -> dict[str, Any]:
    out = dict(attrs)
    for key, value in attrs.items():
        try:
            if key in _INT_ATTRS:
                out[key] = _as_int(value)
            elif key in _FLOAT_ATTRS:
                out[key] = float(value)
            elif key in _BOOL_ATTRS:
                out[key] = _as_bool(value)
        except (TypeError, ValueError):
            raise KGError(f"{path}: {where} has {key}={value!r}, which is not a valid {_kind(key)}") from None
    return out


def _kind(key: str) -> str:
    return "int" if key in _INT_ATTRS else "float" if key in _FLOAT_ATTRS else "bool"


def _as_int(value: Any) -> int:
    if isinstance(value, bool):
        raise TypeError(value)
    if isinstance(value, float):
        if not value.is_integer():
            raise ValueError(value)
        return int(value)
    if isinstance(value, str) and value.strip().endswith(".0"):
        value = value.strip()[:-2]
    return int(value)


def _as_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and value in (0, 1):
        return bool(value)
    text = str(value).strip().lower()
    if text in ("true", "1", "yes"):
        return True
    if text in ("false", "0", "no", ""):
        return False
    raise ValueError(value)


# -------------------------------------------------------------------------------------------- example


def example_graph() -> nx.MultiDiGraph:
    """Return a small demo graph that follows the schema: two articles, two firms with parents, four claims.

    Edge keys follow :func:`kg.graph.build_graph` (``"said"``, ``"affiliated_with:<title>"``, ...).

    Example:
        >>> G = example_graph()
        >>> G.number_of_nodes(), G.number_of_edges()
        (16, 26)
    """
    G = nx.MultiDiGraph()
    docs = {
        "d1": ("平安证券：AI算力需求仍在上升", "2024-03-01", "证券时报"),
        "d2": ("华为云发布行业大模型", "2024-03-05", "财新"),
    }
    for doc_id, (title, date, source) in docs.items():
        G.add_node(
            f"doc:{doc_id}",
            type="document",
            label=title,
            title=title,
            date=date,
            source=source,
            path=f"data/{doc_id}.txt",
            mentions=1,
        )
    orgs = {
        "平安证券": ("COMPANY", "平安证券股份有限公司", 3),
        "中国平安": ("COMPANY", "平安集团；中国平安保险", 1),
        "华为云": ("COMPANY", "华为云计算", 3),
        "华为": ("COMPANY", "华为技术", 1),
    }
    for name, (org_type, aliases, mentions) in orgs.items():
        G.add_node(
            f"org:{name}",
            type="organization",
            label=name,
            org_type=org_type,
            aliases=aliases,
            mentions=mentions,
        )
    G.add_edge("org:平安证券", "org:中国平安", key="part_of", type="part_of")
    G.add_edge("org:华为云", "org:华为", key="part_of", type="part_of")
    people = {
        "person:张朝晖@平安证券": ("张朝晖", "首席经济学家", "平安证券", 3),
        "person:钟正生@平安证券": ("钟正生", "首席经济学家", "平安证券", 1),
        "person:张平@华为云": ("张平", "总裁", "华为云", 2),
    }
    for node, (name, title, org, mentions) in people.items():
        G.add_node(node, type="person", label=name, title=title, orgs=org, mentions=mentions)
        G.add_edge(
            node,
            f"org:{org}",
            key=f"affiliated_with:{title}",
            type="affiliated_with",
            title=title,
            former=False,
        )
    for topic, mentions in {"人工智能": 3, "算力": 2, "宏观经济": 1}.items():
        G.add_node(f"topic:{topic}", type="topic", label=topic, mentions=mentions)
    zhang, hwc, ping = "person:张朝晖@平安证券", "org:华为云", "person:张平@华为云"
    # fmt: off
    said = [  # claim, speaker, document, kind, cue, start, confidence, topics, text
        ("claim:d1#0", zhang, "d1", "direct", "表示", 12, 0.92, "人工智能；算力", "人工智能将推动算力需求持续增长"),
        ("claim:d1#1", hwc, "d1", "indirect", "认为", 40, 0.71, "算力", "算力基础设施投入将加大"),
        ("claim:d2#0", ping, "d2", "direct", "说", 8, 0.88, "人工智能", "人工智能大模型正在进入行业应用"),
        ("claim:d2#1", zhang, "d2", "indirect", "指出", 30, 0.65, "宏观经济", "宏观经济稳中向好"),
    ]
    # fmt: on
    for claim, speaker, doc_id, kind, cue, start, confidence, topics, text in said:
        G.add_node(
            claim,
            type="claim",
            label=text,
            text=text,
            kind=kind,
            cue=cue,
            doc=doc_id,
            start=start,
            end=start + len(text),
            confidence=confidence,
            speaker=G.nodes[speaker]["label"],
            date=docs[doc_id][1],
            topics=topics,
            mentions=1,
        )
        G.add_edge(speaker, claim, key="said", type="said")
        for topic in _split(topics):
            G.add_edge(claim, f"topic:{topic}", key="about", type="about")
            if G.has_edge(speaker, f"topic:{topic}"):
                G[speaker][f"topic:{topic}"]["discusses"]["weight"] += 1
            else:
                G.add_edge(speaker, f"topic:{topic}", key="discusses", type="discusses", weight=1)
    mentions = [
        ("person:张朝晖@平安证券", "d1", 2),
        ("person:张朝晖@平安证券", "d2", 1),
        ("org:平安证券", "d1", 3),
        ("org:华为云", "d1", 1),
        ("org:华为云", "d2", 2),
        ("person:张平@华为云", "d2", 2),
        ("person:钟正生@平安证券", "d1", 1),
    ]
    for who, doc_id, count in mentions:
        G.add_edge(who, f"doc:{doc_id}", key="mentioned_in", type="mentioned_in", count=count)
    return G
