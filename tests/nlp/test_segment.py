"""kg's jieba tokenizer gives jieba's own words, faster (kg.segment._Tokenizer.cut)."""
from __future__ import annotations

import jieba
import pytest

from kg.segment import _Tokenizer, get_jieba
from tests.nlp.segmentation_samples import TEXTS, seed_texts

def _jieba_cut(tok, text, **kw):
    return list(jieba.Tokenizer.cut(tok, text, **kw))


@pytest.mark.parametrize("text", TEXTS + seed_texts())
def test_cut_gives_jiebas_words(text):
    tok = get_jieba()
    assert isinstance(tok, _Tokenizer)
    assert list(tok.cut(text)) == _jieba_cut(tok, text)
    assert list(tok.cut(text, HMM=True)) == _jieba_cut(tok, text, HMM=True)
    # the other modes are jieba's own code
    assert list(tok.cut(text, HMM=False)) == _jieba_cut(tok, text, HMM=False)
    assert list(tok.cut(text, cut_all=True)) == _jieba_cut(tok, text, cut_all=True)


def test_a_word_added_later_is_seen():
    tok = _Tokenizer()
    text = "张三丰收购了武当科技有限公司的股份。"
    before = list(tok.cut(text))
    assert before == _jieba_cut(tok, text)
    tok.add_word("武当科技有限公司", freq=100000)
    after = list(tok.cut(text))
    assert after == _jieba_cut(tok, text) and "武当科技有限公司" in after and after != before
    tok.del_word("武当科技有限公司")
    assert list(tok.cut(text)) == _jieba_cut(tok, text)
