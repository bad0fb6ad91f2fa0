"""Tests for kg.ingest.clean: what line cleaning drops from a text.

All article text here is made up for the tests.
"""
from __future__ import annotations

from kg.ingest import parse_text


def test_plain_text_drops_double_escaped_entity_lines() -> None:
    doc = parse_text("第一段。\n\n  \n&amp;amp;nbsp;\n\n第二段。\n")
    assert doc.text == "第一段。\n第二段。"
