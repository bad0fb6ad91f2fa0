"""What graph.html shows, as JSON-ready data: nodes and edges for vis-network with plain-text tooltips, each
node's claims and the claims' details, the topic list, what pruning left out and the layout settings."""
from __future__ import annotations

import json
import math
from collections.abc import Iterable
from typing import Any

import networkx as nx

from kg.graph.schema import SEP
from kg.graph.view import affiliations, doc_node, doc_title, nodes_of_type, short, speakers, text, unique
from kg.io.html.style import EDGE_STYLES, NODE_STYLES, OTHER_EDGE_STYLE, OTHER_STYLE

__all__ = ["html_payload", "json_for_script", "tooltip"]


def json_for_script(obj: Any) -> str:
    """Gives JSON that cannot end or confuse the ``<script>`` element that holds it."""
    out = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for char, escape in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        out = out.replace(char, escape)
    return out


def _finite(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def tooltip(G: nx.MultiDiGraph, node: Any, data: dict[str, Any]) -> str:
    """Gives the plain-text hover text of a node (vis-network shows strings as text, not HTML)."""
    kind = text(data.get("type"))
    label = text(data.get("label", node))
    mentions = data.get("mentions")
    seen = f"提及 {mentions} 次" if isinstance(mentions, int) and not isinstance(mentions, bool) else ""
    if kind == "person":
        affs = affiliations(G, node)
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
        doc = text(data.get("doc"))
        source = " ".join(x for x in (doc_title(G, doc) or doc, text(data.get("date"))) if x)
        speaker = text(data.get("speaker"))
        lines = [f"“{text(data.get('text'))}”"]
        if speaker:
            lines.append(f"—— {speaker}")
        if source:
            lines.append(f"来源：{source}")
        return "\n".join(lines)
    if kind == "document":
        lines = [text(data.get("title") or label)]
        meta = " ".join(x for x in (text(data.get("date")), text(data.get("source"))) if x)
        return "\n".join([*lines, meta] if meta else lines)
    if kind == "topic":
        return "\n".join(x for x in (f"话题：{label}", seen) if x)
    return label


def _claims_index(G: nx.MultiDiGraph, shown: Iterable[Any]) -> tuple[dict[str, list[str]], dict[str, dict]]:
    """Gives node id -> its claim ids (said, about, in the document) and the claims' details, from ``G``."""
    by_doc: dict[str, list[Any]] = {}
    for claim in nodes_of_type(G, "claim"):
        node = doc_node(G, text(G.nodes[claim].get("doc")))
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
        doc = text(data.get("doc"))
        said = [text(G.nodes[s].get("label", s)) for s in speakers(G, claim)]
        info[str(claim)] = {
            "text": text(data.get("text")), "speaker": SEP.join(said) or text(data.get("speaker")),
            "doc": doc, "docTitle": doc_title(G, doc), "date": text(data.get("date")),
            "kind": text(data.get("kind")), "cue": text(data.get("cue")),
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


def html_payload(G: nx.MultiDiGraph, H: nx.MultiDiGraph, title: str) -> dict[str, Any]:
    types_seen = list(dict.fromkeys(text(t) for _, t in H.nodes(data="type")))
    ordered = [t for t in NODE_STYLES if t in types_seen] + [t for t in types_seen if t not in NODE_STYLES]
    counts = {t: 0 for t in ordered}
    nodes = []
    for node, data in H.nodes(data=True):
        kind = text(data.get("type"))
        counts[kind] += 1
        _, colour, shape, _, _ = NODE_STYLES.get(kind, OTHER_STYLE)
        label = text(data.get("label", node))
        if kind == "claim":
            label = short(text(data.get("text")) or label, 14)
        elif kind == "document":
            label = short(text(data.get("title")) or label, 16)
        mentions = data.get("mentions")
        value = mentions if isinstance(mentions, (int, float)) and not isinstance(mentions, bool) else 1
        search = SEP.join(unique([text(data.get("label", node)), *text(data.get("aliases")).split(SEP)]))
        nodes.append({
            "id": str(node), "label": label, "kgType": kind, "kgLabel": text(data.get("label", node)),
            "kgSearch": search if kind in ("person", "organization", "topic") else "",
            "title": tooltip(G, node, data), "shape": shape, "color": colour,
            "value": _finite(max(float(value), 1.0)), "kgMentions": _finite(mentions) if mentions is not None else None,
            "kgTitle": text(data.get("title")), "kgOrgs": text(data.get("orgs")),
            "kgAliases": text(data.get("aliases")),
        })
    edges = []
    for i, (u, v, data) in enumerate(H.edges(data=True)):
        kind = text(data.get("type"))
        name, colour = EDGE_STYLES.get(kind, OTHER_EDGE_STYLE)
        edge: dict[str, Any] = {"id": f"e{i}", "from": str(u), "to": str(v), "kgType": kind,
                                "color": {"color": colour, "highlight": colour, "hover": colour, "opacity": 0.55}, "title": name}
        if kind == "affiliated_with":
            former = bool(data.get("former", False))
            label = text(data.get("title")) + ("（前）" if former else "")
            if label:
                edge["label"] = label
                edge["title"] = f"{name}：{label}"
            edge["dashes"] = former
        elif kind == "discusses" and isinstance(data.get("weight"), int):
            edge["width"] = 1 + math.log1p(max(data["weight"], 0))
            edge["title"] = f"{name}（{data['weight']} 条言论）"
        edges.append(edge)
    claims, claim_info = _claims_index(G, H)
    topics = sorted(((str(n), text(d.get("label", n)), d.get("mentions") or d.get("weight") or 0)
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
