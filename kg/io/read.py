"""Reading a graph back: GraphML or node-link JSON in, the schema's attribute types restored."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError

import networkx as nx

from kg.errors import KGError
from kg.graph.schema import BOOL_ATTRS, FLOAT_ATTRS, INT_ATTRS

__all__ = ["read_graph"]


def read_graph(path: str | Path) -> nx.MultiDiGraph:
    """Gives the graph stored in a GraphML or node-link JSON file, with the schema's attribute types.

    The format comes from the suffix (``.graphml``/``.xml``, ``.json``) or else from the first
    character of the file. Counts and offsets come back as ``int``, ``confidence`` as ``float`` and
    ``former`` as ``bool``, whatever the file stored them as.

    Raises:
        KGError: The file cannot be read or parsed, or an attribute has the wrong type; the message starts
            with the file name.

    Example:
        >>> import tempfile, os
        >>> from kg.query.example import example_graph
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
            if key in INT_ATTRS:
                out[key] = _as_int(value)
            elif key in FLOAT_ATTRS:
                out[key] = float(value)
            elif key in BOOL_ATTRS:
                out[key] = _as_bool(value)
        except (TypeError, ValueError):
            raise KGError(f"{path}: {where} has {key}={value!r}, which is not a valid {_kind(key)}") from None
    return out


def _kind(key: str) -> str:
    return "int" if key in INT_ATTRS else "float" if key in FLOAT_ATTRS else "bool"


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
