"""Tests for kg.ingest.partitions: the partitions of any inputs, read one after the other, give exactly what
iter_documents gives, and cutting them reads no document.

All article text here is made up for the tests.
"""
from __future__ import annotations

import codecs
import json
import pickle
from pathlib import Path

import pytest

import kg.ingest.partitions as parts_mod
from kg.ingest import iter_documents
from kg.ingest.jsonl import line_offsets
from kg.ingest.partitions import Files, Lines, Source, is_url, partitions, read_partition
from kg.records import Document, Skipped


def _line(i: int, **extra: object) -> bytes:
    obj = {"id": f"n{i}", "title": f"标题{i}", "text": f"第{i}条正文：某公司表示业绩向好。\n第二段{i}。", **extra}
    return json.dumps(obj, ensure_ascii=False).encode("utf-8")


def _corpus(n: int) -> bytes:
    return b"\n".join(_line(i) for i in range(n)) + b"\n"


def _tree(write, root: Path) -> Path:
    write(root / "b.txt", "乙标题\n乙正文。\n")
    write(root / "a.txt", "甲标题\n甲正文。\n")
    write(root / "sub" / "c.html", "<p>丙正文。</p>")
    write(root / "sub" / "deeper" / "d.txt", "丁正文。\n")
    write(root / "sub" / "big.jsonl", _corpus(30))
    write(root / "sub" / "lines.txt", _corpus(3))  # a corpus by content, not by name
    write(root / ".hidden.txt", "不应读取。\n")
    write(root / ".git" / "config.txt", "不应读取。\n")
    write(root / "image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    write(root / "empty.txt", "")
    return root


def _together(inputs: object, **kwargs: object) -> list[Document | Skipped]:
    encoding = kwargs.get("encoding")
    return [x for part in partitions(inputs, **kwargs) for x in read_partition(part, encoding=encoding)]


#: JSONL corpora that a byte range must read as the whole file does
CORPORA = {
    "lf.jsonl": _corpus(20),
    "crlf_bom.jsonl": codecs.BOM_UTF8 + b"\r\n".join(_line(i) for i in range(12)),
    "bad_lines.jsonl": b"\n".join([_line(0), b"", b"   ", b"{not json", _line(1), b"[1, 2]", _line(2)] * 4),
    "gb18030.jsonl": b"\n".join([_line(0), json.dumps({"id": "g", "text": "国内某银行称利率下行。"},
                                                      ensure_ascii=False).encode("gb18030"), _line(1)] * 4),
    "no_ids.jsonl": b"\n".join(json.dumps({"text": f"无编号的正文{i}。"}, ensure_ascii=False).encode() for i in range(12)),
    "utf16.jsonl": codecs.BOM_UTF16_LE + _corpus(10).decode().encode("utf-16-le"),
    "binary.jsonl": b"{\"id\": 1}\n\x00\x01\x02" * 300,
    "blank_head.jsonl": b" \n" * 70_000 + _corpus(3),
    # lone CRs end lines inside LF lines, so a later range's first line number counts them
    "mixed_cr.jsonl": b"\n".join([_line(0) + b"\r" + _line(1), b"\r\r", _line(2) + b"\r\n" + _line(3)] * 3).replace(
        b'"id": "n', b'"x": "n'),
}


@pytest.mark.parametrize("every", [1, 300, 1 << 20])
@pytest.mark.parametrize("files", [1, 3, 16])
def test_a_folder_tree_reads_as_iter_documents(tmp_path: Path, write, files: int, every: int) -> None:
    root = _tree(write, tmp_path / "in")
    want = list(iter_documents(root))
    assert sum(isinstance(x, Document) for x in want) > 30 and any(isinstance(x, Skipped) for x in want)
    assert _together(root, files=files, every=every) == want


@pytest.mark.parametrize("every", [1, 200, 1 << 20])
@pytest.mark.parametrize("name", sorted(CORPORA))
def test_each_kind_of_corpus_reads_as_iter_documents(tmp_path: Path, name: str, every: int) -> None:
    path = tmp_path / name
    path.write_bytes(CORPORA[name])
    assert _together(path, every=every) == list(iter_documents(path))


def test_a_forced_wide_encoding_keeps_a_corpus_whole(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    path.write_bytes(_corpus(10).decode().encode("utf-16-le"))
    assert [type(p) for p in partitions(path, every=100, encoding="utf-16-le")] == [Files]
    assert _together(path, every=100, encoding="utf-16-le") == list(iter_documents(path, encoding="utf-16-le"))


def test_mixed_inputs_duplicates_and_bad_inputs_read_as_iter_documents(tmp_path: Path, write,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    root = _tree(write, tmp_path / "in")
    monkeypatch.chdir(tmp_path)  # relative inputs keep their spelling in ids and messages
    inputs = ["nope.txt", "in/sub/big.jsonl", str(tmp_path / "none" / "*.txt"), "in/a.txt", Path("in"),
              "in/**/*.txt", str(root / "a.txt")]
    want = list(iter_documents(inputs))
    assert any(isinstance(x, Skipped) and x.source == "nope.txt" for x in want)
    for files, every in [(1, 1), (2, 500), (16, 1 << 20)]:
        assert _together(inputs, files=files, every=every) == want


def test_large_corpora_are_cut_and_files_grouped(tmp_path: Path, write) -> None:
    root = _tree(write, tmp_path / "in")
    found = list(partitions(root, files=2, every=1000))
    lines = [p for p in found if isinstance(p, Lines)]
    assert {p.file.source for p in lines} == {str(root / "sub" / "big.jsonl")}
    assert len(lines) == len(line_offsets(root / "sub" / "big.jsonl", 1000)) == 3
    assert lines[0].start == 0 and lines[-1].end is None
    assert [p.end for p in lines[:-1]] == [p.start for p in lines[1:]]
    assert all(1 <= len(p.items) <= 2 for p in found if isinstance(p, Files))
    assert all(Path(p.file.location).is_absolute() for p in lines)
    assert pickle.loads(pickle.dumps(found)) == found
    # a file no larger than ``every`` is never cut, nor a file that is not a corpus
    assert not [p for p in partitions(root, every=len(_corpus(30))) if isinstance(p, Lines)]


def test_cutting_reads_no_document(tmp_path: Path, write, monkeypatch: pytest.MonkeyPatch) -> None:
    root = _tree(write, tmp_path / "in")

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a document was read while cutting")

    monkeypatch.setattr(parts_mod, "document_from_bytes", refuse)
    monkeypatch.setattr(parts_mod, "iter_jsonl_file", refuse)
    assert len(list(partitions(root, files=1, every=100))) > 10


def test_bad_sizes_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="at least 1"):
        list(partitions(tmp_path, files=0))


# -- fsspec URLs -------------------------------------------------------------------------------------------
fsspec = pytest.importorskip("fsspec")


@pytest.fixture
def memory_tree(tmp_path: Path, write):
    """The same tree on disk and on fsspec's in-memory filesystem under memory://news."""
    root = _tree(write, tmp_path / "news")
    fs = fsspec.filesystem("memory")
    for path in root.rglob("*"):
        if path.is_file():
            fs.pipe(f"/news/{path.relative_to(root).as_posix()}", path.read_bytes())
    yield root
    fs.rm("/news", recursive=True)


def _as_url(items: list[Document | Skipped], root: Path, url: str) -> list[Document | Skipped]:
    """Gives what iter_documents read under ``root`` as if it had been read under ``url``."""
    def moved(s: str) -> str:
        return url + s[len(str(root)):] if s.startswith(str(root)) else s

    out: list[Document | Skipped] = []
    for x in items:
        if isinstance(x, Skipped):
            out.append(Skipped(moved(x.source), x.reason.replace(str(root), url)))
        else:
            out.append(Document(**{**{f: getattr(x, f) for f in Document.__slots__}, "path": moved(x.path)}))
    return out


@pytest.mark.parametrize("every", [1, 300, 1 << 20])
def test_a_folder_url_reads_as_the_same_folder_on_disk(memory_tree: Path, every: int) -> None:
    want = _as_url(list(iter_documents(memory_tree)), memory_tree, "memory://news")
    assert _together("memory://news/", files=3, every=every) == want
    assert _together("memory://news", files=3, every=every) == want


def test_a_corpus_and_a_glob_by_url(memory_tree: Path) -> None:
    big = memory_tree / "sub" / "big.jsonl"
    got = _together("memory://news/sub/big.jsonl", every=500)
    assert len(list(partitions("memory://news/sub/big.jsonl", every=500))) > 3
    assert got == _as_url(list(iter_documents(big)), big, "memory://news/sub/big.jsonl")
    for pattern in ["*.txt", "**/*.txt", "sub/*"]:
        want = _as_url(list(iter_documents(str(memory_tree / pattern))), memory_tree, "memory://news")
        assert _together(f"memory://news/{pattern}", files=2) == want


def test_a_file_url_reads_as_the_local_path(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    path.write_bytes(CORPORA["bad_lines.jsonl"])
    url = path.as_uri()
    assert _together(url, every=100) == _as_url(list(iter_documents(path)), path, url)


def test_bad_urls_are_skipped(memory_tree: Path) -> None:
    got = _together(["memory://nothing/here.txt", "nosuchscheme://x/y", "memory://news/nope/*.txt",
                     "memory://news/a.txt"])
    assert [type(x) for x in got] == [Skipped, Skipped, Skipped, Document]
    assert got[0].reason == "nothing at this URL; check it"
    assert got[1].source == "nosuchscheme://x/y" and "cannot open this URL" in got[1].reason
    assert "no files match" in got[2].reason


def test_a_file_that_vanishes_is_skipped_as_a_local_one(memory_tree: Path) -> None:
    part = Files((Source("memory://news/gone.txt", "memory://news/gone.txt", "gone.txt"),))
    assert list(read_partition(part)) == [Skipped("memory://news/gone.txt", "no such file or directory; check the path")]


@pytest.mark.parametrize(("item", "url"), [("s3://b/k.jsonl", True), ("simplecache::s3://b/k", True),
                                           ("file:///tmp/x", True), ("seeds/", False), ("C:\\news", False),
                                           (Path("s3:/x"), False)])
def test_is_url(item: object, url: bool) -> None:
    assert is_url(item) is url
