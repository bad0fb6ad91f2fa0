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
