"""CSV for Neo4j (``neo4j-admin`` import headers) and a ``load.cypher`` script for ``LOAD CSV``."""
from __future__ import annotations

import csv
import math
import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import networkx as nx

from kg.graph.schema import check_scalars
from kg.graph.view import text, unique
from kg.io.atomic import atomic_open, ensure_dir
from kg.io.claims_csv import safe_cell

__all__ = ["write_neo4j_csv"]


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
    return safe_cell(str(value))


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
    UTF-8 without a byte-order mark; empty cells are absent properties. Against formula injection
    (OWASP) a string cell beginning with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return, ids
    included, is written with a single quote in front (:func:`kg.io.claims_csv.safe_cell`); typed
    columns and plain numbers such as ``-0.5`` are left as they are, and the same id is quoted alike
    in both files, so relationships still find their nodes.
    """
    directory = Path(directory)
    check_scalars(G, directory)
    ensure_dir(directory)

    node_columns = _neo4j_columns((d for _, d in G.nodes(data=True)), skip={"type"})
    edge_columns = _neo4j_columns((d for _, _, d in G.edges(data=True)), skip={"type"})
    labels = {n: _neo4j_name(text(t) or "node", upper=False) for n, t in G.nodes(data="type")}

    with atomic_open(directory / "nodes.csv", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["id:ID", ":LABEL", *(_neo4j_header(k, t) for k, t in node_columns.items())])
        for node, data in G.nodes(data=True):
            writer.writerow([safe_cell(str(node)), f"KGNode;{labels[node]}",
                             *(_neo4j_cell(data.get(k), t) for k, t in node_columns.items())])

    with atomic_open(directory / "relationships.csv", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow([":START_ID", ":END_ID", ":TYPE", *(_neo4j_header(k, t) for k, t in edge_columns.items())])
        for u, v, data in G.edges(data=True):
            rel = _neo4j_name(text(data.get("type")) or "related_to", upper=True)
            writer.writerow([safe_cell(str(u)), safe_cell(str(v)), rel,
                             *(_neo4j_cell(data.get(k), t) for k, t in edge_columns.items())])

    statements = [
        ("// Loads nodes.csv and relationships.csv (written by kg.io.neo4j.write_neo4j_csv) into Neo4j 5.\n"
        "// Copy both files into the server's import directory, then: cypher-shell -f load.cypher\n"
        "// Run it once, on an empty database: relationships are CREATEd, so a second run duplicates them."),
        "CREATE CONSTRAINT kg_node_id IF NOT EXISTS FOR (n:KGNode) REQUIRE n.id IS UNIQUE;",
    ]
    for label in dict.fromkeys(labels.values()):
        keys = unique(k for n, d in G.nodes(data=True) if labels[n] == label for k in d if k in node_columns)
        statements.append(
            "LOAD CSV WITH HEADERS FROM 'file:///nodes.csv' AS row\n"
            f"WITH row WHERE row.`:LABEL` = {_cypher_string('KGNode;' + label)}\n"
            f"MERGE (n:KGNode:{_cypher_name(label)} {{id: row.`id:ID`}})"
            f"{_cypher_set('n', node_columns, keys)};")
    rel_types: dict[str, list[str]] = {}
    for _, _, data in G.edges(data=True):
        rel = _neo4j_name(text(data.get("type")) or "related_to", upper=True)
        rel_types.setdefault(rel, [])
        rel_types[rel].extend(k for k in data if k in edge_columns)
    for rel, keys in rel_types.items():
        statements.append(
            "LOAD CSV WITH HEADERS FROM 'file:///relationships.csv' AS row\n"
            f"WITH row WHERE row.`:TYPE` = {_cypher_string(rel)}\n"
            "MATCH (a:KGNode {id: row.`:START_ID`}), (b:KGNode {id: row.`:END_ID`})\n"
            f"CREATE (a)-[r:{_cypher_name(rel)}]->(b)"
            f"{_cypher_set('r', edge_columns, unique(keys))};")
    with atomic_open(directory / "load.cypher") as fh:
        fh.write("\n\n".join(statements) + "\n")
    return directory
