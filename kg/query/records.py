"""The plain records the queries give back (frozen dataclasses and NamedTuples), one row each in
:func:`kg.query.to_frame`."""
from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

__all__ = ["ClaimRecord", "SpeakerRecord", "PersonRecord", "DocumentRecord", "TopicWeight", "SpeakerWeight", "Ranked",
           "PathRecord", "Spread", "TopicPair"]


@dataclass(frozen=True, slots=True)
class ClaimRecord:
    """One claim with its speaker: who (``speaker``, ``title``, ``org``) said what, where and when."""

    speaker: str
    speaker_type: str  # person | organization
    title: str
    org: str
    kind: str  # direct | indirect
    cue: str
    text: str
    topics: tuple[str, ...]
    doc: str
    date: str
    start: int
    end: int
    confidence: float
    node: str


@dataclass(frozen=True, slots=True)
class SpeakerRecord:
    """A person affiliated with an organisation, with their titles there and how often they speak."""

    name: str
    title: str
    org: str
    claims: int
    mentions: int
    former: bool
    node: str


@dataclass(frozen=True, slots=True)
class PersonRecord:
    """A person of the graph: titles and firms ("；"-joined), claims, mentions and documents."""

    name: str
    title: str
    orgs: str
    claims: int
    mentions: int
    documents: int
    node: str


@dataclass(frozen=True, slots=True)
class DocumentRecord:
    """A document of the graph with how many claims, people and firms it contributed."""

    doc: str
    title: str
    date: str
    source: str
    claims: int
    people: int
    organizations: int
    node: str


class TopicWeight(NamedTuple):
    """A topic and how many of a speaker's claims are about it."""

    topic: str
    weight: int


class SpeakerWeight(NamedTuple):
    """A speaker and how many of their claims are about a topic."""

    speaker: str
    speaker_type: str
    weight: int
    node: str


class Ranked(NamedTuple):
    """An entity's display label and the value it was ranked by."""

    label: str
    value: int


@dataclass(frozen=True, slots=True)
class PathRecord:
    """One shortest path between two nodes: the hops, the relations between them and a readable line."""

    source: str
    target: str
    length: int
    via: tuple[str, ...]
    relations: tuple[str, ...]
    nodes: tuple[str, ...]
    text: str


class Spread(NamedTuple):
    """An entity and the documents it appears in."""

    label: str
    type: str
    documents: int
    titles: tuple[str, ...]
    node: str


class TopicPair(NamedTuple):
    """Two topics (in code-point order) and how many claims or speakers they share."""

    a: str
    b: str
    shared: int
