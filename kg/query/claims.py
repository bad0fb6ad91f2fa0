"""Claims: who said what, filtered by speaker, firm, topic, document and kind; one speaker's timeline."""
from __future__ import annotations

from typing import Any

import networkx as nx

from kg.errors import KGError
from kg.graph.view import in_edges, label, node_type, speakers, split, topic_labels, unique
from kg.query.records import ClaimRecord
from kg.query.resolve import SPEAKER_TYPES, resolve_among

__all__ = ["claims", "timeline", "claim_speakers", "claim_topics", "org_members", "org_parts"]

_KINDS = ("direct", "indirect")


def org_members(
    G: nx.MultiDiGraph, org: str, *, include_parts: bool, include_former: bool
) -> dict[str, list[tuple[str, dict[str, Any]]]]:
    """Gives, for each person affiliated with ``org`` (or its parts) to their (org, edge data) affiliations."""
    orgs = org_parts(G, org) if include_parts else [org]
    members: dict[str, list[tuple[str, dict[str, Any]]]] = {}
    for o in orgs:
        for person, d in in_edges(G, o, "affiliated_with"):
            members.setdefault(person, []).append((o, d))
    if not include_former:
        members = {p: aff for p, aff in members.items() if any(not d.get("former", False) for _, d in aff)}
        members = {p: [(o, d) for o, d in aff if not d.get("former", False)] for p, aff in members.items()}
    return members


def org_parts(G: nx.MultiDiGraph, org: str) -> list[str]:
    """Gives ``org`` and every organisation that is (transitively) ``part_of`` it, org first."""
    seen = [org]
    i = 0
    while i < len(seen):
        for child, _ in in_edges(G, seen[i], "part_of"):
            if child not in seen:
                seen.append(child)
        i += 1
    return seen


def claim_speakers(G: nx.MultiDiGraph, c: str) -> list[str]:
    """Gives a claim's speakers, people before organisations (a claim said by a person and their firm is the
    person's claim first)."""
    return sorted(speakers(G, c), key=lambda u: (node_type(G, u) != "person", str(u)))


def claim_topics(G: nx.MultiDiGraph, c: str) -> tuple[str, ...]:
    """Gives a claim's topics: those stored on it, then those its ``about`` edges point to."""
    stored = split(G.nodes[c].get("topics"))
    linked = topic_labels(G, c)
    return tuple(unique([*stored, *sorted(linked)]))


def _claim_record(G: nx.MultiDiGraph, c: str) -> ClaimRecord:
    d = G.nodes[c]
    speakers_ = claim_speakers(G, c)
    if speakers_:
        s = speakers_[0]
        speaker, speaker_type = label(G, s), node_type(G, s)
        if speaker_type == "person":
            title, org = str(G.nodes[s].get("title", "")), str(G.nodes[s].get("orgs", ""))
        else:
            title, org = "", speaker
    else:  # a claim without a said edge still carries its speaker's label
        speaker, speaker_type = str(d.get("speaker", "")), str(d.get("speaker_type", ""))
        title, org = "", ""
    return ClaimRecord(
        speaker=speaker,
        speaker_type=speaker_type,
        title=title,
        org=org,
        kind=str(d.get("kind", "")),
        cue=str(d.get("cue", "")),
        text=str(d.get("text", "")),
        topics=claim_topics(G, c),
        doc=str(d.get("doc", "")),
        date=str(d.get("date", "") or ""),
        start=int(d.get("start", 0) or 0),
        end=int(d.get("end", 0) or 0),
        confidence=float(d.get("confidence", 0.0) or 0.0),
        node=str(c),
    )


def _claim_order(r: ClaimRecord) -> tuple[Any, ...]:
    # Undated claims go last: a timeline that opens with unknown dates reads as wrong.
    return (r.date == "", r.date, r.doc, r.start, r.node)


def _doc_node(G: nx.MultiDiGraph, doc: str) -> str:
    if f"doc:{doc}" in G and node_type(G, f"doc:{doc}") == "document":
        return f"doc:{doc}"
    return resolve_among(G, doc, ("document",))


def claims(
    G: nx.MultiDiGraph,
    *,
    speaker: str | None = None,
    org: str | None = None,
    topic: str | None = None,
    doc: str | None = None,
    kind: str | None = None,
) -> list[ClaimRecord]:
    """Gives the claims that pass every filter given, sorted by date, document and offset.

    Args:
        G: The knowledge graph.
        speaker: Only claims said by this person or organisation (the organisation's own claims, not
            its people's; use ``org`` for those).
        org: Only claims said by this organisation, its parts (``part_of``) or the people currently
            affiliated with either.
        topic: Only claims about this topic.
        doc: Only claims from this document (document id, node id or title).
        kind: ``"direct"`` or ``"indirect"``.

    Returns:
        One :class:`ClaimRecord` per claim; undated claims come last.

    Raises:
        KGError: A name cannot be resolved or ``kind`` is not allowed.

    Example:
        >>> G = example_graph()
        >>> [(c.date, c.speaker, c.kind) for c in claims(G, topic="人工智能")]
        [('2024-03-01', '张朝晖', 'direct'), ('2024-03-05', '张平', 'direct')]
    """
    if kind is not None and kind not in _KINDS:
        raise KGError(f"unknown claim kind {kind!r}; expected one of {', '.join(_KINDS)}")
    said_by: set[str] | None = None
    if speaker is not None:
        said_by = {resolve_among(G, speaker, SPEAKER_TYPES)}
    if org is not None:
        o = resolve_among(G, org, ("organization",))
        members = set(org_parts(G, o)) | set(org_members(G, o, include_parts=True, include_former=False))
        said_by = members if said_by is None else said_by & members
    topic_label = label(G, resolve_among(G, topic, ("topic",))) if topic is not None else None
    doc_id = None
    if doc is not None:
        node = _doc_node(G, doc)
        doc_id = node.removeprefix("doc:")

    found = []
    for c, d in G.nodes(data=True):
        if d.get("type") != "claim":
            continue
        if kind is not None and d.get("kind") != kind:
            continue
        if doc_id is not None and str(d.get("doc", "")).removeprefix("doc:") != doc_id:
            continue
        if said_by is not None and not said_by.intersection(claim_speakers(G, c)):
            continue
        if topic_label is not None and topic_label not in claim_topics(G, c):
            continue
        found.append(_claim_record(G, c))
    return sorted(found, key=_claim_order)


def timeline(G: nx.MultiDiGraph, person: str) -> list[ClaimRecord]:
    """Gives one speaker's claims in date order (undated last).

    Args:
        G: The knowledge graph.
        person: A person (or organisation) name, alias or node id.

    Example:
        >>> for c in timeline(example_graph(), "张朝晖"):
        ...     print(c.date, c.text)
        2024-03-01 人工智能将推动算力需求持续增长
        2024-03-05 宏观经济稳中向好
    """
    return claims(G, speaker=person)
