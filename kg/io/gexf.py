"""GEXF 1.2 for Gephi: the whole graph with a colour, shape and size per node (the viewer's palette)."""
from __future__ import annotations

import math
import os
from pathlib import Path

import networkx as nx

from kg.graph.schema import check_scalars
from kg.graph.view import text
from kg.io.atomic import write_networkx
from kg.io.graphml import xml_attrs, xml_text
from kg.io.html.style import NODE_STYLES, OTHER_STYLE

__all__ = ["write_gexf"]


def _gexf_copy(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Gives a copy of ``G`` with Gephi ``viz`` data, GEXF-safe attribute names and XML 1.0 characters only."""
    H = nx.MultiDiGraph()
    H.graph.update(xml_attrs(G.graph))
    for node, data in G.nodes(data=True):
        attrs = xml_attrs(data)
        # GEXF reads node ``start``/``end`` as time spells; claims' character offsets are not times.
        for key in ("start", "end"):
            if key in attrs:
                attrs[f"char_{key}"] = attrs.pop(key)
        _, colour, _, _, shape = NODE_STYLES.get(text(data.get("type")), OTHER_STYLE)
        mentions = data.get("mentions", 1)
        size = 6.0 + 4.0 * math.sqrt(max(float(mentions), 0.0)) if isinstance(mentions, (int, float)) else 6.0
        r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
        attrs["viz"] = {"color": {"r": r, "g": g, "b": b, "a": 1.0}, "size": round(size, 2), "shape": shape}
        H.add_node(xml_text(node), **attrs)
    for u, v, key, data in G.edges(keys=True, data=True):
        attrs = xml_attrs(data)
        # GEXF's edge ``type`` means directed/undirected/mutual; keep ours under another name.
        if "type" in attrs:
            attrs["relation"] = attrs.pop("type")
        if attrs.get("relation") == "affiliated_with" and attrs.get("title") and "label" not in attrs:
            attrs["label"] = attrs["title"]
        H.add_edge(xml_text(u), xml_text(v), key=xml_text(key), **attrs)
    return H


def write_gexf(G: nx.MultiDiGraph, path: str | os.PathLike[str]) -> Path:
    """Gives the path of the GEXF 1.2 file (for Gephi) written from ``G``, with colours and sizes.

    Each node gets a ``viz`` colour and shape by ``type`` and a size growing with ``mentions``. Two
    renames keep the file valid GEXF: the edge attribute ``type`` is written as ``relation`` (GEXF
    reserves ``type`` for directed/undirected) and claim offsets ``start``/``end`` as
    ``char_start``/``char_end`` (GEXF reads node ``start``/``end`` as time). Characters XML 1.0 cannot
    hold (control characters, U+FFFE, U+FFFF, lone surrogates) are left out of every id, label and
    attribute (:func:`kg.io.graphml.xml_text`), so the file always parses.
    """
    check_scalars(G, path)
    return write_networkx(_gexf_copy(G), path, nx.write_gexf, "GEXF")
