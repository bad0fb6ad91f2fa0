"""``kg extract``: read articles, run the pipeline, write the graph in every asked-for format."""
from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path

from kg.errors import KGError
from kg.io import DEFAULT_FORMATS, FORMATS, check_formats

__all__ = ["add_parser", "run_extract", "STORE_NAME"]

#: the store's file name in the --out folder when --store is not given
STORE_NAME = "kg-store.sqlite"


def add_parser(sub: argparse._SubParsersAction) -> None:
    """Adds ``kg extract`` to the ``kg`` command's subparsers."""
    p = sub.add_parser("extract", help="read articles and write the graph (HTML, GraphML, JSON, claims CSV)",
                       description="Read articles (files, folders, globs, JSONL corpora) and write the "
                                   "who-said-what graph to --out.")
    p.add_argument("inputs", nargs="+", help="files, folders (recursive), glob patterns or .jsonl corpora")
    p.add_argument("--out", "-o", default="outputs", help="output folder (default: outputs)")
    p.add_argument("--formats", default=",".join(DEFAULT_FORMATS),
                   help=f"comma-separated outputs among {','.join(FORMATS)} (default: {','.join(DEFAULT_FORMATS)})")
    p.add_argument("--jobs", "-j", type=int, default=None,
                   help="worker processes (default: 1; with --dask local, the local cluster's workers, default 2)")
    p.add_argument("--dask", default=None, metavar="ADDRESS",
                   help="run the extraction on a dask.distributed cluster: 'local' (a LocalCluster on this machine) "
                        "or a scheduler address such as tcp://10.0.0.5:8786; the workers read the inputs "
                        "themselves, so they must reach them at the same path or fsspec URL "
                        "(pip install \"kg[dask]\")")
    p.add_argument("--max-nodes", type=int, default=None,
                   help="keep only the N most connected nodes in graph.html and say what was left out")
    p.add_argument("--min-confidence", type=float, default=0.0, metavar="X",
                   help="leave out claims whose confidence is below X, 0 to 1 (default: 0, keep every claim)")
    p.add_argument("--no-model", action="store_true", help="rules only: skip the trained NER model")
    p.add_argument("--encoding", default=None, help="force a text encoding (default: sniff UTF-8, then GB18030)")
    p.add_argument("--limit", type=int, default=None, help="read at most N documents")
    p.add_argument("--store", default=None, metavar="PATH",
                   help=f"keep each document's results in this SQLite file, so a re-run processes only new or "
                        f"changed documents and an interrupted run resumes (default: OUT/{STORE_NAME})")
    p.add_argument("--no-store", action="store_true", help="keep no store: process every document")
    p.add_argument("--quiet", "-q", action="store_true",
                   help="print nothing but errors (no summary; no progress line, which otherwise shows on a "
                        "terminal once a run takes over 2 s)")
    p.set_defaults(func=run_extract)


def run_extract(args: argparse.Namespace) -> int:
    """Runs ``kg extract`` with parsed ``args``; gives the exit status."""
    from kg.io import write_all
    from kg.run import run
    from kg.run.progress import progress_for

    if args.jobs is not None and args.jobs < 1:
        raise KGError(f"--jobs {args.jobs}: must be 1 or more")
    if args.dask is not None and not args.dask.strip():
        raise KGError("--dask: give 'local' or a scheduler address such as tcp://HOST:8786")
    if args.dask not in (None, "local") and args.jobs is not None:
        raise KGError(f"--jobs with --dask {args.dask}: the cluster's workers do the work; start as many as you "
                      f"need with `dask worker {args.dask} --nworkers N --nthreads 1`")
    if args.dask is not None and importlib.util.find_spec("distributed") is None:  # before any document is read
        raise KGError('--dask needs dask.distributed: pip install "kg[dask]"')
    if not 0.0 <= args.min_confidence <= 1.0:
        raise KGError(f"--min-confidence {args.min_confidence}: must be between 0 and 1")
    formats = tuple(f.strip() for f in args.formats.split(",") if f.strip())
    bad = [f for f in formats if f not in FORMATS]
    if bad:
        raise KGError(f"--formats {','.join(bad)}: unknown; choose from {','.join(FORMATS)}")
    check_formats(formats)  # an optional extra a format needs is checked before any work
    if args.no_store and args.store:
        raise KGError("--store and --no-store: choose one")
    store = None if args.no_store else Path(args.store) if args.store else Path(args.out) / STORE_NAME
    progress = progress_for(args.inputs, limit=args.limit, quiet=args.quiet)  # None unless stderr is a terminal
    try:
        report = run(args.inputs, n_process=args.jobs or (2 if args.dask == "local" else 1),
                     model=not args.no_model, encoding=args.encoding, limit=args.limit,
                     min_confidence=args.min_confidence, progress=progress, store=store,
                     dask=args.dask.strip() if args.dask else None)
    except KeyboardInterrupt:
        if progress is not None:
            progress.close()  # the message goes on a line of its own
        if store is None:
            raise
        print(f"kg: interrupted; the documents finished so far are kept in {store}: run the same command again "
              f"to resume", file=sys.stderr)
        return 130
    finally:
        if progress is not None:
            progress.close()  # ends the line before the skipped inputs and the summary
    for s in report.skipped:
        print(f"kg: skipped {s.source}: {s.reason}", file=sys.stderr)
    for w in report.warnings:
        print(f"kg: warning: {w}", file=sys.stderr)
    if not report.results:
        raise KGError("no document could be read from " + " ".join(map(str, args.inputs))
                      + "; pass files, folders, globs or .jsonl corpora of Chinese text")
    paths = write_all(report.graph, Path(args.out), max_nodes=args.max_nodes, formats=formats)
    if not args.quiet:
        _print_summary(report.summary(), paths, store)
    return 0


def _print_summary(s: dict[str, int | float], paths: dict[str, Path], store: Path | None = None) -> None:
    rate = s["characters"] / s["seconds"] if s["seconds"] else 0.0
    print(f"documents read   {s['documents']}")
    if store is not None:
        print(f"from the store   {s['from_store']} ({store}); processed {s['documents'] - s['from_store']}")
    print(f"skipped          {s['skipped']}" + (" (reasons above)" if s["skipped"] else ""))
    print(f"people           {s['people']}")
    print(f"organizations    {s['organizations']}")
    print(f"claims           {s['claims']}")
    print(f"topics           {s['topics']}")
    print(f"time             {s['seconds']:.1f} s ({rate:,.0f} characters/s)")
    for kind, path in paths.items():
        print(f"wrote {kind:8s} {path}")
