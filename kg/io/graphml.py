"""GraphML: the whole graph with attribute types kept (Gephi, yEd, networkx); read back by
:func:`kg.io.read_graph`. Also the XML 1.0 character filter the GraphML and GEXF writers share."""
from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import networkx as nx

from kg.graph.schema import check_scalars
from kg.io.atomic import write_networkx

__all__ = ["write_graphml", "xml_attrs", "xml_safe", "xml_text"]

# Everything outside XML 1.0's Char production: C0 controls but tab/newline/return, lone surrogates, U+FFFE, U+FFFF.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(value: Any) -> Any:
    """Gives ``value`` without the characters XML 1.0 cannot hold if it is a string, else ``value`` itself."""
    return _NOT_XML.sub("", value) if isinstance(value, str) else value


def xml_attrs(data: dict[Any, Any]) -> dict[Any, Any]:
    """Gives a copy of an attribute dict with :func:`xml_text` applied to every key and value."""
    return {xml_text(key): xml_text(value) for key, value in data.items()}


def xml_safe(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Gives a copy of ``G`` whose node ids, edge keys, attribute names and values hold XML 1.0 characters
    only (the others are removed), or ``G`` itself when it has none to remove.

    Ingest already cleans text and metadata (:mod:`kg.ingest.clean`); this keeps a graph built by other
    means, or an id taken from a file name, from making a file no XML parser reads.
    """
    def dirty(value: Any) -> bool:
        return isinstance(value, str) and _NOT_XML.search(value) is not None

    def dirty_attrs(data: dict[Any, Any]) -> bool:
        return any(dirty(key) or dirty(value) for key, value in data.items())

    if not (dirty_attrs(G.graph) or any(dirty(n) or dirty_attrs(d) for n, d in G.nodes(data=True))
            or any(dirty(k) or dirty_attrs(d) for _, _, k, d in G.edges(keys=True, data=True))):
        return G
    H = G.__class__()
    H.graph.update(xml_attrs(G.graph))
    H.add_nodes_from((xml_text(node), xml_attrs(data)) for node, data in G.nodes(data=True))
    H.add_edges_from((xml_text(u), xml_text(v), xml_text(key), xml_attrs(data))
                     for u, v, key, data in G.edges(keys=True, data=True))
    return H


def write_graphml(G: nx.MultiDiGraph, path: str | os.PathLike[str]) -> Path:
    """Gives the path of the GraphML file written from ``G`` (attribute types kept).

    Characters XML 1.0 cannot hold (control characters, U+FFFE, U+FFFF, lone surrogates) are left out of
    every id, attribute name and value (:func:`xml_safe`), so the file always parses.

    Raises:
        KGError: an attribute is not a scalar, or ``path`` cannot be written.
    """
    check_scalars(G, path)
    return write_networkx(xml_safe(G), path, nx.write_graphml, "GraphML")
