"""Person nodes per distinct name for the 30 most-quoted names of two corpus graphs (before / after).

    kg extract ../shared/data/corpus/finreport.jsonl --out /tmp/before --formats json   # at the old commit
    kg extract ../shared/data/corpus/finreport.jsonl --out /tmp/after --formats json    # at the new one
    python scripts/person_nodes.py /tmp/before/graph.json /tmp/after/graph.json

One real person should be one node; a name with several nodes was split (by firm) or is shared by namesakes.
"""
import json, sys
from collections import Counter, defaultdict

def load(path):
    d = json.load(open(path, encoding="utf-8"))
    nodes = {n["id"]: n for n in d["nodes"]}
    links = d.get("links") or d.get("edges")
    said = Counter()
    for l in links:
        if l.get("type") == "said" and nodes.get(l["source"], {}).get("type") == "person":
            said[nodes[l["source"]]["label"]] += 1
    per_name = defaultdict(list)
    for n in nodes.values():
        if n.get("type") == "person":
            per_name[n.get("label") or n.get("name")].append(n["id"])
    return said, per_name

b_said, b_nodes = load(sys.argv[1])
a_said, a_nodes = load(sys.argv[2])
top = [n for n, _ in (b_said + a_said).most_common(30)]
print(f"{'name':14s} quotes(b/a) nodes(b/a)  after-node-ids(firm part)")
for n in top:
    ids = [i.split("@", 1)[1] if "@" in i else "-" for i in a_nodes.get(n, [])]
    print(f"{n:14s} {b_said[n]:4d}/{a_said[n]:<4d} {len(b_nodes.get(n, [])):3d}/{len(a_nodes.get(n, [])):<3d} {','.join(ids)[:80]}")
print("total person nodes", sum(map(len, b_nodes.values())), "->", sum(map(len, a_nodes.values())),
      "; distinct names", len(b_nodes), "->", len(a_nodes))
b_top = sum(len(b_nodes.get(n, [])) for n in top)
a_top = sum(len(a_nodes.get(n, [])) for n in top)
print("person nodes of these 30 names", b_top, "->", a_top)
print("names with >1 node", sum(1 for v in b_nodes.values() if len(v) > 1), "->", sum(1 for v in a_nodes.values() if len(v) > 1))
