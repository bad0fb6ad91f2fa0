"""Fixtures of the io tests: a fresh copy of the sample graph for each test."""
from __future__ import annotations

import networkx as nx
import pytest
from tests.io.sample_graph import make_graph


@pytest.fixture
def graph() -> nx.MultiDiGraph:
    return make_graph()
