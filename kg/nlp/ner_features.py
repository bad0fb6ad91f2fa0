"""Character features for the CRF NER model: the one place training and tagging share.

Every character gets a list of string features: characters and character pairs in a +-2
window, character classes, the jieba word it sits in (BMES position, the word, its length),
and lexicon hits (surnames, title words, organization suffixes, and a gazetteer of entity
surfaces). The lexicons are frozen into the model directory at training time, so editing
``kg/resources`` never changes what a shipped model sees.
"""
from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from kg.nlp.tokenizer import get_jieba

__all__ = ["FeatureLexicons", "featurize", "char_class"]

_CLASS_CACHE: dict[str, str] = {}


def char_class(ch: str) -> str:
    """Gives a one-letter class: C(JK), D(igit), L(atin), P(unctuation), S(pace) or O(ther)."""
    k = _CLASS_CACHE.get(ch)
    if k is None:
        o = ord(ch)
        if 0x3400 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF:
            k = "C"
        elif ch.isdigit() or ch in "０１２３４５６７８９":
            k = "D"
        elif ch.isalpha():
            k = "L"
        elif ch.isspace():
            k = "S"
        elif unicodedata.category(ch).startswith("P"):
            k = "P"
        else:
            k = "O"
        _CLASS_CACHE[ch] = k
    return k


@dataclass
class FeatureLexicons:
    """Word lists the features look up; saved with the model as JSON."""

    surnames: frozenset[str] = frozenset()
    titles: frozenset[str] = frozenset()
    suffixes: frozenset[str] = frozenset()
    gazetteer: dict[str, str] = field(default_factory=dict)  # surface -> CLUENER label
    use_words: bool = True

    def __post_init__(self) -> None:
        self._title_lens = sorted({len(t) for t in self.titles}, reverse=True)
        self._suffix_lens = sorted({len(s) for s in self.suffixes}, reverse=True)
        self._gaz_lens = sorted({len(s) for s in self.gazetteer}, reverse=True)

    def to_json(self) -> dict:
        """Gives a JSON-able dict of the lists."""
        return {
            "surnames": sorted(self.surnames),
            "titles": sorted(self.titles),
            "suffixes": sorted(self.suffixes),
            "gazetteer": dict(sorted(self.gazetteer.items())),
            "use_words": self.use_words,
        }

    @classmethod
    def from_json(cls, obj: Mapping) -> FeatureLexicons:
        """Gives the lexicons saved by :meth:`to_json`."""
        return cls(
            surnames=frozenset(obj.get("surnames", ())),
            titles=frozenset(obj.get("titles", ())),
            suffixes=frozenset(obj.get("suffixes", ())),
            gazetteer=dict(obj.get("gazetteer", {})),
            use_words=bool(obj.get("use_words", True)),
        )


def _longest_matches(text: str, entries: Mapping[str, str] | frozenset[str],
                     lens: Sequence[int]) -> list[tuple[int, int, str]]:
    # greedy left-to-right longest match; ``entries`` maps to a tag or is a set (tag "")
    out = []
    n = len(text)
    i = 0
    is_map = isinstance(entries, Mapping)
    while i < n:
        for L in lens:
            if i + L <= n:
                s = text[i:i + L]
                if s in entries:
                    out.append((i, i + L, entries[s] if is_map else ""))
                    i += L
                    break
        else:
            i += 1
    return out


def _bmes(start: int, end: int, tag: str, marks: list[str]) -> None:
    if end - start == 1:
        marks[start] = "S" + tag
        return
    marks[start] = "B" + tag
    for j in range(start + 1, end - 1):
        marks[j] = "M" + tag
    marks[end - 1] = "E" + tag


def featurize(text: str, lex: FeatureLexicons, *, gazetteer: Mapping[str, str] | None = None) -> list[list[str]]:
    """Gives one feature list per character of ``text``.

    Args:
        text: one sentence (no newlines needed; any character is allowed).
        lex: the lexicons frozen with the model.
        gazetteer: overrides ``lex.gazetteer`` (training uses held-out folds so the
            model does not learn to trust a gazetteer that contains the very sentence).
    """
    n = len(text)
    if n == 0:
        return []
    chars = list(text)
    cls = [char_class(c) for c in chars]
    pc = ["^2", "^1", *chars, "$1", "$2"]
    pk = ["^", "^", *cls, "$", "$"]

    wpos = ["S"] * n
    wfeat = [""] * n
    if lex.use_words:
        i = 0
        for w in get_jieba().cut(text, HMM=True):
            L = len(w)
            if L == 0:
                continue
            wf = "w=" + w if L <= 6 else "w=LONG"
            if L == 1:
                wpos[i] = "S"
            else:
                wpos[i] = "B"
                for j in range(i + 1, i + L - 1):
                    wpos[j] = "M"
                wpos[i + L - 1] = "E"
            for j in range(i, i + L):
                wfeat[j] = wf
            i += L

    tmarks = ["O"] * n
    for s, e, _ in _longest_matches(text, lex.titles, lex._title_lens):
        _bmes(s, e, "", tmarks)
    smarks = ["O"] * n
    for s, e, _ in _longest_matches(text, lex.suffixes, lex._suffix_lens):
        _bmes(s, e, "", smarks)
    gaz = lex.gazetteer if gazetteer is None else gazetteer
    gmarks = ["O"] * n
    if gaz:
        lens = lex._gaz_lens if gazetteer is None else sorted({len(s) for s in gaz}, reverse=True)
        for s, e, tag in _longest_matches(text, gaz, lens):
            _bmes(s, e, "-" + tag, gmarks)
    surn = lex.surnames

    feats = []
    for i in range(n):
        j = i + 2
        c0 = pc[j]
        cm1 = pc[j - 1]
        cp1 = pc[j + 1]
        f = [
            "bias",
            "c0=" + c0,
            "c-1=" + cm1,
            "c1=" + cp1,
            "c-2=" + pc[j - 2],
            "c2=" + pc[j + 2],
            "b-1=" + cm1 + c0,
            "b0=" + c0 + cp1,
            "b-2=" + pc[j - 2] + cm1,
            "b1=" + cp1 + pc[j + 2],
            "t0=" + cm1 + c0 + cp1,
            "k=" + pk[j - 1] + pk[j] + pk[j + 1],
            "k0=" + pk[j],
            "wp=" + wpos[i],
            "wpc=" + wpos[i] + c0,
            "tm=" + tmarks[i],
            "tm1=" + tmarks[i - 1] if i else "tm1=^",
            "sm=" + smarks[i],
            "gm=" + gmarks[i],
        ]
        if wfeat[i]:
            f.append(wfeat[i])
        if c0 in surn:
            f.append("sur" + wpos[i])
        if i + 1 < n and smarks[i + 1][0] in "BS":
            f.append("sufnext")
        feats.append(f)
    return feats


def iter_sentence_spans(text: str, max_len: int = 200) -> Iterable[tuple[int, int]]:
    """Gives ``(start, end)`` pieces of ``text``: sentences, cut at newlines and at ``max_len``."""
    n = len(text)
    start = 0
    i = 0
    while i < n:
        ch = text[i]
        if ch in "\n\r":
            if i > start:
                yield start, i
            start = i + 1
        elif ch in "。！？!?；;" or i - start + 1 >= max_len:
            # keep closing quotes with their sentence
            end = i + 1
            while end < n and text[end] in "”’\"'）)】」』":
                end += 1
            yield start, end
            start = end
            i = end - 1
        i += 1
    if start < n:
        yield start, n
