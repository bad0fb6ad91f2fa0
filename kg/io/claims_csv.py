"""The claims table for spreadsheets: one row per claim with its speaker, their title and firm, topics and
document."""
from __future__ import annotations

import csv
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx

from kg.graph.schema import SEP
from kg.graph.view import affiliations, doc_title, nodes_of_type, speakers, text, topic_labels, unique
from kg.io.atomic import atomic_open

__all__ = ["CLAIM_COLUMNS", "claim_records", "safe_cell", "write_claims_csv"]


CLAIM_COLUMNS = ("claim_id", "speaker", "speaker_type", "title", "organization", "kind", "cue", "text",
                 "topics", "document", "document_title", "date", "start", "end", "confidence", "url")


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?")


def safe_cell(cell: str) -> str:
    """Gives a CSV cell that no spreadsheet runs as a formula (OWASP's advice against CSV injection).

    A cell beginning with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a single quote
    in front (``+油价冲击叠加`` is written ``'+油价冲击叠加``), unless the whole cell is a plain number
    such as ``-0.5``, which stays a number.
    """
    if cell.startswith(_FORMULA_START) and not _PLAIN_NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


def _speaker_fields(G: nx.MultiDiGraph, speaker: Any) -> tuple[str, str, str, str]:
    """Gives (label, type, titles, organizations) of a claim's speaker, from its affiliation edges."""
    data = G.nodes[speaker]
    kind = text(data.get("type"))
    label = text(data.get("label", speaker))
    if kind == "organization":
        return label, kind, "", label
    current = [a for a in affiliations(G, speaker) if not a[2]]
    titles = SEP.join(unique(t for _, t, _ in current)) or text(data.get("title"))
    orgs = SEP.join(unique(o for o, _, _ in current)) or text(data.get("orgs"))
    return label, kind, titles, orgs


def _claim_topics(G: nx.MultiDiGraph, claim: Any) -> str:
    return text(G.nodes[claim].get("topics")) or SEP.join(unique(topic_labels(G, claim)))


def claim_records(G: nx.MultiDiGraph) -> Iterator[dict[str, Any]]:
    """Gives one record per claim node, in graph order, keyed by :data:`CLAIM_COLUMNS`.

    Every value is a string (``""`` where the graph has none) except ``start``, ``end`` and
    ``confidence``, which are the claim node's values as the graph holds them (None where absent);
    :func:`write_claims_csv` and :func:`kg.io.parquet.write_parquet` write these records.
    """
    fields: dict[str, tuple[str, str, str, str]] = {}  # per speaker, found once: a walk over its edges
    for claim in nodes_of_type(G, "claim"):
        data = G.nodes[claim]
        said = []
        for s in speakers(G, claim):
            if s not in fields:
                fields[s] = _speaker_fields(G, s)
            said.append(fields[s])
        if said:
            label, kind, titles, orgs = (SEP.join(unique(col)) for col in zip(*said))
        else:
            label, kind, titles, orgs = text(data.get("speaker")), "", "", ""
        doc = text(data.get("doc"))
        yield {
            "claim_id": text(claim), "speaker": label, "speaker_type": kind, "title": titles,
            "organization": orgs, "kind": text(data.get("kind")), "cue": text(data.get("cue")),
            "text": text(data.get("text")), "topics": _claim_topics(G, claim), "document": doc,
            "document_title": doc_title(G, doc), "date": text(data.get("date")),
            "start": data.get("start"), "end": data.get("end"),
            "confidence": data.get("confidence"), "url": text(data.get("url")),
        }


def write_claims_csv(G: nx.MultiDiGraph, path: str | os.PathLike[str]) -> Path:
    """Gives the path of the claims table: one row per claim node, columns :data:`CLAIM_COLUMNS`.

    Speaker, title and organization come from the claim's ``said`` edge and the speaker's current
    (not former) ``affiliated_with`` edges, falling back to the person's ``title``/``orgs``
    attributes. Several values in one cell are joined with "；".

    The file is UTF-8 *with a byte-order mark* (``utf-8-sig``) so that Excel detects the encoding and
    shows Chinese correctly; ``csv`` and pandas read it with ``encoding="utf-8-sig"``. Against formula
    injection (OWASP), a cell beginning with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is
    written with a single quote in front (:func:`safe_cell`), except a plain number such as ``-0.5``;
    strip one leading ``'`` from such a cell to get the graph's value back. :func:`claim_records` (and
    so ``claims.parquet``) keeps the values as they are.
    """
    path = Path(path)
    with atomic_open(path, encoding="utf-8-sig", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=CLAIM_COLUMNS)
        writer.writeheader()
        writer.writerows({key: safe_cell(text(value)) for key, value in row.items()} for row in claim_records(G))
    return path
