"""Plain records that the pipeline stages yield and store on the Doc.

Every record holds only ints and strings (character offsets into ``doc.text``,
end exclusive), so docs can be serialised and sent between processes.
"""
from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Entity", "Affiliation", "Mention", "Claim", "PartOf", "ENTITY_LABELS", "ORG_LABELS"]

#: Labels that the entity stage writes to ``doc.ents`` and ``doc._.kg_entities``.
ENTITY_LABELS = ("PERSON", "COMPANY", "ORG", "GOV", "TITLE")
#: The labels that become organization nodes in the graph.
ORG_LABELS = ("COMPANY", "ORG", "GOV")


@dataclass(frozen=True, slots=True)
class Entity:
    """A named entity: character span, label, and which source proposed it."""

    start: int
    end: int
    label: str
    text: str
    source: str = "rule"  # rule | lexicon | model | both
    score: float = 1.0


@dataclass(frozen=True, slots=True)
class Affiliation:
    """Person ``person`` holds ``title`` at ``org`` (either may be empty), seen at [start, end)."""

    person: str
    org: str
    title: str
    start: int
    end: int
    former: bool = False


@dataclass(frozen=True, slots=True)
class Mention:
    """A reference in the text to a canonical entity: a full name, short form or pronoun."""

    start: int
    end: int
    text: str
    target: str  # canonical name
    kind: str  # person | organization
    via: str = "name"  # name | short | pronoun | alias


@dataclass(frozen=True, slots=True)
class PartOf:
    """Organization ``child`` is a part, brand or subsidiary of ``parent``."""

    child: str
    parent: str


@dataclass(frozen=True, slots=True)
class Claim:
    """Something a speaker is reported to say: text span, kind, cue and confidence."""

    speaker: str
    speaker_type: str  # person | organization
    kind: str  # direct | indirect
    cue: str
    text: str
    start: int
    end: int
    confidence: float
    topics: tuple[str, ...] = field(default=())
