"""Tests for kg.ingest.metadata: the plain-text title rule.

All article text here is made up for the tests.
"""
from __future__ import annotations

import pytest

from kg.ingest import parse_text


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
