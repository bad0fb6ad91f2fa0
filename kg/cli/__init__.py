"""The ``kg`` command line: thin glue, one module per command.

``kg extract`` (:mod:`kg.cli.extract`) runs :func:`kg.run.run` and writes with :func:`kg.io.write_all`;
``kg graph`` (:mod:`kg.cli.graph`) writes the graph again, whole or sliced, from the store extract keeps;
``kg eval`` and ``kg eval-ner`` (:mod:`kg.cli.evaluate`) score a graph against gold and the NER model
against CLUENER-format data. Errors a user can fix are one line on stderr and exit status 1, never a
traceback.
"""
from __future__ import annotations

import argparse
import sys
import warnings
from collections.abc import Sequence

from kg import __version__
from kg.cli import evaluate, extract, graph
from kg.errors import KGError

__all__ = ["main", "build_parser"]

#: the command modules, in the order ``kg --help`` lists them; each has ``add_parser(subparsers)``
COMMANDS = (extract, graph, evaluate)


def build_parser() -> argparse.ArgumentParser:
    """Gives the argument parser of the ``kg`` command."""
    parser = argparse.ArgumentParser(
        prog="kg", description="Who-said-what knowledge graphs from Chinese financial news.")
    parser.add_argument("--version", action="version", version=f"kg {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for command in COMMANDS:
        command.add_parser(sub)
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
