"""How two nodes are connected (shortest paths) and what lies around one (its neighbourhood)."""
from __future__ import annotations

from collections.abc import Sequence
from itertools import islice, pairwise
from typing import Any

import networkx as nx

from kg.errors import KGError
from kg.graph.schema import NODE_TYPES
from kg.graph.view import label
from kg.query.records import PathRecord
from kg.query.resolve import resolve_among

__all__ = ["connection", "neighbourhood"]


def connection(G: nx.MultiDiGraph, a: str, b: str, *, max_paths: int = 5) -> list[PathRecord]:
    """Gives up to ``max_paths`` shortest paths that connect two nodes, ignoring edge direction.

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
    s, t = resolve_among(G, a, NODE_TYPES), resolve_among(G, b, NODE_TYPES)
    if s == t:
        name = label(G, s)
        return [PathRecord(name, name, 0, (), (), (str(s),), name)]
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
    return tuple(label(G, n) for n in path)


def _relation(G: nx.MultiDiGraph, u: Any, v: Any) -> str:
    if G.has_edge(u, v):
        return min(str(d.get("type", "")) for d in G[u][v].values()) + "→"
    return "←" + min(str(d.get("type", "")) for d in G[v][u].values())


def _path_record(G: nx.MultiDiGraph, path: Sequence[Any]) -> PathRecord:
    labels = _labels(G, path)
    relations = tuple(_relation(G, u, v) for u, v in pairwise(path))
    parts = [labels[0]]
    for rel, name in zip(relations, labels[1:]):
        parts.append(f"—{rel}" if rel.endswith("→") else f"{rel}—")
        parts.append(name)
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
    """Gives a copy of the subgraph within ``radius`` hops of a node, edges followed both ways.

    Example:
        >>> H = neighbourhood(example_graph(), "华为云")
        >>> sorted(H.nodes)[:5]
        ['claim:d1#1', 'doc:d1', 'doc:d2', 'org:华为', 'org:华为云']
        >>> sorted(H.nodes)[5:]
        ['person:张平@华为云', 'topic:算力']
    """
    if not isinstance(radius, int) or isinstance(radius, bool) or radius < 0:
        raise KGError(f"radius must be a non-negative integer, got {radius!r}")
    n = resolve_among(G, name, NODE_TYPES)
    H = nx.ego_graph(G, n, radius=radius, undirected=True)
    return nx.MultiDiGraph(H)  # ego_graph already copies; this pins the class whatever G is
