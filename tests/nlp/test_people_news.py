"""People on real news (issue 9): name boundaries, non-persons typed as people, each with its own table.

The sentences are written for these tests in the style of Chinese financial news; none is copied
from an article.
"""
from __future__ import annotations

import pytest

from kg.nlp.entities.persons import check_people
from kg.nlp.extensions import words_of
from kg.records import Entity


def people(nlp, text):
    return {e.text for e in nlp(text)._.kg_entities if e.label == "PERSON"}


# --- name boundaries after a title ---------------------------------------------------------------
BOUNDARIES = [
    # a transliteration jieba cuts after a surname character (古/特雷斯) runs to its word's end
    ("联合国秘书长古特雷斯发出呼吁，各方保持克制。", "古特雷斯"),
    ("联合国秘书长古特雷斯表示，冲突必须停止。", "古特雷斯"),
    # a dotted name runs to the end of the jieba name word its last part starts (霍/楚尔)
    ("美国纽约州州长凯西·霍楚尔办公室发布声明。", "凯西·霍楚尔"),
    # a name glossed in Latin letters is everything before the bracket
    ("美国智库高级研究员迈克尔星(Michael Singh)接受采访时说，局势仍不明朗。", "迈克尔星"),
    ("日本科学家坂口志文（Shimon Sakaguchi）获得殊荣。", "坂口志文"),
    ("两位美国科学家玛丽·布伦科（Mary Brunkow）与同事共同获奖。", "玛丽·布伦科"),
    # two-character (Japanese) surnames take a given name of two characters
    ("日本财务大臣片山皋月证实，她于周一与对方通话。", "片山皋月"),
    ("日本首相石破茂表示，将维持现行政策。", "石破茂"),
]


@pytest.mark.parametrize("text,name", BOUNDARIES, ids=[f"boundary-{i}" for i in range(len(BOUNDARIES))])
def test_name_boundaries_after_a_title(nlp_rules, text, name):
    assert name in people(nlp_rules, text)


def test_a_short_form_of_a_dotted_name_is_that_person(nlp_rules):
    doc = nlp_rules("美国纽约州州长凯西·霍楚尔表示，将继续施压。霍楚尔提到，已有数万人受到影响。")
    assert set(doc._.kg_people) == {"凯西·霍楚尔"}


# --- non-persons typed as people: entities as the model proposes them ----------------------------
def _model_people(nlp, text, names):
    doc = nlp.make_doc(text)
    ents = [Entity(text.index(n), text.index(n) + len(n), "PERSON", n, "model") for n in names]
    return doc, ents


NOT_PEOPLE = [
    # a list of firms closed by a price move, by 等 and a firm noun, or by a count of firms
    ("存储芯片概念大涨，\n宏芯科\n、\n德瑞微\n涨停。", ["宏芯科", "德瑞微"], "COMPANY"),
    ("半导体设备股走强，\n阿斯麦\n涨超2%。", ["阿斯麦"], "COMPANY"),
    ("过去三年，理想、蔚来、小鹏、埃安等玩家反复崛起。", ["小鹏", "埃安"], "COMPANY"),
    ("当年福特、通用、克莱斯勒三大车企几乎垄断市场。", ["克莱斯勒"], "COMPANY"),
    ("赛诺菲、诺华、默沙东等50余家外资企业代表参会。", ["赛诺菲"], "COMPANY"),
    # glued to a market word: a stock; to 指数: an index; to a prize: a prize
    ("财报发布后，阿斯麦美股夜盘一度跌超2%。", ["阿斯麦美股"], "COMPANY"),
    ("相比之下，纳斯达克100指数同期上涨28%。", ["纳斯达克"], None),
    ("诺贝尔生理学或医学奖揭晓。", ["诺贝尔"], None),
]


@pytest.mark.parametrize("text,names,label", NOT_PEOPLE, ids=[f"not-person-{i}" for i in range(len(NOT_PEOPLE))])
def test_names_that_are_no_people(nlp_rules, text, names, label):
    doc, ents = _model_people(nlp_rules, text, names)
    out = check_people(text, ents, words_of(doc))
    assert not [e for e in out if e.label == "PERSON"]
    if label:
        assert {e.label for e in out} == {label}
    else:
        assert out == []


STILL_PEOPLE = [
    ("李想、魏建军等车企掌门人也已成为社媒顶流。", ["李想", "魏建军"]),
    ("任正非、雷军等企业家出席了座谈会。", ["任正非"]),
    ("鲍威尔表示，指数化投资仍在增长。", ["鲍威尔"]),
    ("张伟、王芳两位分析师认为，盈利将改善。", ["张伟", "王芳"]),
]


@pytest.mark.parametrize("text,names", STILL_PEOPLE, ids=[f"person-{i}" for i in range(len(STILL_PEOPLE))])
def test_people_in_lists_stay_people(nlp_rules, text, names):
    doc, ents = _model_people(nlp_rules, text, names)
    assert [e.label for e in check_people(text, ents, words_of(doc))] == ["PERSON"] * len(names)


def test_a_name_cut_short_is_the_longer_name_the_document_confirms(nlp_rules):
    text = "赵国富：推进改革。副局长赵国富在会上表示，改革将提速。"
    doc = nlp_rules.make_doc(text)
    ents = [Entity(0, 3, "PERSON", "赵国富", "model"), Entity(12, 14, "PERSON", "赵国", "chain")]
    assert [e.text for e in check_people(text, ents, words_of(doc))] == ["赵国富", "赵国富"]


def test_a_person_shaped_word_the_model_calls_a_government_body_is_a_person(nlp_rules):
    text = "雷军抖音涨粉超过600万。"
    doc = nlp_rules.make_doc(text)
    out = check_people(text, [Entity(0, 2, "GOV", "雷军", "model")], words_of(doc))
    assert [(e.text, e.label) for e in out] == [("雷军", "PERSON")]
