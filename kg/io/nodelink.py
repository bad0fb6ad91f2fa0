"""Node-link JSON: the whole graph as ``nx.node_link_data(G, edges="edges")``, Chinese written as is; read
back by :func:`kg.io.read_graph`."""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import networkx as nx

from kg.errors import KGError
from kg.io.atomic import atomic_open

__all__ = ["write_json"]


def _node_link_data(G: nx.MultiDiGraph) -> dict[str, Any]:
    try:
        return nx.node_link_data(G, edges="edges")
    except TypeError:  # networkx < 3.4 names the argument ``link``
        return nx.node_link_data(G, link="edges")  # type: ignore[call-arg]


def write_json(G: nx.MultiDiGraph, path: str | os.PathLike[str], *, indent: int | None = 2) -> Path:
    """Gives the path of the node-link JSON written from ``G``.

    The layout is pinned to ``nx.node_link_data(G, edges="edges")``: read it back with
    ``nx.node_link_graph(data, edges="edges")``. Chinese is written as is (``ensure_ascii=False``).
    """
    path = Path(path)
    data = _node_link_data(G)
    try:
        text = json.dumps(data, ensure_ascii=False, indent=indent)
    except (TypeError, ValueError) as exc:
        raise KGError(f"{path}: graph cannot be written as JSON ({exc}); keep attributes str, int, float "
                      "or bool") from None
    with atomic_open(path) as fh:
        fh.write(text)
        fh.write("\n")
    return path
