"""Seconds the rules pipeline takes on one line without punctuation, by length (issue 11: cost must be
linear in document length). Made-up text: names, firms, cue words and fillers glued together.

    python benchmarks/bench_long_line.py --lengths 5000,10000,25000,50000
"""
from __future__ import annotations

import argparse
import random
import time


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--lengths", default="5000,10000,25000")
    p.add_argument("--model", action="store_true", help="with the NER model")
    args = p.parse_args()
    from kg.nlp import load

    nlp = load(model=args.model)
    nlp("预热。")
    rng = random.Random(1)
    parts = ["张朝晖", "平安证券", "认为", "市场", "回暖", "王芳", "表示", "公司", "的", "总经理", "和"]
    print("| characters | seconds |\n|---|---|")
    for n in (int(x) for x in args.lengths.split(",")):
        text = "".join(rng.choice(parts) for _ in range(n))[:n]
        t = time.perf_counter()
        nlp(text)
        print(f"| {n:,} | {time.perf_counter() - t:.1f} |", flush=True)


if __name__ == "__main__":
    main()
