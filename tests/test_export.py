"""Tests for kg.export: every format is written, read back and compared with the graph."""
from __future__ import annotations

import copy
import csv
import json
import os
import re
import stat

import networkx as nx
import pytest

from kg import export
from kg.errors import KGError

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


@pytest.fixture
def graph() -> nx.MultiDiGraph:
    return make_graph()


WRITERS = [
    ("graphml", "graph.graphml"), ("json", "graph.json"), ("claims", "claims.csv"),
    ("gexf", "graph.gexf"), ("html", "graph.html"), ("neo4j", "neo4j"),
]


@pytest.mark.parametrize(("fmt", "name"), WRITERS)
def test_writer_leaves_graph_unchanged_and_no_temp_files(graph, tmp_path, fmt, name):
    before = snapshot(graph)
    written = export.write_all(graph, tmp_path, formats=[fmt])
    assert written == {fmt: tmp_path / name}
    assert snapshot(graph) == before
    assert not [p for p in tmp_path.rglob("*") if p.name.endswith(".tmp")]
    # the umask, not mkstemp's 0600, decides the permissions
    target = written[fmt] / "nodes.csv" if fmt == "neo4j" else written[fmt]
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~_umask()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_graphml_round_trip(graph, tmp_path):
    back = nx.read_graphml(export.write_graphml(graph, tmp_path / "g.graphml"), force_multigraph=True)
    assert dict(back.nodes(data=True)) == dict(graph.nodes(data=True))
    assert edge_multiset(back, drop=("id",)) == edge_multiset(graph)
    assert isinstance(back.nodes["claim:d1#1"]["start"], int)
    assert isinstance(back.nodes["claim:d1#1"]["confidence"], float)


def test_json_round_trip_pinned_layout(graph, tmp_path):
    path = export.write_json(graph, tmp_path / "g.json")
    text = path.read_text(encoding="utf-8")
    assert "张朝晖" in text  # not \\u-escaped
    data = json.loads(text)
    assert "edges" in data and "links" not in data
    back = nx.node_link_graph(data, edges="edges")
    assert isinstance(back, nx.MultiDiGraph)
    assert dict(back.nodes(data=True)) == dict(graph.nodes(data=True))
    assert sorted(back.edges(keys=True, data=True), key=repr) == sorted(graph.edges(keys=True, data=True), key=repr)


def test_claims_csv(graph, tmp_path):
    path = export.write_claims_csv(graph, tmp_path / "claims.csv")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    with path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 4
    assert tuple(rows[0]) == export.CLAIM_COLUMNS
    by_id = {r["claim_id"]: r for r in rows}
    xss = by_id["claim:d1#1"]
    assert xss["text"] == XSS
    assert (xss["speaker"], xss["speaker_type"], xss["title"], xss["organization"]) == (
        "张朝晖", "person", "首席经济学家", "平安证券")
    assert (xss["kind"], xss["cue"], xss["topics"], xss["document"], xss["document_title"], xss["date"]) == (
        "indirect", "认为", "人工智能", "d1", "A股午评：沪指震荡", "2024-05-06")
    assert (xss["start"], xss["end"], float(xss["confidence"])) == ("40", "62", 0.71)
    # the former affiliation is not the current title
    li = by_id["claim:d1#2"]
    assert (li["title"], li["organization"]) == ("分析师", "中信证券")
    pboc = by_id["claim:d2#0"]
    assert (pboc["speaker"], pboc["speaker_type"], pboc["title"], pboc["organization"]) == (
        "中国人民银行", "organization", "", "中国人民银行")


def test_gexf_round_trip_with_viz(graph, tmp_path):
    back = nx.read_gexf(export.write_gexf(graph, tmp_path / "g.gexf"))
    assert set(back) == set(graph)
    person = back.nodes["person:张朝晖@平安证券"]
    assert person["label"] == "张朝晖" and person["type"] == "person" and person["mentions"] == 3
    assert set(person["viz"]["color"]) >= {"r", "g", "b"} and person["viz"]["size"] > 0
    assert back.nodes["org:平安证券"]["viz"]["color"] != person["viz"]["color"]
    claim = back.nodes["claim:d1#1"]
    assert claim["text"] == XSS and (claim["char_start"], claim["char_end"]) == (40, 62)
    relations = sorted(d["relation"] for _, _, d in back.edges(data=True))
    assert relations == sorted(d["type"] for _, _, d in graph.edges(data=True))
    assert "viz" not in graph.nodes["person:张朝晖@平安证券"]


def test_neo4j_csv(graph, tmp_path):
    out = export.write_neo4j_csv(graph, tmp_path / "neo4j")
    with (out / "nodes.csv").open(encoding="utf-8", newline="") as fh:
        nodes = list(csv.DictReader(fh))
    with (out / "relationships.csv").open(encoding="utf-8", newline="") as fh:
        rels = list(csv.DictReader(fh))
    assert not (out / "nodes.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert {r["id:ID"] for r in nodes} == set(graph)
    assert len(rels) == graph.number_of_edges()
    person = next(r for r in nodes if r["id:ID"] == "person:张朝晖@平安证券")
    assert person[":LABEL"] == "KGNode;Person" and person["mentions:long"] == "3"
    claim = next(r for r in nodes if r["id:ID"] == "claim:d1#1")
    assert claim["text"] == XSS and claim["start:long"] == "40" and claim["confidence:double"] == "0.71"
    assert {r[":TYPE"] for r in rels} == {"SAID", "ABOUT", "AFFILIATED_WITH", "DISCUSSES", "PART_OF",
                                          "MENTIONED_IN"}
    former = [r for r in rels if r[":TYPE"] == "AFFILIATED_WITH" and r["former:boolean"] == "true"]
    assert [(r[":START_ID"], r[":END_ID"], r["title"]) for r in former] == [
        ("person:李明@中信证券", "org:华泰证券", "研究员")]
    cypher = (out / "load.cypher").read_text(encoding="utf-8")
    assert "LOAD CSV WITH HEADERS FROM 'file:///nodes.csv'" in cypher
    assert "MERGE (n:KGNode:`Person` {id: row.`id:ID`})" in cypher
    assert "CREATE (a)-[r:`SAID`]->(b)" in cypher
    assert "toInteger(row.`mentions:long`)" in cypher and "toBoolean(row.`former:boolean`)" in cypher


def _data_block(page: str) -> str:
    m = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.DOTALL)
    assert m
    return m.group(1)


def test_html_is_offline_and_escaped(graph, tmp_path):
    page = export.write_html(graph, tmp_path / "graph.html", title="<b>图</b>").read_text(encoding="utf-8")
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", page, re.IGNORECASE)
    assert not re.search(r"""@import|url\(\s*["']?\s*(?:https?:)?//""", page, re.IGNORECASE)
    assert "<title>&lt;b&gt;图&lt;/b&gt;</title>" in page
    assert "<img src=x" not in page
    assert "\\u003cimg src=x onerror=alert(1)\\u003e“引号”\\u0026amp;" in page
    assert page.count("</script>") == 3  # the data block cannot close its element early
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    for font in ("Noto Sans CJK SC", "WenQuanYi Micro Hei", "Microsoft YaHei", "PingFang SC"):
        assert font in page
    data = json.loads(_data_block(page))
    assert len(data["nodes"]) == graph.number_of_nodes()
    assert len(data["edges"]) == graph.number_of_edges()
    assert data["pruned"] is None
    assert [data["claimInfo"][c]["text"] for c in data["claims"]["person:张朝晖@平安证券"]] == [
        "人工智能板块仍有上行空间", XSS]
    affiliation = next(e for e in data["edges"] if e["kgType"] == "affiliated_with" and e["to"] == "org:平安证券")
    assert affiliation["label"] == "首席经济学家"
    nodes = {n["id"]: n for n in data["nodes"]}
    assert "平证" in nodes["org:平安证券"]["title"]
    assert "首席经济学家" in nodes["person:张朝晖@平安证券"]["title"]
    assert XSS in nodes["claim:d1#1"]["title"] and "A股午评" in nodes["claim:d1#1"]["title"]


def test_html_csp_hashes_match_scripts(graph, tmp_path):
    import base64
    import hashlib

    page = export.write_html(graph, tmp_path / "graph.html").read_text(encoding="utf-8")
    scripts = re.findall(r"<script>(.*?)</script>", page, re.DOTALL)
    assert len(scripts) == 2
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page).group(1)
    for script in scripts:
        digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in csp


def test_prune_graph_keeps_the_most_connected_part(graph):
    before = snapshot(graph)
    pruned, dropped = export.prune_graph(graph, 5)
    assert pruned.number_of_nodes() == 5 and dropped == graph.number_of_nodes() - 5
    assert all(pruned.degree(n) > 0 for n in pruned)  # nobody stranded
    assert "person:张朝晖@平安证券" in pruned  # the highest-degree node
    assert snapshot(graph) == before
    whole, none = export.prune_graph(graph, None)
    assert none == 0 and whole is not graph and nx.utils.graphs_equal(whole, graph)
    assert export.prune_graph(graph, 10_000)[1] == 0
    with pytest.raises(KGError, match="max_nodes"):
        export.prune_graph(graph, 0)


def test_prune_graph_on_a_large_graph():
    G = nx.MultiDiGraph()
    for i in range(3000):
        G.add_node(f"n{i}", type="person", label=f"人{i}")
    for i in range(1, 3000):
        G.add_edge(f"n{i}", f"n{(i - 1) // 3}", type="affiliated_with")
    pruned, dropped = export.prune_graph(G, 2000)
    assert (pruned.number_of_nodes(), dropped) == (2000, 1000)
    assert nx.is_weakly_connected(pruned)


def test_prune_graph_keeps_hubs_and_drops_lonely_nodes():
    G = nx.MultiDiGraph()
    for h in range(3):
        G.add_node(f"topic:{h}", type="topic", label=f"话题{h}", mentions=1)
        for leaf in range(10):
            G.add_node(f"claim:{h}#{leaf}", type="claim", label="言论", mentions=1)
            G.add_edge(f"claim:{h}#{leaf}", f"topic:{h}", type="about")
    G.add_edge("person:甲", "person:乙", type="affiliated_with")  # a pair, ranked above single leaves
    pruned, dropped = export.prune_graph(G, 12)
    assert dropped == G.number_of_nodes() - 12
    assert {f"topic:{h}" for h in range(3)} <= set(pruned)
    assert all(pruned.degree(n) > 0 for n in pruned)


def test_html_max_nodes_notice(graph, tmp_path):
    page = export.write_html(graph, tmp_path / "graph.html", max_nodes=6).read_text(encoding="utf-8")
    data = json.loads(_data_block(page))
    assert len(data["nodes"]) == 6
    assert data["pruned"] == {
        "totalNodes": graph.number_of_nodes(), "totalEdges": graph.number_of_edges(),
        "shownNodes": 6, "shownEdges": len(data["edges"]),
        "droppedNodes": graph.number_of_nodes() - 6, "droppedEdges": graph.number_of_edges() - len(data["edges"]),
    }


def test_write_all_defaults(graph, tmp_path):
    written = export.write_all(graph, tmp_path / "out")
    assert {k: p.name for k, p in written.items()} == {
        "html": "graph.html", "graphml": "graph.graphml", "json": "graph.json", "claims": "claims.csv"}
    assert all(p.is_file() for p in written.values())
    with pytest.raises(KGError, match="unknown export format.*'pdf'.*choose from"):
        export.write_all(graph, tmp_path, formats=["pdf"])


def test_non_scalar_attribute_is_a_kg_error(graph, tmp_path):
    graph.nodes["person:张朝晖@平安证券"]["orgs"] = ["平安证券"]
    with pytest.raises(KGError, match=r"person:张朝晖@平安证券.*'orgs' is list"):
        export.write_graphml(graph, tmp_path / "g.graphml")
    assert not list(tmp_path.iterdir())


def test_failed_write_keeps_the_old_file(graph, tmp_path, monkeypatch):
    path = tmp_path / "g.json"
    path.write_text("old", encoding="utf-8")

    def boom(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(export.os, "fsync", boom)
    with pytest.raises(KGError, match=r"g\.json: write failed \(No space left on device\)"):
        export.write_json(graph, path)
    assert path.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["g.json"]


def test_unwritable_directory_is_a_kg_error(graph, tmp_path, monkeypatch):
    # Simulated, because root (as in CI containers) may write anywhere.
    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(export.os, "open", denied)
    with pytest.raises(KGError, match=r"g\.json: cannot write \(Permission denied\); make .* writable"):
        export.write_json(graph, tmp_path / "g.json")


def test_output_directory_that_is_a_file_is_a_kg_error(graph, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(KGError, match=r"file/out: cannot create the output directory"):
        export.write_all(graph, blocker / "out")
    with pytest.raises(KGError, match="is a directory"):
        export.write_json(graph, tmp_path)


def test_empty_graph(tmp_path):
    written = export.write_all(nx.MultiDiGraph(), tmp_path, formats=list(export.FORMATS))
    assert set(written) == set(export.FORMATS)
    assert nx.read_graphml(written["graphml"]).number_of_nodes() == 0
