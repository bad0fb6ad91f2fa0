"""The small who-said-what graph the io tests write and read back (Chinese labels, one claim full of markup)."""
from __future__ import annotations

import copy

import networkx as nx

XSS = "<img src=x onerror=alert(1)>“引号”&amp;"


def make_graph() -> nx.MultiDiGraph:
    """Gives a small who-said-what graph following the builder's schema, with Chinese labels."""
    G = nx.MultiDiGraph()
    G.add_node("doc:d1", type="document", label="A股午评", title="A股午评：沪指震荡", date="2024-05-06",
               source="证券时报", path="news/d1.txt", mentions=1)
    G.add_node("doc:d2", type="document", label="央行动态", title="央行：保持流动性合理充裕", date="2024-05-07",
               source="新华社", path="news/d2.txt", mentions=1)
    G.add_node("person:张朝晖@平安证券", type="person", label="张朝晖", title="首席经济学家",
               orgs="平安证券", mentions=3)
    G.add_node("person:李明@中信证券", type="person", label="李明", title="分析师；前研究员",
               orgs="中信证券；华泰证券", mentions=1)
    G.add_node("org:平安证券", type="organization", label="平安证券", org_type="COMPANY",
               aliases="平安证券股份有限公司；平证", mentions=2)
    G.add_node("org:中信证券", type="organization", label="中信证券", org_type="COMPANY", aliases="", mentions=1)
    G.add_node("org:华泰证券", type="organization", label="华泰证券", org_type="COMPANY", aliases="", mentions=1)
    G.add_node("org:中国平安", type="organization", label="中国平安", org_type="COMPANY", aliases="", mentions=1)
    G.add_node("org:中国人民银行", type="organization", label="中国人民银行", org_type="GOV",
               aliases="央行；人民银行", mentions=2)
    G.add_node("topic:人工智能", type="topic", label="人工智能", weight=2, mentions=2)
    G.add_node("topic:流动性", type="topic", label="流动性", weight=1, mentions=1)
    claims = [
        ("claim:d1#0", "person:张朝晖@平安证券", "张朝晖", "d1", "2024-05-06", "人工智能板块仍有上行空间",
         "direct", "表示", 10, 22, 0.93, ["topic:人工智能"]),
        ("claim:d1#1", "person:张朝晖@平安证券", "张朝晖", "d1", "2024-05-06", XSS,
         "indirect", "认为", 40, 62, 0.71, ["topic:人工智能"]),
        ("claim:d1#2", "person:李明@中信证券", "李明", "d1", "2024-05-06", "市场情绪正在修复",
         "direct", "称", 80, 88, 0.8, []),
        ("claim:d2#0", "org:中国人民银行", "中国人民银行", "d2", "2024-05-07", "将保持流动性合理充裕",
         "indirect", "表示", 5, 16, 0.88, ["topic:流动性"]),
    ]
    for cid, speaker, speaker_label, doc, date, text, kind, cue, start, end, conf, topics in claims:
        labels = "；".join(G.nodes[t]["label"] for t in topics)
        G.add_node(cid, type="claim", label=text[:10], text=text, kind=kind, cue=cue, doc=doc, start=start,
                   end=end, confidence=conf, speaker=speaker_label, date=date, topics=labels)
        G.add_edge(speaker, cid, type="said")
        for t in topics:
            G.add_edge(cid, t, type="about")
    G.add_edge("person:张朝晖@平安证券", "org:平安证券", type="affiliated_with", title="首席经济学家", former=False)
    G.add_edge("person:李明@中信证券", "org:中信证券", type="affiliated_with", title="分析师", former=False)
    G.add_edge("person:李明@中信证券", "org:华泰证券", type="affiliated_with", title="研究员", former=True)
    G.add_edge("person:张朝晖@平安证券", "topic:人工智能", type="discusses", weight=2)
    G.add_edge("org:中国人民银行", "topic:流动性", type="discusses", weight=1)
    G.add_edge("org:平安证券", "org:中国平安", type="part_of")
    for who, doc, count in [("person:张朝晖@平安证券", "doc:d1", 3), ("person:李明@中信证券", "doc:d1", 1),
                            ("org:平安证券", "doc:d1", 2), ("org:中国人民银行", "doc:d2", 2)]:
        G.add_edge(who, doc, type="mentioned_in", count=count)
    return G


def snapshot(G: nx.MultiDiGraph) -> tuple:
    return (copy.deepcopy(G.graph), list(G.nodes(data=True)), list(G.edges(keys=True, data=True)))


def edge_multiset(G: nx.Graph, *, drop: tuple[str, ...] = ()) -> list:
    return sorted((str(u), str(v), sorted((k, v2) for k, v2 in d.items() if k not in drop))
                  for u, v, d in G.edges(data=True))
