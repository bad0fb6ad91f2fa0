"""Writes a who-said-what graph to files and reads it back: one module per format, each writer
``(graph, path) -> Path``.

Every writer reads the graph and never changes it, writes UTF-8 explicitly and replaces its output
atomically (:mod:`kg.io.atomic`), so a crash never leaves a half-written file behind. Problems the user
can fix (an unwritable directory, a non-scalar attribute) raise :class:`kg.errors.KGError` naming the path
and the fix.

Formats: GraphML (:func:`write_graphml`), node-link JSON (:func:`write_json`), a claims table for
spreadsheets (:func:`write_claims_csv`), GEXF for Gephi (:func:`write_gexf`), CSV for Neo4j
(:func:`write_neo4j_csv`), a self-contained offline HTML viewer (:func:`write_html`) and Parquet tables for
DuckDB, Spark and pandas (:func:`write_parquet`, needs the extra ``kg[parquet]``). :func:`read_graph` reads
GraphML or JSON back.
"""
from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path

import networkx as nx

from kg.errors import KGError
from kg.io.outset import output_lock, staged
from kg.io.claims_csv import CLAIM_COLUMNS, write_claims_csv
from kg.io.gexf import write_gexf
from kg.io.graphml import write_graphml
from kg.io.html import write_html
from kg.io.neo4j import write_neo4j_csv
from kg.io.nodelink import write_json
from kg.io.parquet import require_pyarrow, write_parquet
from kg.io.read import read_graph

__all__ = [
    "CLAIM_COLUMNS",
    "DEFAULT_FORMATS",
    "FORMATS",
    "output_lock",
    "check_formats",
    "read_graph",
    "write_all",
    "write_claims_csv",
    "write_gexf",
    "write_graphml",
    "write_html",
    "write_json",
    "write_neo4j_csv",
    "write_parquet",
]


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
    "parquet": ("parquet", write_parquet),
}
#: What the CLI writes unless told otherwise.
DEFAULT_FORMATS: tuple[str, ...] = ("html", "graphml", "json", "claims")
# Formats that need an optional extra: format name -> the check that raises KGError when it is missing.
_REQUIRES: dict[str, Callable[[], object]] = {"parquet": require_pyarrow}


def check_formats(formats: Sequence[str]) -> None:
    """Raises KGError unless every name in ``formats`` is known and has its optional extra installed
    (``parquet`` needs pyarrow), so that a run can stop before it reads anything.

    Raises:
        KGError: an unknown format name (the message lists the known ones), or a missing extra (the
            message says what to install).
    """
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise KGError(f"unknown export format(s) {', '.join(map(repr, unknown))}; choose from "
                      f"{', '.join(FORMATS)}")
    for name in dict.fromkeys(formats):
        if name in _REQUIRES:
            _REQUIRES[name]()


def write_all(G: nx.MultiDiGraph, out_dir: str | os.PathLike[str], *, max_nodes: int | None = None,
              formats: Sequence[str] = DEFAULT_FORMATS) -> dict[str, Path]:
    """Gives format name -> path of each file written into ``out_dir`` (created if missing).

    The default formats are graph.html, graph.graphml, graph.json and claims.csv; add ``"gexf"``
    (graph.gexf), ``"neo4j"`` (the ``neo4j/`` directory) or ``"parquet"`` (the ``parquet/`` directory)
    through ``formats``. ``max_nodes`` only limits the HTML page; the data files always hold the whole graph.
    The formats are checked (:func:`check_formats`) before anything is written. The set is written into a
    staging folder and moved into place only once every format is written, under the folder's lock
    (:mod:`kg.io.outset`): a failed or killed write leaves the previous outputs as they were.

    Raises:
        KGError: an unknown format name, a missing extra, a file that cannot be written, or another run
            writing into ``out_dir``.
    """
    check_formats(formats)
    out = Path(out_dir)
    written: dict[str, Path] = {}
    with output_lock(out), staged(out) as staging:  # all at once or not at all, one run at a time
        for name in dict.fromkeys(formats):
            filename, writer = FORMATS[name]
            if name == "html":
                writer(G, staging / filename, max_nodes=max_nodes)
            else:
                writer(G, staging / filename)
            written[name] = out / filename
    return written
