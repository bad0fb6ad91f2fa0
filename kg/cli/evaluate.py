"""``kg eval`` and ``kg eval-ner``: evaluation is part of the product, not of training."""
from __future__ import annotations

import argparse
from pathlib import Path

__all__ = ["add_parser", "run_eval", "run_eval_ner"]


def add_parser(sub: argparse._SubParsersAction) -> None:
    """Adds ``kg eval`` and ``kg eval-ner`` to the ``kg`` command's subparsers."""
    p = sub.add_parser("eval", help="score an exported graph against a gold annotation",
                       description="Score GRAPH (GraphML or node-link JSON) against GOLD (JSON annotation).")
    p.add_argument("graph", help="graph.graphml or graph.json written by kg extract")
    p.add_argument("gold", help="gold annotation JSON (format: shared/gold/README.md)")
    p.add_argument("--brief", action="store_true", help="scores only, without the missed and wrong items")
    p.set_defaults(func=run_eval)

    p = sub.add_parser("eval-ner", help="score an NER model on CLUENER-format JSON lines",
                       description="Print span precision, recall and F1 of the five labels kg uses, macro F1, "
                                   "and the tagging speed in characters per second (one process, one thread). "
                                   "Training is apart from kg: see training/README.md (kg-train).")
    p.add_argument("file", type=Path, help="CLUENER JSON lines (e.g. written by kg-train split)")
    p.add_argument("--model", type=Path, default=None, help="model directory (default: the packaged model)")
    p.add_argument("--all-labels", action="store_true", help="also score the five labels kg does not use")
    p.set_defaults(func=run_eval_ner)


def run_eval(args: argparse.Namespace) -> int:
    """Runs ``kg eval``: prints the scores of a graph against a gold file."""
    from kg.evaluate import evaluate, format_evaluation, read_gold
    from kg.io import read_graph

    print(format_evaluation(evaluate(read_graph(args.graph), read_gold(args.gold)), details=not args.brief))
    return 0


def run_eval_ner(args: argparse.Namespace) -> int:
    """Runs ``kg eval-ner``: prints the NER model's span scores and speed on a CLUENER file."""
    from kg.ner.evaluate import evaluate_file, format_report

    print(format_report(evaluate_file(args.file, model_dir=args.model, all_labels=args.all_labels)))
    return 0
