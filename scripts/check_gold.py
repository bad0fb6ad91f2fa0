"""Check gold annotations of corpus articles against the articles' text.

    python scripts/check_gold.py tests/fixtures/finreport/*.json [--corpus ../shared/data/corpus/finreport.jsonl]

For each gold file (format: ../shared/gold/README.md, keyed by the corpus ``id``) it checks that:
every person name, organization name and alias occurs in the text (or title); every claim snippet
occurs in the text exactly (punctuation and spaces ignored) and is 6-40 characters; every claim's speaker
is an annotated person or organization of the matching type; every topic has 2-8 characters, and its
speakers are claim speakers; there are 3-8 topics; nothing is listed twice. Prints one line per
problem and exits 1 when there is any.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PUNCT = re.compile(r"[\s\u3000，。；：、！？“”‘’\"'（）()《》〈〉【】\[\]—…·,.;:!?-]+")


def norm(s: str) -> str:
    return PUNCT.sub("", s or "").lower()


def problems(gold: dict, article: dict) -> list[str]:
    text = article["text"]
    full = article.get("title", "") + "\n" + text
    ntext = norm(full)
    out = []
    people = [p["name"] for p in gold.get("people", [])]
    orgs = [o["name"] for o in gold.get("organizations", [])]
    for kind, names in (("person", people), ("organization", orgs)):
        dup = {n for n in names if names.count(n) > 1}
        out += [f"{kind} listed twice: {n}" for n in sorted(dup)]
    for name in people:
        if norm(name) not in ntext:
            out.append(f"person not in the text: {name}")
    org_forms = set()
    for o in gold.get("organizations", []):
        for form in [o["name"], *o.get("aliases", [])]:
            org_forms.add(form)
            if norm(form) not in ntext:
                out.append(f"organization name or alias not in the text: {form}")
    for p in gold.get("people", []):
        for a in p.get("affiliations", []):
            if not isinstance(a.get("org"), str) or not isinstance(a.get("title"), str):
                out.append(f"{p['name']}: every affiliation needs \"org\" and \"title\" strings (\"\" when the "
                           f"article gives none): {a}")
            if a.get("org") and a["org"] not in org_forms:
                out.append(f"{p['name']}: affiliation org {a['org']!r} is not an annotated organization or alias")
            for form in a.get("org_aliases", []):
                if norm(form) not in ntext:
                    out.append(f"{p['name']}: org alias not in the text: {form}")
            if a.get("title") and norm(a["title"]) not in ntext:
                out.append(f"{p['name']}: title not in the text: {a['title']}")
    speakers = set()
    seen = set()
    for c in gold.get("claims", []):
        sn, sp, st = c.get("snippet", ""), c.get("speaker", ""), c.get("speaker_type")
        speakers.add(sp)
        if c.get("kind") not in ("direct", "indirect"):
            out.append(f"claim kind must be direct or indirect: {c}")
        if st == "person" and sp not in people:
            out.append(f"claim speaker is not an annotated person: {sp}")
        elif st == "organization" and sp not in org_forms:
            out.append(f"claim speaker is not an annotated organization: {sp}")
        elif st not in ("person", "organization"):
            out.append(f"claim speaker_type must be person or organization: {c}")
        if not 6 <= len(sn) <= 40:
            out.append(f"snippet of {len(sn)} characters (8-25 wanted): {sn}")
        if norm(sn) not in norm(text):
            out.append(f"snippet not in the text: {sn}")
        if (sp, sn) in seen:
            out.append(f"claim listed twice: {sp} {sn}")
        seen.add((sp, sn))
    topics = gold.get("topics", [])
    if not 3 <= len(topics) <= 8:
        out.append(f"{len(topics)} topics (3-8 wanted)")
    for t in topics:
        if not 2 <= len(t["name"]) <= 8:
            out.append(f"topic name of {len(t['name'])} characters: {t['name']}")
        if t["name"] in people or t["name"] in org_forms:
            out.append(f"topic is an entity's name: {t['name']}")
        for s in t.get("speakers", []):
            if s not in speakers:
                out.append(f"topic {t['name']}: speaker {s} has no claim")
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("gold", nargs="+", type=Path)
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "data" / "corpus" / "finreport.jsonl")
    args = parser.parse_args()
    articles = {}
    with args.corpus.open(encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            articles[row["id"]] = row
    bad = 0
    for path in args.gold:
        gold = json.loads(path.read_text(encoding="utf-8"))
        article = articles.get(gold.get("doc", ""))
        if article is None:
            print(f"{path}: doc {gold.get('doc')!r} is not a corpus id")
            bad += 1
            continue
        for p in problems(gold, article):
            print(f"{path}: {p}")
            bad += 1
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
