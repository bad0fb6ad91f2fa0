"""Graph building: node ids, attributes, and how people merge across documents."""
from __future__ import annotations

import networkx as nx
import pytest

from kg.graph import build_graph
from kg.records import DocResult
from kg.records import Affiliation, Claim, Mention, PartOf


def _doc(doc_id, people, affs=(), claims=(), orgs=None, part_of=()):
    orgs = orgs if orgs is not None else {a[1]: "COMPANY" for a in affs if a[1]}
    return DocResult(
        doc_id=doc_id, title=doc_id, date="2024-01-0" + doc_id[-1],
        people={p: "" for p in people},
        orgs=orgs,
        affiliations=[Affiliation(p, o, t, 0, 1, titles=(t,) if t else ()) for p, o, t in affs],
        mentions=[Mention(0, 1, p, p, "person") for p in people],
        claims=[Claim(s, "person", "indirect", "认为", text, 0, len(text), 0.8, ("人工智能",)) for s, text in claims],
        part_of=list(part_of),
    )


def _people(g):
    return sorted(n for n, d in g.nodes(data=True) if d["type"] == "person")


def test_same_name_same_firm_is_one_person():
    g = build_graph([_doc("d1", ["张三"], [("张三", "甲证券", "分析师")]),
                     _doc("d2", ["张三"], [("张三", "甲证券", "首席分析师")])])
    assert _people(g) == ["person:张三@甲证券"]
    assert g.nodes["person:张三@甲证券"]["title"] == "分析师；首席分析师"


def test_same_name_different_firms_stays_two_people():
    g = build_graph([_doc("d1", ["张三"], [("张三", "甲证券", "分析师")]),
                     _doc("d2", ["张三"], [("张三", "乙银行", "行长")])])
    assert _people(g) == ["person:张三@乙银行", "person:张三@甲证券"]


def test_a_document_naming_both_firms_joins_them():
    g = build_graph([_doc("d1", ["张三"], [("张三", "甲证券", "分析师")]),
                     _doc("d2", ["张三"], [("张三", "乙银行", "行长")]),
                     _doc("d3", ["张三"], [("张三", "甲证券", "董事"), ("张三", "乙银行", "行长")])])
    assert len(_people(g)) == 1


def test_name_without_firm_joins_the_unique_person_of_that_name():
    g = build_graph([_doc("d1", ["张三"], [("张三", "甲证券", "分析师")]), _doc("d2", ["张三"])])
    assert _people(g) == ["person:张三@甲证券"]
    g = build_graph([_doc("d1", ["张三"], [("张三", "甲证券", "分析师")]),
                     _doc("d2", ["张三"], [("张三", "乙银行", "行长")]), _doc("d3", ["张三"])])
    assert "person:张三" in _people(g)


def test_schema_and_scalars():
    g = build_graph([_doc("d1", ["张三"], [("张三", "甲证券", "分析师")], claims=[("张三", "人工智能将重塑投研流程")],
                          part_of=[PartOf("甲证券研究所", "甲证券")], orgs={"甲证券": "COMPANY", "甲证券研究所": "ORG"})])
    assert isinstance(g, nx.MultiDiGraph)
    types = {d["type"] for _, d in g.nodes(data=True)}
    assert types == {"person", "organization", "topic", "claim", "document"}
    edge_types = {d["type"] for *_, d in g.edges(data=True)}
    assert edge_types == {"affiliated_with", "said", "about", "discusses", "part_of", "mentioned_in"}
    for _, d in g.nodes(data=True):
        assert "label" in d
        assert all(isinstance(v, (str, int, float, bool)) for v in d.values())
    for *_, d in g.edges(data=True):
        assert all(isinstance(v, (str, int, float, bool)) for v in d.values())
    claim = next(d for _, d in g.nodes(data=True) if d["type"] == "claim")
    assert {"text", "kind", "cue", "doc", "start", "end", "confidence"} <= set(claim)
    (u, v, d), = [(u, v, d) for u, v, d in g.edges(data=True) if d["type"] == "discusses"]
    assert (u, v, d["weight"]) == ("person:张三@甲证券", "topic:人工智能", 1)


@pytest.mark.parametrize("n_docs", [1, 3])
def test_discusses_weight_counts_claims(n_docs):
    docs = [_doc(f"d{i}", ["张三"], [("张三", "甲证券", "分析师")], claims=[("张三", "人工智能将改变行业")])
            for i in range(1, n_docs + 1)]
    g = build_graph(docs)
    w = [d["weight"] for *_, d in g.edges(data=True) if d["type"] == "discusses"]
    assert w == [n_docs]


def test_document_themes_become_covers_and_broader_edges():
    from kg.graph.schema import EDGE_TYPES
    from kg.records import Theme

    d1 = _doc("d1", ["张三"], [("张三", "甲证券", "分析师")], claims=[("张三", "人工智能将重塑投研流程")])
    d1.topics = [Theme("降息", 3, "货币政策"), Theme("人工智能", 2)]
    d2 = _doc("d2", ["李四"])
    d2.topics = [Theme("降息", 1, "货币政策")]
    g = build_graph([d1, d2])
    covers = sorted((u, v, d["weight"]) for u, v, d in g.edges(data=True) if d["type"] == "covers")
    assert covers == [("doc:d1", "topic:人工智能", 2), ("doc:d1", "topic:降息", 3), ("doc:d2", "topic:降息", 1)]
    broader = [(u, v) for u, v, d in g.edges(data=True) if d["type"] == "broader"]
    assert broader == [("topic:降息", "topic:货币政策")]  # once, however many documents name it
    assert g.nodes["topic:货币政策"]["type"] == "topic"
    assert {"covers", "broader"} <= set(EDGE_TYPES)


def test_every_edge_type_has_a_viewer_style():
    from kg.graph.schema import EDGE_TYPES
    from kg.io.html.style import EDGE_STYLES

    assert set(EDGE_TYPES) <= set(EDGE_STYLES)


def _org_doc(doc_id, name, written):
    """A document naming the firm ``name`` by each form of ``written`` (form -> times)."""
    mentions = [Mention(0, len(f), f, name, "organization") for f, n in written.items() for _ in range(n)]
    return DocResult(doc_id=doc_id, title=doc_id, date="2024-01-01", people={}, orgs={name: "GOV"},
                     mentions=mentions)


@pytest.mark.parametrize(("name", "written", "label"), [
    # the fullest form the article writes, however rarely (the short form may be written more)
    ("中国证监会", {"证监会": 7, "中国证监会": 1}, "中国证监会"),
    ("中国证监会", {"证监会": 2, "中国证券监督管理委员会": 1}, "中国证券监督管理委员会"),
    ("中金公司", {"中金": 2, "中金公司": 1}, "中金公司"),
    ("苹果公司", {"苹果": 5, "苹果公司": 1}, "苹果公司"),
    # only the short form written: that is the label
    ("上海证券交易所", {"上交所": 2}, "上交所"),
    # a short name every country uses for its own body is no name: the body it resolved to is the label
    ("中国人民银行", {"央行": 3}, "中国人民银行"),
    ("美联储", {"央行": 1, "美联储": 1}, "美联储"),
    # Chinese before Latin
    ("特斯拉", {"Tesla": 1, "特斯拉": 1}, "特斯拉"),
])
def test_an_organization_is_labelled_by_the_fullest_form_written(name, written, label):
    g = build_graph([_org_doc("d1", name, written)])
    node = g.nodes[f"org:{name}"]
    assert node["label"] == label
    assert set(written) - {label} <= set(node["aliases"].split("；"))
