"""kg.io.claims_csv: one row per claim, speaker fields from the graph, UTF-8 with a BOM."""
from __future__ import annotations

import csv

from tests.io.sample_graph import XSS

from kg import io



def test_claims_csv(graph, tmp_path):
    path = io.write_claims_csv(graph, tmp_path / "claims.csv")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    with path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 4
    assert tuple(rows[0]) == io.CLAIM_COLUMNS
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


def test_each_speaker_is_looked_up_once_however_many_claims(tmp_path, monkeypatch):
    # the table costs claims + speakers' edges, not claims x a speaker's edges (one voice quoted 300 times)
    import networkx as nx

    import kg.io.claims_csv as cc

    G = nx.MultiDiGraph()
    G.add_node("person:甲", type="person", label="甲", title="", orgs="")
    G.add_node("org:乙", type="organization", label="乙")
    G.add_edge("person:甲", "org:乙", key="affiliated_with", type="affiliated_with", title="首席", former=False)
    for i in range(300):
        G.add_node(f"claim:d#{i}", type="claim", text=f"观点{i}", doc="d", start=i, end=i + 1)
        G.add_edge("person:甲", f"claim:d#{i}", key="said", type="said")
    calls = []
    real = cc._speaker_fields
    monkeypatch.setattr(cc, "_speaker_fields", lambda g, s: calls.append(s) or real(g, s))
    rows = list(csv.DictReader(io.write_claims_csv(G, tmp_path / "c.csv").open(encoding="utf-8-sig")))
    assert len(rows) == 300 and {r["organization"] for r in rows} == {"乙"} and {r["title"] for r in rows} == {"首席"}
    assert calls == ["person:甲"]
