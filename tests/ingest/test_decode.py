"""Tests for kg.ingest.decode: BOMs, UTF-8 then GB18030, --encoding, and files that are not text.

All article text here is made up for the tests.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import IngestError
from kg.ingest import iter_documents, read_document
from kg.records import Skipped


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
def test_decodings(tmp_path: Path, name: str, data: bytes, write) -> None:
    doc = read_document(write(tmp_path / name, data))
    assert (doc.title, doc.text) == ("示例标题", "正文第一段。")


def test_encoding_override(tmp_path: Path, write) -> None:
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
def test_unreadable_files(tmp_path: Path, data: bytes, needle: str, write) -> None:
    path = write(tmp_path / "bad.bin", data)
    with pytest.raises(IngestError) as info:
        read_document(path)
    assert str(info.value).startswith(f"{path}: ")
    assert needle in str(info.value)
    (result,) = iter_documents(path)
    assert isinstance(result, Skipped)
    assert result.source == str(path) and needle in result.reason
