"""Builds the graph: per-document records in, one ``nx.MultiDiGraph`` of people, firms, claims and topics out.

Node ids are canonical keys (``person:张朝晖@平安证券``, ``org:平安证券``, ``topic:人工智能``,
``claim:<doc>#<n>``, ``doc:<doc>``); every attribute is a scalar so the graph writes to GraphML
unchanged. Who is the same person across documents is decided in :mod:`kg.graph.people`.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

import networkx as nx

from kg.graph.people import People
from kg.records import SEP, DocResult

__all__ = ["build_graph"]

#: what every country calls its central bank (kg/resources/country_aliases.txt resolves it to one by the
#: country the sentence is about): no name of its own, never a node's label (the graph room reads no
#: lexicon files)
_CENTRAL_BANK = frozenset({"央行", "中央银行"})


def _append(attrs: dict, key: str, values: Iterable[str]) -> None:
    have = [v for v in str(attrs.get(key, "") or "").split(SEP) if v]
    for v in values:
        if v and v not in have:
            have.append(v)
    attrs[key] = SEP.join(have)


def build_graph(results: Iterable[DocResult], *, min_confidence: float = 0.0) -> nx.MultiDiGraph:
    """Gives the who-said-what graph of the documents' records (see the module docstring).

    Args:
        results: one record per document: a list, or any collection that can be iterated more than
            once (such as :class:`kg.store.RunResults`, read from disk on each pass, so only the graph
            itself is held in memory); a one-shot iterator is read into a list first.
        min_confidence: leave out claims whose confidence is below this (0 keeps every claim); claim
            ids keep their place in the document either way (``claim:<doc>#<n>``).
    """
    if iter(results) is results:  # a one-shot iterator: People and the loop below each walk the results
        results = list(results)
    g = nx.MultiDiGraph()
    people = People(results)
    discusses: Counter[tuple[str, str]] = Counter()
    surfaces: defaultdict[str, Counter[str]] = defaultdict(Counter)
    topic_forms: defaultdict[str, Counter[str]] = defaultdict(Counter)

    def org_node(name: str, label: str = "ORG") -> str:
        nid = f"org:{name}"
        if nid not in g:
            g.add_node(nid, type="organization", label=name, org_type=label, aliases="", mentions=0)
        return nid

    def topic_node(name: str) -> str:
        nid = f"topic:{name}"
        if nid not in g:
            g.add_node(nid, type="topic", label=name, mentions=0)
        return nid

    for r in results:
        did = f"doc:{r.doc_id}"
        g.add_node(did, type="document", label=r.title or r.doc_id, title=r.title, date=r.date,
                   source=r.source, path=r.path, author=r.author, categories=r.categories, url=r.url)
        for name, label in r.orgs.items():
            org_node(name, label)
            surfaces[name].update(r.org_surfaces(name))
        for short, name in r.aliases.items():
            _append(g.nodes[org_node(name, r.orgs.get(name, "ORG"))], "aliases", [short])
        for link in r.part_of:
            a, b = org_node(link.child, r.orgs.get(link.child, "COMPANY")), org_node(link.parent, "COMPANY")
            if not g.has_edge(a, b, key="part_of"):
                g.add_edge(a, b, key="part_of", type="part_of")
        pid = {name: people.node_id(r, name) for name in r.people}
        for name, titles in r.people.items():
            nid = pid[name]
            if nid not in g:
                g.add_node(nid, type="person", label=people.name(name), title="", orgs="", mentions=0)
            _append(g.nodes[nid], "title", titles.split(SEP))
        for a in r.affiliations:
            nid = pid.get(a.person)
            if nid is None:
                continue
            _append(g.nodes[nid], "title", [("原" if a.former else "") + t for t in a.titles])
            if a.org:
                oid = org_node(a.org, r.orgs.get(a.org, "COMPANY"))
                _append(g.nodes[nid], "orgs", [a.org])
                key = f"affiliated_with:{a.title}"
                if not g.has_edge(nid, oid, key=key):
                    g.add_edge(nid, oid, key=key, type="affiliated_with", title=a.title, former=a.former,
                               doc=r.doc_id)
        counts: Counter[str] = Counter()
        for m in r.mentions:
            nid = pid.get(m.target) if m.kind == "person" else f"org:{m.target}"
            if nid is None:
                continue
            if m.kind == "organization":
                org_node(m.target, r.orgs.get(m.target, "ORG"))
            counts[nid] += 1
        for nid, n in counts.items():
            g.nodes[nid]["mentions"] = int(g.nodes[nid].get("mentions", 0)) + n
            g.add_edge(nid, did, key="mentioned_in", type="mentioned_in", count=n)
        for theme in r.topics:  # the document's themes, named in it whether or not anyone is quoted on them
            tid = topic_node(theme.name)
            topic_forms[tid][theme.form or theme.name] += theme.count
            g.add_edge(did, tid, key="covers", type="covers", weight=theme.count)
            if theme.broader and theme.broader != theme.name:
                bid = topic_node(theme.broader)
                if not g.has_edge(tid, bid, key="broader"):
                    g.add_edge(tid, bid, key="broader", type="broader")
        for i, c in enumerate(r.claims):
            if round(float(c.confidence), 3) < min_confidence:  # as the node writes it
                continue
            speaker = pid.get(c.speaker) if c.speaker_type == "person" else org_node(c.speaker, r.orgs.get(c.speaker, "ORG"))
            if speaker is None:
                continue
            cid = f"claim:{r.doc_id}#{i}"
            g.add_node(cid, type="claim", label=c.text[:24] + ("…" if len(c.text) > 24 else ""), text=c.text,
                       kind=c.kind, cue=c.cue, doc=r.doc_id, start=c.start, end=c.end,
                       confidence=round(float(c.confidence), 3), speaker=g.nodes[speaker]["label"],
                       speaker_type=c.speaker_type, date=r.date, topics=SEP.join(c.topics), url=r.url)
            g.add_edge(speaker, cid, key="said", type="said", doc=r.doc_id)
            for t in c.topics:
                tid = topic_node(t)
                g.nodes[tid]["mentions"] += 1
                g.add_edge(cid, tid, key="about", type="about")
            for t in dict.fromkeys((*c.topics, *c.context_topics)):  # the themes named in it or around it
                discusses[(speaker, topic_node(t))] += 1
    # an organization's label is the fullest form the articles write (中国证监会 over 证监会, 中金公司 over
    # 中金; 上交所 where only that is written), Chinese before Latin, then the form written most; what
    # every country calls its central bank (央行) is no name: the bank it resolved to is the label
    for name, forms in surfaces.items():
        node = g.nodes[f"org:{name}"]
        named = Counter({f: n for f, n in forms.items() if f not in _CENTRAL_BANK or f == name})
        if forms and not named:
            named[name] = 1
        best = max(named, key=lambda f: (not f.isascii(), len(f), named[f], f), default=name)
        if best != node["label"]:
            _append(node, "aliases", [node["label"]])
            node["label"] = best
        _append(node, "aliases", [f for f in forms if f != best])
    # a topic's label is the full name the articles write most (资本支出 or 资本开支), the canonical one on
    # a tie; claims list their topics by label
    relabel = {}
    for tid, forms in topic_forms.items():
        node = g.nodes[tid]
        best = max(forms, key=lambda f: (forms[f], f == node["label"], f))
        if best != node["label"]:
            node["aliases"] = node["label"]  # the canonical name stays on the node
            relabel[node["label"]] = best
            node["label"] = best
    if relabel:
        for _, d in g.nodes(data=True):
            if d["type"] == "claim" and d["topics"]:
                d["topics"] = SEP.join(relabel.get(t, t) for t in d["topics"].split(SEP))
    for (speaker, tid), n in discusses.items():
        g.add_edge(speaker, tid, key="discusses", type="discusses", weight=n)
    return g
