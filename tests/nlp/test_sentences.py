"""Table-driven tests over tests/fixtures/sentences.json: sentences written for this project in the
styles of forum reports, analyst notes, interviews, statements and briefings (not tuned-on text).

A case passes when every expected claim (speaker, speaker type, kind, a snippet of its text) or
affiliation (person, firm, title, former) is found and nothing else is. Known failures are listed in
``KNOWN`` with the reason, as strict xfails: if one starts passing, the test says so.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

DATA = json.loads((Path(__file__).resolve().parents[1] / "fixtures" / "sentences.json").read_text(encoding="utf-8"))

KNOWN: dict[str, str] = {
    "firm-gonggao-cheng": "星辰光电 has no firm suffix the rules know and no title beside it, and the CRF model "
                          "misses it too",
    "former-yuan-promotion": "锐川智控董事会 ... 聘任原副总经理邓凯为总经理: the firm is the subject of 聘任, three words before the "
                             "title, and the new post follows 为; the rules bind only adjacent firm-title-name chains",
    "byline-english-media": "a Latin outlet name before 记者 on a line of its own: the rules stop at the space in "
                            "'TechFinance Daily'",
}


#: known failures of the rules alone that the model mends (a multiword Latin model firm passes its checks)
RULES_ONLY = frozenset({"byline-english-media"})


def _cases(kind):
    for case in DATA[kind]:
        known = case["id"] in KNOWN and case["id"] not in RULES_ONLY
        marks = [pytest.mark.xfail(strict=True, reason=KNOWN[case["id"]])] if known else []
        yield pytest.param(case, id=case["id"], marks=marks)


@pytest.fixture(params=["rules", "rules+model"])
def pipeline(request, nlp_rules, nlp):
    """Each case runs through the rules alone and through the full pipeline with the model."""
    case = request.node.callspec.params.get("case") or {}
    if request.param == "rules" and case.get("id") in RULES_ONLY:
        request.applymarker(pytest.mark.xfail(strict=True, reason=KNOWN[case["id"]]))
    return nlp_rules if request.param == "rules" else nlp


def test_tables_are_big_enough():
    assert len(DATA["claims"]) >= 40 and len(DATA["affiliations"]) >= 20


@pytest.mark.parametrize("case", list(_cases("claims")))
def test_claims(pipeline, case):
    doc = pipeline(case["text"])
    got = [(c.speaker, c.speaker_type, c.kind, c.text) for c in doc._.kg_claims]
    for e in case["expect"]:
        hits = [g for g in got if g[0] == e["speaker"] and g[1] == e["speaker_type"] and e["snippet"] in g[3]]
        assert hits, f"missing {e['speaker']}: {e['snippet']} in {got}"
        assert hits[0][2] == e["kind"]
    assert len(got) == len(case["expect"]), got


def _org_ok(got: str, want: str) -> bool:
    return (not want and not got) or bool(want and got and (want in got or got in want))


@pytest.mark.parametrize("case", list(_cases("affiliations")))
def test_affiliations(pipeline, case):
    doc = pipeline(case["text"])
    got = [(a.person, a.org, a.title, a.former) for a in doc._.kg_affiliations]
    for e in case["expect"]:
        assert any(g[0] == e["person"] and _org_ok(g[1], e["org"]) and (e["title"] in g[2] or g[2] in e["title"])
                   and g[3] == e.get("former", False) for g in got), f"missing {e} in {got}"
    assert len(got) == len(case["expect"]), got
