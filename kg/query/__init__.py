"""Small pure functions that answer an analyst's questions about a who-said-what graph.

Every function takes the graph built by :mod:`kg.graph` (an ``nx.MultiDiGraph`` whose attributes are all
scalars), never changes it, and gives back plain records (frozen dataclasses or NamedTuples) that
:func:`to_frame` turns into a pandas DataFrame. Names are resolved with :func:`resolve`, so a label
(``"张朝晖"``), an organisation alias (``"平安集团"``), a unique part of a label or a node id all work.
Reading a graph from a file is :func:`kg.read_graph` (:mod:`kg.io`).

>>> G = example_graph()
>>> [(c.speaker, c.text) for c in claims(G, org="平安证券", topic="算力")]
[('张朝晖', '人工智能将推动算力需求持续增长')]

Modules: :mod:`~kg.query.records`, :mod:`~kg.query.resolve`, :mod:`~kg.query.claims`,
:mod:`~kg.query.entities`, :mod:`~kg.query.paths`, :mod:`~kg.query.corpus`, :mod:`~kg.query.frame`,
:mod:`~kg.query.example`.
"""

from __future__ import annotations

from kg.query.claims import claims, timeline
from kg.query.corpus import across_documents, topic_pairs
from kg.query.entities import documents, people, speakers, top_entities, topics_of, who_else
from kg.query.example import example_graph
from kg.query.frame import to_frame
from kg.query.paths import connection, neighbourhood
from kg.query.records import (
    ClaimRecord,
    DocumentRecord,
    PathRecord,
    PersonRecord,
    Ranked,
    SpeakerRecord,
    SpeakerWeight,
    Spread,
    TopicPair,
    TopicWeight,
)
from kg.query.resolve import resolve

__all__ = [
    "ClaimRecord",
    "DocumentRecord",
    "PersonRecord",
    "PathRecord",
    "Ranked",
    "SpeakerRecord",
    "SpeakerWeight",
    "Spread",
    "TopicPair",
    "TopicWeight",
    "across_documents",
    "claims",
    "connection",
    "documents",
    "example_graph",
    "neighbourhood",
    "people",
    "resolve",
    "speakers",
    "timeline",
    "to_frame",
    "top_entities",
    "topic_pairs",
    "topics_of",
    "who_else",
]
