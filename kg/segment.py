"""Segmentation: kg's private jieba tokenizer with the finance user dictionary.

Shared by the spaCy tokenizer (:mod:`kg.nlp.tokenizer`), the NER features (:mod:`kg.ner`) and the
topic stage. The global ``jieba.dt`` is never touched. No spaCy here: this room sits below both.
"""
from __future__ import annotations

import logging
import threading
from functools import lru_cache
from importlib import resources
from math import log

import jieba
import jieba.posseg

from kg.resources import read_lexicon

__all__ = ["get_jieba", "get_posseg", "segment", "pos_table"]

jieba.setLogLevel(logging.WARNING)
_LOCK = threading.Lock()


_ABSENT = object()


class _Tokenizer(jieba.Tokenizer):
    """``jieba.Tokenizer`` whose default ``cut`` (accurate mode with the HMM) gives the same words
    about 1.5 times as fast, as a list.

    jieba finds each block's best route through the dictionary with a dict of candidate lists, a
    dict of routes and one ``log`` per candidate; here the log-probabilities are computed once per
    dictionary word and the route is found in one loop, adding the same floats in the same order
    and breaking ties the same way (the later end wins), so the words are jieba's own
    (``tests/nlp/test_segment.py`` checks them against ``jieba.Tokenizer.cut``).
    """

    _logp: dict | None = None
    _logp_total: float = -1.0

    def add_word(self, word, freq=None, tag=None):
        self._logp = None
        return super().add_word(word, freq, tag)

    def del_word(self, word):
        self._logp = None
        return super().del_word(word)

    def cut(self, sentence, cut_all=False, HMM=True, use_paddle=False):
        if cut_all or not HMM or use_paddle:
            return super().cut(sentence, cut_all=cut_all, HMM=HMM, use_paddle=use_paddle)
        self.check_initialized()
        if self._logp is None or self._logp_total != self.total:
            total = log(self.total)
            self._logp = {w: (log(f) - total if f else None) for w, f in self.FREQ.items()}
            self._logp_total = self.total
            self._unknown = log(1) - total
        sentence = jieba.strdecode(sentence)
        out: list[str] = []
        han, skip = jieba.re_han_default, jieba.re_skip_default
        for blk in han.split(sentence):
            if not blk:
                continue
            if han.match(blk):
                self._cut_block(blk, out)
            else:
                for x in skip.split(blk):
                    if skip.match(x):
                        out.append(x)
                    else:
                        out.extend(x)
        return out

    def _cut_block(self, s: str, out: list[str]) -> None:
        # jieba's get_DAG + calc + __cut_DAG in one pass over the block
        n = len(s)
        get = self._logp.get
        unknown = self._unknown
        score = [0.0] * (n + 1)
        nxt = [0] * (n + 1)
        for k in range(n - 1, -1, -1):
            best = None
            end = k
            i = k
            p = get(s[k], _ABSENT)
            while p is not _ABSENT:  # s[k:i + 1] is a word or a word's prefix
                if p is not None:
                    v = p + score[i + 1]
                    if best is None or v >= best:
                        best, end = v, i
                i += 1
                if i >= n:
                    break
                p = get(s[k:i + 1], _ABSENT)
            if best is None:
                best, end = unknown + score[k + 1], k
            score[k] = best
            nxt[k] = end + 1
        x = 0
        buf = ""
        while x < n:
            y = nxt[x]
            if y - x == 1:
                buf += s[x]
            else:
                if buf:
                    self._flush(buf, out)
                    buf = ""
                out.append(s[x:y])
            x = y
        if buf:
            self._flush(buf, out)

    def _flush(self, buf: str, out: list[str]) -> None:
        # a run of single characters: jieba's HMM finds words in it unless it is a dictionary word
        if len(buf) == 1:
            out.append(buf)
        elif not self.FREQ.get(buf):
            out.extend(jieba.finalseg.cut(buf))
        else:
            out.extend(buf)


@lru_cache(maxsize=1)
def get_jieba() -> jieba.Tokenizer:
    """Gives kg's own ``jieba.Tokenizer`` with the finance user dictionary loaded.

    The global ``jieba.dt`` is never touched, so importing kg does not change anyone
    else's segmentation.
    """
    with _LOCK:
        tok = _Tokenizer()
        tok.initialize()
        with resources.as_file(resources.files("kg.resources").joinpath("userdict.txt")) as path:
            tok.load_userdict(str(path))
        return tok


@lru_cache(maxsize=1)
def get_posseg() -> jieba.posseg.POSTokenizer:
    """Gives a part-of-speech tagger bound to kg's private jieba tokenizer."""
    return jieba.posseg.POSTokenizer(tokenizer=get_jieba())


@lru_cache(maxsize=1)
def pos_table() -> dict[str, str]:
    """Gives jieba's dictionary POS tags plus those of kg's user dictionary."""
    table = dict(get_posseg().word_tag_tab)
    for line in resources.files("kg.resources").joinpath("userdict.txt").read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) == 3 and not line.startswith("#"):
            table[parts[0]] = parts[2]
    return table


def _guess_tag(word: str) -> str:
    # words jieba's HMM found outside the dictionary: mostly names of people and firms
    if word.isspace():
        return "x"
    if word.isascii():
        return "m" if word.replace(".", "").isdigit() else ("eng" if any(c.isalpha() for c in word) else "x")
    if 3 <= len(word) <= 4 and (word[0] in _surnames() or word[:2] in _surnames()):
        return "nr"
    if len(word) == 2 and word[0] in _common_surnames():
        return "nr"  # 2-character unknown words are names only after the commonest surnames (刘莉, 曹宇)
    return "x"


@lru_cache(maxsize=1)
def _surnames() -> frozenset[str]:
    return read_lexicon("surnames.txt")


@lru_cache(maxsize=1)
def _common_surnames() -> frozenset[str]:
    # the commonest surnames that are rarely the first character of an ordinary word
    return read_lexicon("common_surnames.txt")


def segment(text: str, *, pos: bool = True) -> list[tuple[str, str]]:
    """Gives ``(word, tag)`` pairs for ``text`` (tag ``""`` when ``pos`` is off).

    Words come from jieba's fast dictionary + HMM segmenter; tags from its dictionary (and kg's user
    dictionary), with a guess for words the HMM found outside it. jieba's own POS HMM tags unknown
    words better but runs about 7 times slower, which matters at corpus scale.
    """
    words = get_jieba().cut(text, HMM=True)
    if not pos:
        return [(w, "") for w in words]
    table = pos_table()
    return [(w, table.get(w) or _guess_tag(w)) for w in words]
