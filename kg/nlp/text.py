"""The text rules the stages share, written once: character classes, quotes, sentences and clauses.

These are classes of characters (punctuation, CJK ranges), not lexicons: word lists live under
``kg/resources`` and are gathered in :mod:`kg.nlp.lexicon`.
"""
from __future__ import annotations

import re

__all__ = [
    "SENT_END", "CLAUSE_END", "PUNCT", "QUOTES", "CLOSE_QUOTES", "CLAUSE_BREAKS",
    "is_cjk", "sentences", "quotes", "clause_start", "sentence_start", "sentence_end",
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
    """Gives where the clause holding position ``i`` starts: just after the last of ``breaks`` before it."""
    j = i
    while j > 0 and text[j - 1] not in breaks:
        j -= 1
    return j


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
