"""Fit the claim-confidence model (kg_confidence) on hand-annotated real articles.

    python scripts/calibrate.py                       # fit on the calibration split, print, do not write
    python scripts/calibrate.py --write               # ... and write kg/resources/claim_calibration.json

Each claim kg finds in an article of the split is right when the shared scorer's rule holds (a gold claim,
required or optional, of the same speaker whose snippet its text contains). A logistic model over the
claim's features (:func:`kg.nlp.confidence.features`) is fitted by Newton's method with an L2 penalty
chosen by leave-one-article-out log-loss. Fit on articles no rule was written against (the calibration
split), never on the held-out third; the development split's rules were tuned on it, so its claims are
right more often than new text's.
"""
from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path

import numpy as np

from finreport_gold import (ROOT, add_options, check_inputs, corpus_lines, gold_files, load_scorer, results_of_one,
                           speaker_key)

PENALTIES = (0.1, 0.3, 1.0, 3.0, 10.0, 30.0, 100.0, 300.0)


def labelled_claims(nlp, split: str, corpus: Path, norm) -> list[tuple[str, list[str], bool]]:
    """Gives (article id, features, right) for every claim kg finds in the split's articles."""
    from kg.nlp.confidence import features

    lines = corpus_lines(corpus)
    out = []
    for gold in gold_files(split):
        canon = speaker_key(gold, norm)
        results = results_of_one(nlp, lines[gold["doc"]])
        for result in results:
            for claim in result.claims:
                right = any(canon(g["speaker"]) == canon(claim.speaker) and norm(g["snippet"]) in norm(claim.text)
                            for g in gold["claims"])
                out.append((gold["doc"], features(claim), right))
    return out


def fit(x: np.ndarray, y: np.ndarray, penalty: float, steps: int = 50) -> np.ndarray:
    """Gives the weights (intercept first, unpenalised) of an L2-penalised logistic regression."""
    xb = np.hstack([np.ones((len(x), 1)), x])
    w = np.zeros(xb.shape[1])
    reg = np.full(xb.shape[1], penalty)
    reg[0] = 1e-6
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-xb @ w))
        grad = xb.T @ (p - y) + reg * w
        hess = (xb * (p * (1 - p))[:, None]).T @ xb + np.diag(reg)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w


def predict(x: np.ndarray, w: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-(w[0] + x @ w[1:])))


def log_loss(p: np.ndarray, y: np.ndarray) -> float:
    p = np.clip(p, 1e-6, 1 - 1e-6)
    return float(-(y * np.log(p) + (1 - y) * np.log(1 - p)).mean())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_options(parser)
    parser.set_defaults(split="calibration")
    parser.add_argument("--write", action="store_true", help="write kg/resources/claim_calibration.json")
    args = parser.parse_args()
    if args.split == "heldout":
        print("calibrate: never fit on the held-out third", file=sys.stderr)
        return 2
    if not check_inputs(args, "calibrate"):
        return 2
    warnings.simplefilter("ignore")
    from kg.nlp import load
    from kg.nlp.confidence import Calibration

    rows = labelled_claims(load(), args.split, args.corpus, load_scorer(args.scorer).norm)
    if not rows or len({r for _, _, r in rows}) < 2:
        print(f"calibrate: {len(rows)} claims on the {args.split} split, not both right and wrong ones", file=sys.stderr)
        return 1
    names = sorted({f for _, feats, _ in rows for f in feats})
    index = {f: i for i, f in enumerate(names)}
    x = np.zeros((len(rows), len(names)))
    for i, (_, feats, _) in enumerate(rows):
        for f in feats:
            x[i, index[f]] = 1.0
    y = np.array([float(r) for _, _, r in rows])
    docs = np.array([d for d, _, _ in rows])

    print(f"{len(rows)} claims in {len(set(docs))} articles of the {args.split} split, {int(y.sum())} right "
          f"({y.mean():.2f}); {len(names)} features")
    losses = {}
    for penalty in PENALTIES:  # leave one article out
        p = np.zeros(len(y))
        for doc in set(docs):
            out = docs == doc
            p[out] = predict(x[out], fit(x[~out], y[~out], penalty))
        losses[penalty] = log_loss(p, y)
    base = log_loss(np.full(len(y), y.mean()), y)
    print("leave-one-article-out log-loss: " + ", ".join(f"L2 {k:g}: {v:.3f}" for k, v in losses.items())
          + f" (a constant {y.mean():.2f}: {base:.3f})")
    penalty = min(losses, key=losses.get)
    w = fit(x, y, penalty)
    calibration = Calibration(round(float(w[0]), 4), {f: round(float(w[1 + i]), 4) for i, f in enumerate(names)},
                              fitted_on=f"{args.split} split: {len(set(docs))} articles, {len(rows)} claims, L2 {penalty:g}")
    for f in sorted(names, key=lambda f: -abs(calibration.weights[f])):
        print(f"  {calibration.weights[f]:+.2f}  {f}  ({int(x[:, index[f]].sum())} claims)")
    if args.write:
        path = ROOT / "kg" / "resources" / "claim_calibration.json"
        path.write_text(calibration.to_json(), encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
