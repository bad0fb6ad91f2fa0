"""Precision of kg's speaker -> topic (discusses) edges, which the shared scorer does not measure.

    python scripts/discusses_precision.py dev [BATCH]

Of the discusses edges whose speaker is a gold speaker and whose topic matches a gold topic (the scorer's
topic_match), the share that are gold (speaker, topic) pairs. Edges to topics the gold lacks are not judged.
"""
import sys
import warnings

from finreport_gold import corpus_lines, extract_one, gold_files, load_scorer, SHARED
warnings.simplefilter("ignore")
from kg.nlp import load
ks = load_scorer(SHARED / "tools" / "kgscore.py")
lines = corpus_lines(SHARED / "data" / "corpus" / "finreport.jsonl")
nlp = load()
split = sys.argv[1]; batch = int(sys.argv[2]) if len(sys.argv) > 2 else 0
tot = ok = 0
for gold in gold_files(split, batch):
    g = extract_one(nlp, lines[gold["doc"]])
    speakers = {ks.norm(c["speaker"]) for c in gold["claims"]}
    for u, v, k, d in g.edges(keys=True, data=True):
        if d.get("type") != "discusses":
            continue
        spk = ks.norm(g.nodes[u]["label"]); lab = g.nodes[v]["label"]
        ts = [t for t in gold.get("topics", []) if ks.topic_match(lab, t)]
        if spk not in speakers or not ts:
            continue
        tot += 1
        ok += any(spk in {ks.norm(s) for s in t.get("speakers", [])} for t in ts)
print(f"{split} batch {batch}: discusses edges judged {tot}, gold pairs {ok}, precision {ok / max(1, tot):.2f}")
