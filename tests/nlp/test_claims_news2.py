"""Claims in foreign and wire news: an outlet's report read on through 报道说/报道指出, a report an outlet relays
(据新华社援引X报道), a day or 独家 between an outlet and its cue, a body posting on social media, straight quote
marks, the one told after 告诉 (“……”X告诉36氪。), a revised forecast (X将目标价从A上调至B), and 该发言人 taking up a firm's unnamed spokesperson again. The sentences are written for these tables in the style of the
articles (rules only)."""
from __future__ import annotations

import pytest

from tests.nlp.test_claims_real import assert_claims

CASES = [
    # (text, [(speaker, kind, snippet)]) in text order
    # a report relayed by another outlet is the first outlet's; 报道说 goes on with it
    ("据新华社援引伊朗通讯社报道，伊朗方面已为各种情况做好准备。\n报道说，局势仍有两种可能，伊朗已做好应对。",
     [("伊朗通讯社", "indirect", "已为各种情况做好准备"), ("伊朗通讯社", "indirect", "局势仍有两种可能")]),
    ("据路透社报道，日本央行正考虑在下次会议上加息。\n报道还指出，日元近期跌至三十年低位。",
     [("路透社", "indirect", "正考虑在下次会议上加息"), ("路透社", "indirect", "日元近期跌至三十年低位")]),
    # a bare 报道 with no outlet's report before it is nobody's
    ("多家机构上调了目标价。报道说，市场情绪有所好转。", []),
    # a day and 独家 between the outlet and its cue
    ("据新华社19日独家报道，双方谈判前景仍不明朗。", [("新华社", "indirect", "双方谈判前景仍不明朗")]),
    # a body posting on social media speaks through its post
    ("中国东方航空19日在社交媒体发布消息称，一艘驱逐舰当天拦截了一艘货船。",
     [("中国东方航空", "indirect", "一艘驱逐舰当天拦截了一艘货船")]),
    ("招商银行在官方微博发文称，相关传闻不实。", [("招商银行", "indirect", "相关传闻不实")]),
    # straight quote marks are quote marks too
    ('王传福在会上谈到了产能。"如果我们现在去建新工厂，那会花费太长时间，"他说。',
     [("王传福", "direct", "那会花费太长时间")]),
    ('王传福表示，公司面临"非常长的交货周期"，订单已排到明年。',
     [("王传福", "indirect", "订单已排到明年")]),
    # “……”X告诉36氪。: the one told follows the cue
    ("“推出两个月，已经有近千家餐厅在用。”比亚迪董事长王传福告诉36氪。", [("王传福", "direct", "已经有近千家餐厅在用")]),
    ("“今年的目标是翻一番。”王传福告诉记者。", [("王传福", "direct", "今年的目标是翻一番")]),
    # a revised forecast is the reviser's call, a report's included
    ("摩根士丹利将比亚迪的目标价从100元上调至120元，维持增持评级。", [("摩根士丹利", "indirect", "从100元上调至120元")]),
    ("据彭博社报道，\n策略师王刚将年底目标价从7700点上调至8250点。", [("王刚", "indirect", "从7700点上调至8250点")]),
    ("汇丰策略师Nicole Inui和Alastair Pinder上周也将年底目标价从7500点上调至7650点。",
     [("Nicole Inui", "indirect", "从7500点上调至7650点"), ("Alastair Pinder", "indirect", "从7500点上调至7650点")]),
    ("比亚迪将全年销量预期从500万辆下调至460万辆。", [("比亚迪", "indirect", "全年销量预期从500万辆下调至460万辆")]),
    # ... but not where the subject's act is another verb, nor a price that is no forecast
    ("招商银行决定在明年将存款利率从2%下调至1.8%。", []),
    ("比亚迪将海豹的售价从20万元下调至18万元。", []),
    # an adverb fused with its cue (明确指出 one word)
    ("招商银行在一份声明中明确指出，相关传闻不实。", [("招商银行", "indirect", "相关传闻不实")]),
    # a quotation the page broke over lines, the same speaker going on below it
    ("中信证券首席经济学家王刚分析称：“简而言之，\n基金不会出售国内股票，也不会增持海外股票。\n”他指出，美元需求有限。",
     [("王刚", "direct", "基金不会出售国内股票"), ("王刚", "indirect", "美元需求有限")]),
    # a short quoted term before the colon: the sentence's subject says the quotation
    ("比亚迪董事长王传福将双方关系形容为“革命友谊”：“我们提供本地知识，他们带来先进理念。”",
     [("王传福", "direct", "我们提供本地知识")]),
    # a firm's name in corner brackets before its cue
    ("36氪获悉，北美餐饮企业「比亚迪」宣布完成8100万美元新一轮融资。", [("比亚迪", "indirect", "完成8100万美元新一轮融资")]),
    # an estimate
    ("据中国人民银行国际部负责人王刚估算，今年的海外持仓将减少约200亿美元。", [("王刚", "indirect", "海外持仓将减少约200亿美元")]),
    ("高盛估算，智能体任务的真实成本约为每百万Token 0.99美元。", [("高盛", "indirect", "真实成本约为每百万Token")]),
    # content that opens with a speaker and a cue of its own is that speaker's
    ("华尔街见闻提及，高盛指出，背后有两个关键因素。", [("高盛", "indirect", "背后有两个关键因素")]),
    # people joined by 和 each say it; 与 joins one talking with the other
    ("不过，汇丰策略师Nicole Inui和Alastair Pinder也提醒，当前的市场情绪基础略显动摇。",
     [("Nicole Inui", "indirect", "市场情绪基础略显动摇"), ("Alastair Pinder", "indirect", "市场情绪基础略显动摇")]),
    ("美国总统特朗普与Nicole Inui通电话时表示，关税将于下月生效。", [("特朗普", "indirect", "关税将于下月生效")]),
    # 说：⏎ a person's words, then the report goes on in its own (no 我 in it)
    ("比亚迪董事长王传福在大会上开玩笑说：\n营收增长已经变得太难应付了，我希望看到更正常的数字。\n去年夏天，比亚迪曾向投资者提供过一组数据。",
     [("王传福", "direct", "我希望看到更正常的数字")]),
    # what a report expects of a firm is no forecast of the firm's own
    ("据媒体报道，小米最快可能在本周五提交文件，而比亚迪预计最快将于6月上市。", []),
    ("比亚迪预计今年海外销量将超过100万辆。", [("比亚迪", "indirect", "今年海外销量将超过100万辆")]),
    # a quotation on a line of its own that the next paragraph says again is a section's headline
    ("美国总统特朗普称，谈判将于下周举行。\n“伊朗已为战火重燃做好准备”\n据新华社报道，伊朗已为战火重燃做好准备，并将作出回应。",
     [("特朗普", "indirect", "谈判将于下周举行"), ("新华社", "indirect", "伊朗已为战火重燃做好准备")]),
    # 表示赞赏 / 表示遗憾: a feeling, no statement
    ("美国总统特朗普对此表示赞赏，并感谢各方的努力。", []),
    # 该发言人 takes the firm's spokesperson up again
    ("亚马逊发言人表示，公司始终支持生产环境中的模型。“这一点没有改变。”该发言人表示，公司将持续调整模型组合。",
     [("亚马逊", "indirect", "始终支持生产环境中的模型"), ("亚马逊", "direct", "这一点没有改变"),
      ("亚马逊", "indirect", "将持续调整模型组合")]),
]


@pytest.mark.parametrize("text,expected", CASES, ids=[c[0][:12] for c in CASES])
def test_claims_in_wire_news(nlp_rules, text, expected):
    assert_claims(nlp_rules, text, expected)


def test_a_report_read_on_is_marked_as_such(nlp_rules):
    text = "据路透社报道，日本央行正考虑加息。\n报道说，日元近期走弱。"
    got = nlp_rules(text)._.kg_claims
    assert [c.signals[0] for c in got] == ["rule=frame", "rule=report"]
