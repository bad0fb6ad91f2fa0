"""Tests for reading a JSONL corpus lazily: line by line, in byte ranges, the same as a whole-file read.

All article text here is made up for the tests.
"""
from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest

from kg.ingest import iter_documents
from kg.ingest.jsonl import iter_jsonl, iter_jsonl_file, line_offsets

SHARED_CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "corpus" / "finreport.jsonl"


def _line(i: int, **extra: object) -> bytes:
    obj = {"id": f"n{i}", "title": f"标题{i}", "text": f"第{i}条正文：某公司表示业绩向好。\n第二段{i}。", **extra}
    return json.dumps(obj, ensure_ascii=False).encode("utf-8")


#: corpora whose lines end and decode in every way a whole-file read knows
CASES = {
    "lf": b"\n".join(_line(i) for i in range(7)) + b"\n",
    "crlf_bom": codecs.BOM_UTF8 + b"\r\n".join(_line(i) for i in range(5)),
    "lone_cr": b"\r".join(_line(i) for i in range(4)) + b"\r",
    "blank_and_bad": b"\n".join([_line(0), b"", b"   ", b"{not json", _line(1), b"[1, 2]", _line(2)]),
    "one_gb18030_line": b"\n".join([_line(0), json.dumps({"id": "g", "text": "国内某银行称利率下行。"},
                                                         ensure_ascii=False).encode("gb18030"), _line(1)]),
    "no_ids": b"\n".join(json.dumps({"text": f"无编号的正文{i}。"}, ensure_ascii=False).encode() for i in range(3)),
}


def _key(items: list) -> list:
    return [repr(x) for x in items]


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_lazy_read_gives_what_a_whole_read_gives(tmp_path: Path, name: str) -> None:
    path = tmp_path / "c.jsonl"
    path.write_bytes(CASES[name])
    whole = list(iter_jsonl(CASES[name], str(path), "c.jsonl", None))
    assert whole, "the case must give something"
    assert _key(list(iter_jsonl_file(path, str(path), "c.jsonl", None))) == _key(whole)


@pytest.mark.parametrize("every", [1, 40, 150, 10_000])
@pytest.mark.parametrize("name", ["lf", "crlf_bom", "blank_and_bad", "no_ids"])
def test_byte_ranges_together_give_the_whole_corpus_once(tmp_path: Path, name: str, every: int) -> None:
    path = tmp_path / "c.jsonl"
    path.write_bytes(CASES[name])
    cuts = line_offsets(path, every)
    assert cuts[0] == (0, 1) and [c[0] for c in cuts] == sorted({c[0] for c in cuts})
    ends = [c[0] for c in cuts[1:]] + [None]
    parts = [x for (start, first), end in zip(cuts, ends)
             for x in iter_jsonl_file(path, str(path), "c.jsonl", None, start=start, end=end, first_line=first)]
    assert _key(parts) == _key(list(iter_jsonl_file(path, str(path), "c.jsonl", None)))
    if every == 1:
        assert len(cuts) == CASES[name].count(b"\n") + (not CASES[name].endswith(b"\n"))


def test_a_corpus_is_never_read_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "c.jsonl"
    path.write_bytes(CASES["lf"])

    def refuse(self: Path) -> bytes:
        raise AssertionError(f"{self} was read whole")

    monkeypatch.setattr(Path, "read_bytes", refuse)
    docs = list(iter_documents(path))
    assert [d.id for d in docs] == [f"n{i}" for i in range(7)]


def test_utf16_corpus_is_still_read(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    text = "\n".join(_line(i).decode() for i in range(3))
    path.write_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    assert [d.id for d in iter_documents(path)] == ["n0", "n1", "n2"]


@pytest.mark.skipif(not SHARED_CORPUS.is_file(), reason="needs ../shared/data/corpus/finreport.jsonl")
def test_the_real_corpus_reads_the_same_lazily_and_in_ranges() -> None:
    data = SHARED_CORPUS.read_bytes()
    whole = _key(list(iter_jsonl(data, "f", "f", None)))
    assert _key(list(iter_jsonl_file(SHARED_CORPUS, "f", "f", None))) == whole
    cuts = line_offsets(SHARED_CORPUS, 1 << 20)
    ends = [c[0] for c in cuts[1:]] + [None]
    parts = [x for (start, first), end in zip(cuts, ends)
             for x in iter_jsonl_file(SHARED_CORPUS, "f", "f", None, start=start, end=end, first_line=first)]
    assert len(cuts) > 2 and _key(parts) == whole
