"""The NER features from the document's words (the tokenizer's) equal those from segmenting each
sentence again: the model sees the same input, only faster."""
from __future__ import annotations

import pytest
from spacy.vocab import Vocab

from kg.ner import default_model
from kg.ner.features import DocumentWords, raw_columns, sentence_words
from kg.ner.tags import iter_sentence_spans
from kg.nlp.tokenizer import JiebaTokenizer
from tests.nlp.segmentation_samples import TEXTS, seed_texts

@pytest.fixture(scope="module")
def tokenizer() -> JiebaTokenizer:
    return JiebaTokenizer(Vocab())


@pytest.fixture(scope="module")
def model():
    return default_model()


@pytest.mark.parametrize("text", TEXTS + seed_texts())
def test_sentence_words_equal_segmenting_the_sentence_again(text, tokenizer, model):
    doc = tokenizer(text)
    known = DocumentWords(text, doc._.kg_words)
    assert known.ok
    used = 0
    for s, e in iter_sentence_spans(text):
        words = known.of(s, e)
        alone = sentence_words(text[s:e])
        if words is None:
            continue
        used += 1
        assert words == alone, text[s:e]
        assert raw_columns(text[s:e], model.lexicons, words) == raw_columns(text[s:e], model.lexicons), text[s:e]
    pieces = [p for p in iter_sentence_spans(text) if p[1] > p[0]]
    # every sentence but those cut inside a run of Chinese or Latin gets the document's words
    assert used >= len(pieces) - 1 - len(text) // 200


def test_a_cut_inside_a_block_segments_again(tokenizer):
    text = "央行货币政策委员会委员认为经济复苏势头良好。"
    known = DocumentWords(text, tokenizer(text)._.kg_words)
    assert known.of(0, len(text)) == sentence_words(text)
    assert known.of(0, 4) is None  # "央行货币": jieba alone could cut its block otherwise
    assert known.of(0, 5) is None
    assert known.of(text.index("。"), len(text)) == ["。"]
    latin = "AI板块上涨3.5%."
    known = DocumentWords(latin, tokenizer(latin)._.kg_words)
    assert known.of(0, len(latin) - 1) is None  # "%" and "." are one block with the rest


def test_words_that_do_not_tile_the_text_are_not_used():
    text = "王磊表示，公司将回购。"
    assert not DocumentWords(text, [(0, 2), (1, 4)]).ok
    assert not DocumentWords(text, [(0, 2), (2, 40)]).ok
    assert not DocumentWords(text, [(0, 2), (2, 4)]).ok  # the rest, Chinese, is not whitespace
    gap = DocumentWords(text, [(0, 2), (4, 5)])
    assert not gap.ok and gap.of(0, 2) is None
    assert DocumentWords(" 王磊 ", [(1, 3)]).of(0, 4) == [" ", "王磊", " "]


def test_predict_with_the_documents_words_is_unchanged(tokenizer, model):
    texts = TEXTS + seed_texts()
    words = [tokenizer(t)._.kg_words for t in texts]
    assert model.predict_cluener_many(texts, words) == model.predict_cluener_many(texts)
