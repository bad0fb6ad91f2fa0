"""Tests for kg.ingest.frontmatter: archives, the lenient YAML-ish header and its errors.

All article text here is made up for the tests.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import IngestError
from kg.ingest import parse_text, read_document

ARCHIVE = """---
title: "示例证券发布数字化转型报告"
date: 2024-03-05
author: 王小明
categories: [金融科技, 券商]
tags:
  - 数字化
source: 示例财经
url: https://example.com/a/1
---
<div class="article">
<p>示例证券首席信息官李四表示，数字化转型已进入深水区。</p>
<h3>图为示例证券首席信息官李四</h3>
<p>他认为，券商需要把数据能力
沉淀为平台。</p>
<p>&ldquo;我们会继续投入。&rdquo;李四说。</p>
</div>
"""


def test_archive_keeps_front_matter_and_caption_lines(tmp_path: Path, write) -> None:
    doc = read_document(write(tmp_path / "000_demo.txt", ARCHIVE))
    assert doc.format == "archive"
    assert doc.id == "000_demo.txt"
    assert doc.title == "示例证券发布数字化转型报告"
    assert doc.date == "2024-03-05"
    assert doc.author == "王小明"
    assert doc.categories == ("金融科技", "券商", "数字化")
    assert doc.source == "示例财经"
    assert doc.url == "https://example.com/a/1"
    assert doc.text.split("\n") == [
        "示例证券首席信息官李四表示，数字化转型已进入深水区。",
        "图为示例证券首席信息官李四",
        "他认为，券商需要把数据能力沉淀为平台。",
        "“我们会继续投入。”李四说。",
    ]


@pytest.mark.parametrize(
    ("header", "field", "expected"),
    [
        ("title: 单行标题", "title", "单行标题"),
        ("title: 'It''s quoted'", "title", "It's quoted"),
        ('title: "带\\"引号\\"的标题"', "title", '带"引号"的标题'),
        ("title：全角冒号", "title", "全角冒号"),
        ("publisher: 示例日报", "source", "示例日报"),
        ("site: 示例网", "source", "示例网"),
        ("outlet: 示例台", "source", "示例台"),
        ("tags: [a, \"b, c\"]", "categories", ("a", "b, c")),
        ("categories:\n  - 宏观\n  - 债券", "categories", ("宏观", "债券")),
        ("author:\n  - 甲\n  - 乙", "author", "甲、乙"),
        ("title: >\n  折叠的\n  标题", "title", "折叠的 标题"),
        ("meta:\n  nested: ignored\ntitle: 嵌套之后", "title", "嵌套之后"),
        ("# a comment\n\ntitle: 注释之后", "title", "注释之后"),
        ("", "title", ""),
    ],
)
def test_front_matter_parser(header: str, field: str, expected: object) -> None:
    doc = parse_text(f"---\n{header}\n---\n<p>正文一段。</p>\n", source="fm.txt")
    assert doc.format == "archive"
    assert getattr(doc, field) == expected


@pytest.mark.parametrize(
    ("raw", "needle"),
    [
        ("---\ntitle: 没有结束\n<p>正文。</p>\n", "no closing ---"),
        ("---\ntitle: 好的\n这一行不是键值对\n---\n<p>正文。</p>\n", "line 3 is not 'key: value'"),
    ],
)
def test_broken_front_matter(raw: str, needle: str) -> None:
    with pytest.raises(IngestError) as info:
        parse_text(raw, source="bad.txt")
    message = str(info.value)
    assert message.startswith("bad.txt: broken front matter")
    assert needle in message
    assert "fix the YAML header between the --- lines" in message


def test_archive_with_plain_body() -> None:
    doc = parse_text("---\ntitle: 纯文本正文\n---\n第一段。\n\n第二段。\n")
    assert (doc.format, doc.title, doc.text) == ("archive", "纯文本正文", "第一段。\n第二段。")
