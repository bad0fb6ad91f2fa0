"""Score kg on the hand-annotated real articles (tests/fixtures/finreport/) with the shared scorer.

    python scripts/score_finreport.py                      # the development two thirds
    python scripts/score_finreport.py --split heldout      # the untouched third (report it, don't tune on it)
    python scripts/score_finreport.py --split all --no-model --details

Each gold file names a corpus id; the article is read from ../shared/data/corpus/finreport.jsonl through
kg's own JSONL reader, extracted on its own, written as GraphML and scored by ../shared/tools/kgscore.py
exactly as `kgscore.py graph.graphml gold.json` would. Prints one row per article and the macro average
over articles.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import warnings
from pathlib import Path

from finreport_gold import add_options, check_inputs, corpus_lines, extract_one, gold_files, load_scorer, splits

COLUMNS = ("people", "orgs", "affil", "claims_p", "claims_r", "topic_p10", "topic_r", "spk_topic_r")


def _row(res: dict) -> dict[str, float]:
    row = {"people": res["people"][2], "orgs": res["organizations"][2], "affil": res["affiliations"][2],
           "claims_p": res["claims"][0], "claims_r": res["claims"][1]}
    if "topics" in res:
        row.update(topic_p10=res["topics"][0], topic_r=res["topics"][1], spk_topic_r=res["speaker_topics_recall"])
    return row


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_options(parser)
    parser.add_argument("--no-model", action="store_true", help="rules only")
    parser.add_argument("--details", action="store_true", help="print what each article missed and got wrong")
    parser.add_argument("--json", type=Path, default=None, help="also write per-article scores to this file")
    args = parser.parse_args()
    if not check_inputs(args, "score_finreport"):
        return 2
    warnings.simplefilter("ignore")
    from kg.io import write_graphml
    from kg.nlp import load

    kgscore = load_scorer(args.scorer)
    split = splits()
    lines = corpus_lines(args.corpus)
    nlp = load(model=not args.no_model)
    rows, out = [], {}
    for gold in gold_files(args.split, args.batch):
        doc = gold["doc"]
        graph = extract_one(nlp, lines[doc])
        with tempfile.TemporaryDirectory() as tmp:  # scored from GraphML, as kgscore.py reads kg's file
            write_graphml(graph, Path(tmp) / "graph.graphml")
            res = kgscore.score(kgscore.load(str(Path(tmp) / "graph.graphml")), gold)
        row = _row(res)
        rows.append(row)
        out[doc] = res
        print(f"{doc} {split.get(doc, {}).get('style', ''):13s} " + " ".join(f"{k}={row.get(k, float('nan')):.2f}" for k in COLUMNS))
        if args.details:
            for k in ("people_missing", "people_extra", "organizations_missing", "organizations_extra",
                      "affiliations_missing", "affiliations_wrong", "claims_missing", "claims_wrong",
                      "topics_missing", "topics_top10_unmatched"):
                if res.get(k):
                    print(f"    {k}: " + "; ".join(map(str, res[k][:12])) + (" ..." if len(res[k]) > 12 else ""))
    if not rows:
        print("no gold files in this split", file=sys.stderr)
        return 1
    macro = {k: sum(r[k] for r in rows if k in r) / max(1, sum(1 for r in rows if k in r)) for k in COLUMNS}
    print(f"macro over {len(rows)} articles ({args.split}{f' batch {args.batch}' if args.batch else ''}, {'rules only' if args.no_model else 'rules + model'}): "
          + " ".join(f"{k}={v:.3f}" for k, v in macro.items()))
    if args.json:
        args.json.write_text(json.dumps({"macro": macro, "articles": out}, ensure_ascii=False, indent=1),
                             encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
