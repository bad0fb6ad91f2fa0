"""The graph's schema: node and edge types, node-id prefixes, the value separator, the attribute types a
reader restores, and the check that every attribute is a scalar (what GraphML, GEXF and CSV can hold)."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import networkx as nx

from kg.errors import KGError
from kg.records import SEP

__all__ = ["NODE_TYPES", "EDGE_TYPES", "ID_PREFIXES", "SEP", "SCALARS", "INT_ATTRS", "FLOAT_ATTRS",
           "BOOL_ATTRS", "check_scalars"]

NODE_TYPES = ("person", "organization", "topic", "claim", "document")
EDGE_TYPES = ("affiliated_with", "said", "about", "discusses", "part_of", "mentioned_in", "covers", "broader")
#: The prefix of each node id (``person:张朝晖@平安证券``, ``org:平安证券``, ``claim:<doc>#<n>``, ...).
ID_PREFIXES = ("person", "org", "topic", "doc", "claim")

#: The attribute types every writer accepts.
SCALARS = (str, int, float, bool)
# Attribute types promised by the schema; GraphML and JSON readers may hand them back as strings.
INT_ATTRS = frozenset({"mentions", "start", "end", "weight", "count"})
FLOAT_ATTRS = frozenset({"confidence"})
BOOL_ATTRS = frozenset({"former"})


def check_scalars(G: nx.MultiDiGraph, path: str | Path) -> None:
    """Raises KGError naming the first attribute that GraphML, GEXF or CSV cannot hold (``path`` leads the
    message)."""
    def bad(where: str, key: str, value: Any) -> KGError:
        return KGError(f"{path}: {where} attribute {key!r} is {type(value).__name__} ({value!r:.60}); every "
                       "attribute must be str, int, float or bool (join lists with '；' when building the graph)")

    for key, value in G.graph.items():
        if not isinstance(value, SCALARS):
            raise bad("graph", key, value)
    for node, data in G.nodes(data=True):
        for key, value in data.items():
            if not isinstance(value, SCALARS):
                raise bad(f"node {node!r}", key, value)
    for u, v, data in G.edges(data=True):
        for key, value in data.items():
            if not isinstance(value, SCALARS):
                raise bad(f"edge {u!r} -> {v!r}", key, value)
