"""Segmentation: kg's private jieba tokenizer with the finance user dictionary.

Shared by the spaCy tokenizer (:mod:`kg.nlp.tokenizer`), the NER features (:mod:`kg.ner`) and the
topic stage. The global ``jieba.dt`` is never touched. No spaCy here: this room sits below both.
"""
from __future__ import annotations

import logging
import threading
from functools import lru_cache
from importlib import resources

import jieba
import jieba.posseg

from kg.resources import read_lexicon

__all__ = ["get_jieba", "get_posseg", "segment", "pos_table"]

jieba.setLogLevel(logging.WARNING)
_LOCK = threading.Lock()


@lru_cache(maxsize=1)
def get_jieba() -> jieba.Tokenizer:
    """Gives kg's own ``jieba.Tokenizer`` with the finance user dictionary loaded.

    The global ``jieba.dt`` is never touched, so importing kg does not change anyone
    else's segmentation.
    """
    with _LOCK:
        tok = jieba.Tokenizer()
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
