"""Tests for kg.ingest: formats by content, decoding, folders, globs, JSON Lines, and what gets skipped.

All article text here is made up for the tests.
"""
from __future__ import annotations

import json
import pickle
from pathlib import Path

import pytest

from kg.errors import IngestError
from kg.records import Document, Skipped
from kg.ingest import html_to_text, iter_documents, parse_text, read_document

CORPUS = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "corpus" / "finreport.jsonl"

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

HTML_PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>示例基金经理谈市场</title>
<meta name="author" content="赵六">
<style>p { color: red }</style><script>var s = "<p>不要这段</p>";</script></head>
<body><h1>页面标题</h1><p>示例基金经理张三指出，&nbsp;市场&nbsp;&nbsp;情绪回暖。</p>
<noscript>请启用脚本</noscript><figure><img src="a.png" alt="图片说明不要"><figcaption>图为张三</figcaption></figure>
<ul><li>第一点</li><li>第二点</li></ul></body></html>
"""


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def skipped(results: list[Document | Skipped]) -> list[Skipped]:
    return [r for r in results if isinstance(r, Skipped)]


def documents(results: list[Document | Skipped]) -> list[Document]:
    return [r for r in results if isinstance(r, Document)]


# --------------------------------------------------------------------------- formats


def test_archive_keeps_front_matter_and_caption_lines(tmp_path: Path) -> None:
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


def test_html_page(tmp_path: Path) -> None:
    doc = read_document(write(tmp_path / "page.dat", HTML_PAGE))
    assert doc.format == "html"
    assert doc.title == "示例基金经理谈市场"
    assert doc.author == "赵六"
    assert doc.text.split("\n") == [
        "页面标题", "示例基金经理张三指出， 市场 情绪回暖。", "图为张三", "第一点", "第二点",
    ]


@pytest.mark.parametrize(
    ("raw", "title"),
    [
        ("<div><h1>只有一级标题</h1><p>正文。</p></div>", "只有一级标题"),
        ("<p>没有标题的片段。</p><p>第二段。</p>", ""),
    ],
)
def test_html_title_falls_back_to_h1(raw: str, title: str) -> None:
    doc = parse_text(raw)
    assert (doc.format, doc.title) == ("html", title)


@pytest.mark.parametrize(
    ("raw", "title", "text"),
    [
        ("示例公司发布年报\n示例公司董事长表示，业绩稳健。\n", "示例公司发布年报", "示例公司董事长表示，业绩稳健。"),
        ("示例公司董事长表示，业绩稳健。\n第二段。\n", "", "示例公司董事长表示，业绩稳健。\n第二段。"),
        ("他说：“今年会更好。”\n第二段。\n", "", "他说：“今年会更好。”\n第二段。"),
        ("分析师认为：\n市场仍有机会。\n", "", "分析师认为：\n市场仍有机会。"),
        ("只有一行没有标点\n", "", "只有一行没有标点"),
        ("长" * 61 + "\n正文。\n", "", "长" * 61 + "\n正文。"),
        ("\n\n  标题前有空行  \r\n\r\n正文\u3000\u3000第一段。  \r\n", "标题前有空行", "正文\u3000\u3000第一段。"),
        ("Quarterly Results\nRevenue   rose  by 5%.\n", "Quarterly Results", "Revenue rose by 5%."),
    ],
)
def test_plain_text_title_rule(raw: str, title: str, text: str) -> None:
    doc = parse_text(raw)
    assert (doc.format, doc.title, doc.text) == ("text", title, text)


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("<p>一</p><p>二</p>", "一\n二"),
        ("<h3>图为某公司总经理</h3><p>正文。</p>", "图为某公司总经理\n正文。"),
        ("<p>a<br>b<br/>c</p>", "a\nb\nc"),
        ("<blockquote>引文</blockquote><section>节</section><article>文</article>", "引文\n节\n文"),
        ("<p>Hello   <b>big</b>\n  world</p>", "Hello big world"),
        ("<p>中文\n  换行</p>", "中文换行"),
        ("<p>&ldquo;引号&rdquo;&nbsp;&amp;&#20013;</p>", "“引号” &中"),
        ("<script>alert(1)</script><style>p{}</style><noscript>x</noscript><p>留下</p>", "留下"),
        ("<p><img src='a.png' alt='替代文字'>图后文字</p>", "图后文字"),
        ("<figure><img src='a.png'><figcaption>图说</figcaption></figure>", "图说"),
        ("<table><tr><td>营收</td><td>100亿</td></tr><tr><td>利润</td><td>9亿</td></tr></table>",
         "营收 100亿\n利润 9亿"),
        ("<p>\u200c零宽\u200b字符</p>", "零宽字符"),
        ("<p>&amp;nbsp;</p><p>正文</p>", "正文"),
        ("<pre>第一行\n第二行</pre>", "第一行\n第二行"),
        ("纯文字", "纯文字"),
        ("", ""),
    ],
)
def test_html_to_text(html: str, text: str) -> None:
    assert html_to_text(html) == text


def test_plain_text_drops_double_escaped_entity_lines() -> None:
    doc = parse_text("第一段。\n\n  \n&amp;amp;nbsp;\n\n第二段。\n")
    assert doc.text == "第一段。\n第二段。"


# --------------------------------------------------------------------------- decoding


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("utf8.txt", "示例标题\n正文第一段。\n".encode()),
        ("bom.txt", "\ufeff示例标题\n正文第一段。\n".encode()),
        ("gbk.txt", "示例标题\n正文第一段。\n".encode("gbk")),
        ("gb18030.txt", "示例标题\n正文第一段。\n".encode("gb18030")),
        ("utf16.txt", "示例标题\n正文第一段。\n".encode("utf-16")),
        ("crlf.txt", "示例标题\r\n正文第一段。\r\n".encode()),
    ],
)
def test_decodings(tmp_path: Path, name: str, data: bytes) -> None:
    doc = read_document(write(tmp_path / name, data))
    assert (doc.title, doc.text) == ("示例标题", "正文第一段。")


def test_encoding_override(tmp_path: Path) -> None:
    path = write(tmp_path / "big5.txt", "示例標題\n正文第一段。\n".encode("big5"))
    doc = read_document(path, encoding="big5")
    assert doc.text == "正文第一段。"
    wide = write(tmp_path / "wide.txt", "标题\n正文。\n".encode("utf-16-be"))
    assert read_document(wide, encoding="utf-16-be").text == "正文。"
    with pytest.raises(IngestError, match="cannot decode as ascii"):
        read_document(path, encoding="ascii")
    with pytest.raises(IngestError, match="unknown encoding 'nope'"):
        read_document(path, encoding="nope")


@pytest.mark.parametrize(
    ("data", "needle"),
    [
        (b"", "empty file"),
        (b" \n\t\r\n  ", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary file (PNG image)"),
        (b"abc\x00\x00\x00def", "binary file, not a text document"),
        (bytes(range(1, 8)) * 40, "binary file, not a text document"),
        ("Revenue rose, the chief executive said.".encode("utf-16-le"), "--encoding utf-16-le"),
        ("Müller über Straße in Zürich und Köln".encode("latin-1"), "unlikely characters"),
        ("Café crème à la carte".encode("latin-1"), "cannot decode as UTF-8 or GB18030"),
        (b"\xef\xbb\xbfBOM then bad \xff\xfe bytes", "UTF-8 byte-order mark"),
        ("示例证券首席信息官表示，".encode() * 3 + b"\xff\xfe", "damaged or mixes encodings"),
    ],
)
def test_unreadable_files(tmp_path: Path, data: bytes, needle: str) -> None:
    path = write(tmp_path / "bad.bin", data)
    with pytest.raises(IngestError) as info:
        read_document(path)
    assert str(info.value).startswith(f"{path}: ")
    assert needle in str(info.value)
    (result,) = iter_documents(path)
    assert isinstance(result, Skipped)
    assert result.source == str(path) and needle in result.reason


def test_read_document_refuses_jsonl_and_folders(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match="JSON Lines"):
        read_document(write(tmp_path / "c.data", '{"id": "a", "text": "正文。"}\n'))
    with pytest.raises(IngestError, match="is a directory"):
        read_document(tmp_path)
    with pytest.raises(IngestError, match="no such file or directory"):
        read_document(tmp_path / "missing.txt")


def test_pretty_printed_json_is_not_jsonl() -> None:
    with pytest.raises(IngestError, match="not JSON Lines"):
        parse_text('{\n  "text": "正文"\n}\n')


# --------------------------------------------------------------------------- JSON Lines


def test_jsonl_records_and_bad_lines(tmp_path: Path) -> None:
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
    assert (first.title, first.date, first.text) == ("标题一", "2024-01-02 10:00", "第一条正文。\n第二段。")
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


def test_jsonl_sniffed_by_content_and_bad_bytes_cost_one_line(tmp_path: Path) -> None:
    good = json.dumps({"id": "ok", "text": "正文。"}, ensure_ascii=False).encode()
    bad = b'{"id": "x", "text": "\xff\xfe\xfd"}'
    path = write(tmp_path / "feed.txt", good + b"\n" + bad + b"\n" + good + b"\n")
    results = list(iter_documents(path))
    assert [type(r).__name__ for r in results] == ["Document", "Skipped", "Document"]
    assert results[1].source == f"{path}:2"  # type: ignore[union-attr]


# --------------------------------------------------------------------------- many inputs


def make_tree(root: Path) -> None:
    write(root / "b.txt", "乙标题\n乙正文。\n")
    write(root / "a.txt", "甲标题\n甲正文。\n")
    write(root / "sub" / "c.html", "<p>丙正文。</p>")
    write(root / "sub" / "deeper" / "d.txt", "丁正文。\n")
    write(root / ".hidden.txt", "不应读取。\n")
    write(root / ".git" / "config.txt", "不应读取。\n")
    write(root / "image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")


def test_folder_recursion_order_and_skips(tmp_path: Path) -> None:
    make_tree(tmp_path / "in")
    results = list(iter_documents(tmp_path / "in"))
    assert [r.id for r in documents(results)] == ["a.txt", "b.txt", "sub/c.html", "sub/deeper/d.txt"]
    (png,) = skipped(results)
    assert png.source == str(tmp_path / "in" / "image.png") and "binary file (PNG image)" in png.reason
    assert [r.id for r in documents(list(iter_documents(tmp_path / "in")))] == [
        r.id for r in documents(results)]


@pytest.mark.parametrize(
    ("pattern", "ids"),
    [
        ("in/*.txt", ["a.txt", "b.txt"]),
        ("in/**/*.txt", ["a.txt", "b.txt", "sub/deeper/d.txt"]),
        ("in/**", ["a.txt", "b.txt", "sub/c.html", "sub/deeper/d.txt"]),
        ("in/sub/*", ["c.html"]),
    ],
)
def test_globs(tmp_path: Path, pattern: str, ids: list[str]) -> None:
    make_tree(tmp_path / "in")
    results = list(iter_documents(str(tmp_path / pattern)))
    assert [d.id for d in documents(results)] == ids


def test_missing_inputs_are_skipped_and_the_run_goes_on(tmp_path: Path) -> None:
    make_tree(tmp_path / "in")
    inputs = [tmp_path / "nope.txt", str(tmp_path / "none" / "*.txt"), tmp_path / "in" / "a.txt",
              tmp_path / "in"]
    results = list(iter_documents(inputs))
    assert results[0] == Skipped(str(tmp_path / "nope.txt"), "no such file or directory; check the path")
    assert str(results[0]) == f"{tmp_path / 'nope.txt'}: no such file or directory; check the path"
    assert isinstance(results[1], Skipped) and "no files match" in results[1].reason
    # a.txt is read once although two inputs reach it
    assert [d.id for d in documents(results)] == ["a.txt", "b.txt", "sub/c.html", "sub/deeper/d.txt"]


def test_every_skip_names_its_file(tmp_path: Path) -> None:
    write(tmp_path / "empty.txt", "")
    write(tmp_path / "broken.txt", "---\ntitle: x\n")
    write(tmp_path / "bin.dat", b"\x00\x01\x02")
    write(tmp_path / "feed.jsonl", "{bad\n")
    for result in skipped(list(iter_documents(tmp_path))):
        assert result.source.startswith(str(tmp_path)), result


@pytest.mark.shared
def test_real_corpus_never_raises() -> None:
    if not CORPUS.exists():
        pytest.skip("../shared absent")
    results = list(iter_documents(CORPUS))
    assert len(results) == 1316
    docs = documents(results)
    assert all(d.text and d.id and d.path.startswith(str(CORPUS)) for d in docs)
    assert len({d.id for d in docs}) == len(docs)
    assert not any("\u200c" in d.text or "&nbsp;" in d.text for d in docs)


def test_records_pickle_for_worker_processes() -> None:
    doc = Document(id="a.txt", text="正文。", categories=("宏观",), format="text")
    assert pickle.loads(pickle.dumps(doc)) == doc
    assert pickle.loads(pickle.dumps(Skipped("a.txt", "empty file"))) == Skipped("a.txt", "empty file")
