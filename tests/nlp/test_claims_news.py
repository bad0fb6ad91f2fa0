"""Claims in the forms news reports use around a firm or a person: days, glosses and posts between a firm and its
cue, the firm as subject with a person as its topic, acts still to come, a report that quotes someone, nouns that
look like cues, headlines that the body repeats, and short quotations after a claim. The sentences are written
for these tables in the style of the articles (rules only)."""
from __future__ import annotations

import pytest

from tests.nlp.test_claims_real import assert_claims

CASES = [
    # (text, [(speaker, kind, snippet)]) in text order
    # a day, a gloss or a setting between a firm and its cue
    ("招商银行4月20日宣布，已与合作方签署战略合作协议。", [("招商银行", "indirect", "已与合作方签署战略合作协议")]),
    ("中国人民银行（PBOC）在4月8日的一份通知中表示，将继续保持流动性合理充裕。",
     [("中国人民银行", "indirect", "继续保持流动性合理充裕")]),
    # a post with no name: the firm speaks
    ("中国人民银行副行长表示，将加大对小微企业的支持力度。", [("中国人民银行", "indirect", "加大对小微企业的支持力度")]),
    # the firm is the subject; the person after 就 is what it speaks about
    ("华泰证券就董事长张伟辞职一事发表声明称，公司经营一切正常。", [("华泰证券", "indirect", "公司经营一切正常")]),
    # an act still to come is not a statement
    ("据知情人士透露，财政部长王刚最早将于周一宣布新的减税措施。", []),
    # a report whose content has a speaker of its own is that speaker's, not the outlet's
    ("据彭博社报道，当地时间周二，财政部长王刚证实，他于周一与美方进行了通话。",
     [("王刚", "indirect", "于周一与美方进行了通话")]),
    ("据彭博社报道，日本央行正考虑在下次会议上加息。", [("彭博社", "indirect", "正考虑在下次会议上加息")]),
    # a firm spoken to is no speaker
    ("一位行业人士向华泰证券分析，今年储能需求将继续增长。", []),
    # nouns that look like cues
    ("平安银行一季度业绩全线超预期，并上调全年利润指引。", []),
    ("华为对电池的要求是，热失控后不会起火。", []),
    # a time clause after a talk cue is no claim
    ("王传福提到汽车行业的残酷时，举了几家车企的例子。", []),
    # a headline that the body says again in full is left to the body
    ("王传福表示比亚迪将加快出海\n36氪获悉，王传福在股东大会上表示，比亚迪今年将加快海外工厂建设。",
     [("王传福", "indirect", "今年将加快海外工厂建设")]),
    # ... but a one-sentence paragraph is no headline
    ("王传福强调，这笔交易将“提升效率”，让股东更有信心。\n王传福指出，公司将继续回购股份。",
     [("王传福", "indirect", "让股东更有信心"), ("王传福", "indirect", "继续回购股份")]),
    # a short quotation right after a claim is the same speaker's
    ("王传福在接受采访时说，海外市场的增长仍有很大空间。“这一趋势不会改变。”",
     [("王传福", "indirect", "海外市场的增长仍有很大空间"), ("王传福", "direct", "这一趋势不会改变")]),
    # ... but not one that a sentence with an unnamed speaker introduces
    ("王传福表示，今年的销量目标不变。\n有行业人士告诉记者，比亚迪的报价“比同行低了百分之十左右”。",
     [("王传福", "indirect", "今年的销量目标不变")]),
    ("无论是创纪录的干预，还是王刚多次发出的口头警告，均未能让日元走出持续性反弹。", []),
    # a source: 据X数据，/ X数据显示，/ 从X了解到，/ 正如X所言，
    ("据高盛大宗经纪业务数据，对冲基金正以十年来最快速度抛售科技股。", [("高盛", "indirect", "对冲基金正以十年来最快速度")]),
    ("记者从中国人民银行了解到，央行将于下周开展1000亿元逆回购操作。",
     [("中国人民银行", "indirect", "将于下周开展1000亿元逆回购操作")]),
    ("正如中信证券首席经济学家王刚所言，此次波动与市场的散户化程度密切相关。",
     [("王刚", "indirect", "此次波动与市场的散户化程度密切相关")]),
    ("今年的销售数据显示，新能源车渗透率已超过一半。", []),
    ("据华泰证券消息，5月22日，华泰证券董事长王刚主持召开年度工作会议。", []),
    # a short quoted name inside the speaker's clause, content on the line after the cue, 预测 before its content
    ("比亚迪董事长王传福在其账号“股东来信”上发文表示，海外工厂将在年内投产。",
     [("王传福", "indirect", "海外工厂将在年内投产")]),
    ("首席财务官王刚表示，\n公司已将出口管制的不确定性纳入全年预测中。", [("王刚", "indirect", "出口管制的不确定性纳入")]),
    ("高盛预计今年总销量增长5%；摩根士丹利预测海外销量将达160万辆。",
     [("高盛", "indirect", "今年总销量增长5%"), ("摩根士丹利", "indirect", "海外销量将达160万辆")]),
    # a claim whose speaker opens the sentence goes on through the paragraph's next sentences ...
    ("美国总统特朗普称，伊朗已不再寻求拥有核武器。待局势平稳后，美国将择机取出浓缩铀。",
     [("特朗普", "indirect", "择机取出浓缩铀")]),
    # ... down to a sentence where someone, a pronoun included, takes the word again
    ("平安证券首席经济学家张伟认为，经济将企稳。他还表示，政策仍有空间。",
     [("张伟", "indirect", "经济将企稳"), ("张伟", "indirect", "政策仍有空间")]),
    # 首次 between a firm and its cue
    ("其中，平安银行首次披露，AI相关年度收入达人民币1.16亿元。", [("平安银行", "indirect", "AI相关年度收入")]),
    # a cue that ends its sentence has nothing to say; one that is denied says nothing
    ("券商股爆发 香港证监会最新披露！三季度业绩有望高增\n多家券商前三季度净利润同比大增。", []),
    ("平安银行尚未披露具体的交易金额。", []),
    # a subject after a clause that sets the scene still speaks through a later cue of its sentence
    ("在被问及美国能获得何种利益时，美国总统特朗普将其与阿根廷的互换协议相提并论，指出美国最终赚取了250亿美元。",
     [("特朗普", "indirect", "指出美国最终赚取了250亿美元")]),
    # a document's words are those of the body that issued it
    ("国务院印发《关于推行常住地提供基本公共服务的实施意见》\n《意见》强调，由常住地提供基本公共服务。",
     [("国务院", "indirect", "由常住地提供基本公共服务")]),
    ("《意见》强调，由常住地提供基本公共服务。", []),
    # 该公司 after a sentence whose subject is a firm, a place named after it
    ("36氪获悉，平安银行在香港发售1亿股股份。该公司预计将筹资不超过6亿港元。",
     [("平安银行", "indirect", "预计将筹资不超过6亿港元")]),
    # a forecast or a call keeps its verb; a comma after the cue leaves it out
    ("高盛预测海外销量将达160万辆。", [("高盛", "indirect", "预测海外销量将达160万辆")]),
    ("高盛预测，海外销量将达160万辆。", [("高盛", "indirect", "海外销量将达160万辆")]),
    # the speaker's sentence goes on until the speaker takes the word again
    ("美国总统特朗普称，伊朗已不再寻求拥有核武器。特朗普同时提到，美国将择机取出浓缩铀。",
     [("特朗普", "indirect", "伊朗已不再寻求拥有核武器"), ("特朗普", "indirect", "美国将择机取出浓缩铀")]),
    # a document's title between firm and cue
    ("证监会发布《关于同意平安银行发行金融债券的批复》称，同意平安银行发行不超过100亿元的金融债券。",
     [("中国证监会", "indirect", "同意平安银行发行不超过100亿元")]),
    # a firm's headline under its name, and a statement set out below it
    ("黄金还将继续闪耀？高盛：这类投资者正大举加仓\n周四，金价延续了五天的上涨态势。",
     [("高盛", "indirect", "这类投资者正大举加仓")]),
    ("中信证券：\n储能行业需求有望不断改善\n8月储能电池出货量延续增长趋势。",
     [("中信证券", "direct", "储能行业需求有望不断改善"), ("中信证券", "direct", "出货量延续增长趋势")]),
    # ... but not one whose body below names the firm again (its news), nor an interviewer's question
    ("平安银行：一季度净利润同比增长8%\n36氪获悉，平安银行披露一季报，公司一季度实现营业收入300亿元。",
     [("平安银行", "indirect", "一季度实现营业收入300亿元")]),
    ("36氪：公司下一步的计划是什么，会加快出海吗？\n王传福：我们会加快海外工厂建设。",
     [("王传福", "direct", "加快海外工厂建设")]),
    # a press conference: the answer is the words of the one the question asks
    ("有记者问：美方宣布对部分中国企业加征关税，请问商务部对此有何回应？答：我们注意到这一情况。中方对此坚决反对。",
     [("商务部", "direct", "中方对此坚决反对")]),
]


@pytest.mark.parametrize("text,expected", CASES, ids=[c[0][:12] for c in CASES])
def test_claims_in_news(nlp_rules, text, expected):
    assert_claims(nlp_rules, text, expected)


@pytest.mark.parametrize("text", ["已签订的其他合同预计不受影响。", "其中包括数十名工作人员。", "这一点尤其重要。"])
def test_words_with_qi_are_no_pronoun(nlp_rules, text):
    doc = nlp_rules("王传福是比亚迪董事长。" + text)
    assert not [m for m in doc._.kg_mentions if m.via == "pronoun"]


def test_claims_carry_the_signals_of_how_they_were_found(nlp_rules):
    got = nlp_rules("平安证券首席经济学家张伟认为，经济将企稳。他还表示，政策仍有空间。")._.kg_claims
    named, pronoun = got
    assert named.signals == ("rule=indirect", "speaker=name", "cue=strong", "gap=3")
    assert pronoun.signals[:2] == ("rule=pronoun", "speaker=pronoun")
    assert pronoun.confidence < named.confidence
    headline = nlp_rules("高盛：这类投资者正大举加仓\n周四，金价延续了五天的上涨态势。")._.kg_claims[0]
    assert "headline" in headline.signals and "cue=form" in headline.signals


def test_a_name_in_brackets_is_a_gloss_not_the_speaker(nlp):
    text = "巴勒斯坦伊斯兰抵抗运动(哈马斯)发表声明称，这是对整个地区安全和稳定的侵犯。"
    doc = nlp(text)
    assert {m.text for m in doc._.kg_mentions} >= {"巴勒斯坦伊斯兰抵抗运动", "哈马斯"}
    assert [(c.speaker, c.text) for c in doc._.kg_claims] == [("巴勒斯坦伊斯兰抵抗运动", "这是对整个地区安全和稳定的侵犯")]
