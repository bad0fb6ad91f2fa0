"""Segmentation: a private jieba tokenizer with the finance user dictionary, as a spaCy tokenizer."""
from __future__ import annotations

import logging
import threading
from functools import lru_cache
from importlib import resources

import jieba
import jieba.posseg
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


def segment(text: str, *, pos: bool = True) -> list[tuple[str, str]]:
    """Gives ``(word, tag)`` pairs for ``text`` (tag ``""`` when ``pos`` is off)."""
    if pos:
        return [(p.word, p.flag) for p in get_posseg().cut(text, HMM=True)]
    return [(w, "") for w in get_jieba().cut(text, HMM=True)]


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
        if self.pos:
            # get_words_and_spaces folds single spaces into the previous token: align tags by offset
            tag_at, i = {}, 0
            for w, t in pairs:
                tag_at[i] = t or "x"
                i += len(w)
            for token in doc:
                token.tag_ = tag_at.get(token.idx, "x")
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
