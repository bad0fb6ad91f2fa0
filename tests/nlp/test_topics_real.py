"""Topics an analyst would file an article under: lexicon themes normalised through their surface forms,
key phrases of the document, no generic single words, no entity names; each claim about the themes it
names (or its paragraph's). Sentences are written for these tests in the style of Chinese financial news."""
from __future__ import annotations

import pytest

from kg.nlp.topics import MAX_THEMES, claim_topics, document_themes, normalise_topic, theme_hits
from kg.records import Entity, Theme


@pytest.mark.parametrize(("surface", "theme"), [
    ("AI", "人工智能"),
    ("贷款市场报价利率", "LPR"),
    ("定增", "定向增发"),
    ("智驾", "自动驾驶"),
    ("金价", "黄金价格"),
    ("储能", "储能"),
])
def test_surface_forms_normalise_to_their_theme(surface, theme):
    assert normalise_topic(surface) == theme


@pytest.mark.parametrize(("text", "expected"), [
    ("央行宣布下调存款准备金率0.5个百分点，释放长期流动性。", ["降准"]),
    ("本月贷款市场报价利率维持不变，市场预期四季度仍有降息空间。", ["LPR", "降息"]),
    ("公司拟通过定增募资不超过20亿元，用于固态电池产线建设。", ["定向增发", "固态电池"]),
    ("受地缘冲突升温影响，国际金价再创新高，原油价格同步走高。", ["地缘政治", "黄金价格", "国际油价"]),
    ("国庆黄金周期间，全国出游人次同比增长。", ["假日消费", "旅游业"]),
    ("逆回购操作净投放资金3000亿元。", ["逆回购"]),  # not 股份回购 of the 回购 inside 逆回购
    ("他用AIGC工具写代码，而不是MAIL。", ["人工智能"]),  # AI inside a Latin word is no theme
])
def test_theme_hits(text, expected):
    assert [t for _, _, t in theme_hits(text)] == expected


@pytest.mark.parametrize("text", [
    "黄金周的车票很快售罄。",  # 黄金 of 黄金周: not the metal
    "同事们总结了这次的教训，认为架构的先进性很重要。",  # generic words are never themes
])
def test_no_theme_in_generic_text(text):
    assert "黄金价格" not in [t for _, _, t in theme_hits(text)]
    assert not {"黄金价格", "同事", "教训", "架构", "先进性"} & {t.name for t in document_themes(text)}


_ARTICLE = (
    "储能行业迎来新一轮扩张。多家企业表示，新型储能装机规模有望翻番。\n"
    "分析人士认为，储能电站的收益模式仍需完善，光伏与储能配套成为趋势。\n"
    "另一方面，光伏组件价格持续下行，行业竞争加剧，钠离子电池受到关注。\n"
    "此外，钠离子电池技术获得突破，钠离子电池有望在储能领域规模化应用。"
)


def test_document_themes_rank_lexicon_themes_and_key_phrases():
    themes = document_themes(_ARTICLE, title="储能迎来扩张")
    names = [t.name for t in themes]
    by_name = {t.name: t for t in themes}
    assert by_name["储能"].count >= 5 and by_name["储能"].broader == "新能源"
    assert "光伏" in names and "钠离子电池" in names
    # naming 储能 and 光伏 is naming their broader theme: it counts them both
    assert names[0] == "新能源" and by_name["新能源"].count >= by_name["储能"].count + by_name["光伏"].count
    assert len(themes) <= MAX_THEMES


@pytest.mark.parametrize(("text", "entity", "not_theme"), [
    ("宁德时代新能源科技股份有限公司发布公告。宁德时代新能源科技股份有限公司称，订单充足。",
     "宁德时代新能源科技股份有限公司", "新能源"),  # a theme word inside a firm's name is the firm
    ("中欧基金表示看好消费。中欧基金称，中欧基金将继续布局。", "中欧基金", "中欧基金"),
])
def test_entity_names_are_not_themes(text, entity, not_theme):
    starts = [i for i in range(len(text)) if text.startswith(entity, i)]
    ents = [Entity(s, s + len(entity), "COMPANY", entity) for s in starts]
    assert not_theme not in [t.name for t in document_themes(text, entities=ents)]


_THEMES = [Theme("货币政策", 4), Theme("降息", 3, "货币政策"), Theme("房地产", 2), Theme("钠离子电池", 3)]


@pytest.mark.parametrize(("claim", "expected"), [
    ("年内仍有降息空间，货币政策将保持宽松", ("货币政策", "降息")),
    ("楼市企稳还需要时间", ("房地产",)),
    ("钠离子电池将率先在两轮车上应用", ("钠离子电池",)),  # a key-phrase theme, named by its label
    ("人工智能会改变一切", ()),  # a lexicon theme that is not one of the document's
    ("这是一个很好的问题", ()),
])
def test_claim_topics_are_the_document_themes_it_names(claim, expected):
    assert claim_topics(claim, themes=_THEMES) == expected


def test_claim_without_a_theme_takes_its_paragraph_themes(nlp):
    text = ("央行下调存款准备金率，同时引导贷款市场报价利率下行。\n"
            "某券商首席经济学家张三表示：“这一步来得比预期更早。”\n"
            "降准之后，市场普遍关注下一步的降息节奏。")
    doc = nlp(text)
    assert {"降准", "货币政策"} <= {t.name for t in doc._.kg_topics}
    claims = doc._.kg_claims
    assert claims and all(c.topics == () or set(c.topics) <= {t.name for t in doc._.kg_topics} for c in claims)


@pytest.mark.parametrize(("text", "theme", "form"), [
    ("公司宣布股票回购计划。股票回购金额不低于5亿元，回购股份将用于注销。", "股份回购", "股票回购"),
    ("公司上调资本支出预期，资本支出将用于扩产。", "资本开支", "资本支出"),
    ("人工智能的浪潮下，AI应用层出不穷，AI公司估值高企。", "人工智能", ""),  # AI abbreviates: the canonical
    ("中东地区局势紧张，中东地区多国表态。", "中东局势", "中东地区"),
])
def test_a_theme_keeps_the_full_name_the_text_writes_most(text, theme, form):
    by_name = {t.name: t for t in document_themes(text)}
    assert by_name[theme].form == form


def test_topic_node_label_is_the_form_the_articles_write_most():
    from kg.graph import build_graph
    from kg.records import Claim, DocResult

    claim = Claim("张三", "person", "indirect", "认为", "资本支出将继续增长", 0, 9, 0.8, ("资本开支",))
    docs = [DocResult(doc_id="d1", people={"张三": ""}, claims=[claim], topics=[Theme("资本开支", 3, "", "资本支出")]),
            DocResult(doc_id="d2", topics=[Theme("资本开支", 1)])]
    g = build_graph(docs)
    node = g.nodes["topic:资本开支"]
    assert (node["label"], node["aliases"]) == ("资本支出", "资本开支")
    assert g.nodes["claim:d1#0"]["topics"] == "资本支出"


@pytest.mark.parametrize("text", [
    "公司业绩稳健，营收和净利润均有增长。",  # every report says 业绩: a theme only as 财报, 业绩预告, 年报
    "他们在直播间里聊了很久。",  # 直播 is not 短视频
])
def test_everyday_words_name_no_theme(text):
    assert [t for _, _, t in theme_hits(text)] == []


def test_a_document_with_few_themes_keeps_those_it_names_once():
    from kg.nlp.topics import MIN_THEMES, SHORT_TEXT

    filler = "会议持续了一整天，大家都很投入。" * 20
    text = filler + "储能项目进展顺利，储能订单饱满。" + filler + "有嘉宾提到了光伏和氢能。" + filler
    assert len(text) >= SHORT_TEXT
    themes = document_themes(text, quoted=[(text.index("有嘉宾"), text.index("有嘉宾") + 12)])
    names = [t.name for t in themes]
    assert names[:2] == ["新能源", "储能"] and themes[1].count == 2  # 新能源: 储能, 光伏 and 氢能 together
    assert {"光伏", "氢能"} <= set(names) and len(names) <= MIN_THEMES


@pytest.mark.parametrize(("text", "theme", "kept"), [
    # a key phrase repeated through the article is one of its themes ...
    ("钠离子电池迎来量产。\n业内认为钠离子电池成本更低。\n多家企业布局钠离子电池产线。", "钠离子电池", True),
    # ... one repeated inside a single passage (a venue, a product on show) is not
    ("展台上摆着机油泵，机油泵旁边还有一台机油泵样机。\n其他展品也很丰富。", "机油泵", False),
])
def test_key_phrases_recur_across_paragraphs(text, theme, kept):
    assert (theme in [t.name for t in document_themes(text)]) is kept


@pytest.mark.parametrize(("text", "theme"), [
    ("韩国市场的涨势几乎完全由散户推动。", "韩国股市"),
    ("美方将参与进一步的联合干预行动，以纠正日元的低估。", "外汇干预"),
    ("美伊局势再度紧张，避险资金涌入。", "中东局势"),
    ("霍尔木兹海峡的航运一度中断。", "中东局势"),
    ("公司全年交付目标为50万台。", "汽车销量"),
    ("石化化工行业稳增长工作方案印发。", "化工"),
    ("产线切换期间产能爬坡跟不上订单。", "产能扩张"),
    ("当前销量压力主要来自产能不足。", "产能瓶颈"),
])
def test_more_surface_forms_of_finance_themes(text, theme):
    assert theme in [t for _, _, t in theme_hits(text)]


@pytest.mark.parametrize(("text", "expected"), [
    ("这将检验AI硬件投资热潮能否持续。", ["人工智能", "智能硬件"]),  # AI硬件 is hardware and AI both
    ("AI眼镜出货量快速增长。", ["人工智能", "智能眼镜"]),
    ("5G网络覆盖全部地级市。", ["5G"]),  # 5G网络 is 5G itself: named once
    ("GDP增速好于预期。", ["经济增长"]),
])
def test_a_form_led_by_another_themes_abbreviation_names_both(text, expected):
    assert [t for _, _, t in theme_hits(text)] == expected


def _speaker_claims(doc, speaker):
    return [c for c in doc._.kg_claims if c.speaker == speaker]


@pytest.mark.parametrize(("text", "speaker", "about", "discusses", "not_discussed"), [
    # the theme is named by the claim's sentence, before the cue: 谈及储能，……表示
    ("储能装机规模快速增长，光伏装机同样提速。\n谈及储能行业，甲证券分析师张三表示，今年的订单增长超出预期。",
     "张三", set(), {"储能"}, set()),
    # named by another sentence of the claim's paragraph
    ("储能装机规模快速增长，储能电站加速并网。甲证券分析师张三认为，光伏组件价格仍将下行。\n光伏行业竞争加剧。",
     "张三", {"光伏"}, {"储能", "光伏"}, set()),
    # named only inside another speaker's words in the same sentence: not this speaker's theme
    ("储能与光伏都是今年的热点。\n乙基金经理李四表示，储能订单大幅增长；甲证券分析师张三则认为，光伏组件价格仍将下行。\n光伏行业竞争加剧。",
     "张三", {"光伏"}, {"光伏"}, {"储能"}),
])
def test_a_speaker_discusses_the_themes_named_around_its_claim(nlp, text, speaker, about, discusses, not_discussed):
    doc = nlp(text)
    claims = _speaker_claims(doc, speaker)
    assert claims, [(c.speaker, c.text) for c in doc._.kg_claims]
    named = {t for c in claims for t in (*c.topics, *c.context_topics)}
    assert about <= {t for c in claims for t in c.topics}
    assert discusses <= named and not (not_discussed & named)


def test_a_speaker_discusses_a_few_themes_its_own_words_first():
    from kg.nlp.topics import MAX_SPEAKER_TOPICS, _speaker_topics
    from kg.records import Claim

    names = ["储能", "光伏", "风电", "氢能", "核电", "电力", "煤炭", "钢铁"]
    rank = {t: i for i, t in enumerate(names)}
    claims = [Claim("张三", "person", "indirect", "认为", "……", 0, 2, 0.8, ("煤炭",)),
              Claim("张三", "person", "indirect", "认为", "……", 10, 12, 0.8, ()),
              Claim("李四", "person", "indirect", "认为", "……", 20, 22, 0.8, ())]
    around = [({"煤炭", "钢铁"}, set(names[:4])), (set(), set(names[:6])), (set(), {"核电"})]
    ctx = _speaker_topics(claims, around, rank)
    zhang = {"煤炭"} | set(ctx[0]) | set(ctx[1])
    assert len(zhang) == MAX_SPEAKER_TOPICS
    assert {"煤炭", "钢铁"} <= zhang  # its own words before the themes named around them
    assert "煤炭" not in ctx[0]  # a claim's own topics are not repeated as its context
    assert ctx[2] == ("储能", "核电")  # and the story's main theme, as anyone quoted in it


def test_discusses_edges_cover_a_claims_context_topics():
    from kg.graph import build_graph
    from kg.records import Claim, DocResult

    claim = Claim("张三", "person", "indirect", "认为", "订单增长超出预期", 0, 8, 0.8, ("储能",), context_topics=("光伏",))
    g = build_graph([DocResult(doc_id="d1", people={"张三": ""}, claims=[claim],
                               topics=[Theme("储能", 3), Theme("光伏", 2)])])
    about = {v for _, v, d in g.edges(data=True) if d["type"] == "about"}
    discusses = {v for _, v, d in g.edges(data=True) if d["type"] == "discusses"}
    assert about == {"topic:储能"} and discusses == {"topic:储能", "topic:光伏"}


@pytest.mark.parametrize(("text", "theme"), [
    # macro and geopolitics
    ("市场开始担忧美国经济陷入滞胀。", "滞胀"),
    ("多家科技公司宣布新一轮裁员计划。", "裁员"),
    ("双方同意自周一起停火，并启动下一轮磋商。", "停火协议"),
    ("该国计划削减对外国的经济援助。", "对外援助"),
    ("欧盟宣布对相关实体实施制裁。", "制裁"),
    ("当地再次发生恐怖袭击，造成多人伤亡。", "恐怖主义"),
    # markets and analysts
    ("机构将该股目标价上调至150元。", "目标价"),
    ("分析师下调了全年盈利预测。", "盈利预期"),
    ("相对强弱指数显示大盘已进入超买区间。", "超买超卖"),
    ("韩元走弱之际，汇市波动明显加大。", "外汇市场"),
    ("养老基金将提高境外投资的比例。", "海外投资"),
    ("该行给予公司增持评级。", "投资评级"),
    # corporate events
    ("公司上半年扭亏为盈，现金流明显改善。", "盈利能力"),
    ("管理层表示将继续推进降本增效。", "成本削减"),
    ("今年的重点是大模型的商业化。", "商业化"),
    ("产品供不应求，订单排到了明年。", "供需缺口"),
    ("集团的股权结构此后发生变化。", "股权结构"),
    # industries, technology and pharma
    ("AI服务器出货量同比翻倍。", "服务器"),
    ("机械硬盘的交付周期持续拉长。", "硬盘"),
    ("公司的导热材料已进入手机厂商供应链。", "导热材料"),
    ("该药在实体瘤适应症上取得突破。", "实体瘤"),
    ("公司的CAR-T疗法在海外获批上市。", "CAR-T"),
    ("康复期患者的临床数据表现良好。", "临床试验"),
    ("公司正加大对CDMO业务的投入。", "CDMO"),
    ("该技术未来可用于航空航天领域。", "航空航天"),
    ("新茶饮品牌加速开店。", "新茶饮"),
    # round 2, second pass
    ("双方围绕浓缩铀的库存展开磋商。", "核计划"),
    ("外界担心此举意在推动政权更迭。", "政权更迭"),
    ("新政府计划推动税制改革，对高收入群体加税。", "税收政策"),
    ("公司希望借助神经科学的研究成果开发新疗法。", "脑科学"),
    ("星链的用户数已突破数百万。", "卫星互联网"),
    ("推进基本公共服务均等化。", "公共服务"),
    ("关键设备的国产化率已超过六成。", "国产替代"),
    ("家电以旧换新补贴继续加码。", "以旧换新"),
    ("多地加快推进城中村改造。", "城市更新"),
    ("中美利差收窄，人民币压力缓解。", "利差"),
    ("公司推出GPU租赁业务。", "算力租赁"),
    ("充电基础设施建设提速。", "充电桩"),
])
def test_a_general_analyst_vocabulary_of_themes(text, theme):
    assert theme in [t for _, _, t in theme_hits(text)]


@pytest.mark.parametrize(("theme", "broader"), [
    ("军事行动", "地缘政治"), ("停火协议", "地缘政治"), ("裁员", "就业"), ("服务器", "算力"),
    ("胃癌", "肿瘤"), ("CAR-T", "细胞治疗"), ("新药审批", "创新药"), ("外汇市场", "汇率"),
])
def test_new_themes_are_filed_under_a_broader_one(theme, broader):
    from kg.nlp.lexicon import lexicons

    assert lexicons().topic_broader[theme] == broader


@pytest.mark.parametrize("text", [
    "他在控制面板上调整了参数。",  # 面板 alone is no display panel
    "基金经理近期进行了调仓。",  # nor is a fund's 调仓 a rebalancing theme
    "菜价近期有所上涨。",
    "公司的产能有限。",  # 产能 alone is no theme: its growth, its bottleneck or its glut is
])
def test_everyday_words_of_the_new_themes_name_none(text):
    assert not {t for _, _, t in theme_hits(text)} & {"显示面板", "再平衡", "产品涨价", "产能"}


def test_the_storys_own_voice_discusses_the_documents_first_themes():
    from kg.nlp.topics import MAX_SPEAKER_TOPICS, _speaker_topics
    from kg.records import Claim

    names = ["储能", "光伏", "风电", "氢能", "核电", "电力", "煤炭", "钢铁"]
    rank = {t: i for i, t in enumerate(names)}

    def claim(speaker, at):
        return Claim(speaker, "organization", "indirect", "称", "……", at, at + 2, 0.8, ())

    # the firm of an announcement gives three of four claims, none naming a theme: it discusses the
    # document's first themes; the other speaker what is named around its words and the main theme
    claims = [claim("甲公司", 0), claim("甲公司", 10), claim("甲公司", 20), claim("乙证券", 30)]
    around = [(set(), set()), (set(), set()), (set(), set()), (set(), {"钢铁"})]
    ctx = _speaker_topics(claims, around, rank)
    firm = set(ctx[0]) | set(ctx[1]) | set(ctx[2])
    assert firm == set(names[:MAX_SPEAKER_TOPICS])
    assert set(ctx[3]) == {"储能", "钢铁"}  # and the main theme
    # with two speakers of two claims each, neither is the story's voice
    claims = [claim("甲公司", 0), claim("甲公司", 10), claim("乙证券", 20), claim("乙证券", 30)]
    around = [(set(), {"煤炭"}), (set(), set()), (set(), {"钢铁"}), (set(), set())]
    ctx = _speaker_topics(claims, around, rank)
    assert {t for c in ctx[:2] for t in c} == {"储能", "煤炭"} and {t for c in ctx[2:] for t in c} == {"储能", "钢铁"}


def test_a_speaker_whose_words_name_no_theme_discusses_the_documents_first():
    from kg.nlp.topics import SILENT_SPEAKER_TOPICS, _speaker_topics
    from kg.records import Claim

    names = ["储能", "光伏", "风电", "氢能"]
    rank = {t: i for i, t in enumerate(names)}
    claims = [Claim(s, "person", "indirect", "认为", "……", i * 10, i * 10 + 2, 0.8, ())
              for i, s in enumerate(["张三", "李四", "王五"])]
    around = [(set(), {"风电"}), (set(), {"氢能"}), (set(), set())]
    ctx = _speaker_topics(claims, around, rank)
    assert ctx[:2] == [("储能", "风电"), ("储能", "氢能")]  # those named around them and the main theme
    assert ctx[2] == tuple(names[:SILENT_SPEAKER_TOPICS])  # 王五 speaks of what the document is about


def test_a_long_text_files_under_more_lexicon_themes():
    from kg.nlp.topics import LONG_TEXT, MAX_THEMES_LONG

    names = ["储能", "光伏", "风电", "氢能", "核电", "煤炭", "钢铁", "稀土", "白酒", "生猪", "航运", "游戏", "短剧", "疫苗"]
    body = "\n".join(f"{t}板块走强，{t}相关个股涨幅居前。" for t in names)
    short = [t.name for t in document_themes(body)]
    long_ = [t.name for t in document_themes(body + "\n" + " " * LONG_TEXT)]
    assert len(short) == MAX_THEMES
    assert len(long_) == MAX_THEMES_LONG and set(short) <= set(long_)


@pytest.mark.parametrize(("text", "not_theme"), [
    ("\n".join(["据援引知情人士报道，谈判仍在继续。"] * 4), "援引知情"),
    ("\n".join(["他在社交媒体上再次发文批评对方。"] * 4), "社交媒体"),
    ("\n".join(["政府关门期间，联邦雇员被迫停薪留职。"] * 4), "联邦雇员"),
])
def test_reporting_words_and_people_are_no_key_phrase(text, not_theme):
    assert not_theme not in [t.name for t in document_themes(text)]
