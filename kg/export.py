"""Writes a who-said-what graph to files: one function per format, each ``(graph, path) -> Path``.

Every writer reads the graph and never changes it, writes UTF-8 explicitly and replaces its output
atomically (a temp file in the same directory, then :func:`os.replace`), so a crash never leaves a
half-written file behind. Problems the user can fix (an unwritable directory, a non-scalar attribute)
raise :class:`kg.errors.KGError` naming the path and the fix.

Formats: GraphML (:func:`write_graphml`), node-link JSON (:func:`write_json`), a claims table for
spreadsheets (:func:`write_claims_csv`), GEXF for Gephi (:func:`write_gexf`), CSV for Neo4j
(:func:`write_neo4j_csv`) and a self-contained offline HTML viewer (:func:`write_html`).
"""
from __future__ import annotations

import base64
import csv
import hashlib
import html
import json
import logging
import math
import os
import re
import secrets
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import IO, Any

import networkx as nx

from kg.errors import KGError

__all__ = [
    "DEFAULT_FORMATS",
    "EDGE_STYLES",
    "FORMATS",
    "NODE_STYLES",
    "OTHER_EDGE_STYLE",
    "OTHER_STYLE",
    "prune_graph",
    "write_all",
    "write_claims_csv",
    "write_gexf",
    "write_graphml",
    "write_html",
    "write_json",
    "write_neo4j_csv",
]

_log = logging.getLogger(__name__)

_SCALARS = (str, int, float, bool)
_JOIN = "；"

#: Node type -> (Chinese name, colour, vis-network shape, legend symbol, GEXF shape).
NODE_STYLES: dict[str, tuple[str, str, str, str, str]] = {
    "person": ("人物", "#4e79a7", "dot", "●", "disc"),
    "organization": ("机构", "#f28e2b", "square", "■", "square"),
    "topic": ("话题", "#59a14f", "triangle", "▲", "triangle"),
    "claim": ("言论", "#9d8f86", "diamond", "◆", "diamond"),
    "document": ("文章", "#b07aa1", "hexagon", "⬢", "square"),
}
OTHER_STYLE = ("其他", "#8c8c8c", "dot", "●", "disc")

#: Edge type -> (Chinese name, colour).
EDGE_STYLES: dict[str, tuple[str, str]] = {
    "affiliated_with": ("任职", "#4e79a7"),
    "said": ("发表", "#e15759"),
    "about": ("涉及", "#59a14f"),
    "discusses": ("谈论", "#76b7b2"),
    "part_of": ("隶属", "#f28e2b"),
    "mentioned_in": ("提及于", "#c7c7c7"),
}
OTHER_EDGE_STYLE = ("关系", "#aaaaaa")

_FONT_STACK = ('"Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "Microsoft YaHei", '
               '"PingFang SC", "Hiragino Sans GB", sans-serif')


# --------------------------------------------------------------------------------------------------
# atomic writing


def _ensure_dir(directory: Path) -> None:
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise KGError(f"{directory}: exists and is not a directory; choose another output directory") from None
    except OSError as exc:
        raise KGError(f"{directory}: cannot create the output directory ({exc.strerror or exc}); "
                      "pass a directory you can write to") from None


def _unlink_quietly(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass


@contextmanager
def _atomic_open(path: str | os.PathLike[str], *, binary: bool = False, encoding: str = "utf-8",
                 newline: str | None = None) -> Iterator[IO[Any]]:
    """Gives a file handle whose content replaces ``path`` only if the ``with`` block succeeds."""
    path = Path(path)
    if path.is_dir():
        raise KGError(f"{path}: is a directory; pass a file name inside it instead")
    directory = path.parent
    _ensure_dir(directory)
    # os.open with mode 0o666 lets the umask decide the final permissions (mkstemp would force 0600).
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    while True:
        tmp = directory / f".{path.name}.{secrets.token_hex(4)}.tmp"
        try:
            fd = os.open(tmp, flags, 0o666)
            break
        except FileExistsError:
            continue
        except OSError as exc:
            raise KGError(f"{path}: cannot write ({exc.strerror or exc}); make {directory} writable "
                          "or choose another output directory") from None
    try:
        handle = os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding=encoding, newline=newline)
        with handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        _unlink_quietly(tmp)
        raise KGError(f"{path}: write failed ({exc.strerror or exc}); check the free space and "
                      f"permissions of {directory}") from None
    except BaseException:
        _unlink_quietly(tmp)
        raise


def _check_scalars(G: nx.MultiDiGraph, path: Path) -> None:
    """Raises KGError naming the first attribute that GraphML, GEXF or CSV cannot hold."""
    def bad(where: str, key: str, value: Any) -> KGError:
        return KGError(f"{path}: {where} attribute {key!r} is {type(value).__name__} ({value!r:.60}); every "
                       "attribute must be str, int, float or bool (join lists with '；' when building the graph)")

    for key, value in G.graph.items():
        if not isinstance(value, _SCALARS):
            raise bad("graph", key, value)
    for node, data in G.nodes(data=True):
        for key, value in data.items():
            if not isinstance(value, _SCALARS):
                raise bad(f"node {node!r}", key, value)
    for u, v, data in G.edges(data=True):
        for key, value in data.items():
            if not isinstance(value, _SCALARS):
                raise bad(f"edge {u!r} -> {v!r}", key, value)


# --------------------------------------------------------------------------------------------------
# graph helpers shared by the claims table and the HTML page


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(item for item in items if item))


def _nodes_of_type(G: nx.MultiDiGraph, node_type: str) -> list[Any]:
    return [n for n, t in G.nodes(data="type") if t == node_type]


def _speakers(G: nx.MultiDiGraph, claim: Any) -> list[Any]:
    return list(dict.fromkeys(u for u, _, t in G.in_edges(claim, data="type") if t == "said"))


def _affiliations(G: nx.MultiDiGraph, person: Any) -> list[tuple[str, str, bool]]:
    """Gives (organization label, title, former) for each ``affiliated_with`` edge of ``person``."""
    out = []
    for _, org, data in G.out_edges(person, data=True):
        if data.get("type") == "affiliated_with":
            label = _text(G.nodes[org].get("label", org))
            out.append((label, _text(data.get("title")), bool(data.get("former", False))))
    return out


def _speaker_fields(G: nx.MultiDiGraph, speaker: Any) -> tuple[str, str, str, str]:
    """Gives (label, type, titles, organizations) of a claim's speaker, from its affiliation edges."""
    data = G.nodes[speaker]
    kind = _text(data.get("type"))
    label = _text(data.get("label", speaker))
    if kind == "organization":
        return label, kind, "", label
    current = [a for a in _affiliations(G, speaker) if not a[2]]
    titles = _JOIN.join(_unique(t for _, t, _ in current)) or _text(data.get("title"))
    orgs = _JOIN.join(_unique(o for o, _, _ in current)) or _text(data.get("orgs"))
    return label, kind, titles, orgs


def _doc_node(G: nx.MultiDiGraph, doc: str) -> Any | None:
    if not doc:
        return None
    for candidate in (doc, f"doc:{doc}"):
        if candidate in G and G.nodes[candidate].get("type") == "document":
            return candidate
    return None


def _doc_title(G: nx.MultiDiGraph, doc: str) -> str:
    node = _doc_node(G, doc)
    if node is None:
        return ""
    data = G.nodes[node]
    return _text(data.get("title") or data.get("label"))


def _claim_topics(G: nx.MultiDiGraph, claim: Any) -> str:
    topics = _text(G.nodes[claim].get("topics"))
    if topics:
        return topics
    return _JOIN.join(_unique(_text(G.nodes[t].get("label", t))
                              for _, t, k in G.out_edges(claim, data="type") if k == "about"))


# --------------------------------------------------------------------------------------------------
# GraphML, JSON, GEXF


def write_graphml(G: nx.MultiDiGraph, path: str | os.PathLike[str]) -> Path:
    """Gives the path of the GraphML file written from ``G`` (attribute types kept).

    Raises:
        KGError: an attribute is not a scalar, or ``path`` cannot be written.
    """
    path = Path(path)
    _check_scalars(G, path)
    with _atomic_open(path, binary=True) as fh:
        try:
            nx.write_graphml(G, fh)
        except nx.NetworkXError as exc:
            raise KGError(f"{path}: cannot write GraphML ({exc}); keep node and edge attributes scalar") from None
    return path


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
    with _atomic_open(path) as fh:
        fh.write(text)
        fh.write("\n")
    return path


def _gexf_copy(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Gives a copy of ``G`` with Gephi ``viz`` data and GEXF-safe attribute names."""
    H = nx.MultiDiGraph()
    H.graph.update(G.graph)
    for node, data in G.nodes(data=True):
        attrs = dict(data)
        # GEXF reads node ``start``/``end`` as time spells; claims' character offsets are not times.
        for key in ("start", "end"):
            if key in attrs:
                attrs[f"char_{key}"] = attrs.pop(key)
        _, colour, _, _, shape = NODE_STYLES.get(_text(data.get("type")), OTHER_STYLE)
        mentions = data.get("mentions", 1)
        size = 6.0 + 4.0 * math.sqrt(max(float(mentions), 0.0)) if isinstance(mentions, (int, float)) else 6.0
        r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
        attrs["viz"] = {"color": {"r": r, "g": g, "b": b, "a": 1.0}, "size": round(size, 2), "shape": shape}
        H.add_node(node, **attrs)
    for u, v, key, data in G.edges(keys=True, data=True):
        attrs = dict(data)
        # GEXF's edge ``type`` means directed/undirected/mutual; keep ours under another name.
        if "type" in attrs:
            attrs["relation"] = attrs.pop("type")
        if attrs.get("relation") == "affiliated_with" and attrs.get("title") and "label" not in attrs:
            attrs["label"] = attrs["title"]
        H.add_edge(u, v, key=key, **attrs)
    return H


def write_gexf(G: nx.MultiDiGraph, path: str | os.PathLike[str]) -> Path:
    """Gives the path of the GEXF 1.2 file (for Gephi) written from ``G``, with colours and sizes.

    Each node gets a ``viz`` colour and shape by ``type`` and a size growing with ``mentions``. Two
    renames keep the file valid GEXF: the edge attribute ``type`` is written as ``relation`` (GEXF
    reserves ``type`` for directed/undirected) and claim offsets ``start``/``end`` as
    ``char_start``/``char_end`` (GEXF reads node ``start``/``end`` as time).
    """
    path = Path(path)
    _check_scalars(G, path)
    H = _gexf_copy(G)
    with _atomic_open(path, binary=True) as fh:
        try:
            nx.write_gexf(H, fh)
        except nx.NetworkXError as exc:
            raise KGError(f"{path}: cannot write GEXF ({exc}); keep node and edge attributes scalar") from None
    return path


# --------------------------------------------------------------------------------------------------
# CSV: claims table and Neo4j import files

CLAIM_COLUMNS = ("claim_id", "speaker", "speaker_type", "title", "organization", "kind", "cue", "text",
                 "topics", "document", "document_title", "date", "start", "end", "confidence")


def _claim_rows(G: nx.MultiDiGraph) -> Iterator[dict[str, Any]]:
    for claim in _nodes_of_type(G, "claim"):
        data = G.nodes[claim]
        speakers = [_speaker_fields(G, s) for s in _speakers(G, claim)]
        if speakers:
            label, kind, titles, orgs = (_JOIN.join(_unique(col)) for col in zip(*speakers))
        else:
            label, kind, titles, orgs = _text(data.get("speaker")), "", "", ""
        doc = _text(data.get("doc"))
        yield {
            "claim_id": claim, "speaker": label, "speaker_type": kind, "title": titles,
            "organization": orgs, "kind": _text(data.get("kind")), "cue": _text(data.get("cue")),
            "text": _text(data.get("text")), "topics": _claim_topics(G, claim), "document": doc,
            "document_title": _doc_title(G, doc), "date": _text(data.get("date")),
            "start": _text(data.get("start")), "end": _text(data.get("end")),
            "confidence": _text(data.get("confidence")),
        }


def write_claims_csv(G: nx.MultiDiGraph, path: str | os.PathLike[str]) -> Path:
    """Gives the path of the claims table: one row per claim node, columns :data:`CLAIM_COLUMNS`.

    Speaker, title and organization come from the claim's ``said`` edge and the speaker's current
    (not former) ``affiliated_with`` edges, falling back to the person's ``title``/``orgs``
    attributes. Several values in one cell are joined with "；".

    The file is UTF-8 *with a byte-order mark* (``utf-8-sig``) so that Excel detects the encoding and
    shows Chinese correctly; ``csv`` and pandas read it with ``encoding="utf-8-sig"``. Cells are
    written verbatim: a spreadsheet may treat text beginning with ``=``, ``+``, ``-`` or ``@`` as a
    formula, so open untrusted tables with formulas disabled.
    """
    path = Path(path)
    with _atomic_open(path, encoding="utf-8-sig", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=CLAIM_COLUMNS)
        writer.writeheader()
        writer.writerows(_claim_rows(G))
    return path


_NEO4J_TYPES = {bool: "boolean", int: "long", float: "double", str: "string"}


def _neo4j_name(value: str, *, upper: bool) -> str:
    name = re.sub(r"\W+", "_", value).strip("_") or "Node"
    return name.upper() if upper else name[:1].upper() + name[1:]


def _neo4j_columns(records: Iterable[dict[str, Any]], skip: set[str]) -> dict[str, str]:
    """Gives property name -> Neo4j type over all records, widening mixed types (int+float -> double)."""
    types: dict[str, str] = {}
    for data in records:
        for key, value in data.items():
            if key in skip:
                continue
            kind = _NEO4J_TYPES.get(type(value), "string")
            old = types.get(key)
            if old is None or old == kind:
                types[key] = kind
            elif {old, kind} == {"long", "double"}:
                types[key] = "double"
            else:
                types[key] = "string"
    return types


def _neo4j_header(name: str, kind: str) -> str:
    return name if kind == "string" else f"{name}:{kind}"


def _neo4j_cell(value: Any, kind: str) -> str:
    if value is None:
        return ""
    if kind == "boolean" or isinstance(value, bool):
        return "true" if value else "false"
    if kind == "double" and isinstance(value, float) and not math.isfinite(value):
        return ""
    return str(value)


def _cypher_string(value: str) -> str:
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


def _cypher_name(value: str) -> str:
    return "`" + value.replace("`", "``") + "`"


_CYPHER_CAST = {"long": "toInteger({})", "double": "toFloat({})", "boolean": "toBoolean({})", "string": "{}"}


def _cypher_set(var: str, columns: dict[str, str], keys: Iterable[str]) -> str:
    parts = []
    for key in keys:
        kind = columns[key]
        cell = "row." + _cypher_name(_neo4j_header(key, kind))
        parts.append(f"{var}.{_cypher_name(key)} = {_CYPHER_CAST[kind].format(cell)}")
    return ("\nSET " + ",\n    ".join(parts)) if parts else ""


def write_neo4j_csv(G: nx.MultiDiGraph, directory: str | os.PathLike[str]) -> Path:
    """Gives the directory holding ``nodes.csv``, ``relationships.csv`` and ``load.cypher`` for Neo4j.

    The CSV headers follow ``neo4j-admin`` conventions (``id:ID``, ``:LABEL``, ``:START_ID``,
    ``:END_ID``, ``:TYPE``, typed columns such as ``mentions:long``), so an empty database can be
    filled with::

        neo4j-admin database import full --multiline-fields=true \\
            --nodes=nodes.csv --relationships=relationships.csv neo4j

    Every node has the label ``KGNode`` plus one for its type (``Person``, ``Organization``, ``Topic``,
    ``Claim``, ``Document``); relationship types are the edge types upper-cased (``SAID``,
    ``AFFILIATED_WITH`` ...). ``load.cypher`` does the same with ``LOAD CSV`` on a running server: copy
    the two CSV files into its import directory, then ``cypher-shell -f load.cypher``. The files are
    UTF-8 without a byte-order mark; empty cells are absent properties.
    """
    directory = Path(directory)
    _check_scalars(G, directory)
    _ensure_dir(directory)

    node_columns = _neo4j_columns((d for _, d in G.nodes(data=True)), skip={"type"})
    edge_columns = _neo4j_columns((d for _, _, d in G.edges(data=True)), skip={"type"})
    labels = {n: _neo4j_name(_text(t) or "node", upper=False) for n, t in G.nodes(data="type")}

    with _atomic_open(directory / "nodes.csv", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["id:ID", ":LABEL", *(_neo4j_header(k, t) for k, t in node_columns.items())])
        for node, data in G.nodes(data=True):
            writer.writerow([str(node), f"KGNode;{labels[node]}",
                             *(_neo4j_cell(data.get(k), t) for k, t in node_columns.items())])

    with _atomic_open(directory / "relationships.csv", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow([":START_ID", ":END_ID", ":TYPE", *(_neo4j_header(k, t) for k, t in edge_columns.items())])
        for u, v, data in G.edges(data=True):
            rel = _neo4j_name(_text(data.get("type")) or "related_to", upper=True)
            writer.writerow([str(u), str(v), rel, *(_neo4j_cell(data.get(k), t) for k, t in edge_columns.items())])

    statements = [
        ("// Loads nodes.csv and relationships.csv (written by kg.export.write_neo4j_csv) into Neo4j 5.\n"
        "// Copy both files into the server's import directory, then: cypher-shell -f load.cypher\n"
        "// Run it once, on an empty database: relationships are CREATEd, so a second run duplicates them."),
        "CREATE CONSTRAINT kg_node_id IF NOT EXISTS FOR (n:KGNode) REQUIRE n.id IS UNIQUE;",
    ]
    for label in dict.fromkeys(labels.values()):
        keys = _unique(k for n, d in G.nodes(data=True) if labels[n] == label for k in d if k in node_columns)
        statements.append(
            "LOAD CSV WITH HEADERS FROM 'file:///nodes.csv' AS row\n"
            f"WITH row WHERE row.`:LABEL` = {_cypher_string('KGNode;' + label)}\n"
            f"MERGE (n:KGNode:{_cypher_name(label)} {{id: row.`id:ID`}})"
            f"{_cypher_set('n', node_columns, keys)};")
    rel_types: dict[str, list[str]] = {}
    for _, _, data in G.edges(data=True):
        rel = _neo4j_name(_text(data.get("type")) or "related_to", upper=True)
        rel_types.setdefault(rel, [])
        rel_types[rel].extend(k for k in data if k in edge_columns)
    for rel, keys in rel_types.items():
        statements.append(
            "LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row\n"
            f"WITH row WHERE row.`:TYPE` = {_cypher_string(rel)}\n"
            "MATCH (a:KGNode {id: row.`:START_ID`}), (b:KGNode {id: row.`:END_ID`})\n"
            f"CREATE (a)-[r:{_cypher_name(rel)}]->(b)"
            f"{_cypher_set('r', edge_columns, _unique(keys))};")
    with _atomic_open(directory / "load.cypher") as fh:
        fh.write("\n\n".join(statements) + "\n")
    return directory


# --------------------------------------------------------------------------------------------------
# pruning for the HTML view


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


# --------------------------------------------------------------------------------------------------
# HTML


def _vis_js() -> str:
    try:
        js = resources.files("kg.resources").joinpath("vis-network.min.js").read_text(encoding="utf-8")
    except FileNotFoundError:
        raise KGError("kg/resources/vis-network.min.js: resource file missing; reinstall kg "
                      "(pip install -e .)") from None
    # The source map is not shipped; drop the pointer so nothing ever tries to fetch it.
    js = re.sub(r"^//# sourceMappingURL=.*$", "", js, flags=re.MULTILINE)
    # Inside an inline <script>, "</script" or "<!--" would end or confuse the element; "<\/" is the same
    # string to JavaScript wherever it can legally occur (strings, regexes, comments).
    return re.sub(r"</(?=script)|<!--", lambda m: "<\\/" if m.group(0) == "</" else "<\\!--", js,
                  flags=re.IGNORECASE)


def _json_for_script(obj: Any) -> str:
    """Gives JSON that cannot end or confuse the ``<script>`` element that holds it."""
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for char, escape in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escape)
    return text


def _finite(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _tooltip(G: nx.MultiDiGraph, node: Any, data: dict[str, Any]) -> str:
    """Gives the plain-text hover text of a node (vis-network shows strings as text, not HTML)."""
    kind = _text(data.get("type"))
    label = _text(data.get("label", node))
    mentions = data.get("mentions")
    seen = f"提及 {mentions} 次" if isinstance(mentions, int) and not isinstance(mentions, bool) else ""
    if kind == "person":
        affs = _affiliations(G, node)
        lines = [label]
        if affs:
            lines += [f"{org} {title}".strip() + ("（前任）" if former else "") for org, title, former in affs]
        else:
            if data.get("title"):
                lines.append(f"职务：{data['title']}")
            if data.get("orgs"):
                lines.append(f"机构：{data['orgs']}")
        return "\n".join([*lines, seen] if seen else lines)
    if kind == "organization":
        lines = [label + (f"（{data['org_type']}）" if data.get("org_type") else "")]
        if data.get("aliases"):
            lines.append(f"别名：{data['aliases']}")
        return "\n".join([*lines, seen] if seen else lines)
    if kind == "claim":
        doc = _text(data.get("doc"))
        source = " ".join(x for x in (_doc_title(G, doc) or doc, _text(data.get("date"))) if x)
        speaker = _text(data.get("speaker"))
        lines = [f"“{_text(data.get('text'))}”"]
        if speaker:
            lines.append(f"—— {speaker}")
        if source:
            lines.append(f"来源：{source}")
        return "\n".join(lines)
    if kind == "document":
        lines = [_text(data.get("title") or label)]
        meta = " ".join(x for x in (_text(data.get("date")), _text(data.get("source"))) if x)
        return "\n".join([*lines, meta] if meta else lines)
    if kind == "topic":
        return "\n".join(x for x in (f"话题：{label}", seen) if x)
    return label


def _claims_index(G: nx.MultiDiGraph, shown: Iterable[Any]) -> tuple[dict[str, list[str]], dict[str, dict]]:
    """Gives node id -> its claim ids (said, about, in the document) and the claims' details, from ``G``."""
    by_doc: dict[str, list[Any]] = {}
    for claim in _nodes_of_type(G, "claim"):
        node = _doc_node(G, _text(G.nodes[claim].get("doc")))
        if node is not None:
            by_doc.setdefault(str(node), []).append(claim)
    found_by_node: dict[str, list[Any]] = {}
    for node in shown:
        kind = G.nodes[node].get("type")
        if kind in ("person", "organization"):
            found = [c for _, c, t in G.out_edges(node, data="type") if t == "said"]
        elif kind == "topic":
            found = [c for c, _, t in G.in_edges(node, data="type") if t == "about"]
        elif kind == "claim":
            found = [node]
        elif kind == "document":
            found = by_doc.get(str(node), [])
        else:
            found = []
        found = [c for c in dict.fromkeys(found) if G.nodes[c].get("type") == "claim"]
        if found:
            found_by_node[str(node)] = found
    info: dict[str, dict] = {}
    for claim in dict.fromkeys(c for found in found_by_node.values() for c in found):
        data = G.nodes[claim]
        doc = _text(data.get("doc"))
        speakers = [_text(G.nodes[s].get("label", s)) for s in _speakers(G, claim)]
        info[str(claim)] = {
            "text": _text(data.get("text")), "speaker": _JOIN.join(speakers) or _text(data.get("speaker")),
            "doc": doc, "docTitle": _doc_title(G, doc), "date": _text(data.get("date")),
            "kind": _text(data.get("kind")), "cue": _text(data.get("cue")),
            "confidence": _finite(data.get("confidence")), "start": _finite(data.get("start")),
        }

    def order(claim_id: str) -> tuple:
        c = info.get(claim_id, {})
        start = c.get("start")
        return (c.get("date", ""), c.get("doc", ""), -(start if isinstance(start, (int, float)) else 0))

    # Newest first; within a document, in reading order.
    claims = {node: sorted((str(c) for c in found), key=order, reverse=True)
              for node, found in found_by_node.items()}
    return claims, info


def _html_payload(G: nx.MultiDiGraph, H: nx.MultiDiGraph, title: str) -> dict[str, Any]:
    types_seen = list(dict.fromkeys(_text(t) for _, t in H.nodes(data="type")))
    ordered = [t for t in NODE_STYLES if t in types_seen] + [t for t in types_seen if t not in NODE_STYLES]
    counts = {t: 0 for t in ordered}
    nodes = []
    for node, data in H.nodes(data=True):
        kind = _text(data.get("type"))
        counts[kind] += 1
        _, colour, shape, _, _ = NODE_STYLES.get(kind, OTHER_STYLE)
        label = _text(data.get("label", node))
        if kind == "claim":
            label = _short(_text(data.get("text")) or label, 14)
        elif kind == "document":
            label = _short(_text(data.get("title")) or label, 16)
        mentions = data.get("mentions")
        value = mentions if isinstance(mentions, (int, float)) and not isinstance(mentions, bool) else 1
        search = _JOIN.join(_unique([_text(data.get("label", node)), *_text(data.get("aliases")).split(_JOIN)]))
        nodes.append({
            "id": str(node), "label": label, "kgType": kind, "kgLabel": _text(data.get("label", node)),
            "kgSearch": search if kind in ("person", "organization", "topic") else "",
            "title": _tooltip(G, node, data), "shape": shape, "color": colour,
            "value": _finite(max(float(value), 1.0)), "kgMentions": _finite(mentions) if mentions is not None else None,
            "kgTitle": _text(data.get("title")), "kgOrgs": _text(data.get("orgs")),
            "kgAliases": _text(data.get("aliases")),
        })
    edges = []
    for i, (u, v, data) in enumerate(H.edges(data=True)):
        kind = _text(data.get("type"))
        name, colour = EDGE_STYLES.get(kind, OTHER_EDGE_STYLE)
        edge: dict[str, Any] = {"id": f"e{i}", "from": str(u), "to": str(v), "kgType": kind,
                                "color": {"color": colour, "highlight": colour, "hover": colour, "opacity": 0.55}, "title": name}
        if kind == "affiliated_with":
            former = bool(data.get("former", False))
            label = _text(data.get("title")) + ("（前）" if former else "")
            if label:
                edge["label"] = label
                edge["title"] = f"{name}：{label}"
            edge["dashes"] = former
        elif kind == "discusses" and isinstance(data.get("weight"), int):
            edge["width"] = 1 + math.log1p(max(data["weight"], 0))
            edge["title"] = f"{name}（{data['weight']} 条言论）"
        edges.append(edge)
    claims, claim_info = _claims_index(G, H)
    topics = sorted(((str(n), _text(d.get("label", n)), d.get("mentions") or d.get("weight") or 0)
                     for n, d in H.nodes(data=True) if d.get("type") == "topic"),
                    key=lambda t: (-(t[2] if isinstance(t[2], (int, float)) else 0), t[1]))
    shown_nodes, shown_edges = H.number_of_nodes(), H.number_of_edges()
    total_nodes, total_edges = G.number_of_nodes(), G.number_of_edges()
    return {
        "title": title,
        "types": [{"type": t, "name": NODE_STYLES.get(t, OTHER_STYLE)[0] if t in NODE_STYLES else (t or "其他"),
                   "color": NODE_STYLES.get(t, OTHER_STYLE)[1], "symbol": NODE_STYLES.get(t, OTHER_STYLE)[3],
                   "count": counts[t]} for t in ordered],
        "edgeTypes": [{"type": t, "name": n, "color": c} for t, (n, c) in EDGE_STYLES.items()
                      if any(d.get("type") == t for _, _, d in H.edges(data=True))],
        "nodes": nodes,
        "edges": edges,
        "claims": claims,
        "claimInfo": claim_info,
        "topics": [{"id": i, "label": lab, "mentions": _finite(m)} for i, lab, m in topics],
        "pruned": None if shown_nodes == total_nodes else {
            "totalNodes": total_nodes, "totalEdges": total_edges,
            "shownNodes": shown_nodes, "shownEdges": shown_edges,
            "droppedNodes": total_nodes - shown_nodes, "droppedEdges": total_edges - shown_edges,
        },
        "layout": {
            # Fewer iterations look visibly worse; the page shows progress while it lays out.
            "iterations": 1000 if shown_nodes <= 300 else (500 if shown_nodes <= 1000 else 300),
            "improvedLayout": shown_nodes <= 150,
            "smooth": shown_nodes <= 500,
            "hideEdgesOnDrag": shown_nodes > 800,
        },
    }


_CSS = """
:root { --kg-font: @@FONT@@; }
* { box-sizing: border-box; }
html, body { margin: 0; height: 100%; font-family: var(--kg-font); font-size: 14px; color: #222; }
body { display: flex; flex-direction: column; }
#kg-bar { display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: center; padding: 8px 12px;
  border-bottom: 1px solid #ddd; background: #fafafa; }
#kg-bar h1 { font-size: 16px; margin: 0 8px 0 0; }
#kg-search-wrap { position: relative; }
#kg-search { width: 16em; padding: 4px 6px; font: inherit; }
#kg-results { position: absolute; top: 100%; left: 0; z-index: 20; list-style: none; margin: 2px 0 0; padding: 0;
  min-width: 16em; max-height: 320px; overflow-y: auto; background: #fff; border: 1px solid #ccc;
  box-shadow: 0 2px 8px rgba(0,0,0,.15); }
#kg-results:empty { display: none; }
#kg-results button { display: block; width: 100%; text-align: left; border: 0; background: none; padding: 4px 8px;
  font: inherit; cursor: pointer; }
#kg-results button:hover, #kg-results button:focus { background: #eef3fb; }
#kg-types { display: flex; flex-wrap: wrap; gap: 4px 12px; border: 0; margin: 0; padding: 0; }
#kg-types legend { float: left; margin-right: 6px; color: #666; }
#kg-types label { cursor: pointer; white-space: nowrap; }
.kg-swatch { display: inline-block; width: 1.1em; text-align: center; }
#kg-edge-legend { color: #666; font-size: 12px; }
#kg-edge-legend span { margin-right: 10px; white-space: nowrap; }
#kg-topic { font: inherit; max-width: 14em; }
#kg-notice { width: 100%; padding: 4px 8px; background: #fff6d6; border: 1px solid #f0d98c; border-radius: 3px; }
#kg-notice[hidden] { display: none; }
#kg-main { flex: 1; display: flex; min-height: 0; position: relative; }
#kg-network { flex: 1; min-width: 0; position: relative; }
#kg-progress { position: absolute; top: 12px; left: 50%; transform: translateX(-50%); z-index: 10; padding: 4px 12px;
  background: rgba(255,255,255,.9); border: 1px solid #ccc; border-radius: 12px; }
#kg-progress[hidden] { display: none; }
#kg-panel { width: 360px; max-width: 45%; overflow-y: auto; border-left: 1px solid #ddd; padding: 10px 14px;
  background: #fff; }
#kg-panel[hidden] { display: none; }
#kg-panel h2 { font-size: 17px; margin: 0 28px 4px 0; }
#kg-panel h3 { font-size: 14px; margin: 12px 0 6px; color: #555; }
#kg-panel-close { float: right; border: 0; background: none; font-size: 20px; cursor: pointer; line-height: 1; }
.kg-meta { margin: 2px 0; color: #555; white-space: pre-wrap; }
#kg-claims { margin: 0; padding-left: 1.4em; }
.kg-claim { margin-bottom: 10px; }
.kg-claim-text { margin: 0 0 2px; white-space: pre-wrap; overflow-wrap: anywhere; }
.kg-claim-src { color: #777; font-size: 12px; }
div.vis-tooltip { position: absolute; visibility: hidden; z-index: 30; max-width: 420px; padding: 6px 8px;
  white-space: pre-wrap; overflow-wrap: anywhere; font-family: var(--kg-font); font-size: 13px; color: #222;
  background: #fffef4; border: 1px solid #bbb; border-radius: 4px; box-shadow: 2px 2px 8px rgba(0,0,0,.18);
  pointer-events: none; }
"""

_APP_JS = r"""
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var FONT = getComputedStyle(document.documentElement).getPropertyValue("--kg-font").trim() || "sans-serif";
  var container = document.getElementById("kg-network");
  var byId = new Map();
  var outAdj = new Map(), inAdj = new Map();
  data.nodes.forEach(function (n) { byId.set(n.id, n); outAdj.set(n.id, []); inAdj.set(n.id, []); });
  data.edges.forEach(function (e) {
    if (outAdj.has(e.from)) outAdj.get(e.from).push(e);
    if (inAdj.has(e.to)) inAdj.get(e.to).push(e);
  });
  var typeNames = {};
  data.types.forEach(function (t) { typeNames[t.type] = t.name; });

  // ---- filters: node types and topic neighbourhood ----
  var enabled = {};
  data.types.forEach(function (t) { enabled[t.type] = true; });
  var topicKeep = null;
  function nodeVisible(n) {
    return !!n && enabled[n.kgType] !== false && (topicKeep === null || topicKeep.has(n.id));
  }
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var nodesView = new vis.DataView(nodes, { filter: nodeVisible });
  var edgesView = new vis.DataView(edges, {
    filter: function (e) { return nodeVisible(byId.get(e.from)) && nodeVisible(byId.get(e.to)); }
  });

  function topicNeighbourhood(topicId) {
    var keep = new Set([topicId]);
    inAdj.get(topicId).forEach(function (e) { keep.add(e.from); });   // claims about it, who discusses it
    outAdj.get(topicId).forEach(function (e) { keep.add(e.to); });
    Array.from(keep).forEach(function (id) {                          // speakers of those claims
      if (byId.get(id).kgType === "claim") {
        inAdj.get(id).forEach(function (e) { if (e.kgType === "said") keep.add(e.from); });
      }
    });
    Array.from(keep).forEach(function (id) {                          // their firms
      outAdj.get(id).forEach(function (e) {
        if (e.kgType === "affiliated_with" || e.kgType === "part_of") keep.add(e.to);
      });
    });
    return keep;
  }

  var L = data.layout;
  var options = {
    autoResize: true,
    layout: { improvedLayout: L.improvedLayout, randomSeed: 7 },
    nodes: {
      font: { face: FONT, size: 14, color: "#222", strokeWidth: 3, strokeColor: "#ffffff" },
      scaling: { min: 8, max: 40, label: { enabled: false } },
      borderWidth: 1
    },
    edges: {
      arrows: { to: { enabled: true, scaleFactor: 0.5 } },
      font: { face: FONT, size: 11, color: "#2b4f7a", strokeWidth: 3, strokeColor: "#ffffff", align: "middle" },
      smooth: L.smooth ? { enabled: true, type: "continuous", roundness: 0.3 } : false,
      selectionWidth: 2
    },
    physics: {
      enabled: true,
      solver: "forceAtlas2Based",
      forceAtlas2Based: { gravitationalConstant: -60, centralGravity: 0.01, springLength: 110,
                          springConstant: 0.08, damping: 0.5, avoidOverlap: 0.2 },
      stabilization: { enabled: true, iterations: L.iterations, updateInterval: 25, fit: true }
    },
    interaction: { hover: true, tooltipDelay: 150, hideEdgesOnDrag: L.hideEdgesOnDrag, multiselect: false }
  };
  var network = new vis.Network(container, { nodes: nodesView, edges: edgesView }, options);
  window.kgNetwork = network;
  window.kgData = data;

  function renderedCount() {
    return (network.body && network.body.nodeIndices) ? network.body.nodeIndices.length : nodesView.length;
  }
  window.kgNodeCount = renderedCount;
  window.kgEdgeCount = function () {
    return (network.body && network.body.edgeIndices) ? network.body.edgeIndices.length : edgesView.length;
  };
  function updateCounts() {
    container.setAttribute("data-node-count", String(renderedCount()));
    container.setAttribute("data-edge-count", String(window.kgEdgeCount()));
  }

  var progress = document.getElementById("kg-progress");
  function ready() {
    network.setOptions({ physics: { enabled: false } });
    progress.hidden = true;
    updateCounts();
    container.setAttribute("data-ready", "true");
  }
  network.on("stabilizationProgress", function (p) {
    progress.textContent = "布局计算中… " + Math.round(100 * p.iterations / p.total) + "%";
  });
  network.once("stabilizationIterationsDone", ready);
  if (data.nodes.length === 0) { ready(); }
  updateCounts();

  function refresh(fit) {
    nodesView.refresh();
    edgesView.refresh();
    updateCounts();
    if (fit) network.fit({ animation: { duration: 300 } });
  }

  // ---- legend + type checkboxes ----
  var typeBox = document.getElementById("kg-types");
  var checkboxes = {};
  data.types.forEach(function (t) {
    var label = document.createElement("label");
    var box = document.createElement("input");
    box.type = "checkbox";
    box.checked = true;
    box.setAttribute("data-type", t.type);
    box.addEventListener("change", function () { enabled[t.type] = box.checked; refresh(false); });
    var swatch = document.createElement("span");
    swatch.className = "kg-swatch";
    swatch.style.color = t.color;
    swatch.textContent = t.symbol;
    label.appendChild(box);
    label.appendChild(swatch);
    label.appendChild(document.createTextNode(t.name + " (" + t.count + ")"));
    typeBox.appendChild(label);
    checkboxes[t.type] = box;
  });
  var edgeLegend = document.getElementById("kg-edge-legend");
  data.edgeTypes.forEach(function (t) {
    var item = document.createElement("span");
    var line = document.createElement("span");
    line.style.color = t.color;
    line.textContent = "━ ";
    item.appendChild(line);
    item.appendChild(document.createTextNode(t.name));
    edgeLegend.appendChild(item);
  });

  // ---- topic dropdown ----
  var topicSelect = document.getElementById("kg-topic");
  data.topics.forEach(function (t) {
    var opt = document.createElement("option");
    opt.value = t.id;
    opt.textContent = t.label + (t.mentions ? " (" + t.mentions + ")" : "");
    topicSelect.appendChild(opt);
  });
  function setTopic(topicId) {
    topicSelect.value = topicId || "";
    topicKeep = topicId && byId.has(topicId) ? topicNeighbourhood(topicId) : null;
    refresh(true);
  }
  topicSelect.addEventListener("change", function () { setTopic(topicSelect.value); });
  window.kgSetTopic = setTopic;

  // ---- pruning notice ----
  var notice = document.getElementById("kg-notice");
  if (data.pruned) {
    var p = data.pruned;
    notice.textContent = "图中共有 " + p.totalNodes + " 个节点、" + p.totalEdges + " 条边；为保持页面流畅，" +
      "这里只显示连接最多的 " + p.shownNodes + " 个节点和 " + p.shownEdges + " 条边（省略了 " +
      p.droppedNodes + " 个节点、" + p.droppedEdges + " 条边）。";
    notice.hidden = false;
  }

  // ---- side panel ----
  var panel = document.getElementById("kg-panel");
  var panelTitle = document.getElementById("kg-panel-title");
  var panelMeta = document.getElementById("kg-panel-meta");
  var claimsHeading = document.getElementById("kg-claims-heading");
  var claimsList = document.getElementById("kg-claims");
  function addMeta(text) {
    if (!text) return;
    var p = document.createElement("p");
    p.className = "kg-meta";
    p.textContent = text;
    panelMeta.appendChild(p);
  }
  function showPanel(id) {
    var n = byId.get(id);
    if (!n) return;
    panelTitle.textContent = n.kgLabel;
    panelMeta.textContent = "";
    addMeta(typeNames[n.kgType] || n.kgType);
    if (n.kgType === "person") {
      var affs = outAdj.get(id).filter(function (e) { return e.kgType === "affiliated_with"; });
      if (affs.length) {
        affs.forEach(function (e) {
          var org = byId.get(e.to);
          addMeta((org ? org.kgLabel : e.to) + (e.label ? " " + e.label : ""));
        });
      } else {
        addMeta(n.kgTitle ? "职务：" + n.kgTitle : "");
        addMeta(n.kgOrgs ? "机构：" + n.kgOrgs : "");
      }
    }
    if (n.kgAliases) addMeta("别名：" + n.kgAliases);
    claimsList.textContent = "";
    var ids = data.claims[id] || [];
    claimsHeading.textContent = (n.kgType === "document" ? "文中言论" : n.kgType === "topic" ? "相关言论" : "言论") +
      "（" + ids.length + "）";
    ids.forEach(function (cid) {
      var c = data.claimInfo[cid];
      if (!c) return;
      var li = document.createElement("li");
      li.className = "kg-claim";
      li.setAttribute("data-claim", cid);
      var text = document.createElement("p");
      text.className = "kg-claim-text";
      text.textContent = "“" + c.text + "”";
      var src = document.createElement("div");
      src.className = "kg-claim-src";
      var bits = [];
      if (n.kgType !== "person" && n.kgType !== "organization" && c.speaker) bits.push(c.speaker);
      bits.push(c.docTitle || c.doc || "（来源不明）");
      if (c.date) bits.push(c.date);
      if (c.cue) bits.push((c.kind === "indirect" ? "转述·" : "") + c.cue);
      src.textContent = bits.join(" · ");
      li.appendChild(text);
      li.appendChild(src);
      claimsList.appendChild(li);
    });
    panel.hidden = false;
    panel.setAttribute("data-node", id);
  }
  document.getElementById("kg-panel-close").addEventListener("click", function () {
    panel.hidden = true;
    panel.removeAttribute("data-node");
  });

  // The one handler behind a click on a node; tests call it through window.kgSelect.
  function selectNode(id) {
    if (!byId.has(id)) return false;
    network.selectNodes([id]);
    showPanel(id);
    container.setAttribute("data-selected", id);
    return true;
  }
  network.on("click", function (params) {
    if (params.nodes.length) selectNode(params.nodes[0]);
  });
  window.kgSelect = selectNode;

  // ---- search ----
  var SEARCHABLE = { person: true, organization: true, topic: true };
  var searchBox = document.getElementById("kg-search");
  var results = document.getElementById("kg-results");
  function matches(query) {
    var q = query.trim().toLowerCase();
    if (!q) return [];
    var found = [];
    data.nodes.forEach(function (n) {
      if (!SEARCHABLE[n.kgType]) return;
      var label = n.kgLabel.toLowerCase();
      var rank = label === q ? 0 : label.indexOf(q) === 0 ? 1 : label.indexOf(q) >= 0 ? 2 :
        n.kgSearch.toLowerCase().indexOf(q) >= 0 ? 3 : -1;
      if (rank >= 0) found.push({ node: n, rank: rank });
    });
    found.sort(function (a, b) {
      return a.rank - b.rank || (b.node.value || 0) - (a.node.value || 0) ||
        a.node.kgLabel.localeCompare(b.node.kgLabel, "zh");
    });
    return found.map(function (f) { return f.node; });
  }
  function focusNode(id) {
    var n = byId.get(id);
    if (!n) return false;
    if (!nodeVisible(n)) {      // bring a filtered-out node back before focusing it
      enabled[n.kgType] = true;
      if (checkboxes[n.kgType]) checkboxes[n.kgType].checked = true;
      if (topicKeep !== null && !topicKeep.has(id)) { topicKeep = null; topicSelect.value = ""; }
      refresh(false);
    }
    selectNode(id);
    network.focus(id, { scale: Math.max(network.getScale(), 1.2),
                        animation: { duration: 400, easingFunction: "easeInOutQuad" } });
    container.setAttribute("data-focused", id);
    return true;
  }
  function showResults(list) {
    results.textContent = "";
    list.slice(0, 20).forEach(function (n) {
      var li = document.createElement("li");
      var b = document.createElement("button");
      b.type = "button";
      b.setAttribute("data-node", n.id);
      b.textContent = n.kgLabel + " · " + (typeNames[n.kgType] || n.kgType);
      b.addEventListener("click", function () { focusNode(n.id); results.textContent = ""; });
      li.appendChild(b);
      results.appendChild(li);
    });
  }
  function search(query) {
    var list = matches(query);
    showResults(list);
    if (list.length && list[0].kgLabel.toLowerCase() === query.trim().toLowerCase()) {
      focusNode(list[0].id);
    }
    return list.map(function (n) { return n.id; });
  }
  var timer = null;
  searchBox.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { search(searchBox.value); }, 200);
  });
  searchBox.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") {
      clearTimeout(timer);
      var list = matches(searchBox.value);
      showResults(list);
      if (list.length) { focusNode(list[0].id); results.textContent = ""; }
    } else if (ev.key === "Escape") {
      results.textContent = "";
    }
  });
  window.kgSearch = search;
  window.kgFocus = focusNode;
})();
"""

_PAGE = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="@@CSP@@">
<title>@@TITLE@@</title>
<style>@@CSS@@</style>
</head>
<body>
<div id="kg-bar">
  <h1>@@TITLE@@</h1>
  <div id="kg-search-wrap">
    <input id="kg-search" type="search" placeholder="搜索人物、机构、话题…" autocomplete="off" aria-label="搜索">
    <ul id="kg-results" role="listbox"></ul>
  </div>
  <label>话题 <select id="kg-topic"><option value="">全部话题</option></select></label>
  <fieldset id="kg-types"><legend>显示</legend></fieldset>
  <div id="kg-edge-legend"></div>
  <div id="kg-notice" role="status" hidden></div>
</div>
<div id="kg-main">
  <div id="kg-network" data-node-count="0" data-edge-count="0"></div>
  <div id="kg-progress">布局计算中…</div>
  <aside id="kg-panel" hidden>
    <button id="kg-panel-close" type="button" aria-label="关闭">×</button>
    <h2 id="kg-panel-title"></h2>
    <div id="kg-panel-meta"></div>
    <h3 id="kg-claims-heading"></h3>
    <ol id="kg-claims"></ol>
  </aside>
</div>
<script type="application/json" id="kg-data">@@DATA@@</script>
<script>@@VIS@@</script>
<script>@@APP@@</script>
</body>
</html>
"""


def _csp_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def _render_html(payload: dict[str, Any], title: str) -> str:
    vis_js = _vis_js()
    # Only the two scripts below may run: no network, no inline event handlers, no eval.
    csp = (f"default-src 'none'; script-src {_csp_hash(vis_js)} {_csp_hash(_APP_JS)}; "
           "style-src 'unsafe-inline'; img-src data:; font-src data:; base-uri 'none'; form-action 'none'")
    parts = {
        "CSP": csp,
        "TITLE": html.escape(title),
        "CSS": _CSS.replace("@@FONT@@", _FONT_STACK),
        "DATA": _json_for_script(payload),
        "VIS": vis_js,
        "APP": _APP_JS,
    }
    # One pass, so text substituted for one marker is never searched for another.
    return re.sub(r"@@(CSP|TITLE|CSS|DATA|VIS|APP)@@", lambda m: parts[m.group(1)], _PAGE)


def write_html(G: nx.MultiDiGraph, path: str | os.PathLike[str], *, max_nodes: int | None = None,
               title: str = "kg") -> Path:
    """Gives the path of a self-contained, offline HTML viewer of ``G``.

    The page inlines vis-network (no CDN), a legend, a search box (substring match on labels and
    aliases of people, firms and topics; Enter focuses the best match), type checkboxes, a topic
    filter (the topic, its claims, their speakers and the speakers' firms), hover text and a side
    panel listing a clicked node's claims with document and date. Article text travels as JSON in a
    ``<script type="application/json">`` element with ``<``, ``>``, ``&``, U+2028/2029 escaped, and
    is put on the page with ``textContent`` only; a Content-Security-Policy allows no network access
    and no script but the page's own two.

    Args:
        max_nodes: keep only this many of the best-connected nodes (see :func:`prune_graph`); the
            page says how many nodes and edges were left out, and so does the log.
        title: the page title (escaped).
    """
    path = Path(path)
    H, dropped = prune_graph(G, max_nodes) if max_nodes is not None else (G, 0)
    if dropped:
        _log.info("%s: showing %d of %d nodes (%d nodes and %d edges left out; max_nodes=%d)", path,
                  H.number_of_nodes(), G.number_of_nodes(), dropped,
                  G.number_of_edges() - H.number_of_edges(), max_nodes)
    try:
        page = _render_html(_html_payload(G, H, title), title)
    except ValueError as exc:
        raise KGError(f"{path}: graph cannot be put on the page ({exc}); keep attributes str, int, "
                      "float or bool") from None
    with _atomic_open(path) as fh:
        fh.write(page)
    return path


# --------------------------------------------------------------------------------------------------
# all at once


def _write_html_file(G: nx.MultiDiGraph, path: Path, *, max_nodes: int | None = None) -> Path:
    return write_html(G, path, max_nodes=max_nodes)


#: Format name -> (file or directory name inside ``out_dir``, writer).
FORMATS: dict[str, tuple[str, Callable[..., Path]]] = {
    "html": ("graph.html", _write_html_file),
    "graphml": ("graph.graphml", write_graphml),
    "json": ("graph.json", write_json),
    "claims": ("claims.csv", write_claims_csv),
    "gexf": ("graph.gexf", write_gexf),
    "neo4j": ("neo4j", write_neo4j_csv),
}
#: What the CLI writes unless told otherwise.
DEFAULT_FORMATS: tuple[str, ...] = ("html", "graphml", "json", "claims")


def write_all(G: nx.MultiDiGraph, out_dir: str | os.PathLike[str], *, max_nodes: int | None = None,
              formats: Sequence[str] = DEFAULT_FORMATS) -> dict[str, Path]:
    """Gives format name -> path of each file written into ``out_dir`` (created if missing).

    The default formats are graph.html, graph.graphml, graph.json and claims.csv; add ``"gexf"``
    (graph.gexf) or ``"neo4j"`` (the ``neo4j/`` directory) through ``formats``. ``max_nodes`` only
    limits the HTML page; the data files always hold the whole graph.

    Raises:
        KGError: an unknown format name, or a file that cannot be written.
    """
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise KGError(f"unknown export format(s) {', '.join(map(repr, unknown))}; choose from "
                      f"{', '.join(FORMATS)}")
    out = Path(out_dir)
    _ensure_dir(out)
    written: dict[str, Path] = {}
    for name in dict.fromkeys(formats):
        filename, writer = FORMATS[name]
        if name == "html":
            written[name] = writer(G, out / filename, max_nodes=max_nodes)
        else:
            written[name] = writer(G, out / filename)
    return written
