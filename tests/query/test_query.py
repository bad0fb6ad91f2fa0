"""Tests for kg.query over the package's demo graph and small hand-built graphs."""

from __future__ import annotations

import copy
import doctest
import importlib
import pkgutil
import sys

import networkx as nx
import pytest

import kg.query
from kg.errors import KGError
from kg.query import (
    ClaimRecord,
    PathRecord,
    Ranked,
    SpeakerRecord,
    SpeakerWeight,
    TopicWeight,
    claims,
    connection,
    example_graph,
    neighbourhood,
    resolve,
    speakers,
    timeline,
    to_frame,
    top_entities,
    topics_of,
    who_else,
)

ZHANG = "person:张朝晖@平安证券"
ZHONG = "person:钟正生@平安证券"
PING = "person:张平@华为云"


@pytest.fixture
def G() -> nx.MultiDiGraph:
    return example_graph()


def _twins() -> nx.MultiDiGraph:
    """Two people called 张伟 at different firms, plus a topic and an org that share a label."""
    G = nx.MultiDiGraph()
    for org in ("甲证券", "乙基金"):
        G.add_node(f"org:{org}", type="organization", label=org, org_type="COMPANY", aliases="", mentions=1)
        G.add_node(f"person:张伟@{org}", type="person", label="张伟", title="分析师", orgs=org, mentions=1)
        G.add_edge(f"person:张伟@{org}", f"org:{org}", type="affiliated_with", title="分析师", former=False)
    G.add_node("org:华为", type="organization", label="华为", org_type="COMPANY", aliases="", mentions=1)
    G.add_node("topic:华为", type="topic", label="华为", mentions=1)
    return G


def _snapshot(G: nx.MultiDiGraph) -> tuple:
    return (
        copy.deepcopy(dict(G.graph)),
        [(n, dict(d)) for n, d in G.nodes(data=True)],
        [(u, v, k, dict(d)) for u, v, k, d in G.edges(keys=True, data=True)],
    )


# --------------------------------------------------------------------------------------- example graph


def test_example_graph_follows_the_schema(G):
    node_types = {"person", "organization", "topic", "claim", "document"}
    edge_types = {"affiliated_with", "said", "about", "discusses", "part_of", "mentioned_in"}
    for _, d in G.nodes(data=True):
        assert d["type"] in node_types and d["label"]
        assert all(isinstance(v, (str, int, float, bool)) for v in d.values())
    for _, _, d in G.edges(data=True):
        assert d["type"] in edge_types
        assert all(isinstance(v, (str, int, float, bool)) for v in d.values())


MODULES = ["kg.query", *(f"kg.query.{m.name}" for m in pkgutil.iter_modules(kg.query.__path__))]


@pytest.mark.parametrize("name", MODULES)
def test_doctests_pass(name):
    # The examples are written against the public API, as an analyst would call it.
    result = doctest.testmod(importlib.import_module(name), extraglobs=vars(kg.query))
    assert result.failed == 0


def test_doctests_cover_the_api():
    attempted = sum(doctest.testmod(importlib.import_module(name), extraglobs=vars(kg.query)).attempted
                    for name in MODULES)
    assert attempted > 25


# -------------------------------------------------------------------------------------------- resolve

RESOLVE_CASES = [
    # name, type, expected node
    ("张朝晖", None, ZHANG),  # exact label
    ("  张朝晖 ", None, ZHANG),  # surrounding spaces
    (ZHANG, None, ZHANG),  # node id
    ("张朝晖@平安证券", None, ZHANG),  # node id without its prefix
    ("平安集团", None, "org:中国平安"),  # alias
    ("华为技术", "org", "org:华为"),  # alias, type shorthand
    ("华为", None, "org:华为"),  # exact label beats substring of 华为云
    ("宏观", "topic", "topic:宏观经济"),  # unique substring
    ("钟正", None, ZHONG),  # unique substring of a person
    ("d1", "document", "doc:d1"),  # bare document id
    ("平安证券：AI算力需求仍在上升", None, "doc:d1"),  # exact document title
    ("算力", None, "topic:算力"),
]


@pytest.mark.parametrize(("name", "type_", "expected"), RESOLVE_CASES)
def test_resolve(G, name, type_, expected):
    assert resolve(G, name, type=type_) == expected


def test_resolve_does_not_match_substrings_of_document_titles(G):
    with pytest.raises(KGError, match="ai算力"):
        resolve(G, "ai算力", type="document")


@pytest.mark.parametrize(
    ("graph", "name", "type_", "message"),
    [
        ("example", "李四", None, "no node called '李四'"),
        ("example", "张三", None, "did you mean 张平, 张朝晖"),
        ("example", "张朝晖", "topic", "no topic called '张朝晖'"),
        ("example", "平安", None, "ambiguous.*org:中国平安, org:平安证券"),
        ("example", "", None, "non-empty"),
        ("example", "张朝晖", "people", "unknown node type 'people'"),
        ("twins", "张伟", None, "ambiguous.*person:张伟@乙基金, person:张伟@甲证券"),
    ],
)
def test_resolve_errors(G, graph, name, type_, message):
    g = G if graph == "example" else _twins()
    with pytest.raises(KGError, match=message):
        resolve(g, name, type=type_)


@pytest.mark.parametrize(
    ("name", "type_", "expected"),
    [
        ("华为", None, "org:华为"),
        ("华为", "topic", "topic:华为"),
        ("张伟@甲证券", None, "person:张伟@甲证券"),
    ],
)
def test_resolve_prefers_entities_and_honours_type(name, type_, expected):
    assert resolve(_twins(), name, type=type_) == expected


# --------------------------------------------------------------------------------------------- claims

CLAIM_CASES = [
    # filters, expected claim nodes in order
    ({}, ["claim:d1#0", "claim:d1#1", "claim:d2#0", "claim:d2#1"]),
    ({"speaker": "张朝晖"}, ["claim:d1#0", "claim:d2#1"]),
    ({"speaker": "华为云"}, ["claim:d1#1"]),  # the organisation's own claims only
    ({"org": "华为云"}, ["claim:d1#1", "claim:d2#0"]),  # the firm and its people
    ({"org": "华为"}, ["claim:d1#1", "claim:d2#0"]),  # parent firm takes in its parts
    ({"org": "中国平安"}, ["claim:d1#0", "claim:d2#1"]),
    ({"topic": "算力"}, ["claim:d1#0", "claim:d1#1"]),
    ({"doc": "d2"}, ["claim:d2#0", "claim:d2#1"]),
    ({"doc": "doc:d1"}, ["claim:d1#0", "claim:d1#1"]),
    ({"doc": "华为云发布行业大模型"}, ["claim:d2#0", "claim:d2#1"]),
    ({"kind": "indirect"}, ["claim:d1#1", "claim:d2#1"]),
    ({"org": "平安证券", "topic": "算力"}, ["claim:d1#0"]),
    ({"speaker": "张朝晖", "kind": "direct", "doc": "d1"}, ["claim:d1#0"]),
    ({"speaker": "张朝晖", "org": "华为云"}, []),
    ({"topic": "人工智能", "kind": "indirect"}, []),
    ({"speaker": "钟正生"}, []),
]


@pytest.mark.parametrize(("filters", "expected"), CLAIM_CASES)
def test_claims_filters(G, filters, expected):
    assert [c.node for c in claims(G, **filters)] == expected


def test_claim_record_fields(G):
    [person] = claims(G, speaker="张朝晖", kind="direct")
    assert person == ClaimRecord(
        speaker="张朝晖",
        speaker_type="person",
        title="首席经济学家",
        org="平安证券",
        kind="direct",
        cue="表示",
        text="人工智能将推动算力需求持续增长",
        topics=("人工智能", "算力"),
        doc="d1",
        date="2024-03-01",
        start=12,
        end=12 + len("人工智能将推动算力需求持续增长"),
        confidence=0.92,
        node="claim:d1#0",
    )
    [firm] = claims(G, speaker="华为云")
    assert (firm.speaker, firm.speaker_type, firm.title, firm.org) == ("华为云", "organization", "", "华为云")


@pytest.mark.parametrize(
    ("filters", "message"),
    [
        ({"kind": "quoted"}, "unknown claim kind 'quoted'"),
        ({"speaker": "李四"}, "李四"),
        ({"speaker": "人工智能"}, "no person/organization called '人工智能'"),
        ({"org": "张朝晖"}, "no organization called '张朝晖'"),
        ({"topic": "房地产"}, "no topic called '房地产'"),
        ({"doc": "d9"}, "no document called 'd9'"),
    ],
)
def test_claims_errors(G, filters, message):
    with pytest.raises(KGError, match=message):
        claims(G, **filters)


def _add_claim(G: nx.MultiDiGraph, node: str, speaker: str, text: str, date: str, start: int = 0) -> None:
    doc = node.removeprefix("claim:").split("#")[0]
    G.add_node(
        node,
        type="claim",
        label=text,
        text=text,
        kind="direct",
        cue="说",
        doc=doc,
        start=start,
        end=start + len(text),
        confidence=0.5,
        speaker=G.nodes[speaker]["label"],
        date=date,
        topics="",
    )
    G.add_edge(speaker, node, type="said")


def _undated_and_former() -> nx.MultiDiGraph:
    """The demo graph plus an undated claim of 张朝晖 and a former 平安证券 strategist who speaks."""
    G = example_graph()
    G.add_node("doc:d3", type="document", label="无日期稿件", title="无日期稿件", date="", source="", path="")
    _add_claim(G, "claim:d3#0", ZHANG, "市场仍有分歧", date="")
    li = "person:李明@平安证券"
    G.add_node(li, type="person", label="李明", title="前首席策略师", orgs="平安证券", mentions=1)
    G.add_edge(li, "org:平安证券", type="affiliated_with", title="首席策略师", former=True)
    _add_claim(G, "claim:d1#9", li, "估值偏低", date="2024-03-01", start=90)
    return G


def test_timeline_puts_undated_claims_last():
    assert [c.node for c in timeline(_undated_and_former(), "张朝晖")] == [
        "claim:d1#0",
        "claim:d2#1",
        "claim:d3#0",
    ]


def test_claims_by_org_leave_out_former_staff():
    assert "claim:d1#9" not in [c.node for c in claims(_undated_and_former(), org="平安证券")]
    assert [c.node for c in claims(_undated_and_former(), speaker="李明")] == ["claim:d1#9"]


def test_claim_without_said_edge_keeps_its_speaker_label(G):
    G.remove_edge(PING, "claim:d2#0", key="said")
    record = next(c for c in claims(G) if c.node == "claim:d2#0")
    assert (record.speaker, record.speaker_type) == ("张平", "")
    G.nodes["claim:d2#0"]["speaker_type"] = "person"  # kg.graph stores it on the claim too
    assert next(c for c in claims(G) if c.node == "claim:d2#0").speaker_type == "person"


# ------------------------------------------------------------------------------------------- speakers


@pytest.mark.parametrize(
    ("org", "options", "expected"),
    [
        (
            "平安证券",
            {},
            [
                ("张朝晖", "首席经济学家", "平安证券", 2, False),
                ("钟正生", "首席经济学家", "平安证券", 0, False),
            ],
        ),
        (
            "中国平安",
            {},
            [
                ("张朝晖", "首席经济学家", "平安证券", 2, False),
                ("钟正生", "首席经济学家", "平安证券", 0, False),
            ],
        ),
        ("中国平安", {"include_parts": False}, []),
        ("华为", {}, [("张平", "总裁", "华为云", 1, False)]),
        ("华为云计算", {}, [("张平", "总裁", "华为云", 1, False)]),
    ],
)
def test_speakers(G, org, options, expected):
    assert [(s.name, s.title, s.org, s.claims, s.former) for s in speakers(G, org, **options)] == expected


def test_speakers_former_staff_on_request():
    G = _undated_and_former()
    assert "李明" not in [s.name for s in speakers(G, "平安证券")]
    [li] = [s for s in speakers(G, "平安证券", include_former=True) if s.name == "李明"]
    assert li == SpeakerRecord("李明", "首席策略师", "平安证券", 1, 1, True, "person:李明@平安证券")


def test_speakers_needs_an_organisation(G):
    with pytest.raises(KGError, match="no organization called '张朝晖'"):
        speakers(G, "张朝晖")


# ---------------------------------------------------------------------------------- topics and speakers


@pytest.mark.parametrize(
    ("speaker", "expected"),
    [
        ("张朝晖", [("人工智能", 1), ("宏观经济", 1), ("算力", 1)]),
        ("华为云", [("算力", 1)]),
        ("钟正生", []),
    ],
)
def test_topics_of(G, speaker, expected):
    assert topics_of(G, speaker) == [TopicWeight(*e) for e in expected]


def test_topics_of_ranks_by_weight_and_falls_back_to_claims(G):
    G[ZHANG]["topic:算力"]["discusses"]["weight"] = 5
    assert topics_of(G, "张朝晖")[0] == TopicWeight("算力", 5)
    G.remove_edges_from([(u, v, k) for u, v, k, t in G.edges(keys=True, data="type") if t == "discusses"])
    assert topics_of(G, "张朝晖") == [
        TopicWeight("人工智能", 1),
        TopicWeight("宏观经济", 1),
        TopicWeight("算力", 1),
    ]
    assert [(s.speaker, s.weight) for s in who_else(G, "人工智能")] == [("张平", 1), ("张朝晖", 1)]


@pytest.mark.parametrize(
    ("topic", "exclude", "expected"),
    [
        ("人工智能", None, [("张平", "person", 1), ("张朝晖", "person", 1)]),
        ("人工智能", "张朝晖", [("张平", "person", 1)]),
        ("算力", None, [("华为云", "organization", 1), ("张朝晖", "person", 1)]),
        ("算力", ["张朝晖", "华为云"], []),
        ("宏观经济", "张平", [("张朝晖", "person", 1)]),
    ],
)
def test_who_else(G, topic, exclude, expected):
    got = who_else(G, topic, exclude=exclude)
    assert [(s.speaker, s.speaker_type, s.weight) for s in got] == expected
    assert all(isinstance(s, SpeakerWeight) and s.node in G for s in got)


def test_who_else_errors(G):
    with pytest.raises(KGError, match="no topic called '张朝晖'"):
        who_else(G, "张朝晖")
    with pytest.raises(KGError, match="李四"):
        who_else(G, "算力", exclude="李四")


# ----------------------------------------------------------------------------------------- connection


def _co_mentioned() -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    G.add_node("person:甲", type="person", label="甲", mentions=1)
    G.add_node("person:乙", type="person", label="乙", mentions=1)
    G.add_node("person:丙", type="person", label="丙", mentions=1)
    G.add_node("doc:x", type="document", label="稿件", title="稿件", date="", source="", path="")
    G.add_edge("person:甲", "doc:x", type="mentioned_in", count=1)
    G.add_edge("person:乙", "doc:x", type="mentioned_in", count=2)
    return G


@pytest.mark.parametrize(
    ("graph", "a", "b", "texts"),
    [
        ("example", "张朝晖", "华为云", ["张朝晖 —discusses→ 算力 ←discusses— 华为云"]),
        ("example", "华为云", "张朝晖", ["华为云 —discusses→ 算力 ←discusses— 张朝晖"]),
        ("example", "张朝晖", "钟正生", ["张朝晖 —affiliated_with→ 平安证券 ←affiliated_with— 钟正生"]),
        ("example", "张平", "华为", ["张平 —affiliated_with→ 华为云 —part_of→ 华为"]),
        ("example", "张朝晖", "张朝晖", ["张朝晖"]),
        # no entity path: fall back to a shared document
        ("co", "甲", "乙", ["甲 —mentioned_in→ 稿件 ←mentioned_in— 乙"]),
        ("co", "甲", "丙", []),
    ],
)
def test_connection(G, graph, a, b, texts):
    g = G if graph == "example" else _co_mentioned()
    assert [p.text for p in connection(g, a, b)] == texts


def test_connection_record_and_limit(G):
    [path] = connection(G, "张朝晖", "张平")
    assert path == PathRecord(
        source="张朝晖",
        target="张平",
        length=2,
        via=("人工智能",),
        relations=("discusses→", "←discusses"),
        nodes=(ZHANG, "topic:人工智能", PING),
        text="张朝晖 —discusses→ 人工智能 ←discusses— 张平",
    )
    assert len(connection(G, "钟正生", "张平", max_paths=1)) == 1


def test_connection_ranks_more_mentioned_intermediates_first():
    G = nx.MultiDiGraph()
    G.add_node("person:甲", type="person", label="甲", mentions=1)
    G.add_node("person:乙", type="person", label="乙", mentions=1)
    G.add_node("topic:冷门", type="topic", label="冷门", mentions=1)
    G.add_node("topic:热门", type="topic", label="热门", mentions=9)
    for t in ("冷门", "热门"):
        G.add_edge("person:甲", f"topic:{t}", type="discusses", weight=1)
        G.add_edge("person:乙", f"topic:{t}", type="discusses", weight=1)
    assert [p.via for p in connection(G, "甲", "乙")] == [("热门",), ("冷门",)]
    assert [p.via for p in connection(G, "甲", "乙", max_paths=1)] == [("热门",)]


@pytest.mark.parametrize("max_paths", [0, -1, 1.5, True])
def test_connection_rejects_bad_max_paths(G, max_paths):
    with pytest.raises(KGError, match="max_paths"):
        connection(G, "张朝晖", "华为云", max_paths=max_paths)


# ---------------------------------------------------------------------------------------- neighbourhood


@pytest.mark.parametrize(
    ("name", "radius", "expected"),
    [
        ("钟正生", 0, {ZHONG}),
        ("钟正生", 1, {ZHONG, "org:平安证券", "doc:d1"}),
        ("算力", 1, {"topic:算力", "claim:d1#0", "claim:d1#1", ZHANG, "org:华为云"}),
    ],
)
def test_neighbourhood(G, name, radius, expected):
    H = neighbourhood(G, name, radius=radius)
    assert isinstance(H, nx.MultiDiGraph)
    assert set(H) == expected
    assert all(H.nodes[n] == G.nodes[n] for n in H)


def test_neighbourhood_is_a_copy(G):
    before = _snapshot(G)
    H = neighbourhood(G, "华为云", radius=2)
    H.nodes["org:华为云"]["label"] = "changed"
    H.remove_node(PING)
    assert _snapshot(G) == before


def test_neighbourhood_rejects_bad_radius(G):
    with pytest.raises(KGError, match="radius"):
        neighbourhood(G, "华为云", radius=-1)


# ----------------------------------------------------------------------------------------- top entities


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ({}, [("张朝晖", 3), ("张平", 2), ("钟正生", 1)]),
        ({"n": 1}, [("张朝晖", 3)]),
        ({"by": "claims"}, [("张朝晖", 2), ("张平", 1), ("钟正生", 0)]),
        ({"by": "degree", "n": 2}, [("张朝晖", 8), ("张平", 4)]),
        ({"type": "org", "n": 2}, [("华为云", 3), ("平安证券", 3)]),
        ({"type": "topic"}, [("人工智能", 3), ("算力", 2), ("宏观经济", 1)]),
        ({"type": "organization", "by": "claims", "n": 1}, [("华为云", 1)]),
        ({"n": 0}, []),
    ],
)
def test_top_entities(G, options, expected):
    got = top_entities(G, **options)
    assert got == [Ranked(*e) for e in expected]
    assert [tuple(r) for r in got] == expected  # unpacks as (label, value)


def test_top_entities_disambiguates_shared_labels():
    labels = [r.label for r in top_entities(_twins())]
    assert labels == ["张伟（person:张伟@乙基金）", "张伟（person:张伟@甲证券）"]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"by": "pagerank"}, "cannot rank by 'pagerank'"),
        ({"type": "firm"}, "unknown node type"),
        ({"n": -2}, "n must"),
    ],
)
def test_top_entities_errors(G, options, message):
    with pytest.raises(KGError, match=message):
        top_entities(G, **options)


# ------------------------------------------------------------------------------------- no side effects


def test_no_query_mutates_the_graph(G):
    before = _snapshot(G)
    resolve(G, "平安集团")
    claims(G, org="中国平安", topic="算力", kind="direct")
    timeline(G, "张朝晖")
    speakers(G, "华为", include_former=True)
    topics_of(G, "华为云")
    who_else(G, "人工智能", exclude=["张平"])
    connection(G, "张朝晖", "华为")
    connection(_co_mentioned(), "甲", "乙")
    neighbourhood(G, "算力", radius=2)
    top_entities(G, by="degree")
    to_frame(claims(G))
    assert _snapshot(G) == before


# ------------------------------------------------------------------------------------------- to_frame


@pytest.mark.parametrize(
    ("make", "columns"),
    [
        (
            lambda G: claims(G),
            [
                "speaker",
                "speaker_type",
                "title",
                "org",
                "kind",
                "cue",
                "text",
                "topics",
                "doc",
                "date",
                "start",
                "end",
                "confidence",
                "node",
            ],
        ),
        (lambda G: speakers(G, "平安证券"), ["name", "title", "org", "claims", "mentions", "former", "node"]),
        (lambda G: topics_of(G, "张朝晖"), ["topic", "weight"]),
        (lambda G: who_else(G, "算力"), ["speaker", "speaker_type", "weight", "node"]),
        (
            lambda G: connection(G, "张朝晖", "华为云"),
            [
                "source",
                "target",
                "length",
                "via",
                "relations",
                "nodes",
                "text",
            ],
        ),
        (lambda G: top_entities(G), ["label", "value"]),
    ],
)
def test_to_frame_columns(G, make, columns):
    records = make(G)
    df = to_frame(records)
    assert list(df.columns) == columns
    assert len(df) == len(records) > 0


def test_to_frame_values_and_empty(G):
    df = to_frame(claims(G, speaker="张朝晖"))
    assert df["text"].tolist() == ["人工智能将推动算力需求持续增长", "宏观经济稳中向好"]
    assert df["start"].dtype.kind == "i" and df["confidence"].dtype.kind == "f"
    assert list(to_frame([], ClaimRecord).columns)[:3] == ["speaker", "speaker_type", "title"]
    assert list(to_frame([], TopicWeight).columns) == ["topic", "weight"]
    assert to_frame([]).empty


@pytest.mark.parametrize(
    ("records", "message"),
    [
        ([TopicWeight("算力", 1), Ranked("算力", 1)], "one type"),
        ([("算力", 1)], "got tuple"),
        ([{"topic": "算力"}], "got dict"),
    ],
)
def test_to_frame_rejects_non_records(records, message):
    with pytest.raises(KGError, match=message):
        to_frame(records)


def test_to_frame_without_pandas(G, monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(KGError, match="pandas is not installed; pip install pandas"):
        to_frame(topics_of(G, "张朝晖"))


def test_people_lists_everyone_even_without_a_firm():
    import networkx as nx

    from kg.query import example_graph, people

    G = example_graph()
    G.add_node("person:无名", type="person", label="无名", title="", orgs="", mentions=1)
    before = nx.to_dict_of_dicts(G)
    names = [p.name for p in people(G)]
    assert "无名" in names and names[0] == "张朝晖"
    assert nx.to_dict_of_dicts(G) == before


def test_documents_count_their_claims_and_entities():
    from kg.query import documents, example_graph, to_frame

    docs = documents(example_graph())
    assert [(d.doc, d.date, d.claims) for d in docs] == [("d1", "2024-03-01", 2), ("d2", "2024-03-05", 2)]
    assert list(to_frame(docs).columns)[:3] == ["doc", "title", "date"]
