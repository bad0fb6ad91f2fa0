"""The gazetteer of firms from public lists (issue 9, "firms without a suffix"), each class with its
own table of short sentences.

The sentences are written for these tests in the style of Chinese financial news; none is copied
from an article.
"""
from __future__ import annotations

import time

import pytest

from kg.resources import read_text


def ents(nlp, text):
    doc = nlp(text)
    return {(e.text, e.label) for e in doc._.kg_entities}


def orgs(nlp, text):
    return {t for t, label in ents(nlp, text) if label in ("COMPANY", "ORG", "GOV")}


# --- firms named without a suffix: listed short names, foreign firms, investors, media --------------
NAMED = [
    ("五粮液发布公告称，公司前三季度营收稳步增长。", {"五粮液"}),
    ("受消息影响，中际旭创盘中一度涨停。", {"中际旭创"}),
    ("高通与博通均表示将加大对边缘计算芯片的投入。", {"高通", "博通"}),
    ("阿斯麦当天宣布任命新的首席技术官。", {"阿斯麦"}),
    ("SK海力士计划扩建其在韩国的存储芯片工厂。", {"SK海力士"}),
    ("OPPO回应称，新款手机将于下月发布。", {"OPPO"}),
    ("IDC数据显示，三季度全球平板出货量同比增长。", {"IDC"}),
    ("DeepSeek发布新模型后，多家云厂商宣布接入。", {"DeepSeek"}),
    ("本轮融资由经纬创投领投，云岫资本担任独家财务顾问。", {"经纬创投", "云岫资本"}),
    ("大疆起诉一家无人机厂商侵犯其专利。", {"大疆"}),
    ("中创新航与一家车企签署了长期供货协议。", {"中创新航"}),
    ("联合早报援引知情人士的话说，谈判仍在继续。", {"联合早报"}),
    ("消费电子零售商Best Buy下调了全年销售预期。", {"Best Buy"}),
    ("美国国际原子能机构总干事发表讲话。", {"国际原子能机构"}),
    ("由恒旭资本领投，多家老股东跟投。", {"恒旭资本"}),
]


@pytest.mark.parametrize("text,expected", NAMED, ids=[f"named-{i}" for i in range(len(NAMED))])
def test_firms_without_a_suffix_are_found(nlp_rules, text, expected):
    assert expected <= orgs(nlp_rules, text)


# --- a name that is a common word first needs support --------------------------------------------
SUPPORTED = [
    ("过去一年，理想、蔚来和小鹏的交付量都创了新高。", {"理想", "蔚来", "小鹏"}),
    ("当年福特、通用和克莱斯勒三大车企占据了美国市场。", {"福特", "通用", "克莱斯勒"}),
    ("机器人（300024）午后拉升，成交额明显放大。", {"机器人"}),
    ("宁德时代与零跑汽车签约后，零跑股价上涨。", {"零跑汽车", "零跑"}),
    ("苹果将在印度扩大产能。（界面）", {"界面"}),
    ("探路者集团发布公告称，公司将回购部分股份。", {"探路者集团"}),
]


@pytest.mark.parametrize("text,expected", SUPPORTED, ids=[f"supported-{i}" for i in range(len(SUPPORTED))])
def test_a_common_word_name_counts_with_support(nlp_rules, text, expected):
    assert expected <= orgs(nlp_rules, text)


COMMON = [
    ("理想很丰满，现实却很骨感。", "理想"),
    ("这种通用的做法并不适用于所有行业。", "通用"),
    ("机器人产业链持续火热，订单明显增多。", "机器人"),
    ("农产品价格整体平稳，蔬菜价格略有回落。", "农产品"),
    ("太阳能电池的转换效率又有提升。", "太阳能"),
    ("他联想到了三年前的那次危机。", "联想"),
    ("新能源汽车已成为拉动消费的重要驱动力。", "驱动力"),
    ("这是一次关于用户界面设计的讨论。", "界面"),
    ("这家企业是行业里的探路者。", "探路者"),
    ("鄂尔多斯的煤炭产量保持增长。", "鄂尔多斯"),
    ("道琼斯工业平均指数收涨0.5%。", "道琼斯"),
    ("现代科技让生活更加便利。", "现代科技"),
    ("头部券商则着力拓展财富管理业务。", "力拓"),
]


# --- a name counts only where jieba's words and the letters around it agree ----------------------
BOUNDARY = [
    ("这款芯片采用ARM架构，功耗较低。", "ARM"),
    ("公司数据中心IDC机房已全部投入使用。", "IDC"),
    ("该模型遵循MIT协议开源。", "MIT"),
    ("发布会上展示了动作世界模型GE-2。", "GE"),
    ("投资方包括Toyota Ventures等机构。", "Toyota"),
    ("据中新经纬报道，该公司营收增长。", "经纬"),
]


@pytest.mark.parametrize("text,word", COMMON + BOUNDARY,
                         ids=[f"common-{i}" for i in range(len(COMMON))] + [f"boundary-{i}" for i in range(len(BOUNDARY))])
def test_a_common_word_alone_or_a_name_inside_something_longer_is_no_firm(nlp_rules, text, word):
    assert word not in orgs(nlp_rules, text)


# --- the longer name wins ---------------------------------------------------------------------------
LONGER = [
    ("香港证监会：将加强对虚拟资产平台的监管。", "香港证监会", "证监会"),
    ("国家网信办、国家外汇局等八部门联合印发通知。", "国家外汇局", "外汇局"),
    ("经纬创投投资了这家机器人公司。", "经纬创投", "经纬创投投资"),
    ("ARM Holdings Plc表示，授权收入同比增长。", "ARM Holdings Plc", "ARM Holdings"),
]


@pytest.mark.parametrize("text,name,piece", LONGER, ids=[f"longer-{i}" for i in range(len(LONGER))])
def test_the_longer_name_wins(nlp_rules, text, name, piece):
    found = orgs(nlp_rules, text)
    assert name in found and piece not in found


def test_a_listed_name_opening_another_firm_leaves_it_to_the_suffix_rules(nlp_rules):
    # 新希望 is listed, but here it opens another company's registered name
    text = "新希望智能设备制造有限公司完成新一轮融资。"
    assert "新希望" not in orgs(nlp_rules, text)


def test_the_gazetteer_loads_once_and_fast():
    from kg.nlp.entities.orgs import gazetteer

    gazetteer.cache_clear()
    t = time.perf_counter()
    g = gazetteer()
    assert time.perf_counter() - t < 2.0
    assert g.names["五粮液"][1] == "COMPANY" and g.names["宜宾五粮液股份有限公司"] == g.names["五粮液"]
    assert "理想" in g.guarded and "机器人" in g.stop
    assert gazetteer() is g


def test_the_gazetteer_ships_as_package_data():
    import tomllib
    from pathlib import Path

    data = tomllib.loads((Path(__file__).resolve().parents[2] / "pyproject.toml").read_text(encoding="utf-8"))
    assert "resources/gazetteer/*.txt" in data["tool"]["setuptools"]["package-data"]["kg"]
    assert read_text("gazetteer/a_shares.txt").count("\n") > 4000


# --- a model firm that the gazetteer lists is plausible even where jieba knows it as a common noun --
@pytest.mark.parametrize("name,tag,ok", [("五粮液", "n", True), ("中际旭创", "n", True), ("理想", "n", False),
                                         ("机器人", "n", False)])
def test_a_listed_model_firm_is_plausible(name, tag, ok):
    from kg.nlp.entities.combine import plausible
    from kg.nlp.entities.spans import TextIndex
    from kg.records import Entity, Word

    t = TextIndex(name, [Word(0, len(name), name, tag)])
    assert plausible(Entity(0, len(name), "COMPANY", name, "model", 0.9), t) is ok
