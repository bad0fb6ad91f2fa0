"""Claim confidence against the gold: precision of kg's claims in confidence bins (a reliability table).

    python scripts/reliability.py                 # development split
    python scripts/reliability.py --split heldout --bins 0.5,0.7,0.8,0.9,1.01

A predicted claim is right when the shared scorer's rule holds: a gold claim (required or optional) of the
same speaker whose snippet its text contains (punctuation and spaces ignored).
"""
from __future__ import annotations

import argparse
import sys
import warnings

from finreport_gold import add_options, check_inputs, corpus_lines, extract_one, gold_files, load_scorer, speaker_key


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_options(parser)
    parser.add_argument("--bins", default="0.5,0.6,0.7,0.8,0.9,1.01", help="upper bin edges, ascending")
    args = parser.parse_args()
    if not check_inputs(args, "reliability"):
        return 2
    warnings.simplefilter("ignore")
    from kg.nlp import load

    norm = load_scorer(args.scorer).norm
    lines = corpus_lines(args.corpus)
    nlp = load()
    scored: list[tuple[float, bool]] = []
    for gold in gold_files(args.split, args.batch):
        canon = speaker_key(gold, norm)
        g = extract_one(nlp, lines[gold["doc"]])
        for u, v, k in g.edges(keys=True):
            if k != "said":
                continue
            speaker, claim = g.nodes[u]["label"], g.nodes[v]
            right = any(canon(c["speaker"]) == canon(speaker) and norm(c["snippet"]) in norm(claim["text"])
                        for c in gold["claims"])
            scored.append((float(claim["confidence"]), right))
    edges = [float(x) for x in args.bins.split(",")]
    print(f"claims on the {args.split} split: {len(scored)}, precision {sum(r for _, r in scored) / max(1, len(scored)):.2f}")
    print("| confidence | claims | right | precision |\n|---|---|---|---|")
    low = 0.0
    for high in edges:
        inside = [r for c, r in scored if low <= c < high]
        if inside:
            print(f"| {low:.2f}–{min(high, 1.0):.2f} | {len(inside)} | {sum(inside)} | {sum(inside) / len(inside):.2f} |")
        low = high
    return 0


if __name__ == "__main__":
    sys.exit(main())
