"""Claims in the layouts real news uses: interviews (Q&A turns), statements set out below their cue, views that
fill a paragraph, and web pages that put each linked name on a line of its own. The sentences are written for
these tables in the style of the articles (rules only)."""
from __future__ import annotations

import pytest

from kg.nlp.text import join_broken_lines

JOIN_CASES = [
    # (text, the breaks that are joined, by their line numbers counted from 0)
    ("中信建投\n表示，电力板块今年表现较好。", [0]),
    ("电池\n、\n通信设备\n等净流入排名靠前", [0, 1, 2]),
    ("伴随旺季临近，\n白酒\n市场需求缓慢复苏。", [0, 1]),
    ("机构观点：\n天风证券表示，看好产业链机遇。", []),
    ("记者：您怎么看？\n王海：\n我们很乐观。", []),
    ("何小鹏表示小鹏智驾即将出海\n36氪获悉，何小鹏发文透露了进展。", []),
    ("融资轮次：\n天使轮\n融资金额：\n数千万元", []),
    ("公司营收同比增长20%。\n公司净利润同比增长15%。", []),
]


@pytest.mark.parametrize("text,joined", JOIN_CASES, ids=[c[0][:8] for c in JOIN_CASES])
def test_broken_lines_are_joined(text, joined):
    out = join_broken_lines(text)
    assert len(out) == len(text)
    breaks = [i for i, ch in enumerate(text) if ch == "\n"]
    assert [k for k, i in enumerate(breaks) if out[i] != "\n"] == joined


CLAIM_CASES = [
    # (text, [(speaker, kind, snippet)]) in text order
    # an answer under its speaker's name on a line of its own, paragraph by paragraph, down to the next turn
    ("记者：公司的技术优势在哪里？\n张伟：\n我们的设备可以快速部署。\n第二，我们支持多种加工模式的灵活切换。\n"
     "记者：下一步有什么计划？\n李强：\n我们希望明年完成产品的标准化。",
     [("张伟", "direct", "设备可以快速部署"), ("张伟", "direct", "支持多种加工模式"),
      ("李强", "direct", "明年完成产品的标准化")]),
    # the question is never a claim, and boilerplate after the last answer is not part of it
    ("问：行业竞争会加剧吗？\n王海：\n未来一定会有更多企业加入这个赛道。\n（图源/企业）\n排版｜王五",
     [("王海", "direct", "更多企业加入这个赛道")]),
    # the answer on the speaker's own line is the whole paragraph, not its first sentence
    ("张伟：我们今年的订单增长很快。海外市场的需求也在上升。\n记者：那么利润呢？",
     [("张伟", "direct", "海外市场的需求也在上升")]),
    # a statement set out below 某某表示：
    ("中信证券表示：\n我们看好储能行业的长期发展前景。\n华泰证券表示：\n光伏行业的拐点或逐步显现。",
     [("中信证券", "direct", "看好储能行业的长期发展"), ("华泰证券", "direct", "光伏行业的拐点")]),
    # a linked name on a line of its own still speaks
    ("天风证券\n表示，消费电子需求回暖，重点看好终端设备产业链。",
     [("天风证券", "indirect", "重点看好终端设备产业链")]),
    # a view that opens a paragraph with its speaker fills the paragraph
    ("中信证券研报指出，白酒市场需求缓慢复苏。我们预计行业基本面底部有望在三季度出现。看好行业底部配置机会。",
     [("中信证券", "indirect", "看好行业底部配置机会")]),
    # ... but stops before a sentence that names another speaker or cites data
    ("华泰证券表示，光伏行业拐点或逐步显现。据统计，上半年组件产量同比下降。",
     [("华泰证券", "indirect", "光伏行业拐点")]),
    # a moderator's turn that asks is nobody's claim; an answer stops before a new lead-in line
    ("王海：\n接下来一年大家会更关注什么？\n张伟：\n我们更关注海外市场的拓展。\n红杉中国合伙人李强表示：\n看好团队的执行力。",
     [("张伟", "direct", "更关注海外市场的拓展"), ("李强", "direct", "看好团队的执行力")]),
    ("王海：行业的钱越来越向头部集中，这对创业者意味着什么？\n张伟：这给了新团队更多的机会。",
     [("张伟", "direct", "给了新团队更多的机会")]),
    # a talk's title is one word: its comma does not hide the speaker
    ("平安证券总监张伟在题为《科技变革，券商的启示》的演讲中谈到，数字化转型要以业务为导向。",
     [("张伟", "indirect", "数字化转型要以业务为导向")]),
    # two speakers in one sentence: the first claim stops where the second speaker takes the word
    ("平安证券总监张伟认为，架构和框架必不可少；安信证券总监李强认为，技术是一面镜子。",
     [("张伟", "indirect", "架构和框架必不可少"), ("李强", "indirect", "技术是一面镜子")]),
    # a firm speaks through its filing: 披露一季报，/ 公告，/ (stock code) day 公告，/ 发布公告称
    ("36氪获悉，平安银行披露一季报，公司一季度实现营业收入300亿元，同比增长5%。",
     [("平安银行", "indirect", "一季度实现营业收入300亿元")]),
    ("招商银行(600036)4月30日公告，公司拟以自有资金回购部分股份。",
     [("招商银行", "indirect", "拟以自有资金回购部分股份")]),
    ("华泰证券发布公告称，公司董事会同意设立资产管理子公司。",
     [("华泰证券", "indirect", "同意设立资产管理子公司")]),
    # ... but a report awaited, a filing lodged with someone else, or an unnamed insider is not the firm speaking
    ("投资者正密切关注即将发布的平安银行财报，以评估银行业的景气度。", []),
    ("平安银行\n据知情人士透露，该行正考虑出售部分不良资产。", []),
    ("招商银行知情人士透露，该行正考虑调整存款利率。", []),
    # a penalty or a courtesy after a cue word is not a statement
    ("证监会决定对平安银行给予警告，并处以200万元罚款。", []),
    ("华泰证券表示沉痛哀悼。", []),
    # 公司表示 after a sentence whose subject is a named firm: that firm
    ("6月25日，平安银行发布多个岗位招聘信息。公司表示，正努力将零售团队的规模扩大一倍。",
     [("平安银行", "indirect", "零售团队的规模扩大一倍")]),
    ("平安银行与华泰证券签署合作协议。公司表示，双方将在财富管理领域深化合作。", []),
    ("华泰证券人工智能团队的前研究员创办新公司。该公司聚焦大模型研发。公司表示，本轮融资规模创下纪录。", []),
    # a cue that opens a later clause of the subject's sentence: the subject's, from after its name
    ("高盛今年4月给出平安银行12元的目标价，预计今年净利润增长8%。",
     [("高盛", "indirect", "12元的目标价，预计今年净利润增长8%")]),
    ("平安银行是业内稀缺的零售银行，我们相信其估值将继续提升。", []),
    ("36氪获悉，平安银行披露业绩快报，预计全年净利润增长8%。", [("平安银行", "indirect", "预计全年净利润增长8%")]),
    # the copula form: 他给出的核心判断是：……
    ("比亚迪董事长王传福在股东大会上给出的核心判断是：当前销量压力主要来自产能限制。",
     [("王传福", "indirect", "当前销量压力主要来自产能限制")]),
    # a named outlet's report
    ("据彭博社报道，日本央行正考虑在下次会议上加息。", [("彭博社", "indirect", "正考虑在下次会议上加息")]),
    # a digest item: the headline names a firm the recogniser does not know, the body has it speak
    ("大公司：\n星辰光电：一季度净利润同比增长35%\n36氪获悉，星辰光电披露一季报，公司一季度实现营业收入8.2亿元。",
     [("星辰光电", "indirect", "一季度实现营业收入8.2亿元")]),
    ("锐川智控\n：拟投资5亿元建设新基地\n锐川智控\n(300999)9月30日公告，公司拟投资不超过5亿元建设智能制造基地。",
     [("锐川智控", "indirect", "拟投资不超过5亿元建设智能制造基地")]),
    # ... but not a field label, an unnamed source, or a name the body does not have speak
    ("成立时间：2022年\n公司总部：上海市闵行区\n技术亮点：星辰光电专注于柔性机器人。", []),
    ("消息人士：美伊下一轮会谈可能在下周举行\n多位消息人士称，美伊下一轮会谈可能在下周举行。", []),
    ("星辰光电：一季度净利润同比增长35%\n星辰光电一季度净利润同比增长35%，营收创下新高。", []),
    # field labels and headings with colons are nobody's words
    ("融资轮次：\n天使轮\n投资机构：\n红杉中国领投", []),
]


def assert_claims(nlp, text, expected):
    """Checks that ``text`` gives exactly the ``expected`` (speaker, kind, snippet) claims, in text order."""
    got = nlp(text)._.kg_claims
    assert [(c.speaker, c.kind) for c in got] == [(s, k) for s, k, _ in expected], [(c.speaker, c.text) for c in got]
    for c, (_, _, snippet) in zip(got, expected):
        assert snippet in c.text
        assert text[c.start:c.end] == c.text


@pytest.mark.parametrize("text,expected", CLAIM_CASES, ids=[c[0][:10] for c in CLAIM_CASES])
def test_claims_in_real_layouts(nlp_rules, text, expected):
    assert_claims(nlp_rules, text, expected)


def test_a_paragraph_view_never_swallows_the_next_speaker(nlp_rules):
    text = "华泰证券表示，光伏行业拐点或逐步显现。中信证券则认为，储能需求将继续增长。"
    got = [(c.speaker, c.text) for c in nlp_rules(text)._.kg_claims]
    assert got[0] == ("华泰证券", "光伏行业拐点或逐步显现")
    assert all("储能" not in t for s, t in got if s == "华泰证券")
    assert ("中信证券", "储能需求将继续增长") in got
