"""The jieba tokenizer's tokens, spaces and tags are spaCy's get_words_and_spaces of jieba's words,
and the Doc keeps its text."""
from __future__ import annotations

import pickle
import pytest
from spacy.tokens import Doc
from spacy.util import get_words_and_spaces
from spacy.vocab import Vocab

from kg.nlp.tokenizer import JiebaTokenizer, TextDoc
from kg.segment import segment
from tests.nlp.segmentation_samples import TEXTS, seed_texts

def _reference(text: str, vocab: Vocab) -> Doc:
    # what the tokenizer did before it made the tokens itself
    pairs = [(w, t) for w, t in segment(text) if w]
    words, spaces = get_words_and_spaces([w for w, _ in pairs], text)
    doc = Doc(vocab, words=words, spaces=spaces)
    tag_at, i = {}, 0
    for w, t in pairs:
        if not w.isspace():
            tag_at[i] = t or "x"
        i += len(w)
    return doc, [tag_at.get(tok.idx, "x") for tok in doc], [(s, w) for s, w in sorted(tag_at.items())]


@pytest.mark.parametrize("text", TEXTS + seed_texts())
def test_tokens_are_spacys_alignment_of_jiebas_words(text):
    vocab = Vocab()
    doc = JiebaTokenizer(vocab)(text)
    ref, tags, _ = _reference(text, vocab)
    assert isinstance(doc, TextDoc)
    assert [(t.text, t.whitespace_) for t in doc] == [(t.text, t.whitespace_) for t in ref]
    assert [t.tag_ for t in doc] == tags
    assert doc.text == text == Doc.text.__get__(doc)
    assert [(w.start, w.end, w.text) for w in doc._.kg_words] == [
        (i, i + len(w), w) for i, w in _words_with_offsets(text) if not w.isspace()]


def _words_with_offsets(text):
    i = 0
    for w, _t in segment(text):
        yield i, w
        i += len(w)


def test_text_after_a_merge_and_a_pickle():
    doc = JiebaTokenizer(Vocab())("中信证券首席经济学家 明明表示。")
    first = doc[0].text + doc[1].text
    n = len(doc)
    with doc.retokenize() as retok:
        retok.merge(doc[0:2])
    assert len(doc) == n - 1 and doc[0].text == first
    assert doc.text == "中信证券首席经济学家 明明表示。"
    back = pickle.loads(pickle.dumps(doc))
    assert back.text == doc.text and [t.tag_ for t in back] == [t.tag_ for t in doc]
