"""The progress line: what it shows, when it shows nothing, the throttle, the newline, and the wiring."""
from __future__ import annotations

import io
import json
import sys

import pytest

from kg.cli import main
from kg.records import DocResult, Skipped
from kg.run import progress as progress_mod
from kg.run import run
from kg.run.progress import Progress, count_documents, progress_for


class TTY(io.StringIO):
    """A stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def _doc(i: int = 0) -> DocResult:
    return DocResult(doc_id=f"d{i}")


def _skip() -> Skipped:
    return Skipped("bad.txt", "empty file")


def test_the_line_has_documents_of_total_chars_per_second_eta_and_skipped():
    stream, clock = TTY(), Clock()
    p = Progress(stream, total=10, clock=clock)
    clock.now += 4.0
    p(_doc(), 3000)
    p(_skip(), 0)  # 0.0 s after the last draw: throttled
    clock.now += 1.0  # 5 s in, 2 of 10 done, 3000 characters
    p(_doc(), 2000)
    last = stream.getvalue().split("\r")[-1]
    assert last.startswith("kg: 3/10 documents")
    assert "1,000 chars/s" in last  # 5000 characters in 5 s
    assert "ETA 0:12" in last  # 7 left at 5 s / 3 done
    assert "1 skipped" in last
    assert last.endswith("\x1b[K")  # clears what a longer line left behind
    assert "\n" not in stream.getvalue()


def test_without_a_total_there_is_no_total_and_no_eta():
    stream, clock = TTY(), Clock()
    p = Progress(stream, clock=clock)
    clock.now += 3.0
    p(_doc(), 300)
    last = stream.getvalue().split("\r")[-1]
    assert last.startswith("kg: 1 documents") and "/" not in last.split("·")[0]
    assert "ETA" not in last and "100 chars/s" in last and "0 skipped" in last


def test_nothing_shows_before_the_delay_and_short_runs_print_nothing():
    stream, clock = TTY(), Clock()
    with Progress(stream, total=3, clock=clock) as p:
        clock.now += 1.9
        p(_doc(), 10)
        p(_doc(), 10)
    assert stream.getvalue() == ""


@pytest.mark.parametrize("stream, quiet", [(io.StringIO(), False), (TTY(), True)], ids=["not a tty", "quiet"])
def test_nothing_is_written_to_a_pipe_or_when_quiet(stream, quiet):
    clock = Clock()
    with Progress(stream, total=5, clock=clock, quiet=quiet) as p:
        for i in range(5):
            clock.now += 3.0
            p(_doc(i), 100)
    assert stream.getvalue() == ""
    assert p.documents == 5  # it still counts
    assert progress_for(["x"], stream=stream, quiet=quiet) is None


def test_redraws_are_throttled_to_the_interval():
    stream, clock = TTY(), Clock()
    p = Progress(stream, total=1000, clock=clock)
    clock.now += 2.0
    for i in range(100):  # 100 outcomes over 1 s: 0.01 s apart
        p(_doc(i), 1)
        clock.now += 0.01
    draws = stream.getvalue().count("\r")
    assert draws == 5  # at 0.0, 0.2, 0.4, 0.6, 0.8 s after the delay


def test_close_draws_the_final_count_and_ends_with_one_newline():
    stream, clock = TTY(), Clock()
    with Progress(stream, total=2, clock=clock) as p:
        clock.now += 2.5
        p(_doc(), 10)
        p(_doc(), 10)  # throttled, but close() shows it
    out = stream.getvalue()
    assert out.endswith("\n") and out.count("\n") == 1
    assert out.rstrip("\n").split("\r")[-1].startswith("kg: 2/2 documents")
    p.close()  # a second close writes nothing more
    assert stream.getvalue() == out


def test_a_closed_stream_stops_the_line_without_an_error():
    stream, clock = TTY(), Clock()
    p = Progress(stream, total=3, clock=clock)
    stream.close()
    clock.now += 3.0
    p(_doc(), 10)  # writing to a closed StringIO raises ValueError inside: swallowed
    p.close()
    assert p.documents == 1 and not p.enabled


def test_count_documents_counts_files_and_jsonl_lines(tmp_path):
    (tmp_path / "a.txt").write_text("一篇文章\n正文。\n", encoding="utf-8")
    lines = [json.dumps({"id": str(i), "text": "正文。"}, ensure_ascii=False) for i in range(7)]
    (tmp_path / "c.jsonl").write_text("\n".join(lines[:3]) + "\n\n" + "\n".join(lines[3:]), encoding="utf-8")
    assert count_documents(tmp_path) == 8  # one file, seven non-blank lines (the last without a newline)
    assert count_documents([tmp_path, tmp_path / "missing"]) == 9  # an input that names nothing is one skip
    assert count_documents(tmp_path, limit=4) == 4


def test_run_notifies_every_outcome_with_its_characters(tmp_path, nlp_rules):
    (tmp_path / "a.txt").write_text("标题\n平安证券CIO张朝晖认为，数字化转型需要全方位的架构。\n", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"")  # an unreadable input
    (tmp_path / "c.txt").write_text("标题二\n招商银行行长王良表示：“零售业务仍是我们的压舱石。”\n", encoding="utf-8")
    seen: list[tuple[str, int]] = []
    report = run(tmp_path, nlp=nlp_rules, progress=lambda out, n: seen.append((type(out).__name__, n)))
    assert sorted(seen) == sorted([("Skipped", 0)] + [("DocResult", len(t)) for t in _texts(tmp_path)])
    assert all(n > 0 for kind, n in seen if kind == "DocResult")
    assert sum(n for _, n in seen) == report.characters
    assert len(seen) == len(report.results) + len(report.skipped)


def _texts(folder):
    from kg.ingest import iter_documents
    from kg.records import Document

    return [d.text for d in iter_documents(folder) if isinstance(d, Document)]


def _tty_stderr(monkeypatch) -> TTY:
    """Makes sys.stderr a fake terminal (in the test body: pytest's capture swaps streams at call time)."""
    stream = TTY()
    monkeypatch.setattr(sys, "stderr", stream)
    monkeypatch.setattr(sys, "stdout", io.StringIO())
    monkeypatch.setattr(progress_mod, "DELAY", 0.0)  # show at once: the test run is short
    return stream


def _corpus(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("券商论坛\n平安证券CIO张朝晖认为，数字化转型需要全方位的架构。\n", encoding="utf-8")
    (src / "b.txt").write_text("访谈\n招商银行行长王良表示：“零售业务仍是我们的压舱石。”\n", encoding="utf-8")
    return src


def test_cli_on_a_terminal_shows_the_line_then_the_summary(tmp_path, monkeypatch):
    src = _corpus(tmp_path)
    err = _tty_stderr(monkeypatch)
    assert main(["extract", str(src), "--out", str(tmp_path / "out"), "--no-model"]) == 0
    line = err.getvalue()
    assert line.startswith("\rkg: ") and "2/2 documents" in line and line.endswith("\n")
    assert "documents read   2" in sys.stdout.getvalue()


def test_cli_quiet_writes_no_progress(tmp_path, monkeypatch):
    src = _corpus(tmp_path)
    err = _tty_stderr(monkeypatch)
    assert main(["extract", str(src), "--out", str(tmp_path / "out"), "--no-model", "--quiet"]) == 0
    assert err.getvalue() == "" and sys.stdout.getvalue() == ""
