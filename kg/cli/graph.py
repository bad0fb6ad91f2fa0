"""``kg graph``: build the graph again from the results a store keeps, whole or sliced, with no pipeline.

The store is the one ``kg extract`` writes (default ``OUT/kg-store.sqlite``). Slices keep documents by date
(``--since`` / ``--until``, on the document's date; documents without one are left out and counted), by
``--source`` (equal), and by a named ``--org`` / ``--person`` / ``--topic`` that the document's results
mention; they combine (a document must pass every one given).
"""
from __future__ import annotations

import argparse
import sqlite3
from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from kg.errors import KGError
from kg.io import DEFAULT_FORMATS, FORMATS, check_formats
from kg.records import DocResult

if TYPE_CHECKING:
    from kg.store import Store

__all__ = ["add_parser", "run_graph", "doc_date", "mentions"]


def add_parser(sub: argparse._SubParsersAction) -> None:
    """Adds ``kg graph`` to the ``kg`` command's subparsers."""
    p = sub.add_parser("graph", help="write the graph again from a store of results, whole or sliced",
                       description="Build the graph from the per-document results that kg extract kept in "
                                   "a store (no pipeline runs), optionally sliced, and write it to --out.")
    p.add_argument("--store", required=True, metavar="PATH", help="the store kg extract wrote "
                   "(by default OUT/kg-store.sqlite of that run)")
    p.add_argument("--out", "-o", default="outputs", help="output folder (default: outputs)")
    p.add_argument("--formats", default=",".join(DEFAULT_FORMATS),
                   help=f"comma-separated outputs among {','.join(FORMATS)} (default: {','.join(DEFAULT_FORMATS)})")
    p.add_argument("--max-nodes", type=int, default=None,
                   help="keep only the N most connected nodes in graph.html and say what was left out")
    p.add_argument("--min-confidence", type=float, default=0.0, metavar="X",
                   help="leave out claims whose confidence is below X, 0 to 1 (default: 0, keep every claim)")
    p.add_argument("--since", default=None, metavar="DATE",
                   help="keep documents dated on or after DATE (YYYY-MM-DD); undated documents are left out")
    p.add_argument("--until", default=None, metavar="DATE",
                   help="keep documents dated on or before DATE (YYYY-MM-DD); undated documents are left out")
    p.add_argument("--source", default=None, metavar="TEXT", help="keep documents whose source is TEXT")
    p.add_argument("--org", default=None, metavar="NAME",
                   help="keep documents that mention this organization (its full name or a short form)")
    p.add_argument("--person", default=None, metavar="NAME",
                   help="keep documents that mention this person or quote them")
    p.add_argument("--topic", default=None, metavar="NAME", help="keep documents about this topic")
    p.add_argument("--quiet", "-q", action="store_true", help="print nothing but errors (no summary)")
    p.set_defaults(func=run_graph)


def doc_date(result: DocResult) -> date | None:
    """Gives the date of ``result`` (its ISO date or date-time, e.g. ``2022-07-18T12:28:59+00:00``), or None
    when it has none or it is not ISO."""
    text = result.date.strip()
    if not text:
        return None
    try:
        return datetime.fromisoformat(text).date()
    except ValueError:
        try:
            return date.fromisoformat(text[:10])
        except ValueError:
            return None


def mentions(result: DocResult, kind: str, name: str) -> bool:
    """Gives whether ``result`` mentions ``name`` as a ``kind``: "org" (a canonical name or a short form),
    "person" (a person found or a claim's speaker) or "topic" (a document theme or a claim's topic)."""
    if kind == "org":
        return name in result.orgs or result.aliases.get(name, "") in result.orgs \
            or any(c.speaker == name and c.speaker_type == "organization" for c in result.claims)
    if kind == "person":
        return name in result.people \
            or any(c.speaker == name and c.speaker_type == "person" for c in result.claims)
    if kind == "topic":
        return any(t.name == name or t.form == name for t in result.topics) \
            or any(name in c.topics for c in result.claims)
    raise ValueError(f"unknown kind {kind!r}")


def _parse_date(option: str, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise KGError(f"{option} {value}: not a date; write it as YYYY-MM-DD, e.g. 2024-01-31") from None


def _check_store(path: Path) -> None:
    """Refuses a path that is not an existing kg store, reading it only (nothing is created or changed)."""
    from kg.store import APPLICATION

    hint = "run `kg extract INPUTS --out DIR` first and pass DIR/kg-store.sqlite"
    if not path.exists():
        raise KGError(f"--store {path}: no such file; {hint}")
    if not path.is_file():
        raise KGError(f"--store {path}: not a file; {hint}")
    try:
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            row = db.execute("SELECT value FROM meta WHERE key = 'application'").fetchone()
        finally:
            db.close()
    except sqlite3.Error:
        row = None
    if row is None or row[0] != APPLICATION:
        raise KGError(f"--store {path}: not a kg store; {hint}")


def run_graph(args: argparse.Namespace) -> int:
    """Runs ``kg graph`` with parsed ``args``; gives the exit status."""
    from kg.graph import build_graph
    from kg.io import write_all
    from kg.store import Store

    if not 0.0 <= args.min_confidence <= 1.0:
        raise KGError(f"--min-confidence {args.min_confidence}: must be between 0 and 1")
    if args.max_nodes is not None and args.max_nodes < 1:
        raise KGError(f"--max-nodes {args.max_nodes}: must be 1 or more")
    formats = tuple(f.strip() for f in args.formats.split(",") if f.strip())
    bad = [f for f in formats if f not in FORMATS]
    if bad or not formats:
        raise KGError(f"--formats {','.join(bad) or args.formats!r}: unknown; choose from {','.join(FORMATS)}")
    check_formats(formats)  # an optional extra a format needs is checked before any work
    since, until = _parse_date("--since", args.since), _parse_date("--until", args.until)
    if since and until and since > until:
        raise KGError(f"--since {since} is after --until {until}: nothing could match; swap them")
    keeps: list[Callable[[DocResult], bool]] = []
    if args.source is not None:
        keeps.append(lambda r: r.source == args.source)
    for kind in ("org", "person", "topic"):
        name = getattr(args, kind)
        if name is not None:
            if not name.strip():
                raise KGError(f"--{kind}: give a name")
            keeps.append(lambda r, kind=kind, name=name.strip(): mentions(r, kind, name))
    store_path = Path(args.store)
    _check_store(store_path)

    def kept(r: DocResult) -> bool:
        if since or until:
            d = doc_date(r)
            if d is None or (since and d < since) or (until and d > until):
                return False
        return all(keep(r) for keep in keeps)

    with Store(store_path) as store:
        stored = undated = n_kept = 0
        for r in store.iter_results():  # a first pass counts, so that nothing is held in memory
            stored += 1
            undated += bool((since or until) and doc_date(r) is None)
            n_kept += kept(r)
        if not n_kept:
            raise KGError(f"--store {store_path}: no document of its {stored} "
                          + ("passes the slices given; widen them" if stored else "stored; run `kg extract` first"))
        graph = build_graph(_Kept(store, kept), min_confidence=args.min_confidence)
    paths = write_all(graph, Path(args.out), max_nodes=args.max_nodes, formats=formats)
    if not args.quiet:
        types = [t for _, t in graph.nodes(data="type")]
        print(f"documents stored {stored} ({store_path})")
        print(f"documents kept   {n_kept}" + (f"; {undated} without a date left out" if undated else ""))
        print(f"people           {types.count('person')}")
        print(f"organizations    {types.count('organization')}")
        print(f"claims           {types.count('claim')}")
        print(f"topics           {types.count('topic')}")
        for kind, path in paths.items():
            print(f"wrote {kind:8s} {path}")
    return 0


class _Kept:
    """The stored results a slice keeps, read from the store on each pass (the graph build walks them
    more than once), so only the graph is held in memory."""

    def __init__(self, store: Store, kept: Callable[[DocResult], bool]) -> None:
        self.store, self.kept = store, kept

    def __iter__(self) -> Iterator[DocResult]:
        return (r for r in self.store.iter_results() if self.kept(r))
