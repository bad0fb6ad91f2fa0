"""The ``kg-train`` command: ``kg-train split|crf|cnn|clusters``, each writing only where ``--out`` says.

Nothing is read from or written to a default place: ``--data`` and ``--out`` are required, so a
run never writes into the installed kg package unless told to (``--out kg/models/ner``).
"""
from __future__ import annotations

import argparse
import dataclasses
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from kg.errors import KGError

__all__ = ["build_parser", "main"]

#: help of the settings whose names do not say enough
_HELP = {
    "seed": "seed of the gazetteer folds (crf) or of the network and embeddings (cnn, clusters)",
    "split_seed": "seed of the validation split",
    "val_fraction": "share of sentences held out for validation",
    "c1": "L1 penalty of the L-BFGS trainer",
    "c2": "L2 penalty of the L-BFGS trainer",
    "max_iterations": "L-BFGS iterations (epochs for ap and pa)",
    "algorithm": "crfsuite's trainer: lbfgs, ap (averaged perceptron) or pa (passive-aggressive)",
    "scheme": "tag scheme: BIO or BIOES",
    "use_words": "jieba word features",
    "wide": "also characters at +-3, the pair around each character, the word's gazetteer label",
    "word_tags": "jieba's dictionary POS tags of the word and its neighbours",
    "gazetteer_folds": "jackknife folds for the training sentences' gazetteer features",
    "coarse": "number of coarse clusters",
    "fine": "number of fine clusters",
    "gazetteer": "gazetteer features from the training sentences",
    "context_words": "the neighbouring jieba words and the word's last character",
    "full": "train on every sentence, no validation hold-out",
    "clusters": "word<TAB>coarse<TAB>fine clusters to add as features (written by kg-train clusters)",
    "dilations": "comma-separated dilations, one convolution each",
    "freeze": "keep the pretrained embeddings fixed",
    "smoothing": "label smoothing of the loss",
    "weight": "weight of the CNN's log-probabilities against the CRF's scores",
    "threads": "torch threads",
}


def _add_settings(p: argparse.ArgumentParser, cls: type) -> None:
    # one option per field of a settings dataclass, so the defaults live in one place
    for f in dataclasses.fields(cls):
        flag = "--" + f.name.replace("_", "-")
        doc = _HELP.get(f.name, f.name.replace("_", " "))
        if isinstance(f.default, bool):
            if f.default:
                p.add_argument("--no-" + f.name.replace("_", "-"), dest=f.name, action="store_false",
                               help=f"leave out: {doc}")
            else:
                p.add_argument(flag, dest=f.name, action="store_true", help=doc)
        else:
            kind = Path if f.default is None else type(f.default)
            p.add_argument(flag, dest=f.name, type=kind, default=f.default, help=f"{doc} (default: {f.default})")


def _settings(cls: type, args: argparse.Namespace):
    return cls(**{f.name: getattr(args, f.name) for f in dataclasses.fields(cls)})


def build_parser() -> argparse.ArgumentParser:
    """Gives the argument parser of ``kg-train``."""
    from kg_training.clusters import ClusterSettings
    from kg_training.cluener import DEFAULT_SPLIT_SEED, DEFAULT_VAL_FRACTION
    from kg_training.cnn import CNNSettings
    from kg_training.crf import CRFSettings

    parser = argparse.ArgumentParser(
        prog="kg-train", description="Train kg's NER model on CLUENER2020 (research use only). "
                                     "Steps: split, crf, then cnn into the same --out; score with kg eval-ner.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    p = sub.add_parser("split", help="write the fixed-seed validation split as CLUENER JSON lines",
                       description="Write the validation split carved from --data (the sentences crf and cnn "
                                   "hold out) to --out, for kg eval-ner. Keep it outside the repository.")
    p.add_argument("--data", type=Path, required=True, help="CLUENER train.json")
    p.add_argument("--out", type=Path, required=True, help="file to write")
    p.add_argument("--split-seed", type=int, default=DEFAULT_SPLIT_SEED, help=f"(default: {DEFAULT_SPLIT_SEED})")
    p.add_argument("--val-fraction", type=float, default=DEFAULT_VAL_FRACTION,
                   help=f"share held out (default: {DEFAULT_VAL_FRACTION})")
    p.set_defaults(func=_cmd_split)

    p = sub.add_parser("crf", help="train the character CRF and write a model directory",
                       description="Train the character CRF on CLUENER2020's train.json, holding out the "
                                   "validation split, and write model.crfsuite, lexicons.json, meta.json and "
                                   "README.md to --out. A cnn.npz left there is removed (it belongs to the old "
                                   "CRF): run kg-train cnn next.")
    p.add_argument("--data", type=Path, required=True, help="CLUENER train.json")
    p.add_argument("--out", type=Path, required=True, help="model directory to write")
    _add_settings(p, CRFSettings)
    p.add_argument("--verbose", action="store_true", help="print crfsuite's progress")
    p.set_defaults(func=_cmd_crf)

    p = sub.add_parser("cnn", help="train the CNN expert beside a CRF (needs torch and gensim)",
                       description="Train the dilated character CNN beside the CRF in --out (written by "
                                   "kg-train crf; the CNN reuses its lexicons) and write cnn.npz there, "
                                   "updating meta.json and README.md. Runs with PYTHONHASHSEED=0.")
    p.add_argument("--data", type=Path, required=True, help="CLUENER train.json")
    p.add_argument("--out", type=Path, required=True, help="the CRF's model directory")
    p.add_argument("--corpus", type=Path, default=None, help="unlabelled JSON lines for the embeddings")
    p.add_argument("--cache", type=Path, default=None,
                   help="directory to keep the pretrained embeddings in between runs (same data and seed)")
    _add_settings(p, CNNSettings)
    p.set_defaults(func=_cmd_cnn)

    p = sub.add_parser("clusters", help="learn word clusters for the CRF (a recorded experiment)",
                       description="Learn word2vec + k-means word clusters and write word<TAB>coarse<TAB>fine "
                                   "lines to --out (for kg-train crf --clusters). Needs gensim and scikit-learn.")
    p.add_argument("--out", type=Path, required=True, help="TSV to write")
    p.add_argument("--corpus", type=Path, default=None, help="JSON lines with title/text fields")
    p.add_argument("--cluener", type=Path, default=None, help="CLUENER train.json (its training part is used)")
    _add_settings(p, ClusterSettings)
    p.set_defaults(func=_cmd_clusters)
    return parser


def _check_data(path: Path) -> None:
    if not path.is_file():
        raise KGError(f"{path}: no such file; pass the CLUENER train.json path with --data")


def _cmd_split(args: argparse.Namespace) -> int:
    from kg_training.cluener import read_cluener, train_val_split, write_cluener

    _check_data(args.data)
    if not 0.0 < args.val_fraction < 1.0:
        raise KGError(f"--val-fraction {args.val_fraction}: must lie strictly between 0 and 1")
    _, val = train_val_split(read_cluener(args.data), fraction=args.val_fraction, seed=args.split_seed)
    write_cluener(val, args.out)
    print(f"wrote {len(val)} validation sentences to {args.out}")
    return 0


def _cmd_crf(args: argparse.Namespace) -> int:
    from kg_training.crf import CRFSettings, train

    _check_data(args.data)
    meta = train(args.data, args.out, _settings(CRFSettings, args), verbose=args.verbose)
    print(f"trained on {meta['n_train']} sentences ({meta['n_val']} held out) in "
          f"{meta['seconds']['features'] + meta['seconds']['train']:.0f} s; model written to {args.out}")
    return 0


def _cmd_cnn(args: argparse.Namespace) -> int:
    from kg_training.cnn import CNNSettings, train_cnn

    _check_data(args.data)
    train_cnn(args.out, args.data, _settings(CNNSettings, args), corpus=args.corpus, cache=args.cache)
    return 0


def _cmd_clusters(args: argparse.Namespace) -> int:
    from kg_training.clusters import ClusterSettings, learn_clusters

    if args.corpus is None and args.cluener is None:
        raise KGError("kg-train clusters: give --corpus, --cluener or both")
    learn_clusters(args.out, corpus=args.corpus, cluener=args.cluener, settings=_settings(ClusterSettings, args))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Runs ``kg-train``; gives its exit status."""
    args = build_parser().parse_args(argv)
    if args.command in ("cnn", "clusters") and os.environ.get("PYTHONHASHSEED") != "0" and argv is None:
        # gensim seeds its initial vectors with Python's string hash: fix it, or runs differ
        os.environ["PYTHONHASHSEED"] = "0"
        os.execv(sys.executable, [sys.executable, "-m", "kg_training.cli", *sys.argv[1:]])
    try:
        return int(args.func(args) or 0)
    except KGError as exc:
        print(f"kg-train: error: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
