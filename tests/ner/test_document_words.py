"""The NER features from the document's words (the tokenizer's) equal those from segmenting each
sentence again: the model sees the same input, only faster."""
from __future__ import annotations

from pathlib import Path

import pytest
from spacy.vocab import Vocab

from kg.ner import default_model
from kg.ner.features import DocumentWords, raw_columns, sentence_words
from kg.ner.tags import iter_sentence_spans
from kg.nlp.tokenizer import JiebaTokenizer

SEEDS = Path(__file__).resolve().parents[2] / "seeds"

#: documents in the style of news, with what makes segmentation alone differ or alignment hard:
#: Latin, digits and dots at sentence ends, whitespace of every kind, CRLF lines, long sentences cut
#: at the model's 200 characters inside a run of Chinese
DOCUMENTS = [
    "中信证券首席经济学家明明表示，降准的窗口已经打开。他认为，下半年货币政策仍有空间。",
    "国家统计局新闻发言人付凌晖介绍了上月的经济数据！“消费回暖，”他说。",
    "腾讯控股（00700.HK）总裁刘炽平在业绩会上说：公司将继续回购。ChatGPT引发热议；A股AI板块上涨3.5%。",
    "  据警方介绍，深圳市公安局已立案调查。\r\n\r\n记者 王磊\t报道\r\n",
    "华为CEO 余承东称，Mate 60 系列\u3000销量超预期。\n\n（完）",
    "比亚迪2023年营收6023.15亿元,同比增长42.04%.王传福表示,公司将加大研发投入!",
    "央行" + "货币政策委员会委员认为经济复苏势头良好" * 14 + "。",
    "Apple Inc. CEO Tim Cook said on Tuesday that sales rose. 苹果公司股价上涨。",
    "",
    "。。。",
    "\n",
]


def _seed_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]


@pytest.fixture(scope="module")
def tokenizer() -> JiebaTokenizer:
    return JiebaTokenizer(Vocab())


@pytest.fixture(scope="module")
def model():
    return default_model()


@pytest.mark.parametrize("text", DOCUMENTS + _seed_texts())
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
    texts = DOCUMENTS + _seed_texts()
    words = [tokenizer(t)._.kg_words for t in texts]
    assert model.predict_cluener_many(texts, words) == model.predict_cluener_many(texts)
