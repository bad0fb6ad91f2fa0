"""Resolving what an analyst types (a label, an alias, part of a label, a node id) to one node id."""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import networkx as nx

from kg.errors import KGError
from kg.graph.schema import ID_PREFIXES, NODE_TYPES
from kg.graph.view import split

__all__ = ["resolve", "resolve_among", "check_type", "SPEAKER_TYPES"]

_TYPE_ALIASES = {"org": "organization", "doc": "document"}
# When a bare name matches nodes of several types, an analyst almost always means the entity.
_TYPE_PRIORITY = {"person": 0, "organization": 0, "topic": 1, "document": 2, "claim": 3}
# Claim texts and document titles contain almost any word: substring matching there only adds noise.
_SUBSTRING_TYPES = ("person", "organization", "topic")
#: The node types that say claims.
SPEAKER_TYPES = ("person", "organization")


def resolve(G: nx.MultiDiGraph, name: str, *, type: str | None = None) -> str:
    """Gives the node id that ``name`` stands for.

    Tried in order: a node id (``"org:平安证券"``, or without its prefix, ``"张朝晖@平安证券"``), an exact
    label, an organisation alias, then a unique part of a person, organisation or topic label
    (case-insensitive from the alias step on). When a label matches several types and no ``type`` is
    given, people and organisations win over topics, topics over documents and claims.

    Args:
        G: The knowledge graph.
        name: A label, alias, part of a label or node id.
        type: Only consider nodes of this type (``person``, ``organization``/``org``, ``topic``,
            ``claim``, ``document``/``doc``).

    Raises:
        KGError: Nothing matches, or several nodes match equally well; the message lists candidates.

    Example:
        >>> G = example_graph()
        >>> resolve(G, "张朝晖"), resolve(G, "平安集团"), resolve(G, "宏观", type="topic")
        ('person:张朝晖@平安证券', 'org:中国平安', 'topic:宏观经济')
    """
    types = (check_type(type),) if type else NODE_TYPES
    return resolve_among(G, name, types)


def check_type(type_: str) -> str:
    """Gives the node type ``type_`` names (``org`` -> ``organization``), or raises KGError."""
    type_ = _TYPE_ALIASES.get(type_, type_)
    if type_ not in NODE_TYPES:
        raise KGError(f"unknown node type {type_!r}; expected one of {', '.join(NODE_TYPES)}")
    return type_


def resolve_among(G: nx.MultiDiGraph, name: str, types: Sequence[str]) -> str:
    """Gives the node id that ``name`` stands for among nodes of ``types`` (see :func:`resolve`)."""
    if not isinstance(name, str) or not name.strip():
        raise KGError(f"cannot look up {name!r}: give a non-empty name, alias or node id")
    name = name.strip()
    wanted = set(types)

    def ok(n: Any) -> bool:
        return G.nodes[n].get("type") in wanted

    for candidate in (name, *(f"{p}:{name}" for p in ID_PREFIXES)):
        if candidate in G and ok(candidate):
            return candidate

    folded = name.casefold()
    steps = (
        lambda n, d: d.get("label") == name,
        lambda n, d: str(d.get("label", "")).casefold() == folded,
        lambda n, d: folded in {a.casefold() for a in split(d.get("aliases"))},
        lambda n, d: d.get("type") in _SUBSTRING_TYPES and folded in str(d.get("label", "")).casefold(),
    )
    for matches in steps:
        found = [n for n, d in G.nodes(data=True) if d.get("type") in wanted and matches(n, d)]
        if not found:
            continue
        best = min(_TYPE_PRIORITY.get(G.nodes[n].get("type"), 9) for n in found)
        found = [n for n in found if _TYPE_PRIORITY.get(G.nodes[n].get("type"), 9) == best]
        if len(found) == 1:
            return found[0]
        shown = ", ".join(sorted(map(str, found))[:10]) + (" …" if len(found) > 10 else "")
        raise KGError(f"{name!r} is ambiguous: it matches {len(found)} nodes ({shown}); pass a node id")
    what = "/".join(types) if len(types) < len(NODE_TYPES) else "node"
    hint = _close_labels(G, name, wanted)
    raise KGError(f"no {what} called {name!r} in the graph" + (f"; did you mean {hint}?" if hint else ""))


def _close_labels(G: nx.MultiDiGraph, name: str, wanted: set[str]) -> str:
    # Shared characters are the cheap, useful similarity for short Chinese names.
    chars = set(name)
    # Claim texts share characters with everything; suggest entities unless only claims/documents are wanted.
    wanted = (wanted & set(_SUBSTRING_TYPES)) or wanted
    scored = {
        label: len(chars & set(label))
        for label in (str(d.get("label", "")) for _, d in G.nodes(data=True) if d.get("type") in wanted)
        if label
    }
    close = sorted((label for label, score in scored.items() if score), key=lambda x: (-scored[x], x))
    return ", ".join(close[:5])
