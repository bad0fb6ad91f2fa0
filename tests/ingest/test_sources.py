"""Tests for kg.ingest.sources: folders, globs, missing inputs, and files reached twice.

All article text here is made up for the tests.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from kg.ingest import iter_documents
from kg.records import Document, Skipped


def skipped(results: list[Document | Skipped]) -> list[Skipped]:
    return [r for r in results if isinstance(r, Skipped)]


def documents(results: list[Document | Skipped]) -> list[Document]:
    return [r for r in results if isinstance(r, Document)]


def make_tree(write, root: Path) -> None:
    write(root / "b.txt", "乙标题\n乙正文。\n")
    write(root / "a.txt", "甲标题\n甲正文。\n")
    write(root / "sub" / "c.html", "<p>丙正文。</p>")
    write(root / "sub" / "deeper" / "d.txt", "丁正文。\n")
    write(root / ".hidden.txt", "不应读取。\n")
    write(root / ".git" / "config.txt", "不应读取。\n")
    write(root / "image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")


def test_folder_recursion_order_and_skips(tmp_path: Path, write) -> None:
    make_tree(write, tmp_path / "in")
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
def test_globs(tmp_path: Path, pattern: str, ids: list[str], write) -> None:
    make_tree(write, tmp_path / "in")
    results = list(iter_documents(str(tmp_path / pattern)))
    assert [d.id for d in documents(results)] == ids


def test_missing_inputs_are_skipped_and_the_run_goes_on(tmp_path: Path, write) -> None:
    make_tree(write, tmp_path / "in")
    inputs = [tmp_path / "nope.txt", str(tmp_path / "none" / "*.txt"), tmp_path / "in" / "a.txt",
              tmp_path / "in"]
    results = list(iter_documents(inputs))
    assert results[0] == Skipped(str(tmp_path / "nope.txt"), "no such file or directory; check the path")
    assert str(results[0]) == f"{tmp_path / 'nope.txt'}: no such file or directory; check the path"
    assert isinstance(results[1], Skipped) and "no files match" in results[1].reason
    # a.txt is read once although two inputs reach it
    assert [d.id for d in documents(results)] == ["a.txt", "b.txt", "sub/c.html", "sub/deeper/d.txt"]


def test_every_skip_names_its_file(tmp_path: Path, write) -> None:
    write(tmp_path / "empty.txt", "")
    write(tmp_path / "broken.txt", "---\ntitle: x\n")
    write(tmp_path / "bin.dat", b"\x00\x01\x02")
    write(tmp_path / "feed.jsonl", "{bad\n")
    for result in skipped(list(iter_documents(tmp_path))):
        assert result.source.startswith(str(tmp_path)), result
