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
import importlib.util
import json
import sys
import tempfile
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
GOLD = ROOT / "tests" / "fixtures" / "finreport"
COLUMNS = ("people", "orgs", "affil", "claims_p", "claims_r", "topic_p10", "topic_r", "spk_topic_r")


def _scorer(path: Path):
    spec = importlib.util.spec_from_file_location("kgscore", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _row(res: dict) -> dict[str, float]:
    row = {"people": res["people"][2], "orgs": res["organizations"][2], "affil": res["affiliations"][2],
           "claims_p": res["claims"][0], "claims_r": res["claims"][1]}
    if "topics" in res:
        row.update(topic_p10=res["topics"][0], topic_r=res["topics"][1], spk_topic_r=res["speaker_topics_recall"])
    return row


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", choices=("dev", "heldout", "all"), default="dev")
    parser.add_argument("--corpus", type=Path, default=SHARED / "data" / "corpus" / "finreport.jsonl")
    parser.add_argument("--scorer", type=Path, default=SHARED / "tools" / "kgscore.py")
    parser.add_argument("--no-model", action="store_true", help="rules only")
    parser.add_argument("--details", action="store_true", help="print what each article missed and got wrong")
    parser.add_argument("--json", type=Path, default=None, help="also write per-article scores to this file")
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    for path, what in ((args.corpus, "--corpus"), (args.scorer, "--scorer")):
        if not path.is_file():
            print(f"score_finreport: {path}: not found; put ../shared beside the project or pass {what}",
                  file=sys.stderr)
            return 2

    from kg.io import write_graphml
    from kg.nlp import load
    from kg.run import run

    kgscore = _scorer(args.scorer)
    split = {o["id"]: o for o in json.loads((GOLD / "SPLIT.json").read_text(encoding="utf-8"))}
    lines = {}
    with args.corpus.open(encoding="utf-8") as f:
        for line in f:
            lines[json.loads(line)["id"]] = line
    nlp = load(model=not args.no_model)
    rows, out = [], {}
    for path in sorted(GOLD.glob("finreport-*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        for person in gold.get("people", []):  # the shared scorer needs both keys (check_gold.py insists too)
            for a in person.get("affiliations", []):
                a.setdefault("org", "")
                a.setdefault("title", "")
        doc = gold["doc"]
        if args.split != "all" and split.get(doc, {}).get("split") != args.split:
            continue
        with tempfile.TemporaryDirectory() as tmp:
            src = Path(tmp) / "article.jsonl"
            src.write_text(lines[doc], encoding="utf-8")
            graph = run([src], nlp=nlp).graph
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
    print(f"macro over {len(rows)} articles ({args.split}, {'rules only' if args.no_model else 'rules + model'}): "
          + " ".join(f"{k}={v:.3f}" for k, v in macro.items()))
    if args.json:
        args.json.write_text(json.dumps({"macro": macro, "articles": out}, ensure_ascii=False, indent=1),
                             encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
