"""People on unseen real news (issue 9, dev batch 2): each error class with its own table.

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


def affiliations(nlp, text):
    return {(a.person, a.org, a.title) for a in nlp(text)._.kg_affiliations}


def _model(text, names):
    ents, start = [], 0
    for n in names:
        i = text.index(n, start)
        ents.append(Entity(i, i + len(n), "PERSON", n, "model"))
        start = i + len(n)
    return ents


# --- romanised names with a hyphenated given name ------------------------------------------------
HYPHENATED = [
    ("野村控股经济学家Park Jeong-woo分析称，外资流入将放缓。", "Park Jeong-woo", ("野村控股", "经济学家")),
    ("韩国银行国际部总裁Yoon Kyung-soo估算，需求将有限。", "Yoon Kyung-soo", ("韩国银行", "国际部总裁")),
    ("三星证券分析师Kim Min-ji表示，芯片出口仍将增长。", "Kim Min-ji", ("三星证券", "分析师")),
    # a capitalised second half stays as it was
    ("法国巴黎银行策略师Jean-Pierre Martin认为，欧元将走强。", "Jean-Pierre Martin", ("法国巴黎银行", "策略师")),
]


@pytest.mark.parametrize("text,name,post", HYPHENATED, ids=[f"hyphen-{i}" for i in range(len(HYPHENATED))])
def test_a_romanised_name_keeps_its_hyphenated_given_name(nlp_rules, text, name, post):
    assert name in people(nlp_rules, text)
    assert (name, *post) in affiliations(nlp_rules, text)


# --- Latin names joined by 和 after one title --------------------------------------------------------
JOINED = [
    ("汇丰控股策略师Nicole Inui和Alastair Pinder将目标价上调。", ["Nicole Inui", "Alastair Pinder"], "汇丰控股"),
    ("摩根大通分析师John Smith与Mary Jones在报告中写道，需求强劲。", ["John Smith", "Mary Jones"], "摩根大通"),
    # a Chinese name after 和 where jieba reads it as one name word, with no gap before the next word
    ("中信证券分析师王刚和李明上周将目标价上调。", ["王刚", "李明"], "中信证券"),
]


@pytest.mark.parametrize("text,names,org", JOINED, ids=[f"joined-{i}" for i in range(len(JOINED))])
def test_latin_names_joined_after_one_title_share_it(nlp_rules, text, names, org):
    assert set(names) <= people(nlp_rules, text)
    assert {a[0] for a in affiliations(nlp_rules, text) if a[1] == org} >= set(names)


@pytest.mark.parametrize("text,name", [("中信证券分析师张伟和公司团队认为，行业将复苏。", "张伟"),
                                       ("首席经济学家李强与政府官员会面。", "李强")])
def test_a_common_word_after_he_names_no_second_person(nlp_rules, text, name):
    assert people(nlp_rules, text) == {name}


# --- a title with its modifiers (首席投资策略师) is the title, not part of the firm ----------------------
TITLES = [
    ("Yardeni Research首席投资策略师Ed Yardeni上调预测。", ("Ed Yardeni", "Yardeni Research", "首席投资策略师")),
    ("富国银行投资策略师Scott Wren表示，美股仍有上行空间。", ("Scott Wren", "富国银行", "投资策略师")),
    ("瑞银资深分析师王磊认为，铜价将维持高位。", ("王磊", "瑞银", "资深分析师")),
]


@pytest.mark.parametrize("text,aff", TITLES, ids=[f"title-{i}" for i in range(len(TITLES))])
def test_a_modified_title_is_the_whole_title(nlp_rules, text, aff):
    assert aff in affiliations(nlp_rules, text)


# --- a name glossed in Latin letters after a title, even where its first character ends names ----------
GLOSSED = [
    ("尼日利亚总统提努布（Bola Ahmed Tinubu）在社交媒体上发文回应。", "提努布"),
    ("肯尼亚总统鲁托（William Ruto）表示，将加强合作。", "鲁托"),
]


@pytest.mark.parametrize("text,name", GLOSSED, ids=[f"glossed-{i}" for i in range(len(GLOSSED))])
def test_a_glossed_name_after_a_title_is_a_person(nlp_rules, text, name):
    assert name in people(nlp_rules, text)


def test_a_stop_character_before_a_gloss_with_no_title_names_no_one(nlp_rules):
    assert "提高" not in people(nlp_rules, "该公司计划提高（Raise Prices）售价。")


# --- words the model calls people that name no one ------------------------------------------------------
NOT_PEOPLE = [
    # a 、-list of brands closed by 等 and a firm noun several words on
    ("平台已服务茶百道、小龙坎、华莱士等大批中国出海餐饮品牌。", ["小龙坎", "华莱士"]),
    # a group, an armed service
    ("当地穆斯林与基督徒大致各占一半。", ["穆斯林"]),
    # glued to a commodity or to a drug's form
    ("布伦特原油期货大涨5%，报95美元/桶。", ["布伦特"]),
    ("产品恺力美（舒瑞基奥仑赛注射液）获批上市。", ["舒瑞基奥"]),
]


@pytest.mark.parametrize("text,names", NOT_PEOPLE, ids=[f"not-person-{i}" for i in range(len(NOT_PEOPLE))])
def test_model_names_that_are_no_people(nlp_rules, text, names):
    doc = nlp_rules.make_doc(text)
    out = check_people(text, _model(text, names), words_of(doc))
    assert not [e for e in out if e.label == "PERSON"]


def test_a_model_person_in_a_list_of_people_stays_a_person(nlp_rules):
    text = "李想、魏建军等车企掌门人出席论坛。"
    doc = nlp_rules.make_doc(text)
    out = check_people(text, _model(text, ["李想", "魏建军"]), words_of(doc))
    assert [e.label for e in out] == ["PERSON", "PERSON"]


def test_a_surname_before_a_count_names_no_one(nlp_rules):
    assert not people(nlp_rules, "过去一年，美方曾两次在谈判期间发动突袭。")


# --- public figures named bare ---------------------------------------------------------------------------
FIGURES = [
    ("此前，特朗普指示联邦机构切断与该公司的合作。", "特朗普", set()),
    ("政府关门为特朗普提供了第二次机会。", "特朗普", set()),
    ("该公司与马斯克旗下SpaceX达成协议。", "马斯克", set()),
    # a longer transliteration holding the name is that name, never the short one beside it
    ("小唐纳德·特朗普出席活动。", None, {"特朗普"}),
]


@pytest.mark.parametrize("text,name,absent", FIGURES, ids=[f"figure-{i}" for i in range(len(FIGURES))])
def test_a_public_figure_named_bare_is_a_person(nlp_rules, text, name, absent):
    found = people(nlp_rules, text)
    if name:
        assert name in found
    assert not (absent & found)


# --- a firm before a name: ORG NAME TITLE (四川大学徐建军教授), a Latin firm's 的 before a Latin name ---------
def _bound(text, spans):
    from kg.nlp.binding import bind
    ents, start = [], 0
    for s, label in spans:
        i = text.index(s, start)
        ents.append(Entity(i, i + len(s), label, s, "model"))
        start = i + len(s)
    return {(a.person, a.org, a.title) for a in bind(text, ents)}


ORG_NAME_TITLE = [
    ("2006年前后，四川大学徐建军教授团队开始研究。", [("四川大学", "ORG"), ("徐建军", "PERSON"), ("教授", "TITLE")],
     ("徐建军", "四川大学", "教授")),
    ("会上，中金公司李明研究员介绍了报告。", [("中金公司", "COMPANY"), ("李明", "PERSON"), ("研究员", "TITLE")],
     ("李明", "中金公司", "研究员")),
]


@pytest.mark.parametrize("text,spans,aff", ORG_NAME_TITLE, ids=[f"org-name-title-{i}" for i in range(len(ORG_NAME_TITLE))])
def test_a_firm_glued_before_a_name_and_its_title_is_the_persons(text, spans, aff):
    assert aff in _bound(text, spans)


def test_a_title_that_opens_the_next_chain_is_not_the_name_befores():
    # 中信证券张伟、首席经济学家李强: the title belongs to 李强
    text = "出席者有中信证券张伟首席经济学家李强。"
    out = _bound(text, [("中信证券", "COMPANY"), ("张伟", "PERSON"), ("首席经济学家", "TITLE"), ("李强", "PERSON")])
    assert ("张伟", "中信证券", "首席经济学家") not in out


LATIN_OF = [
    ("CFRA Research的Sam Stovall上周也将目标价上调。", ("Sam Stovall", "CFRA Research", "")),
    ("Evercore ISI Research的Julian Emanuel认为，美股仍将上涨。", ("Julian Emanuel", "Evercore ISI Research", "")),
]


@pytest.mark.parametrize("text,aff", LATIN_OF, ids=[f"latin-of-{i}" for i in range(len(LATIN_OF))])
def test_a_latin_name_after_a_latin_firms_de_is_its_person(nlp_rules, text, aff):
    assert aff[0] in people(nlp_rules, text)
    assert aff in affiliations(nlp_rules, text)


def test_a_latin_phrase_without_a_firm_word_names_no_firm_before_de(nlp_rules):
    assert "Hello Kitty" not in people(nlp_rules, "Good Morning的Hello Kitty玩偶热卖。")


def test_a_listed_title_after_a_corporate_one_is_at_the_same_firm(nlp_rules):
    text = "九号公司5月27日公告，公司董事长、实控人高禄峰提议回购股份。"
    assert ("高禄峰", "九号公司", "实控人") in affiliations(nlp_rules, text)
