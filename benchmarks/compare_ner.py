"""Rules alone, the model alone, and both, measured side by side.

    python benchmarks/compare_ner.py                       # CLUENER validation split + the project's gold articles
    python benchmarks/compare_ner.py --val /tmp/cluener_val.json --skip-articles

1. Span-level precision/recall/F1 per label on the CLUENER validation split (carved from train.json
   by ``kg_training.cluener.train_val_split``, never trained on; carving it needs kg-training, ``--val``
   does not), for the entity stage with rules only
   (``find_entities``), the model only, and both through ``combine()``.
2. Extraction scores (``kg.evaluate``) on the annotated articles: ``seeds/`` with
   ``tests/fixtures/gold`` and the held-out ``tests/fixtures/heldout``, with and without the model.
"""
from __future__ import annotations

import argparse
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LABELS = ("name", "company", "position", "organization", "government")


def _table(name: str, scores, macro: float) -> None:
    cells = "  ".join(f"{s.label[:4]} {s.f1:.3f}" for s in scores)
    print(f"  {name:7s} {cells}  macro {macro:.3f}")


def cluener(val_path: str | None) -> None:
    from kg.ner import LABEL_MAP, default_model
    from kg.ner.evaluate import read_cluener, score_spans
    from kg.nlp.entities import combine, find_entities
    from kg.nlp.ner import model_entities
    from kg.records import Word
    from kg.segment import segment

    if val_path:
        val = read_cluener(val_path)
    else:
        from kg_training.cluener import train_val_split  # pip install -e training, or pass --val

        train = ROOT.parent / "shared" / "data" / "cluener" / "train.json"
        _, val = train_val_split(read_cluener(train))
    kg_to_cluener = {kg: cluener for cluener, kg in LABEL_MAP.items()}
    model = default_model()
    gold, rules, alone, both = [], [], [], []

    for ex in val:
        words, i = [], 0
        for w, tag in segment(ex.text):
            words.append(Word(i, i + len(w), w, tag))
            i += len(w)
        r = find_entities(ex.text, [w for w in words if not w.text.isspace()])
        m = model_entities(ex.text, model.predict_one(ex.text))
        c = combine(r, m)
        gold.append(ex.spans)
        rules.append([(e.start, e.end, kg_to_cluener[e.label]) for e in r])
        alone.append([(e.start, e.end, kg_to_cluener[e.label]) for e in m])
        both.append([(e.start, e.end, kg_to_cluener[e.label]) for e in c])
    print(f"CLUENER validation split ({len(val)} sentences), span F1 per label:")
    for name, pred in (("rules", rules), ("model", alone), ("both", both)):
        scores, macro = score_spans(gold, pred, LABELS)
        _table(name, scores, macro)


def articles() -> None:
    from kg.run import run
    from kg.evaluate import evaluate, read_gold
    from kg.nlp import load

    sets = [("seeds (dev)", ROOT / "tests/fixtures/gold", ROOT / "seeds"),
            ("held-out", ROOT / "tests/fixtures/heldout/gold", ROOT / "tests/fixtures/heldout/articles")]
    for model in (False, True):
        nlp = load(model=model)
        for name, gold_dir, art_dir in sets:
            evals = []
            for g in sorted(gold_dir.glob("*.json")):
                gold = read_gold(g)
                evals.append(evaluate(run([art_dir / gold["doc"]], nlp=nlp).graph, gold))
            if not evals:
                continue
            parts = []
            for part in ("people", "organizations", "affiliations", "claims"):
                p = sum(getattr(e, part).precision for e in evals) / len(evals)
                r = sum(getattr(e, part).recall for e in evals) / len(evals)
                f = 2 * p * r / (p + r) if p + r else 0.0
                parts.append(f"{part} P={p:.2f} R={r:.2f} F1={f:.2f}")
            print(f"{name:12s} model={'yes' if 'kg_ner' in nlp.pipe_names else 'no '}  " + "  ".join(parts))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--val", default=None, help="CLUENER-format validation file (default: carve from ../shared)")
    parser.add_argument("--skip-cluener", action="store_true")
    parser.add_argument("--skip-articles", action="store_true")
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    if not args.skip_cluener:
        cluener(args.val)
    if not args.skip_articles:
        articles()


if __name__ == "__main__":
    main()
