"""Hostile characters in metadata and body text (issue 11): control characters, noncharacters, lone
surrogates and bidi controls are cleaned at ingest, in titles, ids and authors as in the body."""
from __future__ import annotations

import json

import pytest

from kg.ingest import iter_documents, parse_text
from kg.ingest.clean import clean_lines, one_line

BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
# What must never survive ingest: C0/C1 controls, noncharacters, a lone surrogate, bidi controls.
HOSTILE = "\x00\x01\x08\x1b\x7f\x9f\ufffe\uffff\ufdd0\U0010ffff\udc80" + BIDI
BODY = "央行行长易纲表示，货币政策将保持稳健。他说：“我们会继续支持实体经济发展。”"


def dirty(text: str) -> str:
    """Spreads the hostile characters through ``text``."""
    return "".join(ch + HOSTILE[i % len(HOSTILE)] for i, ch in enumerate(text))


def assert_clean(value: str) -> None:
    bad = [f"U+{ord(c):04X}" for c in value if c in HOSTILE]
    assert not bad, f"{value!r} keeps {bad}"


@pytest.mark.parametrize("ch", list(HOSTILE))
def test_one_line_removes_or_spaces_every_hostile_character(ch):
    assert one_line(f"标题{ch}测试") in ("标题测试", "标题 测试")


def test_clean_lines_removes_bidi_noncharacters_and_surrogates_from_the_body():
    lines = clean_lines(f"第一行\u202e反向\u202c文字\ufffe\udc80\n\u2067第二行\u2069\x01结束")
    assert lines == ["第一行反向文字", "第二行 结束"]


def test_jsonl_title_id_and_author(tmp_path):
    path = tmp_path / "corpus.jsonl"
    record = {"id": "doc\x01\ufffe1\u202e", "title": dirty("标题测试"), "author": "\u2066作者\x03",
              "source": "新华\x7f社", "tags": ["宏观\x02", "\u202e政策"], "text": dirty(BODY)}
    path.write_text(json.dumps(record, ensure_ascii=True) + "\n", encoding="utf-8")
    [doc] = list(iter_documents([path]))
    for value in (doc.id, doc.title, doc.author, doc.source, doc.text, *doc.categories):
        assert_clean(value)
    assert doc.title.replace(" ", "") == "标题测试" and doc.author == "作者"
    assert doc.categories == ("宏观", "政策")


def test_front_matter_fields():
    raw = f"---\ntitle: 前\x01言\x1f\u202e\nauthor: \x04某人\ufffe\n---\n{dirty(BODY)}\n"
    doc = parse_text(raw, source="a.md")
    for value in (doc.title, doc.author, doc.text):
        assert_clean(value)
    assert doc.title == "前 言" and doc.author == "某人"


def test_html_title_and_meta():
    markup = (f"<html><head><title>网页\x01\x08\ufffe标题\u202e</title>"
              f"<meta name='author' content='\x02人\u200f'><meta name='description' content='x'></head>"
              f"<body><p>{dirty(BODY)}</p></body></html>")
    doc = parse_text(markup, source="a.html")
    for value in (doc.title, doc.author, doc.text):
        assert_clean(value)
    assert doc.title == "网页 标题" and doc.author == "人"
