"""Small readers of a built graph, shared by :mod:`kg.io` and :mod:`kg.query`: none changes the graph."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import networkx as nx

from kg.graph.schema import SEP

__all__ = ["text", "unique", "split", "short", "label", "node_type", "nodes_of_type", "out_edges", "in_edges",
           "speakers", "topic_labels", "doc_node", "doc_title", "affiliations"]


def text(value: Any) -> str:
    """Gives ``value`` as a string, ``""`` for None."""
    return "" if value is None else str(value)


def unique(items: Iterable[str]) -> list[str]:
    """Gives the non-empty items once each, in first-seen order."""
    return list(dict.fromkeys(item for item in items if item))


def split(value: Any) -> list[str]:
    """Gives the stripped, non-empty parts of a "；"-joined attribute."""
    if not value:
        return []
    return [part.strip() for part in str(value).split(SEP) if part.strip()]


def short(value: str, limit: int) -> str:
    """Gives ``value`` cut to ``limit`` characters, the last one an ellipsis when it was cut."""
    return value if len(value) <= limit else value[:limit - 1] + "…"


def label(G: nx.MultiDiGraph, node: Any) -> str:
    """Gives a node's display label (its id when it has none)."""
    return text(G.nodes[node].get("label", node))


def node_type(G: nx.MultiDiGraph, node: Any) -> str:
    """Gives a node's ``type`` (``""`` when missing)."""
    return text(G.nodes[node].get("type", ""))


def nodes_of_type(G: nx.MultiDiGraph, kind: str) -> list[Any]:
    """Gives the nodes of one type, in graph order."""
    return [n for n, t in G.nodes(data="type") if t == kind]


def out_edges(G: nx.MultiDiGraph, node: Any, edge_type: str) -> Iterator[tuple[Any, dict[str, Any]]]:
    """Gives (target, edge data) of each edge of ``edge_type`` leaving ``node``."""
    for _, v, d in G.out_edges(node, data=True):
        if d.get("type") == edge_type:
            yield v, d


def in_edges(G: nx.MultiDiGraph, node: Any, edge_type: str) -> Iterator[tuple[Any, dict[str, Any]]]:
    """Gives (source, edge data) of each edge of ``edge_type`` entering ``node``."""
    for u, _, d in G.in_edges(node, data=True):
        if d.get("type") == edge_type:
            yield u, d


def speakers(G: nx.MultiDiGraph, claim: Any) -> list[Any]:
    """Gives the nodes with a ``said`` edge to ``claim``, once each, in edge order."""
    return list(dict.fromkeys(u for u, _ in in_edges(G, claim, "said")))


def topic_labels(G: nx.MultiDiGraph, claim: Any) -> list[str]:
    """Gives the labels of the topics a claim's ``about`` edges point to, in edge order."""
    return [label(G, t) for t, _ in out_edges(G, claim, "about")]


def doc_node(G: nx.MultiDiGraph, doc: str) -> Any | None:
    """Gives the document node of a document id (``d1`` or ``doc:d1``), or None when there is none."""
    if not doc:
        return None
    for candidate in (doc, f"doc:{doc}"):
        if candidate in G and G.nodes[candidate].get("type") == "document":
            return candidate
    return None


def doc_title(G: nx.MultiDiGraph, doc: str) -> str:
    """Gives the title of a document id's node (its label when untitled), ``""`` when there is no node."""
    node = doc_node(G, doc)
    if node is None:
        return ""
    data = G.nodes[node]
    return text(data.get("title") or data.get("label"))


def affiliations(G: nx.MultiDiGraph, person: Any) -> list[tuple[str, str, bool]]:
    """Gives (organization label, title, former) for each ``affiliated_with`` edge of ``person``."""
    return [(label(G, org), text(d.get("title")), bool(d.get("former", False)))
            for org, d in out_edges(G, person, "affiliated_with")]
