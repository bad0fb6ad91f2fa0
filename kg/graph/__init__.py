"""Graph: per-document records in, one ``nx.MultiDiGraph`` of people, firms, claims and topics out.

Node ids are canonical keys (``person:张朝晖@平安证券``, ``org:平安证券``, ``topic:人工智能``,
``claim:<doc>#<n>``, ``doc:<doc>``); every attribute is a scalar so the graph writes to GraphML
unchanged. Across documents the same name at the same firm is one person; the same name at
different firms stays two people unless one document ties both firms to the name; a name with no
firm joins the one person of that name when there is exactly one.

Modules: :mod:`~kg.graph.schema` (types, prefixes, attribute types), :mod:`~kg.graph.people` (who is
who across documents), :mod:`~kg.graph.build` (records -> graph), :mod:`~kg.graph.view` (small readers
shared by :mod:`kg.io` and :mod:`kg.query`), :mod:`~kg.graph.prune` (a smaller graph for a viewer).
This package imports networkx and plain records only, never spaCy.
"""
from __future__ import annotations

from kg.graph.build import build_graph
from kg.graph.schema import EDGE_TYPES, NODE_TYPES

__all__ = ["build_graph", "NODE_TYPES", "EDGE_TYPES"]
