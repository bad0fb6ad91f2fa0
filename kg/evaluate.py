"""Evaluation: score a graph against a hand-annotated gold file (``kg eval GRAPH GOLD``).

The gold format is the one in ``shared/gold/README.md``: ``people`` (name, affiliations with org,
title and org aliases), ``organizations`` (name, aliases) and ``claims`` (speaker, kind, snippet,
optional). Scores follow that README:

* people / organizations: precision and recall over names (an organization's aliases count as it);
* affiliations: (person, organization, title) triples, titles matching when one contains the other;
* claims: a predicted claim is right when its speaker matches and its text contains a gold snippet
  (punctuation and spaces ignored); recall counts required (non-optional) gold claims.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

from kg.errors import KGError
from kg.records import SEP

__all__ = ["Score", "Evaluation", "evaluate", "read_gold", "format_evaluation"]

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
    return Evaluation(people, organizations, affiliations, claims, errors)


def format_evaluation(ev: Evaluation, *, details: bool = True) -> str:
    """Gives a human-readable report of an evaluation."""
    lines = [f"{'':14s} {'P':>5s} {'R':>5s} {'F1':>5s}"]
    for name in ("people", "organizations", "affiliations", "claims"):
        s: Score = getattr(ev, name)
        lines.append(f"{name:14s} {s.precision:5.2f} {s.recall:5.2f} {s.f1:5.2f}")
    if details:
        for k, v in ev.errors.items():
            if v:
                lines.append(f"{k}: " + "; ".join(v[:15]) + (" …" if len(v) > 15 else ""))
    return "\n".join(lines)
