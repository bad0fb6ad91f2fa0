"""Segmentation: a private jieba tokenizer with the finance user dictionary, as a spaCy tokenizer."""
from __future__ import annotations

import logging
import threading
from functools import lru_cache
from importlib import resources

import jieba
import numpy
import jieba.posseg
from spacy.attrs import IDX, TAG
from spacy.tokens import Doc
from spacy.util import get_words_and_spaces
from spacy.vocab import Vocab

__all__ = ["JiebaTokenizer", "get_jieba", "get_posseg", "segment"]

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
def _tag_table() -> dict[str, str]:
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
    if len(word) == 2 and word[0] in _COMMON_SURNAMES:
        return "nr"  # 2-character unknown words are names only after the commonest surnames (刘莉, 曹宇)
    return "x"


# the commonest surnames that are rarely the first character of an ordinary word
_COMMON_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗郑梁谢宋唐许韩冯邓曹彭萧田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆"
    "汪范廖贾夏韦付邹孟熊秦邱尹薛闫段雷侯黎贺毛郝龚邵钱严覃戴莫孔汤")


@lru_cache(maxsize=1)
def _surnames() -> frozenset[str]:
    from kg.resources import read_lexicon

    return read_lexicon("surnames.txt")


def segment(text: str, *, pos: bool = True) -> list[tuple[str, str]]:
    """Gives ``(word, tag)`` pairs for ``text`` (tag ``""`` when ``pos`` is off).

    Words come from jieba's fast dictionary + HMM segmenter; tags from its dictionary (and kg's user
    dictionary), with a guess for words the HMM found outside it. jieba's own POS HMM tags unknown
    words better but runs about 7 times slower, which matters at corpus scale.
    """
    words = get_jieba().cut(text, HMM=True)
    if not pos:
        return [(w, "") for w in words]
    table = _tag_table()
    return [(w, table.get(w) or _guess_tag(w)) for w in words]


class JiebaTokenizer:
    """spaCy tokenizer: jieba words as tokens, jieba POS flags in ``token.tag_``."""

    def __init__(self, vocab: Vocab, *, pos: bool = True) -> None:
        self.vocab = vocab
        self.pos = pos

    def __call__(self, text: str) -> Doc:
        pairs = [(w, t) for w, t in segment(text, pos=self.pos) if w]
        words = [w for w, _ in pairs]
        words, spaces = get_words_and_spaces(words, text)
        doc = Doc(self.vocab, words=words, spaces=spaces)
        # the words with offsets, for the rule stages (cheaper than walking spaCy tokens)
        from kg.nlp.entities import Word

        kept, i = [], 0
        for w, t in pairs:
            if not w.isspace():
                kept.append(Word(i, i + len(w), w, t or "x"))
            i += len(w)
        doc._.kg_words = kept
        if self.pos and len(doc):
            # get_words_and_spaces folds single spaces into the previous token: align tags by offset
            tag_at = {w.start: w.tag for w in kept}
            strings = self.vocab.strings
            idx = doc.to_array([IDX])[:, 0] if doc.to_array([IDX]).ndim == 2 else doc.to_array([IDX])
            tags = numpy.array([strings.add(tag_at.get(int(k), "x")) for k in idx], dtype="uint64").reshape(-1, 1)
            doc.from_array([TAG], tags)
        return doc

    # spaCy calls these when a pipeline is saved; the tokenizer has no state of its own
    def to_bytes(self, **kwargs) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs) -> JiebaTokenizer:
        return self

    def to_disk(self, path, **kwargs) -> None:
        pass

    def from_disk(self, path, **kwargs) -> JiebaTokenizer:
        return self
