"""Entity error classes seen on real news (issue 9), each with its own table of short sentences.

The sentences are written for these tests in the style of Chinese financial news; none is copied
from an article.
"""
from __future__ import annotations

import pytest


def ents(nlp, text):
    doc = nlp(text)
    return {(e.text, e.label) for e in doc._.kg_entities}


# --- Latin-letter person names after a title, and the Latin firm before the title ---------------
LATIN_NAMES = [
    ("瑞穗证券分析师Jordan Klein表示，芯片股仍有上行空间。", {("Jordan Klein", "PERSON")}),
    ("首席财务官Laura Becker指出，公司现金流保持稳健。", {("Laura Becker", "PERSON")}),
    ("高盛首席经济学家Jan Hatzius认为，衰退概率下降。", {("Jan Hatzius", "PERSON"), ("高盛", "COMPANY")}),
    ("Redwood Partners投资组合经理Nina Patel称，估值已经偏高。",
     {("Nina Patel", "PERSON"), ("Redwood Partners", "COMPANY")}),
    ("Northgate联合创始人Owen Price亲自下场创业。", {("Owen Price", "PERSON"), ("Northgate", "COMPANY")}),
    ("UBS策略师TJ Morgan表示，资金正在回流。", {("TJ Morgan", "PERSON"), ("UBS", "COMPANY")}),
    ("Harbor Lane Research高级分析师Mary Ann Cole表示，需求回暖。",
     {("Mary Ann Cole", "PERSON"), ("Harbor Lane Research", "COMPANY")}),
]


@pytest.mark.parametrize("text,expected", LATIN_NAMES, ids=[f"latin-{i}" for i in range(len(LATIN_NAMES))])
def test_latin_person_after_a_title(nlp_rules, text, expected):
    assert expected <= ents(nlp_rules, text)


# a capitalised phrase after a title that holds a firm or generic word is no person
NOT_LATIN_NAMES = [
    ("公司首席执行官Global Fund表示，计划不变。", "Global Fund"),
    ("该行分析师AI Lab认为，模型仍需迭代。", "AI Lab"),
    ("首席投资官Bloomberg Intelligence称，数据显示走弱。", "Bloomberg Intelligence"),
]


@pytest.mark.parametrize("text,name", NOT_LATIN_NAMES, ids=[f"not-latin-{i}" for i in range(len(NOT_LATIN_NAMES))])
def test_latin_phrases_with_firm_words_are_no_person(nlp_rules, text, name):
    assert (name, "PERSON") not in ents(nlp_rules, text)


# --- a lead character jieba glued to a known firm before a title --------------------------------
LEAD_CHARS = [
    ("据高盛分析师李明的测算，回购规模将扩大。", ("高盛", "COMPANY"), "据高盛分析师"),
    ("但华为副总裁王刚表示，合作仍在推进。", ("华为", "COMPANY"), "但华为副总裁"),
]


@pytest.mark.parametrize("text,firm,glued", LEAD_CHARS, ids=[f"lead-{i}" for i in range(len(LEAD_CHARS))])
def test_lead_character_is_no_part_of_the_firm_or_title(nlp_rules, text, firm, glued):
    found = ents(nlp_rules, text)
    assert firm in found
    assert all(t != glued for t, _ in found)


# --- combine: places, lead characters, firms opening a title, model people listed with firms -------
def E(start, end, label, text, source="model", score=0.9):
    from kg.records import Entity

    return Entity(start, end, label, text, source, score)


def _combined(nlp_rules, text, model):
    from kg.nlp.entities import combine
    from kg.nlp.extensions import words_of

    doc = nlp_rules(text)
    return {(e.text, e.label) for e in combine(doc._.kg_entities, model, words=words_of(doc))}


def _at(text, sub, label, nth=0):
    i = -1
    for _ in range(nth + 1):
        i = text.index(sub, i + 1)
    return E(i, i + len(sub), label, sub)


PLACES = [
    ("空袭波及迪拜、阿曼和也门等地。", "阿曼", "PERSON"),
    ("今年以来智利铜矿产量下滑。", "智利", "ORG"),
    ("他对伊拉克人说，局势将好转。", "伊拉克人", "PERSON"),
]


@pytest.mark.parametrize("text,place,label", PLACES, ids=[f"place-{i}" for i in range(len(PLACES))])
def test_a_place_is_no_person_and_no_firm(nlp_rules, text, place, label):
    assert (place, label) not in _combined(nlp_rules, text, [_at(text, place, label)])


def test_a_place_person_from_the_rules_is_dropped(nlp_rules):
    assert ("伊拉克人", "PERSON") not in ents(nlp_rules, "他对伊拉克人说：“局势将好转。”")


def test_a_lead_character_glued_to_a_firm_named_elsewhere_is_dropped(nlp_rules):
    text = "亿纬锂能报价更低。但亿纬锂能的产能有限。"
    model = [_at(text, "亿纬锂能", "COMPANY"), _at(text, "但亿纬锂能", "COMPANY")]
    found = _combined(nlp_rules, text, model)
    assert ("亿纬锂能", "COMPANY") in found and ("但亿纬锂能", "COMPANY") not in found


FIRM_OPENS_TITLE = [
    ("克里姆林宫发言人Dmitry Peskov表示，谈判仍在继续。", "克里姆林宫", "GOV"),
    ("亚特兰大联储经济学家Laura Smith提示，通胀仍有粘性。", "亚特兰大联储", "GOV"),
]


@pytest.mark.parametrize("text,firm,label", FIRM_OPENS_TITLE, ids=[f"opens-{i}" for i in range(len(FIRM_OPENS_TITLE))])
def test_a_model_firm_opening_a_chain_title_is_split_off(nlp_rules, text, firm, label):
    found = _combined(nlp_rules, text, [_at(text, firm, label)])
    assert (firm, label) in found
    assert not any(lab == "TITLE" and firm in t for t, lab in found)


LISTED = [
    ("盘面上，亿纬锂能、珠海冠宇涨停。", "亿纬锂能", "珠海冠宇"),  # 、 in a market round-up
    ("本田和宁德时代将在泰国建厂。", "宁德时代", "本田"),  # 和, a name no transliteration could be
]


@pytest.mark.parametrize("text,firm,person", LISTED, ids=[f"listed-{i}" for i in range(len(LISTED))])
def test_a_model_person_listed_beside_a_firm_is_a_firm(nlp_rules, text, firm, person):
    found = _combined(nlp_rules, text, [_at(text, firm, "COMPANY"), _at(text, person, "PERSON")])
    assert (person, "COMPANY") in found


NOT_LISTED = [
    ("股东杨建忠、华信投资有限公司拟减持。", "华信投资有限公司", "杨建忠"),  # a surname jieba reads as a name
    ("她起诉奥特曼与OpenAI侵权。", "OpenAI", "奥特曼"),  # a transliteration joined by 与
]


@pytest.mark.parametrize("text,firm,person", NOT_LISTED, ids=[f"not-listed-{i}" for i in range(len(NOT_LISTED))])
def test_a_person_beside_a_firm_stays_a_person(nlp_rules, text, firm, person):
    found = _combined(nlp_rules, text, [_at(text, firm, "COMPANY"), _at(text, person, "PERSON")])
    assert (person, "PERSON") in found


# --- listed firms' short names in market round-ups ------------------------------------------------
MARKET = [
    ("锂电池概念走强，  天华新能    、  盛新锂能    涨停。", {"天华新能", "盛新锂能"}),
    ("半导体板块拉升，华海诚科20cm涨停，甬矽电子、气派科技涨超5%。", {"华海诚科", "甬矽电子", "气派科技"}),
    ("煤炭股走弱，陕西黑猫跌超4%。", {"陕西黑猫"}),
    ("热门中概股多数上涨，  拼多多    涨超3%。", {"拼多多"}),
    ("光伏设备板块活跃，双良节能2连板。", {"双良节能"}),
]


@pytest.mark.parametrize("text,firms", MARKET, ids=[f"market-{i}" for i in range(len(MARKET))])
def test_short_names_before_a_price_move_are_firms(nlp_rules, text, firms):
    assert {(f, "COMPANY") for f in firms} <= ents(nlp_rules, text)


# indices, commodities, sectors, metrics and adverbs before a price move are no firm
NOT_MARKET = [
    ("盘面上，稀土永磁概念大涨。", "稀土永磁概念"),
    ("美股三大指数集体收涨，道指涨超1%。", "道指"),
    ("现货黄金涨超2%，白银跌超3%。", "现货黄金"),
    ("受订单推动，公司营收大涨。", "公司营收"),
    ("该股盘中一度涨停。", "该股盘中一度"),
    ("十余只成分股涨停。", "十余只成分股"),
    ("一季度，同比扭亏为盈。", "同比"),
]


@pytest.mark.parametrize("text,phrase", NOT_MARKET, ids=[f"not-market-{i}" for i in range(len(NOT_MARKET))])
def test_market_words_before_a_price_move_are_no_firm(nlp_rules, text, phrase):
    assert (phrase, "COMPANY") not in ents(nlp_rules, text)


# --- generic head nouns before a firm, clause words inside it, and generic 上市公司 phrases ------------
HEADS = [
    ("公司全资子公司杭州宏远集团拟投资建设新产线。", "杭州宏远集团", "全资子公司杭州宏远集团"),
    ("持股6%的股东恒信投资拟减持不超1%股份。", "恒信投资", "股东恒信投资"),
    ("国内SaaS企业有赞集团近日发布财报。", "有赞集团", "SaaS企业有赞集团"),
    ("英国智库查塔姆研究所高级研究员李明表示，局势复杂。", "查塔姆研究所", "英国智库查塔姆研究所"),
]


@pytest.mark.parametrize("text,firm,glued", HEADS, ids=[f"head-{i}" for i in range(len(HEADS))])
def test_a_head_noun_before_a_firm_is_no_part_of_it(nlp_rules, text, firm, glued):
    found = {t for t, lab in ents(nlp_rules, text) if lab in ("COMPANY", "ORG", "GOV")}
    assert firm in found and glued not in found


def test_a_model_firm_loses_its_head_noun_and_clause_word(nlp_rules):
    text = "公告称，控股子公司杭州星河智联科技有限公司中标。本轮由蓝湖资本领投。"
    model = [_at(text, "子公司杭州星河智联科技有限公司", "COMPANY"), _at(text, "轮由蓝湖资本", "COMPANY")]
    found = _combined(nlp_rules, text, model)
    assert {("杭州星河智联科技有限公司", "COMPANY"), ("蓝湖资本", "COMPANY")} <= found


GENERIC_LISTED = [
    "一季度归属于上市公司股东的净利润为3亿元。",
    "今年以来A股上市公司回购金额明显增加。",
    "多家白酒上市公司发布业绩预告。",
]


@pytest.mark.parametrize("text", GENERIC_LISTED, ids=[f"listed-co-{i}" for i in range(len(GENERIC_LISTED))])
def test_x_shang_shi_gong_si_is_no_firm(nlp_rules, text):
    assert not any(t.endswith("上市公司") for t, _ in ents(nlp_rules, text))


def test_a_model_span_ending_with_a_head_noun_is_no_firm(nlp_rules):
    text = "交易对方恒远药业为公司控股股东。"
    found = _combined(nlp_rules, text, [_at(text, "恒远药业为公司控股股东", "COMPANY")])
    assert ("恒远药业为公司控股股东", "COMPANY") not in found


@pytest.mark.parametrize("sentence,speaker", [
    ("证监会主席吴清作主题演讲时表示，资本市场改革将持续深化。", "吴清"),  # 作 opens 作主题演讲 / 作报告
    ("华为云AI产品高级专家曹宇作主题分享时谈到，当前最大的变革来自AI。", "曹宇"),
    ("OPPO首席产品官刘作虎表示，海外市场是重点。", "刘作虎"),  # 作 inside a name stays
])
def test_zuo_after_a_name_opens_the_verb_phrase(nlp, sentence, speaker):
    doc = nlp(sentence)
    assert [c.speaker for c in doc._.kg_claims] == [speaker]
    assert list(doc._.kg_people) == [speaker]
