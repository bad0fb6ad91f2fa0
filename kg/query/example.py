"""A small demo graph that follows the schema: the fixture of the doctests, tests and notebooks."""
from __future__ import annotations

import networkx as nx

from kg.graph.view import split

__all__ = ["example_graph"]


def example_graph() -> nx.MultiDiGraph:
    """Gives a small demo graph that follows the schema: two articles, two firms with parents, four claims.

    Edge keys follow :func:`kg.graph.build_graph` (``"said"``, ``"affiliated_with:<title>"``, ...).

    Example:
        >>> G = example_graph()
        >>> G.number_of_nodes(), G.number_of_edges()
        (16, 26)
    """
    G = nx.MultiDiGraph()
    docs = {
        "d1": ("平安证券：AI算力需求仍在上升", "2024-03-01", "证券时报"),
        "d2": ("华为云发布行业大模型", "2024-03-05", "财新"),
    }
    for doc_id, (title, date, source) in docs.items():
        G.add_node(
            f"doc:{doc_id}",
            type="document",
            label=title,
            title=title,
            date=date,
            source=source,
            path=f"data/{doc_id}.txt",
            mentions=1,
        )
    orgs = {
        "平安证券": ("COMPANY", "平安证券股份有限公司", 3),
        "中国平安": ("COMPANY", "平安集团；中国平安保险", 1),
        "华为云": ("COMPANY", "华为云计算", 3),
        "华为": ("COMPANY", "华为技术", 1),
    }
    for name, (org_type, aliases, mentions) in orgs.items():
        G.add_node(
            f"org:{name}",
            type="organization",
            label=name,
            org_type=org_type,
            aliases=aliases,
            mentions=mentions,
        )
    G.add_edge("org:平安证券", "org:中国平安", key="part_of", type="part_of")
    G.add_edge("org:华为云", "org:华为", key="part_of", type="part_of")
    people = {
        "person:张朝晖@平安证券": ("张朝晖", "首席经济学家", "平安证券", 3),
        "person:钟正生@平安证券": ("钟正生", "首席经济学家", "平安证券", 1),
        "person:张平@华为云": ("张平", "总裁", "华为云", 2),
    }
    for node, (name, title, org, mentions) in people.items():
        G.add_node(node, type="person", label=name, title=title, orgs=org, mentions=mentions)
        G.add_edge(
            node,
            f"org:{org}",
            key=f"affiliated_with:{title}",
            type="affiliated_with",
            title=title,
            former=False,
        )
    for topic, mentions in {"人工智能": 3, "算力": 2, "宏观经济": 1}.items():
        G.add_node(f"topic:{topic}", type="topic", label=topic, mentions=mentions)
    zhang, hwc, ping = "person:张朝晖@平安证券", "org:华为云", "person:张平@华为云"
    # fmt: off
    said = [  # claim, speaker, document, kind, cue, start, confidence, topics, text
        ("claim:d1#0", zhang, "d1", "direct", "表示", 12, 0.92, "人工智能；算力", "人工智能将推动算力需求持续增长"),
        ("claim:d1#1", hwc, "d1", "indirect", "认为", 40, 0.71, "算力", "算力基础设施投入将加大"),
        ("claim:d2#0", ping, "d2", "direct", "说", 8, 0.88, "人工智能", "人工智能大模型正在进入行业应用"),
        ("claim:d2#1", zhang, "d2", "indirect", "指出", 30, 0.65, "宏观经济", "宏观经济稳中向好"),
    ]
    # fmt: on
    for claim, speaker, doc_id, kind, cue, start, confidence, topics, text in said:
        G.add_node(
            claim,
            type="claim",
            label=text,
            text=text,
            kind=kind,
            cue=cue,
            doc=doc_id,
            start=start,
            end=start + len(text),
            confidence=confidence,
            speaker=G.nodes[speaker]["label"],
            date=docs[doc_id][1],
            topics=topics,
            mentions=1,
        )
        G.add_edge(speaker, claim, key="said", type="said")
        for topic in split(topics):
            G.add_edge(claim, f"topic:{topic}", key="about", type="about")
            if G.has_edge(speaker, f"topic:{topic}"):
                G[speaker][f"topic:{topic}"]["discusses"]["weight"] += 1
            else:
                G.add_edge(speaker, f"topic:{topic}", key="discusses", type="discusses", weight=1)
    mentions = [
        ("person:张朝晖@平安证券", "d1", 2),
        ("person:张朝晖@平安证券", "d2", 1),
        ("org:平安证券", "d1", 3),
        ("org:华为云", "d1", 1),
        ("org:华为云", "d2", 2),
        ("person:张平@华为云", "d2", 2),
        ("person:钟正生@平安证券", "d1", 1),
    ]
    for who, doc_id, count in mentions:
        G.add_edge(who, f"doc:{doc_id}", key="mentioned_in", type="mentioned_in", count=count)
    return G
