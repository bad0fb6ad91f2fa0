"""Helpers the notebooks share: finding the checkout, a CJK font for matplotlib, drawing a small subgraph,
and two corpus-level tables (entities across documents, topics that go together).

Everything here is for reading a graph in a notebook; the graph itself is never changed. ``pandas`` is not
needed (records go through :func:`kg.query.to_frame`); ``matplotlib`` is imported only by the functions
that draw.

>>> from kg.query import example_graph
>>> [(s.label, s.documents) for s in across_documents(example_graph())]
[('华为云', 2), ('张朝晖', 2)]
>>> [tuple(p) for p in topic_pairs(example_graph(), by="speaker")]
[('人工智能', '宏观经济', 1), ('人工智能', '算力', 1), ('宏观经济', '算力', 1)]
"""

from __future__ import annotations

import warnings
from collections import Counter
from collections.abc import Iterable
from functools import cache
from itertools import combinations
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import networkx as nx

from kg.errors import KGError
from kg.export import EDGE_STYLES, NODE_STYLES, OTHER_EDGE_STYLE, OTHER_STYLE  # graph.html's palette

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = [
    "CJK_FONTS",
    "Spread",
    "TopicPair",
    "across_documents",
    "cjk_font",
    "draw",
    "repo_root",
    "topic_pairs",
    "use_cjk_font",
]

#: Font families tried in order: Simplified Chinese first, then any CJK font that has the common hanzi.
CJK_FONTS = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Noto Sans SC",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "Microsoft YaHei",
    "SimHei",
    "PingFang SC",
    "Hiragino Sans GB",
    "Heiti SC",
    "Noto Sans CJK TC",
    "Noto Sans CJK JP",
    "Noto Serif CJK SC",
    "Arial Unicode MS",
)

# matplotlib marker per node type, close to the vis-network shapes of graph.html.
_MARKERS = {"person": "o", "organization": "s", "topic": "^", "claim": "D", "document": "h"}
_SPEAKER_TYPES = ("person", "organization")


# ----------------------------------------------------------------------------------------- the checkout


def repo_root(start: str | Path | None = None) -> Path:
    """Return the kg checkout: the nearest folder at or above ``start`` (default: the working directory)
    that holds ``pyproject.toml`` and the ``kg`` package, else the checkout the package was installed from.

    Notebooks use it to find ``seeds/`` whether Jupyter started them in ``notebooks/``, the repository
    root or a temporary copy.

    Raises:
        KGError: Neither ``start``'s parents nor the installed package lead to a checkout.
    """
    here = Path(start if start is not None else Path.cwd()).resolve()
    installed = Path(__file__).resolve().parents[1]  # an editable install points into the checkout
    for folder in (*(here, *here.parents), installed):
        if (folder / "pyproject.toml").is_file() and (folder / "kg" / "__init__.py").is_file():
            return folder
    raise KGError(
        f"{here}: no kg checkout here or above (a folder with pyproject.toml and kg/); "
        "start Jupyter inside the repository or pass repo_root(start=...)"
    )


# --------------------------------------------------------------------------------------------- fonts


@cache
def cjk_font() -> str | None:
    """Return the first family of :data:`CJK_FONTS` that matplotlib can find, or None when there is none."""
    from matplotlib import font_manager

    installed = {f.name for f in font_manager.fontManager.ttflist}
    return next((name for name in CJK_FONTS if name in installed), None)


def use_cjk_font() -> str | None:
    """Return the CJK font family now first in matplotlib's ``font.family``, or None when none is installed.

    The previous families stay behind it as fallbacks (for Latin text and digits). With no CJK font
    installed nothing fails: Chinese renders as boxes, matplotlib's per-glyph warnings are silenced and
    one warning says how to fix it.
    """
    import matplotlib as mpl

    name = cjk_font()
    if name is None:
        warnings.filterwarnings("ignore", message=r"Glyph \d+ .*missing from font", category=UserWarning)
        warnings.warn(
            "kg: no CJK font found for matplotlib, so Chinese labels render as boxes; install one "
            "(Debian: apt-get install fonts-noto-cjk) and restart the kernel",
            stacklevel=2,
        )
        return None
    families = [f for f in mpl.rcParams["font.family"] if f != name]
    mpl.rcParams["font.family"] = [name, *families]
    mpl.rcParams["axes.unicode_minus"] = False  # CJK fonts often lack U+2212
    return name


# -------------------------------------------------------------------------------------------- drawing


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def draw(
    H: nx.MultiDiGraph,
    *,
    ax: Axes | None = None,
    title: str | None = None,
    claim_chars: int = 12,
    seed: int = 7,
) -> Axes:
    """Return the matplotlib axes with ``H`` drawn: colours and markers by node type as in graph.html.

    Meant for the small subgraphs :func:`kg.query.neighbourhood` gives (tens of nodes). Node size grows
    with ``mentions``; claims and document titles are cut to ``claim_chars`` characters; person → firm
    edges carry the title. The layout is seeded, so the same graph draws the same way.

    Args:
        H: The (sub)graph to draw; not changed.
        ax: Axes to draw on; a new 9 × 7 inch figure when omitted.
        title: Axes title.
        claim_chars: Longest claim or document label shown.
        seed: Seed of the spring layout.
    """
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    if ax is None:
        _, ax = plt.subplots(figsize=(9, 7))
    font = cjk_font()
    family = [font, "sans-serif"] if font else ["sans-serif"]

    simple = nx.DiGraph()
    simple.add_nodes_from(H.nodes(data=True))
    for u, v, d in H.edges(data=True):
        if u != v and not simple.has_edge(u, v):  # one arrow per pair: the first relation
            simple.add_edge(u, v, **d)
    pos = nx.spring_layout(simple.to_undirected(as_view=True), seed=seed, k=1.6 / max(len(simple), 1) ** 0.5)

    present = []
    for kind in (*_MARKERS, None):
        nodes = [n for n, d in simple.nodes(data=True)
                 if (d.get("type") == kind) or (kind is None and d.get("type") not in _MARKERS)]
        if not nodes:
            continue
        name, colour, *_ = NODE_STYLES.get(kind or "", OTHER_STYLE)
        sizes = [180 + 120 * min(int(simple.nodes[n].get("mentions", 1) or 1), 8) for n in nodes]
        marker = _MARKERS.get(kind or "", "o")
        nx.draw_networkx_nodes(simple, pos, nodelist=nodes, node_color=colour, node_shape=marker,
                               node_size=sizes, alpha=0.9, ax=ax)
        present.append((name, colour, marker))
    for kind in dict.fromkeys(d.get("type") for _, _, d in simple.edges(data=True)):
        edges = [(u, v) for u, v, d in simple.edges(data=True) if d.get("type") == kind]
        colour = EDGE_STYLES.get(str(kind), OTHER_EDGE_STYLE)[1]
        nx.draw_networkx_edges(simple, pos, edgelist=edges, edge_color=colour, width=1.2, alpha=0.7,
                               arrowsize=10, node_size=400, ax=ax)

    labels = {}
    for n, d in simple.nodes(data=True):
        text = str(d.get("label", n))
        labels[n] = _short(text, claim_chars) if d.get("type") in ("claim", "document") else text
    nx.draw_networkx_labels(simple, pos, labels=labels, font_size=9, font_family=family, ax=ax)
    titles = {(u, v): str(d.get("title", "")) for u, v, d in simple.edges(data=True)
              if d.get("type") == "affiliated_with" and d.get("title")}
    if titles:
        nx.draw_networkx_edge_labels(simple, pos, edge_labels=titles, font_size=8, font_color="#2b4f7a",
                                     font_family=family, ax=ax)
    handles = [Line2D([], [], marker=m, color=c, linestyle="", markersize=9, label=n) for n, c, m in present]
    ax.legend(handles=handles, loc="best", framealpha=0.8, prop={"family": family, "size": 9})
    ax.margins(x=0.12, y=0.05)  # room for labels centred on the outermost nodes
    if title:
        ax.set_title(title, fontfamily=family)
    ax.set_axis_off()
    return ax


# ------------------------------------------------------------------------------------- corpus tables


class Spread(NamedTuple):
    """An entity and the documents it appears in."""

    label: str
    type: str
    documents: int
    titles: tuple[str, ...]
    node: str


def across_documents(
    G: nx.MultiDiGraph, *, type: str | Iterable[str] = _SPEAKER_TYPES, min_docs: int = 2
) -> list[Spread]:
    """Return the entities that appear in at least ``min_docs`` documents, most documents first.

    A document counts when the entity has a ``mentioned_in`` edge to it or said a claim from it.

    Args:
        G: The knowledge graph.
        type: One node type or several (default: people and organisations).
        min_docs: Fewest documents an entity must appear in.
    """
    types = {type} if isinstance(type, str) else set(type)
    types = {"organization" if t == "org" else t for t in types}
    found = []
    for n, d in G.nodes(data=True):
        if d.get("type") not in types:
            continue
        docs = {v for _, v, e in G.out_edges(n, data=True)
                if e.get("type") == "mentioned_in" and G.nodes[v].get("type") == "document"}
        for _, c, e in G.out_edges(n, data=True):
            doc = f"doc:{str(G.nodes[c].get('doc', '')).removeprefix('doc:')}"
            if e.get("type") == "said" and doc in G:
                docs.add(doc)
        if len(docs) >= min_docs:
            titles = tuple(sorted(str(G.nodes[x].get("label", x)) for x in docs))
            found.append(Spread(str(d.get("label", n)), str(d["type"]), len(docs), titles, str(n)))
    return sorted(found, key=lambda s: (-s.documents, s.label, s.node))


class TopicPair(NamedTuple):
    """Two topics (in code-point order) and how many claims or speakers they share."""

    a: str
    b: str
    shared: int


def topic_pairs(G: nx.MultiDiGraph, *, by: str = "claim", min_count: int = 1) -> list[TopicPair]:
    """Return the pairs of topics that occur together, most shared first.

    Args:
        G: The knowledge graph.
        by: ``"claim"`` (two topics of one claim) or ``"speaker"`` (two topics of one person's or
            organisation's claims, from their ``discusses`` edges).
        min_count: Fewest shared claims or speakers a pair needs.

    Raises:
        KGError: ``by`` is neither ``"claim"`` nor ``"speaker"``.
    """
    if by not in ("claim", "speaker"):
        raise KGError(f"cannot pair topics by {by!r}; expected 'claim' or 'speaker'")
    owners = ("claim",) if by == "claim" else _SPEAKER_TYPES
    counts: Counter[tuple[str, str]] = Counter()
    for n, d in G.nodes(data=True):
        if d.get("type") not in owners:
            continue
        if by == "claim":
            topics = _topics(G, [n], "about")
        else:  # discusses edges, or the claims themselves in a graph written without them
            said = [c for _, c, e in G.out_edges(n, data=True) if e.get("type") == "said"]
            topics = _topics(G, [n], "discusses") | _topics(G, said, "about")
        counts.update(combinations(sorted(topics), 2))
    pairs = [TopicPair(a, b, c) for (a, b), c in counts.items() if c >= min_count]
    return sorted(pairs, key=lambda p: (-p.shared, p.a, p.b))


def _topics(G: nx.MultiDiGraph, nodes: Iterable[Any], edge_type: str) -> set[str]:
    return {str(G.nodes[v].get("label", v)) for n in nodes for _, v, e in G.out_edges(n, data=True)
            if e.get("type") == edge_type and G.nodes[v].get("type") == "topic"}
