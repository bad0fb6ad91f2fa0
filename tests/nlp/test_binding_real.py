"""Affiliation classes of real news text (issue 9), each a table of short sentences written for the
test in the style of real articles (rules only). Run through the rule pipeline with the document's
source set, as `kg extract` sets it."""
from __future__ import annotations

import pytest


def _affiliations(nlp, text: str, source: str = "") -> list[tuple[str, str, str, bool]]:
    doc = nlp.make_doc(text)
    doc._.kg_meta = {"source": source, "title": ""}
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return [(a.person, a.org, a.title, a.former) for a in doc._.kg_affiliations]


# credit lines: the outlet's own staff (the source), or the account a reprint credit names
CREDIT_CASES = [
    ("作者｜林晓岚\n编辑｜周明轩\n某公司近日完成融资。", "36氪",
     [("林晓岚", "36氪", "作者"), ("周明轩", "36氪", "编辑")]),
    ("文｜陈思远 吴雨桐\n近日，市场再度升温。", "36氪", [("陈思远", "36氪", "文"), ("吴雨桐", "36氪", "文")]),
    ("作者 | 郑可欣\n\n公司的股价周一大涨。", "华尔街见闻", [("郑可欣", "华尔街见闻", "作者")]),
    ("编辑\xa0|\xa0\n孙浩然\n\n行业迎来新变化。", "36氪", [("孙浩然", "36氪", "编辑")]),
    ("排版｜许安然", "36氪", [("许安然", "36氪", "排版")]),
    ("本文来自微信公众号\n“未来观察”\n，作者：赵一鸣，36氪经授权发布。", "36氪", [("赵一鸣", "未来观察", "作者")]),
    ("本文来自微信公众号：\n山海财经\n，作者：冯子墨，编辑：糖糖，原文标题：《新消费》", "虎嗅网",
     [("冯子墨", "山海财经", "作者"), ("糖糖", "山海财经", "编辑")]),
    ("编辑：高伟\n", "", [("高伟", "", "编辑")]),
]


@pytest.mark.parametrize("text,source,expected", CREDIT_CASES, ids=[c[0][:8] for c in CREDIT_CASES])
def test_credit_lines(nlp_rules, text, source, expected):
    got = [(p, o, t) for p, o, t, _ in _affiliations(nlp_rules, text, source)]
    assert got == expected


# not credits: a label in running text, an image credit, a firm after the separator
NOT_CREDIT_CASES = [
    "原文：市场需要更多耐心。",
    "图片｜视觉中国\n",
    "来源：新华社\n",
    "作者｜36氪研究院\n",
    "他表示，作者：这本书写得很好。",
]


@pytest.mark.parametrize("text", NOT_CREDIT_CASES)
def test_not_credit_lines(nlp_rules, text):
    assert _affiliations(nlp_rules, text, "36氪") == []


# résumés: the posts after a name, current and former, up to the next person or the paragraph's end
CAREER_CASES = [
    ("公司联合创始人兼CEO张明远，曾担任华为产品线负责人、阿里巴巴产品总监、产研总负责人。",
     [("张明远", "", "联合创始人兼CEO", False), ("张明远", "华为", "产品线负责人", True),
      ("张明远", "阿里巴巴", "产品总监", True), ("张明远", "阿里巴巴", "产研总负责人", True)]),
    ("创始人李华博士毕业于清华大学。曾任西门子中国有限公司副总裁。",
     [("李华", "", "创始人", False), ("李华", "西门子中国有限公司", "副总裁", True)]),
    ("该公司创始人周立新，曾任百度技术总监，此前还担任京东高级架构师。",
     [("周立新", "", "创始人", False), ("周立新", "百度", "技术总监", True), ("周立新", "京东", "高级架构师", True)]),
    ("张伟宣誓就任美联储主席。", [("张伟", "美联储", "主席", False)]),
    ("赵敏此前曾在申万宏源证券研究所担任首席分析师。", [("赵敏", "申万宏源证券研究所", "首席分析师", True)]),
    # a department is not the firm; a title a name follows is that name's
    ("联合创始人王晖先后在昂纳、新锋电子等企业担任研发部经理、技术总监等职。", [("王晖", "", "联合创始人", False)]),
    ("王强表示，腾讯首席执行官马化腾出席了会议。", [("马化腾", "腾讯", "首席执行官", False)]),
]


@pytest.mark.parametrize("text,expected", CAREER_CASES, ids=[c[0][:10] for c in CAREER_CASES])
def test_careers(nlp, text, expected):
    assert _affiliations(nlp, text) == expected


# a firm glued into the title, a country kept out of the organizations, a ministry glued to its minister
GLUE_CASES = [
    ("美国财政部长贝森特周一表示，美元走强。", [("贝森特", "美国财政部", "财政部长", False)]),
    ("美国国务卿鲁比奥同日确认谈判正在取得进展。", [("鲁比奥", "", "美国国务卿", False)]),
    ("巴西总统卢拉与美国总统特朗普举行了电话会议。", [("卢拉", "", "巴西总统", False), ("特朗普", "", "美国总统", False)]),
    ("OpenAI首席执行官奥尔特曼表示，模型将开源。", [("奥尔特曼", "OpenAI", "首席执行官", False)]),
    ("华泰证券首席经济学家易明远认为，经济将回升。", [("易明远", "华泰证券", "首席经济学家", False)]),
]


@pytest.mark.parametrize("text,expected", GLUE_CASES, ids=[c[0][:10] for c in GLUE_CASES])
def test_glued_posts(nlp, text, expected):
    assert _affiliations(nlp, text) == expected


SPLIT_CASES = [
    ("SpaceX总裁", {"SpaceX"}, ("SpaceX", "总裁")),
    ("华泰证券首席经济学家", set(), ("华泰证券", "首席经济学家")),
    ("清华大学教授", set(), ("清华大学", "教授")),
    ("雪球创始人", {"雪球"}, ("雪球", "创始人")),
    ("雪球创始人", set(), ("", "雪球创始人")),
    ("IPO后创始人", set(), ("", "IPO后创始人")),
    ("巴西副总统", set(), ("", "巴西副总统")),
    ("联合创始人", set(), ("", "联合创始人")),
    ("董事长兼总经理", set(), ("", "董事长兼总经理")),
]


@pytest.mark.parametrize("title,firms,expected", SPLIT_CASES, ids=[c[0] for c in SPLIT_CASES])
def test_split_org_title(title, firms, expected):
    from kg.nlp.names import split_org_title

    assert split_org_title(title, firms) == expected


def test_a_japanese_minister_heads_a_ministry(nlp):
    assert _affiliations(nlp, "日本经济产业大臣武藤容治表示，将加强合作。")[0][1:3] == ("日本经济产业省", "经济产业大臣")


def test_a_british_minister_heads_a_department(nlp):
    assert _affiliations(nlp, "英国外交大臣库珀将于下周访华。")[0][1:3] == ("英国外交部", "外交大臣")
