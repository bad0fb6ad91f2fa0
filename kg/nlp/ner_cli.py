"""The ``kg train-ner`` and ``kg eval-ner`` subcommands, added to ``kg`` by :func:`add_ner_commands`."""
from __future__ import annotations

import argparse
import time
from pathlib import Path

from kg.errors import KGError
from kg.nlp.ner_data import (
    DEFAULT_SPLIT_SEED,
    DEFAULT_VAL_FRACTION,
    LABEL_MAP,
    read_cluener,
    score_spans,
    train_val_split,
    write_cluener,
)

__all__ = ["add_ner_commands", "DEFAULT_DATA"]

#: Where CLUENER's train split sits when the project is checked out beside ``shared/``.
DEFAULT_DATA = Path("../shared/data/cluener/train.json")


def _package_model_dir() -> Path:
    import kg

    return Path(kg.__file__).resolve().parent / "models" / "ner"


def add_ner_commands(subparsers: argparse._SubParsersAction) -> None:
    """Adds ``train-ner`` and ``eval-ner`` to the ``kg`` command's subparsers."""
    p = subparsers.add_parser(
        "train-ner",
        help="train the CRF NER model on CLUENER2020 (research use only)",
        description="Train the character CRF NER model on CLUENER2020's train.json, holding out a "
                    "fixed-seed validation split. The data and the model are for research use only. "
                    "This is the first of the two training steps: the CNN expert that ships beside "
                    "the CRF is trained next by training/train_cnn.py (bash training/train.sh runs "
                    "both); a cnn.npz left in --out is removed, since it belongs to the old CRF.",
    )
    p.add_argument("--data", type=Path, default=DEFAULT_DATA,
                   help=f"CLUENER train.json (default: {DEFAULT_DATA})")
    p.add_argument("--out", type=Path, default=None,
                   help="model directory to write (default: the package's kg/models/ner)")
    p.add_argument("--seed", type=int, default=0, help="seed of the gazetteer folds (default: 0)")
    p.add_argument("--split-seed", type=int, default=DEFAULT_SPLIT_SEED,
                   help=f"seed of the validation split (default: {DEFAULT_SPLIT_SEED})")
    p.add_argument("--val-fraction", type=float, default=DEFAULT_VAL_FRACTION,
                   help=f"share of sentences held out for validation (default: {DEFAULT_VAL_FRACTION})")
    p.add_argument("--split-out", type=Path, default=None,
                   help="also write the validation split there as CLUENER JSON lines "
                        "(keep it outside the repo)")
    p.add_argument("--split-only", action="store_true", help="write --split-out and stop, without training")
    p.add_argument("--c1", type=float, default=None, help="L1 penalty (default: the tuned value)")
    p.add_argument("--c2", type=float, default=None, help="L2 penalty (default: the tuned value)")
    p.add_argument("--iterations", type=int, default=None,
                   help="L-BFGS iterations (default: the tuned value)")
    p.add_argument("--no-gazetteer", action="store_true", help="leave out the gazetteer features")
    p.add_argument("--full", action="store_true", help="train on every sentence, no validation hold-out")
    p.add_argument("--verbose", action="store_true", help="print crfsuite's progress")
    p.set_defaults(func=_train_cmd)

    e = subparsers.add_parser(
        "eval-ner",
        help="score an NER model on CLUENER-format JSON lines",
        description="Print span precision, recall and F1 of the five labels kg uses, macro F1, and "
                    "the tagging speed in characters per second (one process, one thread).",
    )
    e.add_argument("file", type=Path, help="CLUENER JSON lines (e.g. written by train-ner --split-out)")
    e.add_argument("--model", type=Path, default=None, help="model directory (default: the packaged model)")
    e.add_argument("--all-labels", action="store_true", help="also score the five labels kg does not use")
    e.set_defaults(func=_eval_cmd)


def _train_cmd(args: argparse.Namespace) -> int:
    from kg.nlp import ner_train

    if not args.data.is_file():
        raise KGError(f"{args.data}: no such file; pass the CLUENER train.json path with --data")
    if not 0.0 < args.val_fraction < 1.0:
        raise KGError(f"--val-fraction {args.val_fraction}: must lie strictly between 0 and 1")
    if args.split_only and args.split_out is None:
        raise KGError("--split-only needs --split-out FILE")
    if args.split_out is not None:
        _, val = train_val_split(read_cluener(args.data), fraction=args.val_fraction, seed=args.split_seed)
        write_cluener(val, args.split_out)
        print(f"wrote {len(val)} validation sentences to {args.split_out}")
        if args.split_only:
            return 0
    out = args.out if args.out is not None else _package_model_dir()
    kwargs = {k: v for k, v in (("c1", args.c1), ("c2", args.c2), ("max_iterations", args.iterations))
              if v is not None}
    meta = ner_train.train(args.data, out, seed=args.seed, val_fraction=args.val_fraction,
                           split_seed=args.split_seed, gazetteer=not args.no_gazetteer, full=args.full,
                           verbose=args.verbose, **kwargs)
    print(f"trained on {meta['n_train']} sentences ({meta['n_val']} held out) in "
          f"{meta['seconds']['features'] + meta['seconds']['train']:.0f} s; model written to {out}")
    return 0


def _eval_cmd(args: argparse.Namespace) -> int:
    from kg.nlp.ner_data import CLUENER_LABELS
    from kg.nlp.ner_model import NERModel

    examples = read_cluener(args.file)
    if not examples:
        raise KGError(f"{args.file}: no sentences to score")
    model = NERModel.load(args.model)
    model.predict_cluener(examples[0].text)  # warm up jieba before the clock starts
    t0, c0 = time.perf_counter(), time.process_time()
    pred = model.predict_cluener_many([ex.text for ex in examples])
    seconds = time.perf_counter() - t0
    cpu_seconds = max(time.process_time() - c0, 1e-9)
    n_chars = sum(len(ex.text) for ex in examples)
    labels = list(LABEL_MAP)
    scores, macro = score_spans([ex.spans for ex in examples], pred, labels)
    print(f"{'label':<22} {'precision':>9} {'recall':>9} {'F1':>9} {'gold':>6} {'pred':>6}")
    for s in scores:
        name = f"{LABEL_MAP[s.label]} ({s.label})"
        print(f"{name:<22} {s.precision:9.4f} {s.recall:9.4f} {s.f1:9.4f} {s.support:6d} {s.predicted:6d}")
    print(f"{'macro F1 (5 labels)':<22} {'':>9} {'':>9} {macro:9.4f}")
    if args.all_labels:
        extra = [lab for lab in CLUENER_LABELS if lab not in LABEL_MAP]
        xscores, _ = score_spans([ex.spans for ex in examples], pred, extra)
        for s in xscores:
            print(f"{'(' + s.label + ')':<22} {s.precision:9.4f} {s.recall:9.4f} {s.f1:9.4f} "
                  f"{s.support:6d} {s.predicted:6d}")
    print(f"{len(examples)} sentences, {n_chars} characters in {seconds:.2f} s: "
          f"{n_chars / seconds:,.0f} characters/second "
          f"({n_chars / cpu_seconds:,.0f} per CPU-second)")
    return 0
