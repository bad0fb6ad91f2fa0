"""The spaCy tokenizer ``kg.JiebaTokenizer.v1``: kg's private jieba words as tokens.

Registered in spaCy's ``tokenizers`` registry and named in ``kg/nlp/config.cfg``, so ``nlp.config``
describes it and a saved pipeline loads again with ``spacy.load``. Segmentation itself lives in
:mod:`kg.segment`.
"""
from __future__ import annotations

from collections.abc import Callable

import numpy
from spacy.attrs import IDX, TAG
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import get_words_and_spaces, registry
from spacy.vocab import Vocab

import kg.nlp.extensions  # noqa: F401  (registers doc._.kg_* before the first Doc)
from kg.records import Word
from kg.segment import segment

__all__ = ["JiebaTokenizer", "create_jieba_tokenizer"]


@registry.tokenizers("kg.JiebaTokenizer.v1")
def create_jieba_tokenizer(pos: bool = True) -> Callable[[Language], JiebaTokenizer]:
    """Gives the tokenizer factory named in kg's config: ``pos`` tags each token with jieba's flag."""

    def make(nlp: Language) -> JiebaTokenizer:
        return JiebaTokenizer(nlp.vocab, pos=pos)

    return make


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

    # spaCy calls these when a pipeline is saved; the tokenizer's only setting lives in the config
    def to_bytes(self, **kwargs) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs) -> JiebaTokenizer:
        return self

    def to_disk(self, path, **kwargs) -> None:
        pass

    def from_disk(self, path, **kwargs) -> JiebaTokenizer:
        return self
