"""Helpers the notebooks share: finding the checkout, a CJK font for matplotlib, drawing a small subgraph
(:func:`draw`, matplotlib) and an interactive view of one (:func:`show`, pyvis), both in graph.html's palette.

Everything here is for reading a graph in a notebook; the graph itself is never changed. ``pandas`` is not
needed (records go through :func:`kg.query.to_frame`); ``matplotlib`` and ``pyvis`` are imported only by the
functions that use them. The corpus tables (``across_documents``, ``topic_pairs``) live in :mod:`kg.query`.

>>> from kg.query import example_graph, neighbourhood
>>> net = show(neighbourhood(example_graph(), "华为云"))    # in Jupyter, the cell shows it
>>> len(net.nodes), len(net.edges)
(7, 8)
"""

from __future__ import annotations

import html
import re
import warnings
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx

from kg.errors import KGError
from kg.graph.view import short, text
from kg.io.html.payload import tooltip
from kg.io.html.style import EDGE_STYLES, NODE_STYLES, OTHER_EDGE_STYLE, OTHER_STYLE  # graph.html's palette

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from pyvis.network import Network

__all__ = [
    "CJK_FONTS",
    "cjk_font",
    "draw",
    "repo_root",
    "show",
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


# ----------------------------------------------------------------------------------------- the checkout


def repo_root(start: str | Path | None = None) -> Path:
    """Gives the kg checkout: the nearest folder at or above ``start`` (default: the working directory)
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
    """Gives the first family of :data:`CJK_FONTS` that matplotlib can find, or None when there is none."""
    from matplotlib import font_manager

    installed = {f.name for f in font_manager.fontManager.ttflist}
    return next((name for name in CJK_FONTS if name in installed), None)


def use_cjk_font() -> str | None:
    """Gives the CJK font family now first in matplotlib's ``font.family``, or None when none is installed.

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


def draw(
    H: nx.MultiDiGraph,
    *,
    ax: Axes | None = None,
    title: str | None = None,
    claim_chars: int = 12,
    seed: int = 7,
) -> Axes:
    """Gives the matplotlib axes with ``H`` drawn: colours and markers by node type as in graph.html.

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
        name = str(d.get("label", n))
        labels[n] = short(name, claim_chars) if d.get("type") in ("claim", "document") else name
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


# ------------------------------------------------------------------------------------ interactive view

# pyvis 0.3.2's page template links Bootstrap from a CDN whatever cdn_resources says; the view needs none of it.
_REMOTE = re.compile(r"""<link\b[^>]*\bhref\s*=\s*["']?\s*(?:https?:)?//[^>]*>"""
                     r"""|<script\b[^>]*\bsrc\s*=\s*["']?\s*(?:https?:)?//[^>]*>\s*</script>""", re.IGNORECASE)
# Settings show() decides: offline, inline; the menus would put labels into the page as unescaped HTML.
_FIXED = ("notebook", "cdn_resources", "select_menu", "filter_menu")


def _offline_network(**kwargs: Any) -> Network:
    from pyvis.network import Network

    class OfflineNetwork(Network):
        """A pyvis Network whose page loads nothing from the network and that Jupyter shows inline."""

        def generate_html(self, name: str = "index.html", local: bool = True, notebook: bool = False) -> str:
            self.html = _REMOTE.sub("", super().generate_html(name, local=local, notebook=notebook))
            return self.html

        def _repr_html_(self) -> str:
            # srcdoc, not a file beside the notebook: nothing is written and nothing is fetched.
            page = html.escape(self.generate_html(notebook=True))
            return (f'<iframe srcdoc="{page}" width="{html.escape(str(self.width))}" '
                    f'height="{html.escape(str(self.height))}" style="border:none"></iframe>')

    return OfflineNetwork(notebook=True, cdn_resources="in_line", **kwargs)


def show(
    H: nx.MultiDiGraph,
    *,
    height: str = "600px",
    width: str = "100%",
    claim_chars: int = 14,
    **kwargs: Any,
) -> Network:
    """Gives a pyvis ``Network`` of ``H`` that Jupyter renders inline and that works offline.

    Colours and shapes by node type, edge colours and hover texts are graph.html's (:mod:`kg.io.html`);
    node size grows with ``mentions``; person → firm edges carry the title. vis-network is inlined
    (``cdn_resources="in_line"``), the page loads nothing from the network, and article text is data:
    hover texts are HTML-escaped and everything reaches the page as JSON. Meant for the small subgraphs
    :func:`kg.query.neighbourhood` gives; ``H`` is not changed.

    Args:
        H: The (sub)graph to show.
        height: Height of the view (CSS).
        width: Width of the view (CSS).
        claim_chars: Longest claim or document label shown.
        **kwargs: More ``pyvis.network.Network`` settings (``bgcolor``, ``heading``, ...).

    Raises:
        KGError: ``kwargs`` sets one of the settings show() decides (notebook, cdn_resources, the menus).
    """
    fixed = [k for k in _FIXED if k in kwargs]
    if fixed:
        raise KGError(f"show() decides {', '.join(fixed)} (offline, inline, no menus); leave them out")
    if "heading" in kwargs:  # pyvis puts the heading into the page as HTML
        kwargs["heading"] = html.escape(str(kwargs["heading"]))
    net = _offline_network(height=height, width=width, directed=True, **kwargs)
    for n, d in H.nodes(data=True):
        kind = text(d.get("type"))
        _, colour, shape, _, _ = NODE_STYLES.get(kind, OTHER_STYLE)
        name = text(d.get("label", n))
        if kind == "claim":
            name = short(text(d.get("text")) or name, claim_chars)
        elif kind == "document":
            name = short(text(d.get("title")) or name, claim_chars)
        mentions = d.get("mentions")
        value = mentions if isinstance(mentions, (int, float)) and not isinstance(mentions, bool) else 1
        net.add_node(str(n), label=name, title=html.escape(tooltip(H, n, d), quote=False), color=colour,
                     shape=shape, value=max(float(value), 1.0))
    for u, v, d in H.edges(data=True):
        kind = text(d.get("type"))
        relation, colour = EDGE_STYLES.get(kind, OTHER_EDGE_STYLE)
        options: dict[str, Any] = {"color": colour, "title": relation}
        if kind == "affiliated_with" and d.get("title"):
            former = bool(d.get("former", False))
            options["label"] = text(d.get("title")) + ("（前）" if former else "")
            options["title"] = html.escape(f"{relation}：{options['label']}", quote=False)
            options["dashes"] = former
        net.add_edge(str(u), str(v), **options)
    return net
