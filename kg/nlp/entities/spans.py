"""The rules' working parts: the text with its jieba words, candidate spans and how overlaps resolve."""
from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator, Sequence
from typing import NamedTuple

from kg.nlp.lexicon import lexicons
from kg.records import Word

__all__ = ["PROPER_TAGS", "PRIORITY", "TextIndex", "Span", "is_proper_tag", "resolve", "occupancy", "find_all"]

PROPER_TAGS = frozenset("nr nrfg nrt ns nz nt eng j x".split())
# Where rules and the model disagree, the higher-priority source wins the characters.
# (the model ranks with the guessing rules: among those the longer span wins, a tie goes to the rule)
PRIORITY = {"chain": 5, "lexicon": 4, "both": 4, "suffix": 3, "gazetteer": 3, "market": 3, "name": 3, "model": 3,
            "repeat": 1}


class TextIndex:
    """The text plus fast look-ups of the jieba words around a character."""

    def __init__(self, text: str, words: Sequence[Word]) -> None:
        self.text = text
        self.words = list(words)
        self.starts = [w.start for w in self.words]
        self.by_start = {w.start: w for w in self.words}

    def ends_word(self, i: int) -> bool:
        """Gives True where a jieba word ends at ``i``, or a title starts there (瀚海/银行行长)."""
        w = self.word_at(i - 1) if i > 0 else None
        return w is None or w.end == i or lexicons().title_re.match(self.text, i) is not None

    def words_between(self, a: int, b: int) -> list[Word]:
        """Gives the words that start in ``[a, b)``."""
        return self.words[bisect.bisect_left(self.starts, a):bisect.bisect_left(self.starts, b)]

    def word_at(self, i: int) -> Word | None:
        k = bisect.bisect_right(self.starts, i) - 1
        if k >= 0 and self.words[k].start <= i < self.words[k].end:
            return self.words[k]
        return None

    def word_before(self, i: int) -> Word | None:
        return self.word_at(i - 1) if i > 0 else None


def is_proper_tag(tag: str) -> bool:
    """Gives True for jieba POS flags of proper names (people, places, firms, foreign words)."""
    return tag in PROPER_TAGS or tag.startswith("nr")


class Span(NamedTuple):
    start: int
    end: int
    label: str
    source: str


def find_all(text: str, sub: str) -> Iterator[int]:
    i = text.find(sub)
    while i >= 0:
        yield i
        i = text.find(sub, i + len(sub))


def occupancy(n: int, spans: Iterable[Span]) -> list[bool]:
    taken = [False] * n
    for s in spans:
        for k in range(s.start, s.end):
            taken[k] = True
    return taken


def resolve(spans: list[Span]) -> list[Span]:
    """Gives non-overlapping spans: higher priority first, then longer, then earlier."""
    ordered = sorted(spans, key=lambda s: (-PRIORITY.get(s.source, 0), -(s.end - s.start), s.start))
    out: list[Span] = []
    taken: set[int] = set()
    for s in ordered:
        if s.end <= s.start or any(k in taken for k in range(s.start, s.end)):
            continue
        out.append(s)
        taken.update(range(s.start, s.end))
    return sorted(out)
