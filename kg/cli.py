"""The ``kg`` command line: thin glue over :mod:`kg.run`, :mod:`kg.io` and :mod:`kg.evaluate`."""
from __future__ import annotations

import argparse
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path

from kg import __version__
from kg.errors import KGError

__all__ = ["main", "build_parser"]

_FORMATS = ("html", "graphml", "json", "claims", "gexf", "neo4j")


def _cmd_extract(args: argparse.Namespace) -> int:
    from kg.io import write_all
    from kg.run import run

    if args.jobs < 1:
        raise KGError(f"--jobs {args.jobs}: must be 1 or more")
    formats = tuple(f.strip() for f in args.formats.split(",") if f.strip())
    bad = [f for f in formats if f not in _FORMATS]
    if bad:
        raise KGError(f"--formats {','.join(bad)}: unknown; choose from {','.join(_FORMATS)}")
    report = run(args.inputs, n_process=args.jobs, model=not args.no_model, encoding=args.encoding, limit=args.limit)
    for s in report.skipped:
        print(f"kg: skipped {s.source}: {s.reason}", file=sys.stderr)
    if not report.results:
        raise KGError("no document could be read from " + " ".join(map(str, args.inputs))
                      + "; pass files, folders, globs or .jsonl corpora of Chinese text")
    paths = write_all(report.graph, Path(args.out), max_nodes=args.max_nodes, formats=formats)
    s = report.summary()
    if not args.quiet:
        rate = s["characters"] / s["seconds"] if s["seconds"] else 0.0
        print(f"documents read   {s['documents']}")
        print(f"skipped          {s['skipped']}" + (" (reasons above)" if s["skipped"] else ""))
        print(f"people           {s['people']}")
        print(f"organizations    {s['organizations']}")
        print(f"claims           {s['claims']}")
        print(f"topics           {s['topics']}")
        print(f"time             {s['seconds']:.1f} s ({rate:,.0f} characters/s)")
        for kind, path in paths.items():
            print(f"wrote {kind:8s} {path}")
    return 0


def _cmd_eval(args: argparse.Namespace) -> int:
    from kg.evaluate import evaluate, format_evaluation, read_gold
    from kg.io import read_graph

    ev = evaluate(read_graph(args.graph), read_gold(args.gold))
    print(format_evaluation(ev, details=not args.brief))
    return 0


def _cmd_eval_ner(args: argparse.Namespace) -> int:
    from kg.ner.evaluate import evaluate_file, format_report

    print(format_report(evaluate_file(args.file, model_dir=args.model, all_labels=args.all_labels)))
    return 0


def build_parser() -> argparse.ArgumentParser:
    """Gives the argument parser of the ``kg`` command."""
    parser = argparse.ArgumentParser(
        prog="kg", description="Who-said-what knowledge graphs from Chinese financial news.")
    parser.add_argument("--version", action="version", version=f"kg {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    p = sub.add_parser("extract", help="read articles and write the graph (HTML, GraphML, JSON, claims CSV)",
                       description="Read articles (files, folders, globs, JSONL corpora) and write the "
                                   "who-said-what graph to --out.")
    p.add_argument("inputs", nargs="+", help="files, folders (recursive), glob patterns or .jsonl corpora")
    p.add_argument("--out", "-o", default="outputs", help="output folder (default: outputs)")
    p.add_argument("--formats", default="html,graphml,json,claims",
                   help=f"comma-separated outputs among {','.join(_FORMATS)} (default: html,graphml,json,claims)")
    p.add_argument("--jobs", "-j", type=int, default=1, help="worker processes (default: 1)")
    p.add_argument("--max-nodes", type=int, default=None,
                   help="keep only the N most connected nodes in graph.html and say what was left out")
    p.add_argument("--no-model", action="store_true", help="rules only: skip the trained NER model")
    p.add_argument("--encoding", default=None, help="force a text encoding (default: sniff UTF-8, then GB18030)")
    p.add_argument("--limit", type=int, default=None, help="read at most N documents")
    p.add_argument("--quiet", "-q", action="store_true", help="print nothing but errors")
    p.set_defaults(func=_cmd_extract)

    p = sub.add_parser("eval", help="score an exported graph against a gold annotation",
                       description="Score GRAPH (GraphML or node-link JSON) against GOLD (JSON annotation).")
    p.add_argument("graph", help="graph.graphml or graph.json written by kg extract")
    p.add_argument("gold", help="gold annotation JSON (format: shared/gold/README.md)")
    p.add_argument("--brief", action="store_true", help="scores only, without the missed and wrong items")
    p.set_defaults(func=_cmd_eval)

    p = sub.add_parser("eval-ner", help="score an NER model on CLUENER-format JSON lines",
                       description="Print span precision, recall and F1 of the five labels kg uses, macro F1, "
                                   "and the tagging speed in characters per second (one process, one thread). "
                                   "Training is apart from kg: see training/README.md (kg-train).")
    p.add_argument("file", type=Path, help="CLUENER JSON lines (e.g. written by kg-train split)")
    p.add_argument("--model", type=Path, default=None, help="model directory (default: the packaged model)")
    p.add_argument("--all-labels", action="store_true", help="also score the five labels kg does not use")
    p.set_defaults(func=_cmd_eval_ner)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Runs the ``kg`` command; gives its exit status."""
    args = build_parser().parse_args(argv)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", category=UserWarning)
        try:
            return int(args.func(args) or 0)
        except KGError as exc:
            print(f"kg: error: {exc}", file=sys.stderr)
            return 1
        except KeyboardInterrupt:
            print("kg: interrupted", file=sys.stderr)
            return 130
        finally:
            # kg's own warnings (no NER model shipped, ...) as one line each, never a traceback
            for message in dict.fromkeys(str(w.message) for w in caught if str(w.message).startswith("kg:")):
                print(f"{message}", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
