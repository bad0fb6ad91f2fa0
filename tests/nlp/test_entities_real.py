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
