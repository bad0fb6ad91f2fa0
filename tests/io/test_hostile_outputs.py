"""Outputs stay valid whatever the input holds (issue 11): XML 1.0 characters only in GraphML and GEXF,
CSV cells neutralised against formula injection (OWASP), bidi controls gone from every output."""
from __future__ import annotations

import csv
import json
import re
import xml.etree.ElementTree as ET

import networkx as nx
import pytest

import kg
from kg import io
from kg.cli import main
from kg.ingest import iter_documents

CONTROLS = "\x00\x01\x08\x0b\x0c\x1b\x7f\ufffe\uffff\udc80"
BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
BODY = ("央行行长易纲表示，\u202e货币政策将保持稳健。\u202c他说：“\u2067我们会继续支持\u200f实体经济发展。\u2069”"
        "中信证券首席经济学家明明认为，\u202d降息\u202c仍有空间。")


def hostile_corpus(root):
    """Writes one JSONL, one front matter and one HTML document with hostile metadata and body."""
    root.mkdir()
    record = {"id": "doc\x01\ufffe1\u202e", "title": "标题\x02\x7f\ufffe\u202e测试", "author": "作者\x03\u2066x",
              "source": "\x1b新华社", "text": BODY}
    (root / "a.jsonl").write_text(json.dumps(record, ensure_ascii=True) + "\n", encoding="utf-8")
    (root / "b.md").write_text(f"---\ntitle: 前\x01言\x1f\u202e\nauthor: \x04某人\ufffe\n---\n{BODY}\n",
                               encoding="utf-8", errors="surrogatepass")
    (root / "c.html").write_text(f"<html><head><title>网页\x01\x08\ufffe标题\u202e</title>"
                                 f"<meta name='author' content='\x02人\u200f'></head><body><p>{BODY}</p></body></html>",
                                 encoding="utf-8")
    return root


def hostile_graph(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The sample graph with characters XML cannot hold in a node id, labels, an attribute name and the graph."""
    graph.graph["name"] = "kg\x01\ufffe"
    graph.add_node("doc:d\x013", type="document", label="坏\x00标题\uffff", title="坏\x1b标题", path="x\udc80.txt")
    graph.add_edge("org:平安证券", "doc:d\x013", type="mentioned_in", count=1, **{"note\x02": "a\x0cb"})
    graph.nodes["person:张朝晖@平安证券"]["label"] = "张朝晖\x08"
    return graph


def formula_like(cell: str) -> bool:
    """Tells whether a spreadsheet could read ``cell`` as a formula (a plain negative number cannot)."""
    return bool(re.match(r"[=+@\t\r]|-(?![\d.]+$)", cell))


def assert_xml_chars(path):
    raw = path.read_text(encoding="utf-8")
    # A parser rejects control characters written raw or as character references (&#1;).
    refs = [int(num, 16) if x else int(num) for x, num in re.findall(r"&#([xX]?)([0-9a-fA-F]+);", raw)]
    assert not NOT_XML.search(raw) and not [r for r in refs if NOT_XML.match(chr(r))]
    ET.parse(path)


def test_graphml_and_gexf_leave_out_what_xml_cannot_hold(graph, tmp_path):
    G = hostile_graph(graph)
    graphml = io.write_graphml(G, tmp_path / "g.graphml")
    gexf = io.write_gexf(G, tmp_path / "g.gexf")
    for path in (graphml, gexf):
        assert_xml_chars(path)
    back = kg.read_graph(graphml)
    assert back.nodes["doc:d3"]["label"] == "坏标题" and back.nodes["person:张朝晖@平安证券"]["label"] == "张朝晖"
    assert back.number_of_nodes() == G.number_of_nodes() and back.number_of_edges() == G.number_of_edges()
    assert nx.read_graphml(graphml).number_of_nodes() == G.number_of_nodes()
    assert "doc:d3" in nx.read_gexf(gexf)
    assert G.nodes["doc:d\x013"]["label"] == "坏\x00标题\uffff"  # the writers do not touch the caller's graph


def test_a_clean_graph_is_written_as_it_is(graph, tmp_path):
    assert io.graphml.xml_safe(graph) is graph


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    src = hostile_corpus(root / "in")
    out = root / "out"
    assert main(["extract", str(src), "--out", str(out), "--no-model", "-q",
                 "--formats", "html,graphml,json,claims,gexf,neo4j"]) == 0
    return src, out


def test_extract_of_hostile_metadata_gives_well_formed_xml(extracted):
    _, out = extracted
    for name in ("graph.graphml", "graph.gexf"):
        assert_xml_chars(out / name)
    G = kg.read_graph(out / "graph.graphml")
    assert nx.read_graphml(out / "graph.graphml").number_of_nodes() == G.number_of_nodes()
    titles = sorted(d["title"] for _, d in G.nodes(data=True) if d.get("type") == "document")
    assert titles == ["前 言", "标题 测试", "网页 标题"]
    assert sum(d.get("type") == "claim" for _, d in G.nodes(data=True)) >= 6


def test_extract_removes_bidi_controls_from_every_output_and_keeps_offsets(extracted):
    src, out = extracted
    for path in sorted(p for p in out.rglob("*") if p.is_file() and not p.name.startswith("kg-store")):
        raw = path.read_text(encoding="utf-8-sig")
        assert not [f"U+{ord(c):04X}" for c in raw if c in BIDI], path.name
    texts = {doc.id: doc.text for doc in iter_documents([src])}
    G = kg.read_graph(out / "graph.graphml")
    claims = [d for _, d in G.nodes(data=True) if d.get("type") == "claim"]
    assert claims
    for data in claims:
        assert texts[data["doc"]][data["start"]:data["end"]] == data["text"]


HOSTILE_CELLS = ["=HYPERLINK(\"http://x\",\"点击\")", "+油价冲击叠加", "-2+3+cmd|' /C calc'!A0", "@SUM(1+1)",
                 "\t=1+1", "\r=1+1"]


def csv_graph(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The sample graph with formula-like text in claims, a label and an id, and a negative number."""
    for i, cell in enumerate(HOSTILE_CELLS):
        graph.add_node(f"claim:d2#{i + 1}", type="claim", label=cell[:10], text=cell, kind="direct", cue=cell,
                       doc="d2", start=i, end=i + 1, confidence=-0.5, speaker="=张三", date="2024-05-07")
        graph.add_edge("org:中国人民银行", f"claim:d2#{i + 1}", type="said")
    graph.add_node("=cmd|x", type="topic", label="-负面", weight=-3, mentions=1)
    graph.add_edge("claim:d2#1", "=cmd|x", type="about")
    return graph


def test_claims_csv_neutralises_formula_cells(graph, tmp_path):
    path = io.write_claims_csv(csv_graph(graph), tmp_path / "claims.csv")
    with path.open(encoding="utf-8-sig", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if r["claim_id"].startswith("claim:d2#") and r["speaker"] == "中国人民银行"
                and r["cue"] != "表示"]
    assert [r["text"] for r in rows] == ["'" + cell for cell in HOSTILE_CELLS]
    assert {r["cue"][:2] for r in rows} == {"'" + c[0] for c in HOSTILE_CELLS}
    assert {r["confidence"] for r in rows} == {"-0.5"}  # a plain number stays a number
    for row in csv.reader(path.open(encoding="utf-8-sig", newline="")):
        assert not [cell for cell in row if formula_like(cell)]


def test_neo4j_csv_neutralises_formula_cells_and_stays_importable(graph, tmp_path):
    G = csv_graph(graph)
    out = io.write_neo4j_csv(G, tmp_path / "neo4j")
    with (out / "nodes.csv").open(encoding="utf-8", newline="") as fh:
        nodes = list(csv.DictReader(fh))
    with (out / "relationships.csv").open(encoding="utf-8", newline="") as fh:
        rels = list(csv.DictReader(fh))
    for row in [*nodes, *rels]:
        for key, cell in row.items():
            if ":" in key and key.split(":")[-1] in ("long", "double", "boolean"):
                assert not cell.startswith("'"), (key, cell)  # typed columns stay typed
            else:
                assert not formula_like(cell), (key, cell)
    topic = next(r for r in nodes if r["id:ID"] == "'=cmd|x")
    assert topic["label"] == "'-负面" and topic["weight:long"] == "-3"
    assert {r["confidence:double"] for r in nodes if r["id:ID"].startswith("claim:d2#") and r["text"]} >= {"-0.5"}
    ids = {r["id:ID"] for r in nodes}
    assert len(ids) == G.number_of_nodes() and len(rels) == G.number_of_edges()
    assert all(r[":START_ID"] in ids and r[":END_ID"] in ids for r in rels)  # every relationship finds its nodes
    cypher = (out / "load.cypher").read_text(encoding="utf-8")
    assert "{id: row.`id:ID`}" in cypher and "(a:KGNode {id: row.`:START_ID`}), (b:KGNode {id: row.`:END_ID`})" in cypher
    assert "toFloat(row.`confidence:double`)" in cypher and "toInteger(row.`weight:long`)" in cypher
