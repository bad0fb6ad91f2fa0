"""Organizations on real news, round 2: the classes of false and missed firms seen on unseen articles,
each with its own table of short sentences written for these tests in the style of Chinese financial
news (none is copied from an article)."""
from __future__ import annotations

import pytest


def orgs(nlp, text):
    return {e.text for e in nlp(text)._.kg_entities if e.label in ("COMPANY", "ORG", "GOV")}


# --- a known firm glued to the verb or market word after it ------------------------------------------
GLUED = [
    ("本轮融资由英诺科创基金领投，老股东继续跟投。", {"英诺科创基金"}),
    ("受此消息影响，通鼎互联一字涨停。", {"通鼎互联"}),
    ("午后沪硅产业20CM涨停，中芯国际、华虹半导体盘中大涨。", {"沪硅产业", "中芯国际", "华虹半导体"}),
    ("共和党参议员对该法案表示反对。", {"共和党"}),
    ("本轮由德联资本领投，多家机构跟投。", {"德联资本"}),
    ("该公司核心资方为鼎晖VGC投资。", {"鼎晖VGC投资"}),
    ("本轮投资方为松禾资本，老股东云启资本独家投资。", {"松禾资本", "云启资本"}),
    ("巨力索具开盘即涨停，成交额放大。", {"巨力索具"}),
    ("时任万国证券总裁的他表示反对。", {"万国证券"}),
    ("文远知行Robotaxi车队规模继续扩大。", {"文远知行"}),
    ("据新华社援引伊朗伊斯兰共和国通讯社报道，谈判仍在继续。", {"新华社", "伊朗伊斯兰共和国通讯社"}),
]


@pytest.mark.parametrize("text,expected", GLUED)
def test_a_firm_ends_before_the_word_it_was_glued_to(nlp, text, expected):
    assert orgs(nlp, text) == expected


# --- words that describe a kind of firm and name none ------------------------------------------------
GENERIC = [
    ("一家比特币挖矿公司宣布裁员三成。", set()),
    ("公司拟设立全资单船公司开展船舶租赁业务。", set()),
    ("日本企业集团纷纷加大在东南亚的投资。", set()),
    ("中东地区公司正加快布局新能源。", set()),
    ("江西某文化传媒公司因虚假宣传被罚款。", set()),
    ("WTI原油期货和布伦特原油期货双双下跌，美股三大股指期货走低。", set()),
    ("国际投行麦格理证券预计，油价将逐步回落。", {"麦格理证券"}),
    # the name's own words stay: 中国银行 is a place and its suffix, 中信期货 a broker
    ("中国银行与一家宁德时代子公司签约，中信期货随后发布研报。", {"中国银行", "宁德时代", "中信期货"}),
]


@pytest.mark.parametrize("text,expected", GENERIC)
def test_a_kind_of_firm_is_no_firm(nlp, text, expected):
    assert orgs(nlp, text) == expected


# --- Latin words: fragments, common words and products are no firms; multiword names are ----------
LATIN = [
    ("腾讯表示，公司将开启agentic AI时代，积累更多行业knowhow。", {"腾讯"}),
    ("苹果发布新款iPhone和iPad，Display只能支持部分用户。", {"苹果"}),
    ("该平台已接入MCP，并支持NFC数字抽卡。", set()),
    ("新品搭载RGBD相机，FICC业务收入增长。", set()),
    ("Prysm Capital领投，Fika跟投。", {"Prysm Capital", "Fika"}),
    ("Yardeni Research首席投资官表示，美股仍有上涨空间。", {"Yardeni Research"}),
    ("Avid Bank跟投，Agent workflow随后上线，Model Y Standard再次降价。", {"Avid Bank"}),
]


@pytest.mark.parametrize("text,expected", LATIN)
def test_latin_words_that_name_no_firm(nlp, text, expected):
    assert orgs(nlp, text) == expected


# --- well-known firms the gazetteer now knows (brands that are firms, outlets, bodies) -------------
KNOWN = [
    ("茶百道、沪上阿姨和古茗相继下调了部分饮品价格。", {"茶百道", "沪上阿姨", "古茗"}),
    ("券商中国记者从多家券商获悉，相关业务已暂停。", {"券商中国"}),
    ("国会预算办公室预计，赤字将继续扩大。", {"国会预算办公室"}),
    ("博科圣地武装分子袭击了当地村庄。", {"博科圣地"}),
    ("SemiAnalysis的报告显示，算力成本持续下降。", {"SemiAnalysis"}),
]


@pytest.mark.parametrize("text,expected", KNOWN)
def test_well_known_firms(nlp_rules, text, expected):
    assert expected <= orgs(nlp_rules, text)


# --- one firm's forms in one document: the fullest joins the others ---------------------------------
ALIASES = [
    (["万科", "万科企业股份有限公司"], {"万科": "万科企业股份有限公司"}),
    (["Nissan", "日产"], {"Nissan": "日产"}),
    (["阿斯麦", "ASML", "腾讯"], {"ASML": "阿斯麦"}),
    (["茅台", "腾讯"], {}),  # two firms, no shared entry
]


@pytest.mark.parametrize("names,expected", ALIASES)
def test_gazetteer_aliases(names, expected):
    from kg.nlp.entities.orgs import gazetteer_aliases

    assert gazetteer_aliases(names) == expected
