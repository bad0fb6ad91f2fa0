"""Parquet tables of the graph for DuckDB, Spark and pandas: a folder with ``nodes.parquet``,
``edges.parquet`` and ``claims.parquet``.

Needs the optional extra ``pip install "kg[parquet]"`` (pyarrow), imported only when a table is written.

Every table starts with the same columns, in the same order, whatever the graph holds (a column no row has
a value for is all null); other attributes the graph holds follow. Strings are the graph's values exactly as
they are (Parquet needs no escaping); in the node and edge tables ``null`` means the node or edge has no such
attribute. Types: ``string``, ``int64``, ``double``, ``bool`` and ``date32`` (DuckDB ``DATE``). A node
attribute named ``id`` or ``date_text``, or an edge attribute named ``source``, ``target`` or ``key``, is
refused: those are the columns kg fills.

``nodes.parquet``, one row per node, sorted by ``id``:

- ``id``, ``type`` (person, organization, topic, claim, document), ``label``, ``mentions`` (int64);
- person and organization: ``title``, ``orgs``, ``org_type``, ``aliases``;
- claim: ``text``, ``kind`` (direct/indirect), ``cue``, ``speaker``, ``speaker_type``, ``topics``,
  ``confidence`` (double), ``doc``, ``start``, ``end`` (int64, character offsets into the document);
- claim and document: ``date`` (date32: the day of the ISO date or date-time, in the source's own time
  zone; null where the graph has no date or one kg cannot read), ``date_text`` (the date exactly as the
  graph holds it, time and zone included), ``url``;
- document: ``source``, ``author``, ``categories``, ``path``;
- then any other node attribute, by name: the schema's counts as int64, ``confidence`` as double,
  ``former`` as bool, other attributes by their values (all bool, all int, int or float -> double, else
  string).

``edges.parquet``, one row per edge, sorted by ``source``, ``target``, ``key``:

- ``source``, ``target``, ``key`` (strings: node ids and the edge's key in the MultiDiGraph), ``type``
  (affiliated_with, said, about, discusses, part_of, mentioned_in, covers, broader);
- ``title`` (affiliated_with), ``former`` (bool, affiliated_with), ``weight`` (int64, discusses and
  covers), ``count`` (int64, mentioned_in), ``doc`` (said, affiliated_with);
- then any other edge attribute, by name, typed as on nodes.

``claims.parquet``, one row per claim, the columns of ``claims.csv`` (:data:`kg.io.claims_csv.CLAIM_COLUMNS`,
built by :func:`kg.io.claims_csv.claim_records`) with ``start`` and ``end`` as int64, ``confidence`` as
double, ``date`` as date32 and ``date_text`` after it; sorted by ``document``, ``start``, ``claim_id``. As in
the CSV, a text cell the claim has no value for is ``""``; ``start``, ``end`` and ``confidence`` are null.
Several values in one cell are joined with "；" as in the CSV, in the order of the graph's edges.

The same graph gives byte-identical files with the same pyarrow version: rows are sorted (the order in which
the graph holds its nodes and edges does not matter, but for those joined cells), the writer's options are
pinned and no time stamp is written.

Example: the five people quoted most, with their current firms, in DuckDB, from the folder ``kg extract
seeds/ --out outputs/ --formats parquet`` wrote (``count(DISTINCT ...)`` because a person may hold two
titles at one firm, two ``affiliated_with`` edges)::

    SELECT p.label AS person, o.label AS firm, count(DISTINCT s.target) AS claims
    FROM 'outputs/parquet/nodes.parquet' p
    JOIN 'outputs/parquet/edges.parquet' s ON s.source = p.id AND s.type = 'said'
    JOIN 'outputs/parquet/edges.parquet' a ON a.source = p.id AND a.type = 'affiliated_with' AND NOT a.former
    JOIN 'outputs/parquet/nodes.parquet' o ON o.id = a.target
    WHERE p.type = 'person'
    GROUP BY ALL ORDER BY claims DESC, person, firm LIMIT 5;

``claims.parquet`` alone answers it too, with several firms in one cell: ``SELECT speaker, organization,
count(*) AS claims FROM 'outputs/parquet/claims.parquet' GROUP BY ALL ORDER BY claims DESC``.
"""
from __future__ import annotations

import os
import secrets
import shutil
from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path
from typing import Any

import networkx as nx

from kg.errors import KGError
from kg.graph.schema import BOOL_ATTRS, FLOAT_ATTRS, INT_ATTRS, check_scalars
from kg.graph.view import text
from kg.io.atomic import atomic_open, ensure_dir
from kg.io.claims_csv import CLAIM_COLUMNS, claim_records

__all__ = ["CLAIM_TABLE", "EDGE_COLUMNS", "NODE_COLUMNS", "TABLES", "require_pyarrow", "write_parquet"]

#: Column name -> type of ``nodes.parquet`` (other node attributes follow, by name).
NODE_COLUMNS: dict[str, str] = {
    "id": "string", "type": "string", "label": "string", "mentions": "int64",
    "title": "string", "orgs": "string", "org_type": "string", "aliases": "string",
    "text": "string", "kind": "string", "cue": "string", "speaker": "string", "speaker_type": "string",
    "topics": "string", "confidence": "double", "doc": "string", "start": "int64", "end": "int64",
    "date": "date32", "date_text": "string", "url": "string",
    "source": "string", "author": "string", "categories": "string", "path": "string",
}
#: Column name -> type of ``edges.parquet`` (other edge attributes follow, by name).
EDGE_COLUMNS: dict[str, str] = {
    "source": "string", "target": "string", "key": "string", "type": "string",
    "title": "string", "former": "bool", "weight": "int64", "count": "int64", "doc": "string",
}


def _claim_table() -> dict[str, str]:
    types = {"start": "int64", "end": "int64", "confidence": "double", "date": "date32"}
    columns = {}
    for column in CLAIM_COLUMNS:
        columns[column] = types.get(column, "string")
        if column == "date":
            columns["date_text"] = "string"
    return columns


#: Column name -> type of ``claims.parquet``: claims.csv's columns, typed, with ``date_text`` after ``date``.
CLAIM_TABLE: dict[str, str] = _claim_table()
#: The files of the folder :func:`write_parquet` writes.
TABLES = ("nodes.parquet", "edges.parquet", "claims.parquet")

# Pinned so that a pyarrow upgrade changing a default does not change the files.
_WRITE_OPTIONS: dict[str, Any] = {
    "version": "2.6", "data_page_version": "1.0", "compression": "snappy", "use_dictionary": True,
    "write_statistics": True, "row_group_size": 1 << 20, "store_schema": True,
}
_MISSING = '--formats parquet needs pyarrow: pip install "kg[parquet]"'


def require_pyarrow() -> tuple[Any, Any]:
    """Gives the modules ``pyarrow`` and ``pyarrow.parquet``.

    Raises:
        KGError: pyarrow is not installed; the message says how to install it.
    """
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise KGError(_MISSING) from None
    return pa, pq


def _day(value: Any) -> date | None:
    """Gives the day of an ISO date or date-time (in its own time zone), or None when it is not one."""
    raw = text(value).strip()
    if not raw:
        return None
    try:
        return datetime.fromisoformat(raw).date()
    except ValueError:
        try:
            return date.fromisoformat(raw[:10])
        except ValueError:
            return None


def _inferred(values: Iterable[Any]) -> str:
    """Gives the column type of an attribute outside the fixed columns, from the values it has."""
    kinds = {bool: "bool", int: "int64", float: "double"}
    found = {kinds.get(type(v), "string") for v in values if v is not None}
    if len(found) == 1:
        return found.pop()
    return "double" if found == {"int64", "double"} else "string"


def _extra_columns(rows: list[tuple[str, dict[str, Any]]], fixed: dict[str, str]) -> dict[str, str]:
    """Gives name -> type of the attributes of ``rows`` outside ``fixed``, sorted by name."""
    columns = {}
    for name in sorted({k for _, data in rows for k in data} - set(fixed)):
        if name in INT_ATTRS:
            columns[name] = "int64"
        elif name in FLOAT_ATTRS:
            columns[name] = "double"
        elif name in BOOL_ATTRS:
            columns[name] = "bool"
        else:
            columns[name] = _inferred(data.get(name) for _, data in rows)
    return columns


def _cast(value: Any, kind: str, where: str, path: Path) -> Any:
    """Gives ``value`` as a cell of a ``kind`` column; strings of numbers and booleans are converted (a
    graph read back with networkx alone may hold them), anything else that does not fit is a KGError."""
    if value is None or kind == "date32":
        return value
    try:
        if kind == "string":
            return value if isinstance(value, str) else str(value)
        if kind == "bool":
            if isinstance(value, str):
                return {"true": True, "false": False, "1": True, "0": False}[value.strip().lower()]
            return bool(value)
        if kind == "int64":
            if isinstance(value, float) and not value.is_integer():
                raise ValueError(value)
            return int(value)
        return float(value)
    except (KeyError, ValueError, OverflowError):
        raise KGError(f"{path}: {where} is {value!r:.60}, not {kind}; fix the value in the graph") from None


def _table(pa: Any, columns: dict[str, str], rows: list[tuple[str, dict[str, Any]]], path: Path) -> Any:
    """Gives a pyarrow Table with ``columns`` in order, one row per (description, record) of ``rows``."""
    types = {"string": pa.string(), "int64": pa.int64(), "double": pa.float64(), "bool": pa.bool_(),
             "date32": pa.date32()}
    arrays = [pa.array([_cast(data.get(name), kind, f"{where} {name!r}", path) for where, data in rows],
                       type=types[kind])
              for name, kind in columns.items()]
    return pa.Table.from_arrays(arrays, schema=pa.schema([(name, types[kind]) for name, kind in columns.items()]))


def _with_date(data: dict[str, Any]) -> dict[str, Any]:
    """Gives ``data`` with ``date`` parsed to a day and the text it had as ``date_text``."""
    if "date" not in data:
        return data
    return {**data, "date": _day(data["date"]), "date_text": text(data["date"])}


def _structural(data: dict[str, Any], names: tuple[str, ...], where: str, path: Path) -> None:
    clash = next((name for name in names if name in data), None)
    if clash is not None:
        raise KGError(f"{path}: {where} has an attribute {clash!r}, the name of a column kg fills; rename the "
                      "attribute")


def _node_rows(G: nx.MultiDiGraph, path: Path) -> list[tuple[str, dict[str, Any]]]:
    rows = []
    for node in sorted(G.nodes, key=str):
        data = G.nodes[node]
        _structural(data, ("id", "date_text"), f"node {node!r}", path)
        rows.append((f"node {node!r}", {**_with_date(data), "id": text(node)}))
    return rows


def _edge_rows(G: nx.MultiDiGraph, path: Path) -> list[tuple[str, dict[str, Any]]]:
    rows = []
    for u, v, k, data in G.edges(keys=True, data=True):
        _structural(data, ("source", "target", "key"), f"edge {u!r} -> {v!r}", path)
        rows.append((f"edge {u!r} -> {v!r}", {**data, "source": text(u), "target": text(v), "key": text(k)}))
    return sorted(rows, key=lambda row: (row[1]["source"], row[1]["target"], row[1]["key"]))


def _claim_rows(G: nx.MultiDiGraph) -> list[tuple[str, dict[str, Any]]]:
    def order(record: dict[str, Any]) -> tuple[str, int, str]:
        start = record["start"]
        return record["document"], start if type(start) is int else -1, record["claim_id"]

    return [(f"claim {r['claim_id']!r}", _with_date(r)) for r in sorted(claim_records(G), key=order)]


def _tables(pa: Any, G: nx.MultiDiGraph, path: Path) -> dict[str, Any]:
    """Gives file name -> pyarrow Table of each of :data:`TABLES`."""
    nodes = _node_rows(G, path)
    edges = _edge_rows(G, path)
    return {
        "nodes.parquet": _table(pa, {**NODE_COLUMNS, **_extra_columns(nodes, NODE_COLUMNS)}, nodes, path),
        "edges.parquet": _table(pa, {**EDGE_COLUMNS, **_extra_columns(edges, EDGE_COLUMNS)}, edges, path),
        "claims.parquet": _table(pa, CLAIM_TABLE, _claim_rows(G), path),
    }


def _check_replaceable(directory: Path) -> None:
    """Raises KGError unless ``directory`` is absent or holds nothing but tables kg wrote."""
    if not directory.exists():
        return
    if not directory.is_dir():
        raise KGError(f"{directory}: exists and is not a directory; choose another output directory")
    other = sorted(p.name for p in directory.iterdir() if p.name not in TABLES)
    if other:
        raise KGError(f"{directory}: holds files kg did not write ({', '.join(other[:3])}); the Parquet folder "
                      "is replaced as a whole, so move them or choose another output directory")


def _sibling(directory: Path, suffix: str) -> Path:
    while True:
        candidate = directory.with_name(f".{directory.name}.{secrets.token_hex(4)}.{suffix}")
        if not candidate.exists():
            return candidate


def _swap(new: Path, directory: Path) -> None:
    """Puts the folder ``new`` in place of ``directory``; a failure leaves the old one where it was."""
    old = None
    if directory.exists():
        old = _sibling(directory, "old")
        os.rename(directory, old)
    try:
        os.rename(new, directory)
    except OSError:
        if old is not None:
            os.rename(old, directory)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def write_parquet(G: nx.MultiDiGraph, directory: str | os.PathLike[str]) -> Path:
    """Gives the folder holding ``nodes.parquet``, ``edges.parquet`` and ``claims.parquet`` (see the module's
    documentation for their columns).

    The tables are written into a temporary folder beside ``directory`` that then takes its place, so a
    failed write leaves the previous folder as it was. A folder that holds other files is refused rather
    than replaced.

    Raises:
        KGError: pyarrow is missing, an attribute is not a scalar or does not fit its column, or the folder
            cannot be written.
    """
    directory = Path(directory)
    if not directory.name:  # "." or "/": the swap needs the folder's own name
        directory = directory.resolve()
    pa, pq = require_pyarrow()
    check_scalars(G, directory)
    tables = _tables(pa, G, directory)
    _check_replaceable(directory)
    ensure_dir(directory.parent)
    new = _sibling(directory, "tmp")
    try:
        new.mkdir()
        for name, table in tables.items():
            with atomic_open(new / name, binary=True) as fh:
                pq.write_table(table, fh, **_WRITE_OPTIONS)
        _swap(new, directory)
    except OSError as exc:
        raise KGError(f"{directory}: write failed ({exc.strerror or exc}); check the free space and permissions "
                      f"of {directory.parent}") from None
    finally:
        shutil.rmtree(new, ignore_errors=True)
    return directory
