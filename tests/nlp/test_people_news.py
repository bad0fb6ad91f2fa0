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


def test_a_common_word_before_a_glossed_name_is_no_part_of_it(nlp_rules):
    assert "候选人凯文·沃什" not in people(nlp_rules, "美联储主席候选人凯文·沃什（Kevin Warsh）表示，通胀仍是首要问题。")


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


# --- affiliations: hand-made entities, so the binding rules are tested alone ----------------------
def _ents(text, spans):
    """Entities from (surface, label) pairs, each at its first place after the previous one."""
    out, at = [], 0
    for surface, label in spans:
        i = text.index(surface, at)
        out.append(Entity(i, i + len(surface), label, surface, "model"))
        at = i + len(surface)
    return out


def _bound(text, spans):
    from kg.nlp.binding import bind

    return {(a.person, a.org, a.title) for a in bind(text, _ents(text, spans))}


BINDINGS = [
    # 选举/聘任 PERSON 为 [公司] TITLE: the post, its firm read later from the sentence
    ("董事会选举王建平为公司董事长。", [("王建平", "PERSON")], {("王建平", "", "董事长")}),
    ("董事会聘任李海涛为总经理，任期三年。", [("李海涛", "PERSON"), ("总经理", "TITLE")], {("李海涛", "", "总经理")}),
    # the firm a person owns or heads, with no title
    ("巴菲特的伯克希尔哈撒韦买入该股。", [("巴菲特", "PERSON"), ("伯克希尔哈撒韦", "COMPANY")],
     {("巴菲特", "伯克希尔哈撒韦", "")}),
    ("一个由沃什领导的美联储将更重视增长。", [("沃什", "PERSON"), ("美联储", "GOV")], {("沃什", "美联储", "")}),
    ("埃隆·马斯克拥有的星际公司计划推出新服务。", [("埃隆·马斯克", "PERSON"), ("星际公司", "COMPANY")],
     {("埃隆·马斯克", "星际公司", "")}),
    # a regulator's local office is the organization, the rest the title
    ("中国证监会上海监管局副局长赵国富表示，改革将提速。",
     [("中国证监会", "GOV"), ("上海监管局副局长", "TITLE"), ("赵国富", "PERSON")],
     {("赵国富", "中国证监会上海监管局", "副局长")}),
    # a résumé sentence of posts alone
    ("联合创始人张华，清华大学博士。星河智能设备有限公司董事长，北方重工集团顾问。",
     [("联合创始人", "TITLE"), ("张华", "PERSON"), ("清华大学", "ORG"), ("星河智能设备有限公司", "COMPANY"),
      ("董事长", "TITLE"), ("北方重工集团", "COMPANY"), ("顾问", "TITLE")],
     {("张华", "", "联合创始人"), ("张华", "星河智能设备有限公司", "董事长"), ("张华", "北方重工集团", "顾问")}),
    # a firm alone on the line before the title (a link's text)
    ("在汽车论坛上，\n蔚来\n创始人、董事长李斌抛出论断。",
     [("蔚来", "COMPANY"), ("创始人、董事长", "TITLE"), ("李斌", "PERSON")],
     {("李斌", "蔚来", "创始人"), ("李斌", "蔚来", "董事长")}),
]


@pytest.mark.parametrize("text,spans,expected", BINDINGS, ids=[f"bind-{i}" for i in range(len(BINDINGS))])
def test_affiliations_on_news(text, spans, expected):
    assert _bound(text, spans) == expected


SENTENCE_FIRMS = [
    # in a round-up, 公司 before a corporate title is the firm of the item, the last one named before it
    ("星海股份：拟定增募资。星海股份(300001)披露预案，发行对象包括公司控股股东、实际控制人王建平。",
     "星海股份"),
    ("甲乙科技公告。华联股份：董事会选举王建平为公司董事长。", "华联股份"),
]


@pytest.mark.parametrize("text,firm", SENTENCE_FIRMS, ids=[f"sentence-firm-{i}" for i in range(len(SENTENCE_FIRMS))])
def test_a_corporate_title_after_gongsi_takes_the_firm_of_its_sentence(text, firm):
    from kg.nlp.binding import bind, with_sentence_company

    names = [("甲乙科技", "COMPANY")] if text.startswith("甲乙") else []
    spans = names + [(firm, "COMPANY"), ("王建平", "PERSON")]
    if "实际控制人" in text:
        spans = [(firm, "COMPANY"), (firm, "COMPANY"), ("实际控制人", "TITLE"), ("王建平", "PERSON")]
    ents = _ents(text, spans)
    affs = with_sentence_company(text, list(bind(text, ents)), ents)
    assert affs and {a.org for a in affs} == {firm}


def test_a_verb_before_the_country_ends_the_title_phrase(nlp_rules):
    doc = nlp_rules("多位电视台主持人哽咽播报伊朗最高领袖哈梅内伊遇害。")
    assert [(a.person, a.org, a.title) for a in doc._.kg_affiliations] == [("哈梅内伊", "", "伊朗最高领袖")]


def test_a_verb_before_gongsi_names_no_firm(nlp_rules):
    doc = nlp_rules("上海九颂投资有限公司近日收到公司实际控制人、执行董事李明家属的通知。")
    assert {a.org for a in doc._.kg_affiliations} == {"上海九颂投资有限公司"}


def test_a_link_line_before_a_title_is_a_firm(nlp_rules):
    doc = nlp_rules("在重庆汽车论坛上，\n蔚来\n创始人、董事长李斌抛出这样的论断。")
    assert ("蔚来", "COMPANY") in {(e.text, e.label) for e in doc._.kg_entities}
    assert {(a.org, a.title) for a in doc._.kg_affiliations} == {("蔚来", "创始人"), ("蔚来", "董事长")}


def test_a_firm_glossed_by_one_latin_word_is_a_firm_at_every_mention(nlp_rules):
    text = "阿斯麦（ASML）一季度业绩超预期。阿斯麦在声明中指出，需求强劲。"
    doc = nlp_rules.make_doc(text)
    ents = [Entity(0, 3, "PERSON", "阿斯麦", "model"), Entity(18, 21, "PERSON", "阿斯麦", "model")]
    assert {e.label for e in check_people(text, ents, words_of(doc))} == {"COMPANY"}


KNOWN_FIRM_BEFORE_TITLE = [
    # words that name nothing before a known firm are no part of it
    ("知名苹果分析师郭明錤表示，新机将推迟。", ("郭明錤", "苹果", "分析师")),
    ("全球市值最高上市公司英伟达CEO黄仁勋表示，需求强劲。", ("黄仁勋", "英伟达", "CEO")),
    ("国泰君安证券首席经济学家张三认为，政策将加码。", ("张三", "国泰君安", "首席经济学家")),
]


@pytest.mark.parametrize("text,expected", KNOWN_FIRM_BEFORE_TITLE,
                         ids=[f"known-firm-{i}" for i in range(len(KNOWN_FIRM_BEFORE_TITLE))])
def test_a_known_firm_before_a_title_sheds_the_words_before_it(nlp_rules, text, expected):
    assert expected in {(a.person, a.org, a.title) for a in nlp_rules(text)._.kg_affiliations}


def test_a_person_named_in_a_body_after_them_stays_a_person(nlp_rules):
    # 特朗普政府 has the short form 特朗普: the man is no firm, at any mention
    text = "特朗普政府宣布新关税。特朗普表示，谈判仍在继续。"
    doc = nlp_rules.make_doc(text)
    ents = [Entity(0, 5, "GOV", "特朗普政府", "model"), Entity(11, 14, "PERSON", "特朗普", "model")]
    assert [(e.text, e.label) for e in check_people(text, ents, words_of(doc))] == [
        ("特朗普政府", "GOV"), ("特朗普", "PERSON")]
