"""A smaller graph for a viewer: the best-connected nodes, and no node left floating alone."""
from __future__ import annotations

import math
from typing import Any

import networkx as nx

from kg.errors import KGError

__all__ = ["prune_graph"]


def prune_graph(G: nx.MultiDiGraph, max_nodes: int | None) -> tuple[nx.MultiDiGraph, int]:
    """Gives a copy of ``G`` cut down to its ``max_nodes`` best-connected nodes, and how many were left out.

    Nodes are ranked by degree (ties: more ``mentions`` first, then the node id, so the result is
    deterministic) and the top ``max_nodes`` are kept. A kept node with no kept neighbour then brings
    in its best-ranked neighbour, and the lowest-ranked kept nodes whose removal strands nobody make
    room for it: hubs (firms, topics, documents) stay, and no node floats alone unless nothing else
    fits. ``max_nodes=None``, or one at least the graph's size, keeps everything.

    Raises:
        KGError: ``max_nodes`` is not a positive integer.
    """
    total = G.number_of_nodes()
    if max_nodes is not None and (isinstance(max_nodes, bool) or not isinstance(max_nodes, int) or max_nodes < 1):
        raise KGError(f"max_nodes={max_nodes!r}: must be a positive integer; pass e.g. --max-nodes 2000")
    if max_nodes is None or max_nodes >= total:
        return G.copy(), 0

    def mentions(node: Any) -> float:
        value = G.nodes[node].get("mentions", 0)
        return float(value) if isinstance(value, (int, float)) and math.isfinite(value) else 0.0

    nbrs = {n: (set(G.successors(n)) | set(G.predecessors(n))) - {n} for n in G}
    degree = dict(G.degree())
    order = sorted(G, key=lambda n: (-degree[n], -mentions(n), str(n)))
    rank = {n: i for i, n in enumerate(order)}
    keep = set(order[:max_nodes])
    kept_nbrs = {n: len(nbrs[n] & keep) for n in G}

    def add(node: Any) -> None:
        keep.add(node)
        for m in nbrs[node]:
            kept_nbrs[m] += 1

    def remove(node: Any) -> None:
        keep.discard(node)
        for m in nbrs[node]:
            kept_nbrs[m] -= 1

    protected: set[Any] = set()
    for node in order[:max_nodes]:  # best first: a lonely hub pulls in its best neighbour
        if kept_nbrs[node] == 0 and nbrs[node]:
            partner = min(nbrs[node], key=rank.__getitem__)
            add(partner)
            protected.update((node, partner))
    for node in reversed(order):  # worst first: drop what strands nobody
        if len(keep) <= max_nodes:
            break
        if node in keep and node not in protected and all(kept_nbrs[m] >= 2 for m in nbrs[node] if m in keep):
            remove(node)
    for node in reversed(order):  # still too many (tiny quota): drop the worst regardless
        if len(keep) <= max_nodes:
            break
        if node in keep:
            remove(node)
    return G.subgraph(keep).copy(), total - len(keep)
