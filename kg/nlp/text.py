"""The text rules the stages share, written once: character classes, quotes, sentences and clauses.

These are classes of characters (punctuation, CJK ranges), not lexicons: word lists live under
``kg/resources`` and are gathered in :mod:`kg.nlp.lexicon`.
"""
from __future__ import annotations

import bisect
import functools
import re

__all__ = [
    "SENT_END", "CLAUSE_END", "PUNCT", "QUOTES", "CLOSE_QUOTES", "CLAUSE_BREAKS",
    "is_cjk", "sentences", "quotes", "clause_start", "sentence_start", "sentence_end", "join_broken_lines",
    "speech_clause_start", "without_titles",
]

#: Characters that end a sentence (quotes are handled separately).
SENT_END = "。！？!?"
#: Characters that end a clause.
CLAUSE_END = SENT_END + "；;，,：:\n"
#: Punctuation and spaces: never inside a name.
PUNCT = frozenset("。！？!?；;，,：:、\n\r\t 　“”‘’\"'（）()《》〈〉【】[]{}—…·-/|<>「」『』")
#: Opening quote mark -> its closing mark.
QUOTES = {"“": "”", "「": "」", "『": "』"}
CLOSE_QUOTES = frozenset(QUOTES.values())
#: Where a clause starts (claims' speakers, coreference's subjects): after a clause end or a quote mark.
CLAUSE_BREAKS = "，,。！？!?；;：:\n“”「」"

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LINE = re.compile(r"[^\n]+")
_QUOTE_MARK = re.compile("[“”「」『』]")


def is_cjk(ch: str) -> bool:
    """Gives True for a CJK ideograph."""
    return bool(_CJK.match(ch))


def sentences(text: str) -> list[tuple[int, int]]:
    """Gives ``(start, end)`` of each sentence: split at 。！？ and newlines, never inside quotes."""
    out, start, depth = [], 0, 0
    for i, ch in enumerate(text):
        if ch in QUOTES:
            depth += 1
        elif ch in CLOSE_QUOTES:
            depth = max(0, depth - 1)
        if ch == "\n" or (depth == 0 and ch in SENT_END):
            end = i + 1 if ch != "\n" else i
            # a closing quote right after the full stop belongs to the sentence
            if end < len(text) and text[end] in CLOSE_QUOTES:
                continue
            if text[start:end].strip():
                out.append((start, end))
            start = i + 1
    if text[start:].strip():
        out.append((start, len(text)))
    return out


def quotes(text: str) -> list[tuple[int, int]]:
    """Gives the spans of outermost quotations, the quote marks included (never across a line)."""
    out = []
    for line in _LINE.finditer(text):
        depth, start = 0, -1
        for m in _QUOTE_MARK.finditer(text, line.start(), line.end()):
            if m.group() in QUOTES:
                if depth == 0:
                    start = m.start()
                depth += 1
            elif depth:
                depth -= 1
                if depth == 0:
                    out.append((start, m.end()))
    return out


def clause_start(text: str, i: int, breaks: str = CLAUSE_BREAKS) -> int:
    """Gives where the clause holding position ``i`` starts: just after the last of ``breaks`` before it.

    A binary search in the text's break positions (found once per text), so a line of any length without
    punctuation costs no backwards walk per call."""
    positions = _break_positions(text, breaks)
    k = bisect.bisect_left(positions, i)
    return positions[k - 1] + 1 if k else 0


@functools.lru_cache(maxsize=32)
def _break_positions(text: str, breaks: str) -> list[int]:
    return [m.start() for m in re.finditer(f"[{re.escape(breaks)}]", text)]


def speech_clause_start(text: str, i: int) -> int:
    """Gives where the clause holding position ``i`` starts, a book or talk title (《科技变革，券商的启示》)
    counting as one word: its commas never break the clause."""
    j = clause_start(text, i)
    while True:
        close, open_ = text.rfind("》", j, i), text.rfind("《", j, i)
        if close < 0 or open_ > close:
            return j
        k = text.rfind("《", 0, j)
        if k < 0 or text.find("》", k, j) >= 0:
            return j
        j = clause_start(text, k)


def without_titles(text: str, start: int, width: int) -> int:
    """Gives the end of a window of ``width`` characters from ``start`` that does not count the characters of
    the book or talk titles (《……》) inside it."""
    end = start + width
    k = text.find("《", start, end)
    while k >= 0:
        close = text.find("》", k)
        if close < 0 or text.find("\n", k, close) >= 0:
            break
        end += close - k + 1
        k = text.find("《", close, end)
    return min(end, len(text))


def sentence_start(text: str, i: int) -> int:
    """Gives where the sentence holding position ``i`` starts: after a sentence end or a newline."""
    return clause_start(text, i, SENT_END + "\n")


def sentence_end(text: str, i: int, limit: int) -> int:
    """Gives where the sentence from ``i`` ends: after its 。！？ outside quotes, at a newline, or ``limit``
    characters on."""
    depth = 0
    j = i
    while j < len(text) and j - i < limit:
        ch = text[j]
        if ch in QUOTES:
            depth += 1
        elif ch in CLOSE_QUOTES:
            depth = max(0, depth - 1)
        elif ch == "\n":
            break
        elif depth == 0 and ch in SENT_END:
            return j + 1
        j += 1
    return j


#: A line that opens a turn or a labelled field: a short label and a colon (硬氪：, 答：, 融资金额：).
_LABEL = re.compile(r"[^\n，,。：:]{1,12}[：:]")
_BROKEN_MAX = 8  # a line this short without punctuation is a fragment (a linked name, a sub-heading)


def _fragment(line: str) -> bool:
    return len(line) <= _BROKEN_MAX and not any(ch in PUNCT for ch in line)


def _opens(line: str, openers: tuple[str, ...]) -> bool:
    return line.startswith(openers) or line[:1].isdigit()


def join_broken_lines(text: str, openers: tuple[str, ...] = ()) -> str:
    """Gives ``text`` with the line breaks that cut a sentence (web pages that put each linked name on a line
    of its own: ``中信建投\n表示，……``, ``电池\n、\n通信设备``) turned into ideographic spaces; same length,
    so every offset still points into ``text``. A break after a sentence end or a colon, before a short
    labelled line (``毛梁：``), or before a line that opens a sentence of its own (one of ``openers``, a
    date: a short line before it is a heading) stays."""
    lines = text.split("\n")
    if len(lines) == 1:
        return text
    out = list(text)
    pos = 0
    for k in range(len(lines) - 1):
        pos += len(lines[k])
        prev, nxt = lines[k].strip(" \u3000\t\r"), lines[k + 1].strip(" \u3000\t\r")
        if prev and nxt and prev[-1] not in SENT_END + "：:；;" and prev[-1] not in CLOSE_QUOTES \
                and not (_LABEL.fullmatch(nxt)) \
                and (nxt[0] in "，,、：:；;。）)" or (_fragment(prev) and not _opens(nxt, openers))
                     or _fragment(nxt)):
            out[pos] = "\u3000"
        pos += 1
    return "".join(out)
