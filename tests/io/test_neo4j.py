"""kg.io.neo4j: import CSVs with neo4j-admin headers and a LOAD CSV script."""
from __future__ import annotations

import csv

from tests.io.sample_graph import XSS

from kg import io



def test_neo4j_csv(graph, tmp_path):
    out = io.write_neo4j_csv(graph, tmp_path / "neo4j")
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
