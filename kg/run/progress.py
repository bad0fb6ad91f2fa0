"""A one-line progress display on stderr for long runs: documents done, characters/s, ETA, skipped.

:class:`Progress` is what :func:`kg.run.run` notifies once per outcome (``progress(outcome, characters)``).
It stays silent unless its stream is a terminal, and shows nothing until the run has taken
:data:`DELAY` seconds, so short runs, pipes, logs and ``--quiet`` see no stray carriage returns. The
line is rewritten in place (carriage return, then clear to the end of the line) at most once every
:data:`INTERVAL` seconds, and :meth:`Progress.close` ends it with a newline so what is printed after
(the skipped inputs, the summary) starts on a line of its own.

A total (and so an ETA) is known only when it is cheap to count: :func:`count_documents` counts the
files the inputs reach and the non-blank lines of JSONL corpora without parsing them.
"""
from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TextIO

from kg.ingest.jsonl import looks_like_jsonl
from kg.ingest.sources import iter_sources
from kg.records import DocResult, Skipped

__all__ = ["Progress", "count_documents", "progress_for", "DELAY", "INTERVAL"]

#: seconds a run must have taken before the line first shows
DELAY = 2.0
#: seconds between two redraws at least (about 5 a second)
INTERVAL = 0.2


def _isatty(stream: TextIO | None) -> bool:
    try:
        return stream is not None and bool(stream.isatty())
    except (AttributeError, ValueError, OSError):  # no isatty, or a closed stream
        return False


def _duration(seconds: float) -> str:
    s = int(seconds + 0.5)
    h, rest = divmod(s, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


class Progress:
    """Counts outcomes and redraws one status line on ``stream`` while a run goes on.

    Args:
        stream: where the line goes (default: ``sys.stderr`` at creation); nothing is written unless
            it is a terminal.
        total: how many outcomes to expect, when known; without it the line has no total and no ETA.
        quiet: write nothing at all.
        clock: seconds as a float (``time.monotonic``); tests pass a fake one.
        delay: seconds before the line first shows (default :data:`DELAY`).
        interval: least seconds between redraws (default :data:`INTERVAL`).

    Use it as a context manager, or call :meth:`close` at the end, so the line ends with a newline.
    """

    def __init__(self, stream: TextIO | None = None, *, total: int | None = None, quiet: bool = False,
                 clock: Callable[[], float] = time.monotonic, delay: float | None = None,
                 interval: float | None = None) -> None:
        self.stream = sys.stderr if stream is None else stream
        self.total = total
        self.clock = clock
        self.delay = DELAY if delay is None else delay
        self.interval = INTERVAL if interval is None else interval
        self.enabled = not quiet and _isatty(self.stream)
        self.start = clock()
        self.documents = 0  # outcomes that gave a DocResult
        self.skipped = 0
        self.characters = 0
        self.shown = False  # a line is on the terminal (close() must end it)
        self._last = float("-inf")

    @property
    def done(self) -> int:
        """Outcomes seen so far: documents read plus skipped inputs."""
        return self.documents + self.skipped

    def __call__(self, outcome: DocResult | Skipped, characters: int = 0) -> None:
        """Counts one outcome (``characters``: the length of its document's text) and redraws when due."""
        if isinstance(outcome, Skipped):
            self.skipped += 1
        else:
            self.documents += 1
        self.characters += characters
        if not self.enabled:
            return
        now = self.clock()
        if now - self.start >= self.delay and now - self._last >= self.interval:
            self._last = now
            self._write("\r" + self.line(now) + "\x1b[K")

    def line(self, now: float | None = None) -> str:
        """Gives the status line as it stands at ``now`` (default: the clock's time)."""
        elapsed = max((self.clock() if now is None else now) - self.start, 1e-9)
        done = self.done
        parts = []
        if self.total is not None:
            total = max(self.total, done)
            parts.append(f"{done:,}/{total:,} documents")
        else:
            parts.append(f"{done:,} documents")
        parts.append(f"{self.characters / elapsed:,.0f} chars/s")
        if self.total is not None and done:
            parts.append("ETA " + _duration(max(self.total - done, 0) * elapsed / done))
        parts.append(f"{self.skipped:,} skipped")
        return "kg: " + " · ".join(parts)

    def close(self) -> None:
        """Draws the final count and ends the line with a newline (nothing when the line never showed)."""
        if self.enabled and self.shown:
            self._write("\r" + self.line() + "\x1b[K\n")
        self.enabled = False

    def _write(self, text: str) -> None:
        try:
            self.stream.write(text)
            self.stream.flush()
        except (ValueError, OSError):  # the stream was closed (or its pipe broke): stop drawing, go on
            self.enabled = False
            return
        self.shown = not text.endswith("\n")

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def count_documents(inputs: str | Path | Iterable[str | Path], *, limit: int | None = None) -> int:
    """Gives how many outcomes a run over ``inputs`` will have: one per file, one per non-blank line of a
    JSONL corpus, one per input that names nothing (at most ``limit`` documents when given).

    Cheap: JSONL files are scanned for line breaks in blocks, never decoded or parsed. An unreadable
    file counts once (it will be one skipped input).
    """
    n = 0
    for entry in iter_sources(inputs):
        if isinstance(entry, Skipped):
            n += 1
            continue
        n += _count_file(entry[0])
        if limit is not None and n >= limit:
            return limit
    return n


def _count_file(path: Path) -> int:
    try:
        with open(path, "rb") as f:
            head = f.read(1 << 20)
            if not looks_like_jsonl(path, head):
                return 1
            lines, tail = 0, b""
            block = head
            while block:
                chunk = tail + block
                parts = chunk.split(b"\n")
                tail = parts.pop()
                lines += sum(1 for p in parts if p.strip())
                block = f.read(1 << 22)
            return lines + (1 if tail.strip() else 0) or 1
    except OSError:
        return 1


def progress_for(inputs: str | Path | Iterable[str | Path], *, limit: int | None = None, quiet: bool = False,
                 stream: TextIO | None = None) -> Progress | None:
    """Gives a :class:`Progress` with the counted total for a run over ``inputs``, or None with ``quiet`` or
    when ``stream`` (default ``sys.stderr``) is no terminal (then nothing is counted)."""
    stream = sys.stderr if stream is None else stream
    if quiet or not _isatty(stream):
        return None
    return Progress(stream, total=count_documents(inputs, limit=limit))
