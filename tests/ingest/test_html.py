"""Tests for kg.ingest.html: pages, fragments, titles and the visible text of HTML.

All article text here is made up for the tests.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from kg.ingest import html_to_text, parse_text, read_document

HTML_PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>示例基金经理谈市场</title>
<meta name="author" content="赵六">
<style>p { color: red }</style><script>var s = "<p>不要这段</p>";</script></head>
<body><h1>页面标题</h1><p>示例基金经理张三指出，&nbsp;市场&nbsp;&nbsp;情绪回暖。</p>
<noscript>请启用脚本</noscript><figure><img src="a.png" alt="图片说明不要"><figcaption>图为张三</figcaption></figure>
<ul><li>第一点</li><li>第二点</li></ul></body></html>
"""


def test_html_page(tmp_path: Path, write) -> None:
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
