"""A short name every country uses (央行, 财政部) or a home regulator's short name (证监会) names the body of the
country or region its sentence is about: the Chinese body only where no other one is meant; a bare post (州长称)
stands for the one person named with it before. The sentences are written for these tables in the style of the
articles."""
from __future__ import annotations

import pytest

CASES = [
    # (text, the short name, the body it names there)
    ("央行今日开展1000亿元逆回购操作。", "央行", "中国人民银行"),
    ("中国人民银行副行长表示，央行将保持流动性合理充裕。", "央行", "中国人民银行"),
    ("美联储主席鲍威尔表示，央行将保持耐心。", "央行", "美联储"),
    ("欧洲央行行长拉加德称，央行不会过早降息。", "央行", "欧洲央行"),
    ("日本经济持续复苏，央行决定加息25个基点。", "央行", "日本央行"),
    ("美联储本周维持利率不变。\n央行在声明中表示，通胀仍然偏高。", "央行", "美联储"),
    ("美联储本周维持利率不变，而我国央行保持政策利率稳定。", "央行", "中国人民银行"),
    ("美国财政部长贝森特表示，财政部将继续监控汇率。", "财政部", "美国财政部"),
    ("财政部今日发行500亿元国债。", "财政部", "财政部"),
    ("香港证监会发出通函，列明开户时应实施的监控措施。", "证监会", "香港证监会"),
    ("美国证监会表示，将加强对加密资产的监管。", "证监会", "美国证监会"),
    ("证监会表示，将全面深化资本市场改革。", "证监会", "中国证监会"),
]


@pytest.mark.parametrize("text,short,body", CASES, ids=[c[0][:12] for c in CASES])
def test_a_short_name_names_the_body_of_its_country(nlp_rules, text, short, body):
    doc = nlp_rules(text)
    at = text.rindex(short)
    targets = [m.target for m in doc._.kg_mentions if m.kind == "organization" and m.start <= at < m.end]
    assert targets == [body], [(m.text, m.target) for m in doc._.kg_mentions]
    assert (body in doc._.kg_orgs) or body == "财政部" and "财政部" in doc._.kg_orgs


TITLE_CASES = [
    # (text, the post's text, who it stands for, or None)
    ("阿斯麦首席执行官王大伟表示，芯片需求已超过供应。\n阿斯麦首席执行官在财报发布后表示，客户正在加快扩产。", "首席执行官", "王大伟"),
    ("美国纽约州州长霍楚尔表示，纽约州不会承担运营费用。州长称这次火炬可能会彻底熄灭。", "州长", "霍楚尔"),
    # a post nobody was named with, or one that many hold, stands for no one
    ("平安银行董事长谢永林表示，零售转型仍在推进。多位行长表示，行业竞争激烈。", "行长", None),
    # a post before the name is the name's own
    ("平安银行董事长谢永林表示，零售转型仍在推进。董事长谢永林还表示，对公业务稳中有进。", "董事长", None),
]


@pytest.mark.parametrize("text,post,person", TITLE_CASES, ids=[c[0][:12] for c in TITLE_CASES])
def test_a_bare_post_stands_for_the_one_named_with_it(nlp, text, post, person):
    doc = nlp(text)
    at = text.rindex(post)
    got = [m.target for m in doc._.kg_mentions if m.via == "title" and m.start == at]
    assert got == ([person] if person else []), [(m.text, m.target, m.via) for m in doc._.kg_mentions]
    if person:
        assert [c.speaker for c in doc._.kg_claims] == [person, person]
