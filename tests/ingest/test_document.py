"""Tests for kg.ingest.document: what read_document and parse_text refuse, and records that pickle.

All article text here is made up for the tests.
"""
from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from kg.errors import IngestError
from kg.ingest import parse_text, read_document
from kg.records import Document, Skipped


def test_read_document_refuses_jsonl_and_folders(tmp_path: Path, write) -> None:
    with pytest.raises(IngestError, match="JSON Lines"):
        read_document(write(tmp_path / "c.data", '{"id": "a", "text": "正文。"}\n'))
    with pytest.raises(IngestError, match="is a directory"):
        read_document(tmp_path)
    with pytest.raises(IngestError, match="no such file or directory"):
        read_document(tmp_path / "missing.txt")


def test_pretty_printed_json_is_not_jsonl() -> None:
    with pytest.raises(IngestError, match="not JSON Lines"):
        parse_text('{\n  "text": "正文"\n}\n')


def test_records_pickle_for_worker_processes() -> None:
    doc = Document(id="a.txt", text="正文。", categories=("宏观",), format="text")
    assert pickle.loads(pickle.dumps(doc)) == doc
    assert pickle.loads(pickle.dumps(Skipped("a.txt", "empty file"))) == Skipped("a.txt", "empty file")
