"""Claim confidence against the gold: precision of kg's claims in confidence bins (a reliability table).

    python scripts/reliability.py                 # development split
    python scripts/reliability.py --split heldout --bins 0.5,0.7,0.8,0.9,1.01

A predicted claim is right when the shared scorer's rule holds: a gold claim (required or optional) of the
same speaker whose snippet its text contains (punctuation and spaces ignored).
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import tempfile
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
GOLD = ROOT / "tests" / "fixtures" / "finreport"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", choices=("dev", "heldout", "all"), default="dev")
    parser.add_argument("--corpus", type=Path, default=SHARED / "data" / "corpus" / "finreport.jsonl")
    parser.add_argument("--scorer", type=Path, default=SHARED / "tools" / "kgscore.py")
    parser.add_argument("--bins", default="0.5,0.6,0.7,0.8,0.9,1.01", help="upper bin edges, ascending")
    args = parser.parse_args()
    for path, what in ((args.corpus, "--corpus"), (args.scorer, "--scorer")):
        if not path.is_file():
            print(f"reliability: {path}: not found; put ../shared beside the project or pass {what}", file=sys.stderr)
            return 2
    warnings.simplefilter("ignore")
    from kg.nlp import load
    from kg.run import run

    spec = importlib.util.spec_from_file_location("kgscore", args.scorer)
    kgscore = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(kgscore)
    norm = kgscore.norm
    split = {o["id"]: o["split"] for o in json.loads((GOLD / "SPLIT.json").read_text(encoding="utf-8"))}
    lines = {json.loads(line)["id"]: line for line in args.corpus.open(encoding="utf-8")}
    nlp = load()
    scored: list[tuple[float, bool]] = []
    for path in sorted(GOLD.glob("finreport-*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        if args.split != "all" and split.get(gold["doc"]) != args.split:
            continue
        alias = {norm(a): norm(o["name"]) for o in gold.get("organizations", []) for a in (o["name"], *o.get("aliases", []))}
        canon = lambda name: alias.get(norm(name), norm(name))  # noqa: E731
        with tempfile.TemporaryDirectory() as tmp:
            src = Path(tmp) / "a.jsonl"
            src.write_text(lines[gold["doc"]], encoding="utf-8")
            g = run([src], nlp=nlp).graph
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
