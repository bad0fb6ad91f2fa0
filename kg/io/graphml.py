"""GraphML: the whole graph with attribute types kept (Gephi, yEd, networkx); read back by
:func:`kg.io.read_graph`."""
from __future__ import annotations

import os
from pathlib import Path

import networkx as nx

from kg.graph.schema import check_scalars
from kg.io.atomic import write_networkx

__all__ = ["write_graphml"]


def write_graphml(G: nx.MultiDiGraph, path: str | os.PathLike[str]) -> Path:
    """Gives the path of the GraphML file written from ``G`` (attribute types kept).

    Raises:
        KGError: an attribute is not a scalar, or ``path`` cannot be written.
    """
    check_scalars(G, path)
    return write_networkx(G, path, nx.write_graphml, "GraphML")
