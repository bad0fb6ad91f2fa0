"""The spaCy tokenizer ``kg.JiebaTokenizer.v1``: kg's private jieba words as tokens.

Registered in spaCy's ``tokenizers`` registry and named in ``kg/nlp/config.cfg``, so ``nlp.config``
describes it and a saved pipeline loads again with ``spacy.load``. Segmentation itself lives in
:mod:`kg.segment`.
"""
from __future__ import annotations

import copyreg
from collections.abc import Callable

import numpy
from spacy.attrs import TAG
from spacy.language import Language
from spacy.tokens import Doc
from spacy.tokens.doc import pickle_doc
from spacy.util import registry
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


class TextDoc(Doc):
    """A ``Doc`` that keeps the text it was made from.

    spaCy's ``Doc.text`` joins every token's text again at each read, and each of kg's stages reads
    it (about 0.2 s per 200 articles a read); this one gives the text it was made from while the
    tokens are the ones the tokenizer made, and joins them like spaCy after a retokenization.
    Pickles as a plain ``Doc``.
    """

    __slots__ = ("_kg_text", "_kg_tokens")

    @property
    def text(self) -> str:
        try:
            if self._kg_tokens == len(self):
                return self._kg_text
        except AttributeError:
            pass
        return Doc.text.__get__(self)

    @property
    def text_with_ws(self) -> str:
        return self.text


copyreg.pickle(TextDoc, pickle_doc)


class JiebaTokenizer:
    """spaCy tokenizer: jieba words as tokens, jieba POS flags in ``token.tag_``."""

    def __init__(self, vocab: Vocab, *, pos: bool = True) -> None:
        self.vocab = vocab
        self.pos = pos

    def __call__(self, text: str) -> Doc:
        # spaCy's tokens (as spacy.util.get_words_and_spaces makes them: one space after a word is
        # folded into it, other whitespace is a token) and the non-space words with offsets, for
        # the rule stages (cheaper than walking spaCy tokens), in one pass
        words: list[str] = []
        spaces: list[bool] = []
        tags: list[str] = []
        kept: list[Word] = []
        n = len(text)
        i = done = 0  # where the word starts; where the tokens so far end
        for w, t in segment(text, pos=self.pos):
            end = i + len(w)
            if w and not w.isspace():
                if i > done:
                    words.append(text[done:i])
                    spaces.append(False)
                    tags.append("x")
                t = t or "x"
                words.append(w)
                tags.append(t)
                kept.append(Word(i, end, w, t))
                done = end
                if end < n and text[end] == " ":
                    spaces.append(True)
                    done += 1
                else:
                    spaces.append(False)
            i = end
        if i != n:
            raise ValueError(f"kg tokenizer: the words do not cover the text ({i} of {n} characters)")
        if done < n:
            words.append(text[done:])
            spaces.append(False)
            tags.append("x")
        doc = TextDoc(self.vocab, words=words, spaces=spaces)
        doc._kg_text = text
        doc._kg_tokens = len(doc)
        doc._.kg_words = kept
        if self.pos and len(doc):
            add = self.vocab.strings.add
            ids = {t: add(t) for t in set(tags)}
            doc.from_array([TAG], numpy.array([ids[t] for t in tags], dtype="uint64").reshape(-1, 1))
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
