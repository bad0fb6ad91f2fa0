"""Every record that crosses a room: plain data, no behaviour beyond small views of itself.

Files -> :class:`Document` (or :class:`Skipped`) -> the spaCy pipeline, whose stages talk through
``doc._.kg_*`` extensions holding :class:`Word`, :class:`Entity`, :class:`Affiliation`,
:class:`Mention`, :class:`PartOf` and :class:`Claim` -> one :class:`DocResult` per document -> the
graph. Every record holds only ints, floats and strings (character offsets into the document's text,
end exclusive), so results can be pickled, stored and sent between processes. This module imports
nothing from kg and nothing outside the standard library.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["Document", "Skipped", "Word", "Entity", "Affiliation", "Mention", "Claim", "PartOf", "Theme", "DocResult",
           "ExtractReport", "ENTITY_LABELS", "ORG_LABELS", "SEP", "NAME_DOTS"]

#: The separator of several values in one string attribute (titles, aliases, topics, categories).
SEP = "；"
#: The middle dots that join the parts of a transliterated name (格温·肖特韦尔); the first is the one kg writes.
NAME_DOTS = "·‧•・"

#: Labels that the entity stage writes to ``doc.ents`` and ``doc._.kg_entities``.
ENTITY_LABELS = ("PERSON", "COMPANY", "ORG", "GOV", "TITLE")
#: The labels that become organization nodes in the graph.
ORG_LABELS = ("COMPANY", "ORG", "GOV")


@dataclass(frozen=True, slots=True)
class Document:
    """One article: its text, metadata and where it came from."""

    id: str  # file name, relative path under a folder input, or the JSONL "id" (fallback "file#line")
    text: str  # the body, one paragraph per line; all offsets downstream index into this
    title: str = ""
    date: str = ""  # ISO 8601 (kg.ingest.dates.normalize_date), or as the source wrote it when unreadable
    author: str = ""
    categories: tuple[str, ...] = ()
    source: str = ""  # outlet / publisher when known
    path: str = ""  # file path, or "file:line" for a JSONL record
    format: str = ""  # archive | text | html | jsonl
    url: str = ""


@dataclass(frozen=True, slots=True)
class Skipped:
    """An input that gave no document, and why."""

    source: str  # file, "file:line" for a JSONL record, or the input as given
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


class Word(NamedTuple):
    """A jieba word with its character offsets and POS flag (set by the tokenizer)."""

    start: int
    end: int
    text: str
    tag: str


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
    #: ``title`` split into its separate posts (董事长兼总经理 -> 董事长, 总经理), by the binding stage
    titles: tuple[str, ...] = ()


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
    # how kg_claims found it, for a later calibration of ``confidence``: "rule=…" (indirect, pronoun, org, frame,
    # source, colon, continue, neighbour), "speaker=…" (the mention's via), "cue=strong|weak|form", "gap=N"
    # (characters from the speaker's name to the claim, -1 where no name stands), "headline"
    signals: tuple[str, ...] = field(default=())
    # the other document themes its speaker discusses (named by it beyond ``topics``, by its sentence or its
    # paragraph): the graph's speaker -> topic ``discusses`` edges, set by kg_topics
    context_topics: tuple[str, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class Theme:
    """A theme of the whole document (货币政策): how often the text names it, the broader theme it is filed
    under ("" for none), and the full name the text writes most."""

    name: str
    count: int
    broader: str = ""
    form: str = ""  # the full name the text writes most (资本支出 for 资本开支); "" when it is ``name``


_RECORD_LISTS = {"affiliations": Affiliation, "part_of": PartOf, "mentions": Mention, "claims": Claim,
                 "topics": Theme}


@dataclass
class DocResult:
    """Everything the pipeline found in one document, as plain picklable records."""

    doc_id: str
    title: str = ""
    date: str = ""
    source: str = ""
    path: str = ""
    author: str = ""
    categories: str = ""  # SEP-joined
    url: str = ""  # the article's source URL when the input gives one
    people: dict[str, str] = field(default_factory=dict)  # name -> SEP-joined titles
    orgs: dict[str, str] = field(default_factory=dict)  # canonical name -> label
    aliases: dict[str, str] = field(default_factory=dict)  # short form -> canonical name
    affiliations: list[Affiliation] = field(default_factory=list)
    part_of: list[PartOf] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    topics: list[Theme] = field(default_factory=list)  # the document's themes, most salient first

    def org_surfaces(self, name: str) -> Counter[str]:
        """Gives how often this document writes each full form of an organization's name."""
        return Counter(m.text for m in self.mentions
                       if m.kind == "organization" and m.target == name and m.via != "short")

    def to_dict(self) -> dict[str, Any]:
        """Gives the result as JSON-ready builtins (lists for tuples); :meth:`from_dict` inverts it."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DocResult:
        """Gives the result that :meth:`to_dict` wrote (tuples restored)."""
        data = dict(data)
        for key, record in _RECORD_LISTS.items():
            data[key] = [record(**{k: tuple(v) if isinstance(v, list) else v for k, v in item.items()})
                         for item in data.get(key, ())]
        return cls(**data)


@dataclass
class ExtractReport:
    """What a run produced: the graph, the per-document records, and what was skipped and why."""

    graph: nx.MultiDiGraph
    #: a list, or for a run with a store the store's :class:`~kg.store.RunResults` (read from disk on demand)
    results: Sequence[DocResult] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    characters: int = 0
    seconds: float = 0.0
    from_store: int = 0  # documents whose records came from a store (kg.store) instead of the pipeline
    #: one line each about an input that was read but changed on the way, such as a document whose id
    #: another document of the run already had (kept under a distinct id)
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> dict[str, int | float]:
        """Gives the counts a user sees at the end of a run."""
        types = Counter(t for _, t in self.graph.nodes(data="type"))
        return {"documents": len(self.results), "skipped": len(self.skipped), "people": types["person"],
                "organizations": types["organization"], "claims": types["claim"], "topics": types["topic"],
                "characters": self.characters, "seconds": round(self.seconds, 2), "from_store": self.from_store}
