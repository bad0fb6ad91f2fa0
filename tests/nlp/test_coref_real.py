"""Country-aware short names of real news text (issue 9): 央行, 财政部, 商务部 are the body of the
country the sentence is about. Sentences written for the test in the style of real articles."""
from __future__ import annotations

import pytest

from kg.nlp.names import org_in_context

CONTEXT_CASES = [
    ("日本央行宣布加息。", "央行", "日本央行"),
    ("韩国央行周四宣布下调基准利率。", "央行", "韩国央行"),
    ("美国央行再度按兵不动。", "央行", "美联储"),
    ("日本经济持续复苏，央行维持利率不变。", "央行", "日本央行"),
    ("欧元区通胀回落，央行表示将继续降息。", "央行", "欧洲央行"),
    ("美国财政部长表示，财政部将增发国债。", "财政部", "美国财政部"),
    ("印度尼西亚商务部发布声明，商务部将调整出口政策。", "商务部", "印度尼西亚商务部"),
    # home: no foreign country, or one named only in passing, or a home word in the sentence
    ("央行今日开展7天期逆回购操作。", "央行", "中国人民银行"),
    ("受美国关税影响，央行宣布降准。", "央行", "中国人民银行"),
    ("应国务院总理邀请，巴基斯坦总理将访华，外交部发言人宣布。", "外交部", "外交部"),
    ("中国央行公布最新数据。", "央行", "中国人民银行"),
    ("美国与中国达成协议，商务部表示欢迎。", "商务部", "商务部"),
]


@pytest.mark.parametrize("text,short,expected", CONTEXT_CASES, ids=[c[0][:10] for c in CONTEXT_CASES])
def test_country_aware_short_names(text, short, expected):
    i = text.rindex(short)
    assert org_in_context(text, i, i + len(short)) == expected


def test_a_firm_name_is_left_to_canonical_org():
    text = "华泰证券股份有限公司发布公告。"
    assert org_in_context(text, 0, 10) == "华泰证券"


@pytest.mark.parametrize("text,speaker", [
    ("欧元区通胀回落，央行表示将继续降息。", "欧洲央行"),
    ("日本经济持续复苏，央行表示将维持宽松。", "日本央行"),
])
def test_claims_go_to_the_countrys_bank(nlp, text, speaker):
    doc = nlp(text)
    assert [c.speaker for c in doc._.kg_claims] == [speaker]
    assert "中国人民银行" not in doc._.kg_orgs
