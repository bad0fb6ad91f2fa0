"""Evaluation: score a graph against a hand-annotated gold file (``kg eval GRAPH GOLD``).

The gold format is the one in ``shared/gold/README.md``: ``people`` (name, affiliations with org,
title and org aliases), ``organizations`` (name, aliases) and ``claims`` (speaker, kind, snippet,
optional). Scores follow that README:

* people / organizations: precision and recall over names (an organization's aliases count as it);
* affiliations: (person, organization, title) triples, titles matching when one contains the other;
* claims: a predicted claim is right when its speaker matches and its text contains a gold snippet
  (punctuation and spaces ignored); recall counts required (non-optional) gold claims;
* topics (where the gold has them): topic nodes ranked by their ``about`` edges (claims), then by all
  their incoming edges; recall = gold topics matched by one of the first twenty, precision@10 = the share
  of the first ten that match one; speaker-topic recall = gold (speaker, topic) pairs with a
  ``discusses`` edge from that speaker to a matching topic. A label matches a gold topic when it equals or
  contains its name or an alias, or is a part of one at least three characters long.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

from kg.errors import KGError
from kg.records import SEP

__all__ = ["Score", "Evaluation", "evaluate", "read_gold", "format_evaluation", "topic_match"]

_PUNCT = re.compile(r"[\s\u3000，。；：、！？“”‘’\"'（）()《》〈〉【】\[\]—…·,.;:!?-]+")


def _norm(s: object) -> str:
    return _PUNCT.sub("", str(s or "")).lower()


@dataclass(frozen=True)
class Score:
    """Precision, recall and F1 of one part of the evaluation."""

    precision: float
    recall: float

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Evaluation:
    """Scores for people, organizations, affiliations and claims, with what was missed or wrong."""

    people: Score
    organizations: Score
    affiliations: Score
    claims: Score
    errors: dict[str, list[str]] = field(default_factory=dict)
    #: topics (precision@10, recall@20) and speaker-topic recall, where the gold has topics
    topics: Score | None = None
    speaker_topics_recall: float | None = None


def _prf(tp_pred: int, n_pred: int, tp_gold: int, n_gold: int) -> Score:
    if not n_pred and not n_gold:
        return Score(1.0, 1.0)
    return Score(tp_pred / n_pred if n_pred else 0.0, tp_gold / n_gold if n_gold else 1.0)


def read_gold(path: str | Path) -> dict:
    """Gives a gold annotation file's content, checked for the keys the scorer needs."""
    path = Path(path)
    try:
        gold = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise KGError(f"{path}: no such gold file; pass the path of a gold JSON annotation") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise KGError(f"{path}: not a JSON gold file ({exc}); see shared/gold/README.md for the format") from None
    missing = [k for k in ("people", "claims") if k not in gold]
    if missing:
        raise KGError(f"{path}: gold file lacks {', '.join(missing)}; see shared/gold/README.md for the format")
    return gold


def evaluate(g: nx.MultiDiGraph, gold: dict) -> Evaluation:
    """Gives the scores of graph ``g`` against a gold annotation."""
    label = {n: str(d.get("label", n)) for n, d in g.nodes(data=True)}
    ntype = {n: d.get("type") for n, d in g.nodes(data=True)}
    errors: dict[str, list[str]] = {}

    persons = {label[n] for n in g if ntype[n] == "person"}
    gold_people = {p["name"] for p in gold["people"]}
    tp = len(persons & gold_people)
    people = _prf(tp, len(persons), tp, len(gold_people))
    errors["people_missing"] = sorted(gold_people - persons)
    errors["people_extra"] = sorted(persons - gold_people)

    org_names = {label[n]: _norm(label[n]) for n in g if ntype[n] == "organization"}
    gold_orgs = [{_norm(o["name"]), *(_norm(a) for a in o.get("aliases", []))} for o in gold.get("organizations", [])]
    hits = [any(v in o for v in org_names.values()) for o in gold_orgs]
    good = [k for k, v in org_names.items() if any(v in o for o in gold_orgs)]
    organizations = _prf(len(good), len(org_names), sum(hits), len(gold_orgs))
    errors["organizations_missing"] = [o["name"] for o, h in zip(gold.get("organizations", []), hits) if not h]
    errors["organizations_extra"] = sorted(set(org_names) - set(good))

    pred_aff = {(label[u], label[v], str(d.get("title", "") or "")) for u, v, d in g.edges(data=True)
                if d.get("type") == "affiliated_with" and ntype.get(u) == "person"}
    gold_aff = [(p["name"], {_norm(a["org"]), *(_norm(x) for x in a.get("org_aliases", []))}, _norm(a.get("title", "")))
                for p in gold["people"] for a in p.get("affiliations", [])]

    def title_ok(t: str, gt: str) -> bool:
        return bool(t) and (t == gt or t in gt or gt in t)

    def aff_match(pa: tuple[str, str, str], ga: tuple[str, set[str], str]) -> bool:
        if pa[0] != ga[0] or _norm(pa[1]) not in ga[1]:
            return False
        return not ga[2] or title_ok(_norm(pa[2]), ga[2])

    person_titles = {label[n]: [_norm(t) for t in str(d.get("title", "") or "").split(SEP) if t]
                     for n, d in g.nodes(data=True) if ntype[n] == "person"}
    matched = {i for i, (name, orgs, title) in enumerate(gold_aff)
               if orgs == {""} and any(title_ok(t, title) for t in person_titles.get(name, []))}
    good_aff = 0
    for pa in pred_aff:
        hit = [i for i, ga in enumerate(gold_aff) if aff_match(pa, ga)]
        if hit:
            good_aff += 1
            matched.update(hit)
    affiliations = _prf(good_aff, len(pred_aff), len(matched), len(gold_aff))
    errors["affiliations_missing"] = [f"{a[0]}|{sorted(a[1])[0]}|{a[2]}" for i, a in enumerate(gold_aff) if i not in matched]
    errors["affiliations_wrong"] = sorted("|".join(pa) for pa in pred_aff if not any(aff_match(pa, ga) for ga in gold_aff))

    alias = {}
    for o in gold.get("organizations", []):
        for a in (o["name"], *o.get("aliases", [])):
            alias[_norm(a)] = _norm(o["name"])

    def canon(name: str) -> str:
        return alias.get(_norm(name), _norm(name))

    pred_claims = [(label[u], _norm(g.nodes[v].get("text", ""))) for u, v, d in g.edges(data=True)
                   if d.get("type") == "said" and ntype.get(u) in ("person", "organization") and ntype.get(v) == "claim"]
    gold_claims = gold["claims"]
    required = {i for i, c in enumerate(gold_claims) if not c.get("optional")}
    hit_gold: set[int] = set()
    good_claims = 0
    wrong = []
    for spk, text in pred_claims:
        hit = [i for i, c in enumerate(gold_claims) if canon(c["speaker"]) == canon(spk) and _norm(c["snippet"]) in text]
        if hit:
            good_claims += 1
            hit_gold.update(hit)
        else:
            wrong.append(f"{spk}: {text[:40]}")
    claims = _prf(good_claims, len(pred_claims), len(hit_gold & required), len(required))
    errors["claims_missing"] = [f"{gold_claims[i]['speaker']}: {gold_claims[i]['snippet']}" for i in sorted(required - hit_gold)]
    errors["claims_wrong"] = wrong
    ev = Evaluation(people, organizations, affiliations, claims, errors)
    if gold.get("topics"):
        _score_topics(g, gold, label, ntype, ev)
    return ev


def topic_match(pred: str, gold_topic: dict) -> bool:
    """A predicted topic label matches a gold topic: equal to or containing its name or an alias, or a part
    of one that is at least 3 characters long (punctuation and case ignored)."""
    t = _norm(pred)
    if len(t) < 2:
        return False
    for form in (gold_topic["name"], *gold_topic.get("aliases", [])):
        f = _norm(form)
        if f and (t == f or f in t or (len(t) >= 3 and t in f)):
            return True
    return False


def _score_topics(g: nx.MultiDiGraph, gold: dict, label: dict, ntype: dict, ev: Evaluation) -> None:
    topics = [n for n in g if ntype[n] == "topic"]
    n_claims = dict.fromkeys(topics, 0)
    n_links = dict.fromkeys(topics, 0)
    discusses = set()
    for u, v, d in g.edges(data=True):
        if v in n_claims:
            n_links[v] += 1
            if d.get("type") == "about":
                n_claims[v] += 1
        if d.get("type") == "discusses" and ntype.get(v) == "topic":
            discusses.add((_norm(label[u]), v))
    gt = gold["topics"]
    ranked = sorted(topics, key=lambda n: (-n_claims[n], -n_links[n], label[n]))
    hit = [any(topic_match(label[n], t) for n in ranked[:20]) for t in gt]
    top = ranked[:10]
    good = [n for n in top if any(topic_match(label[n], t) for t in gt)]
    pairs = [(s, t) for t in gt for s in t.get("speakers", [])]
    pair_hit = [any(spk == _norm(s) and topic_match(label[v], t) for spk, v in discusses) for s, t in pairs]
    ev.topics = Score(len(good) / len(top) if top else 0.0, sum(hit) / len(gt))
    ev.speaker_topics_recall = sum(pair_hit) / len(pairs) if pairs else 1.0
    ev.errors["topics_missing"] = [t["name"] for t, h in zip(gt, hit) if not h]
    ev.errors["topics_top10_unmatched"] = [label[n] for n in top if n not in good]
    ev.errors["speaker_topics_missing"] = [f"{s}|{t['name']}" for (s, t), h in zip(pairs, pair_hit) if not h]


def format_evaluation(ev: Evaluation, *, details: bool = True) -> str:
    """Gives a human-readable report of an evaluation."""
    lines = [f"{'':14s} {'P':>5s} {'R':>5s} {'F1':>5s}"]
    for name in ("people", "organizations", "affiliations", "claims"):
        s: Score = getattr(ev, name)
        lines.append(f"{name:14s} {s.precision:5.2f} {s.recall:5.2f} {s.f1:5.2f}")
    if ev.topics is not None:
        lines.append(f"{'topics':14s} {ev.topics.precision:5.2f} {ev.topics.recall:5.2f} {ev.topics.f1:5.2f}"
                     "  (P@10, R@20)")
        lines.append(f"{'speaker-topic':14s} {'':5s} {ev.speaker_topics_recall:5.2f}")
    if details:
        for k, v in ev.errors.items():
            if v:
                lines.append(f"{k}: " + "; ".join(v[:15]) + (" …" if len(v) > 15 else ""))
    return "\n".join(lines)
