"""Tests for kg.ingest.jsonl: one document or one skip per line, and the real corpus.

All article text here is made up for the tests.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.ingest import iter_documents
from kg.records import Document, Skipped


def skipped(results: list[Document | Skipped]) -> list[Skipped]:
    return [r for r in results if isinstance(r, Skipped)]


def documents(results: list[Document | Skipped]) -> list[Document]:
    return [r for r in results if isinstance(r, Document)]


def test_jsonl_records_and_bad_lines(tmp_path: Path, write) -> None:
    lines = [
        json.dumps({"id": "n1", "title": "标题一", "date": "2024-01-02  10:00", "text": "第一条正文。\n\n第二段。",
                    "source": "示例社", "author": "甲", "url": "https://e.com/1", "categories": ["宏观"]},
                   ensure_ascii=False),
        "",
        "{not json",
        json.dumps({"id": "n2", "title": "没有正文"}, ensure_ascii=False),
        json.dumps({"id": "n3", "text": "   "}),
        json.dumps({"title": "HTML 字段", "html": "<p>来自 html 字段。</p><p>第二段。</p>"}, ensure_ascii=False),
        json.dumps([1, 2]),
        json.dumps({"id": "n4", "text": 42}),
        json.dumps({"id": "n5", "text": "<p>text 字段里的 HTML。</p>", "publisher": "某出版方",
                    "tags": "甲, 乙"}, ensure_ascii=False),
    ]
    path = write(tmp_path / "corpus.jsonl", "\n".join(lines) + "\n")
    results = list(iter_documents(path))
    docs = documents(results)
    assert [d.id for d in docs] == ["n1", "corpus.jsonl#6", "n5"]
    first = docs[0]
    assert (first.title, first.date, first.text) == ("标题一", "2024-01-02T10:00:00", "第一条正文。\n第二段。")
    assert (first.source, first.author, first.url) == ("示例社", "甲", "https://e.com/1")
    assert first.categories == ("宏观",)
    assert (first.path, first.format) == (f"{path}:1", "jsonl")
    assert docs[1].text == "来自 html 字段。\n第二段。"
    assert (docs[2].text, docs[2].source, docs[2].categories) == ("text 字段里的 HTML。", "某出版方", ("甲", "乙"))
    reasons = {s.source: s.reason for s in skipped(results)}
    assert sorted(reasons) == [f"{path}:{n}" for n in (3, 4, 5, 7, 8)]
    assert "invalid JSON" in reasons[f"{path}:3"]
    assert 'no "text" or "html" field' in reasons[f"{path}:4"]
    assert 'empty "text"' in reasons[f"{path}:5"]
    assert "not an object" in reasons[f"{path}:7"]
    assert "not a string" in reasons[f"{path}:8"]


def test_jsonl_sniffed_by_content_and_bad_bytes_cost_one_line(tmp_path: Path, write) -> None:
    good = json.dumps({"id": "ok", "text": "正文。"}, ensure_ascii=False).encode()
    bad = b'{"id": "x", "text": "\xff\xfe\xfd"}'
    path = write(tmp_path / "feed.txt", good + b"\n" + bad + b"\n" + good + b"\n")
    results = list(iter_documents(path))
    assert [type(r).__name__ for r in results] == ["Document", "Skipped", "Document"]
    assert results[1].source == f"{path}:2"  # type: ignore[union-attr]


@pytest.mark.shared
def test_real_corpus_never_raises(shared: Path) -> None:
    corpus = shared / "data" / "corpus" / "finreport.jsonl"
    if not corpus.exists():
        pytest.skip("../shared absent")
    results = list(iter_documents(corpus))
    assert len(results) == 1316
    docs = documents(results)
    assert all(d.text and d.id and d.path.startswith(str(corpus)) for d in docs)
    assert len({d.id for d in docs}) == len(docs)
    assert not any("\u200c" in d.text or "&nbsp;" in d.text for d in docs)
