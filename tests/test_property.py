"""Property-based tests (hypothesis) over ingest and the pipeline, for issue 11: whatever bytes or text come in
(random bytes, random Unicode with controls, surrogates and bidi characters, random HTML and front matter,
random JSONL), there is never a traceback: each input gives documents or a named skip reason, and the
outputs written from what the pipeline found are valid for their formats.

Budgets are small (the suite must stay fast); ``HYPOTHESIS_PROFILE=long`` runs many more examples.
"""
from __future__ import annotations

import json
import os
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

import kg.io  # noqa: E402
from kg.graph import build_graph  # noqa: E402
from kg.ingest import iter_documents  # noqa: E402
from kg.records import DocResult, Document, Skipped  # noqa: E402
from kg.run.task import process  # noqa: E402

settings.register_profile("ci", max_examples=25, deadline=None,
                          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
settings.register_profile("long", max_examples=500, deadline=None,
                          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

#: characters that break naive code: C0/C1 controls, noncharacters, bidi controls, zero-width, lone
#: surrogates, quotes, markup, formula leads, CJK and dotted names
HOSTILE = ["\x00", "\x01", "\x0b", "\x1b", "\x7f", "\x85", "\ufffe", "\uffff", "\u202e", "\u2066", "\u200f",
           "\u200b", "\ufeff", "\ud800", "\udfff", "<", ">", "&", '"', "'", "=", "+", "-", "@", "\t", "\r", "\n",
           "“", "”", "：", "，", "。", "·", "表示", "认为", "总经理", "平安证券", "张朝晖"]
hostile_text = st.lists(st.one_of(st.sampled_from(HOSTILE), st.text(max_size=8)), max_size=40).map("".join)


def _outcomes(path: Path) -> list[Document | Skipped]:
    items = list(iter_documents(path))
    assert items, f"{path}: neither a document nor a skip"
    for item in items:
        assert isinstance(item, (Document, Skipped))
        if isinstance(item, Skipped):
            assert item.reason.strip() and "\n" not in item.reason and "Traceback" not in item.reason
    return items


@given(data=st.binary(max_size=600))
def test_random_bytes_give_documents_or_named_skips(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("b") / "x.txt"
    path.write_bytes(data)
    _outcomes(path)


@given(text=hostile_text)
def test_random_text_gives_documents_or_named_skips(tmp_path_factory, text):
    path = tmp_path_factory.mktemp("t") / "x.txt"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    _outcomes(path)


@given(title=hostile_text, body=hostile_text, tag=st.sampled_from(["p", "div", "h1", "script", "![CDATA[", "!--"]))
def test_random_html_and_front_matter_give_documents_or_named_skips(tmp_path_factory, title, body, tag):
    folder = tmp_path_factory.mktemp("h")
    (folder / "a.html").write_bytes(f"<html><head><title>{title}</title></head><body><{tag}>{body}</{tag}>"
                                    "</body></html>".encode("utf-8", "surrogatepass"))
    (folder / "b.md").write_bytes(f"---\ntitle: {title}\nauthor: [{body}]\n---\n<p>{body}</p>\n"
                                  .encode("utf-8", "surrogatepass"))
    _outcomes(folder)


@given(records=st.lists(st.fixed_dictionaries({"id": hostile_text, "title": hostile_text, "text": hostile_text,
                                               "author": hostile_text}), min_size=1, max_size=4))
def test_random_jsonl_gives_a_document_or_skip_per_line(tmp_path_factory, records):
    path = tmp_path_factory.mktemp("j") / "c.jsonl"
    # json.dumps escapes lone surrogates as \ud800, which json.loads turns back into them
    path.write_text("\n".join(json.dumps(r, ensure_ascii=True) for r in records) + "\n", encoding="utf-8")
    _outcomes(path)


_SENTENCES = st.lists(st.sampled_from([
    "平安证券CIO张朝晖认为，数字化转型需要全方位的架构。", "“市场仍有机会，”许彦冰表示。", "央行行长潘功胜表示，将保持流动性合理充裕。",
    "马斯克说：“+油价冲击叠加”。", "=cmd|' /C calc'!A0 某公司发言人称，业绩向好。",
]), min_size=1, max_size=4).map("".join)


@given(head=hostile_text, body=_SENTENCES, tail=hostile_text)
@settings(max_examples=10)
def test_the_pipeline_on_hostile_text_gives_records_and_valid_outputs(nlp_rules, tmp_path_factory, head, body, tail):
    folder = tmp_path_factory.mktemp("p")
    (folder / "x.txt").write_bytes(f"{head}\n{body}{tail}\n{body}".encode("utf-8", "surrogatepass"))
    docs = [d for d in _outcomes(folder) if isinstance(d, Document)]
    outcomes = list(process(nlp_rules, docs))
    assert len(outcomes) == len(docs)
    results = [o for o in outcomes if isinstance(o, DocResult)]
    for o in outcomes:
        if isinstance(o, Skipped):
            assert o.reason.strip() and "\n" not in o.reason
    for r in results:
        doc = next(d for d in docs if d.id == r.doc_id)
        for c in r.claims:  # every claim is traceable to its place in the text
            assert 0 <= c.start <= c.end <= len(doc.text)
    out = folder / "out"
    kg.io.write_all(build_graph(results), out, formats=["graphml", "gexf", "json", "claims", "html"])
    for name in ("graph.graphml", "graph.gexf"):
        ET.parse(out / name)  # well-formed XML 1.0
    json.loads((out / "graph.json").read_text(encoding="utf-8"))
    kg.io.read_graph(out / "graph.graphml")
