"""graph.html: a self-contained, offline viewer of the graph.

The page is a template (``assets/page.html``) whose markers are filled in one pass: the stylesheet
(``assets/app.css``), the data as JSON (:mod:`kg.io.html.payload`), vis-network (read from the installed
pyvis) and the app (``assets/app.js``). A Content-Security-Policy allows only those two scripts, by the
SHA-256 of the exact text inserted.
"""
from __future__ import annotations

import base64
import hashlib
import html
import logging
import os
import re
from pathlib import Path

import networkx as nx

from kg.errors import KGError
from kg.graph.prune import prune_graph
from kg.io.atomic import atomic_open
from kg.io.html.payload import html_payload, json_for_script
from kg.io.html.style import FONT_STACK
from kg.resources import read_text

__all__ = ["write_html", "render_html", "vis_js"]

_log = logging.getLogger(__name__)

#: vis-network as pyvis ships it (the pyvis 0.3.2 wheel; see kg/resources/THIRD_PARTY.md).
VIS_NETWORK = "lib/vis-9.1.2/vis-network.min.js"


def _asset(name: str) -> str:
    return read_text(f"assets/{name}", package=__name__)


def vis_js() -> str:
    """Gives vis-network's standalone bundle, read from the installed pyvis, safe inside ``<script>``.

    Raises:
        KGError: pyvis, or its vis-network 9.1.2 bundle, is not installed.
    """
    try:
        js = read_text(VIS_NETWORK, package="pyvis")
    except KGError:
        raise KGError(f"pyvis/{VIS_NETWORK}: not installed; graph.html inlines the vis-network 9.1.2 that pyvis "
                      "0.3.2 ships (pip install 'pyvis==0.3.2')") from None
    # The source map is not shipped; drop the pointer so nothing ever tries to fetch it.
    js = re.sub(r"^//# sourceMappingURL=.*$", "", js, flags=re.MULTILINE)
    # Inside an inline <script>, "</script" or "<!--" would end or confuse the element; "<\/" is the same
    # string to JavaScript wherever it can legally occur (strings, regexes, comments).
    return re.sub(r"</(?=script)|<!--", lambda m: "<\\/" if m.group(0) == "</" else "<\\!--", js,
                  flags=re.IGNORECASE)


def _csp_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def render_html(payload: dict, title: str) -> str:
    """Gives the page's HTML for a payload from :func:`kg.io.html.payload.html_payload`."""
    vis, app = vis_js(), _asset("app.js")
    # Only the two scripts below may run: no network, no inline event handlers, no eval.
    csp = (f"default-src 'none'; script-src {_csp_hash(vis)} {_csp_hash(app)}; "
           "style-src 'unsafe-inline'; img-src data:; font-src data:; base-uri 'none'; form-action 'none'")
    parts = {
        "CSP": csp,
        "TITLE": html.escape(title),
        "CSS": _asset("app.css").replace("@@FONT@@", FONT_STACK),
        "DATA": json_for_script(payload),
        "VIS": vis,
        "APP": app,
    }
    # One pass, so text substituted for one marker is never searched for another.
    return re.sub(r"@@(CSP|TITLE|CSS|DATA|VIS|APP)@@", lambda m: parts[m.group(1)], _asset("page.html"))


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
        max_nodes: keep only this many of the best-connected nodes (see :func:`kg.graph.prune.prune_graph`); the
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
        page = render_html(html_payload(G, H, title), title)
    except ValueError as exc:
        raise KGError(f"{path}: graph cannot be put on the page ({exc}); keep attributes str, int, "
                      "float or bool") from None
    with atomic_open(path) as fh:
        fh.write(page)
    return path
