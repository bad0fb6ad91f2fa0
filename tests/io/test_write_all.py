"""kg.io.write_all and the FORMATS registry."""
from __future__ import annotations

import importlib.util

import networkx as nx
import pytest

from kg import io
from kg.errors import KGError



def test_write_all_defaults(graph, tmp_path):
    written = io.write_all(graph, tmp_path / "out")
    assert {k: p.name for k, p in written.items()} == {
        "html": "graph.html", "graphml": "graph.graphml", "json": "graph.json", "claims": "claims.csv"}
    assert all(p.is_file() for p in written.values())
    with pytest.raises(KGError, match="unknown export format.*'pdf'.*choose from"):
        io.write_all(graph, tmp_path, formats=["pdf"])



def test_empty_graph(tmp_path):
    # every format whose optional extra is installed (parquet needs pyarrow)
    formats = [f for f in io.FORMATS if f != "parquet" or importlib.util.find_spec("pyarrow")]
    written = io.write_all(nx.MultiDiGraph(), tmp_path, formats=formats)
    assert set(written) == set(formats)
    assert nx.read_graphml(written["graphml"]).number_of_nodes() == 0
