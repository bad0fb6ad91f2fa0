"""Per-stage tables: Chinese sentence in, expected records out (rules only)."""
from __future__ import annotations

import dataclasses
import re
from collections import Counter
from pathlib import Path

import pytest

from kg.nlp.coref import part_of_links
from kg.nlp.lexicon import lexicons
from kg.nlp.names import short_forms, split_titles
from kg.resources import read_jsonl, read_lines, resource_names


def test_every_resource_file_loads():
    names = resource_names()
    assert "cues.txt" in names and "titles.txt" in names
    for name in names:
        rows = read_jsonl(name) if name.endswith(".jsonl") else read_lines(name)
        assert rows, f"{name} is empty"


@pytest.mark.parametrize("name", [n for n in resource_names() if n.endswith(".txt")])
def test_no_resource_file_has_duplicate_entries(name):
    rows = read_lines(name)
    assert [r for r, n in Counter(rows).items() if n > 1] == []
    # a tab-separated table (known_orgs, org_suffixes, topic_synonyms) has one row per key
    keys = [r.split("\t", 1)[0] for r in rows if "\t" in r]
    assert [k for k, n in Counter(keys).items() if n > 1] == []


def test_every_lexicon_field_is_filled():
    lex = lexicons()
    for f in dataclasses.fields(lex):
        value = getattr(lex, f.name)
        if isinstance(value, re.Pattern):
            # an empty file would leave an empty alternative: (?:) or (?:|x) or x||y
            assert value.pattern and not re.search(r"\(\?:\)|\(\?:\||\|\||\|\)|^\||\|$", value.pattern), f.name
        else:
            assert value, f"Lexicons.{f.name} is empty"


def test_every_resource_file_is_read():
    """Each lexicon file is read by the rules (or by jieba, the NER model's features, the tests' tables)."""
    import kg

    sources = "".join(p.read_text(encoding="utf-8") for p in Path(kg.__file__).parent.rglob("*.py"))
    unread = [n for n in resource_names() if f'"{n}"' not in sources and f"'{n}'" not in sources]
    assert unread == []


def test_cue_lexicon_has_at_least_40_cues():
    assert len(read_lines("cues.txt")) >= 40


def test_pipeline_has_no_problems(nlp_rules):
    assert nlp_rules.pipe_names[-6:] == ["kg_entities", "kg_binding", "kg_coref", "kg_claims", "kg_confidence",
                                         "kg_topics"]
    assert all(not v for v in nlp_rules.analyze_pipes()["problems"].values())


def test_stage_declarations(nlp_rules):
    """Stages with settings are factories (config.cfg names their keys); the others plain components.

    kg_entities' ``ents_filter`` is the rules-vs-model policy, registered as ``kg.rules_first.v1``."""
    from spacy.language import Language

    assert Language.get_factory_meta("kg_entities").default_config == {
        "use_model": True, "min_model_score": 0.5, "ents_filter": {"@misc": "kg.rules_first.v1"}}
    assert Language.get_factory_meta("kg_topics").default_config == {"n": 3}
    assert Language.get_factory_meta("kg_confidence").default_config == {"calibration_path": ""}
    for name in ("kg_binding", "kg_coref", "kg_claims"):
        assert Language.has_factory(name) and not Language.get_factory_meta(name).default_config
    summary = nlp_rules.analyze_pipes()["summary"]
    assert summary["kg_binding"]["requires"] == ["doc._.kg_entities"]
    assert summary["kg_coref"]["requires"] == ["doc._.kg_entities", "doc._.kg_affiliations"]
    assert summary["kg_claims"]["requires"] == ["doc._.kg_mentions"]
    assert summary["kg_topics"]["requires"] == ["doc._.kg_claims", "doc._.kg_entities"]
    assert "doc.ents" in summary["kg_entities"]["assigns"]


def test_private_jieba_leaves_global_untouched():
    import jieba

    from kg.segment import get_jieba

    assert get_jieba() is not jieba.dt


ENTITY_CASES = [
    ("平安证券CIO张朝晖认为，架构必不可少。", [("平安证券", "COMPANY"), ("CIO", "TITLE"), ("张朝晖", "PERSON")]),
    ("华为云AI产品高级专家曹宇指出", [("华为云", "COMPANY"), ("AI产品高级专家", "TITLE"), ("曹宇", "PERSON")]),
    ("图为财联社副总编辑刘兴祥", [("财联社", "ORG"), ("副总编辑", "TITLE"), ("刘兴祥", "PERSON")]),
    ("中金财富信息技术总经理谢碧松表示", [("中金财富", "COMPANY"), ("信息技术总经理", "TITLE"), ("谢碧松", "PERSON")]),
    ("即构科技副总裁刘莉说", [("即构科技", "COMPANY"), ("副总裁", "TITLE"), ("刘莉", "PERSON")]),
    ("原中国证监会主席肖钢", [("中国证监会", "GOV"), ("主席", "TITLE"), ("肖钢", "PERSON")]),
    ("招商银行行长王良在业绩会上称", [("招商银行", "COMPANY"), ("行长", "TITLE"), ("王良", "PERSON")]),
    ("美联储主席鲍威尔周三表示", [("美联储", "GOV"), ("主席", "TITLE"), ("鲍威尔", "PERSON")]),
    ("会上，上海银行研究员王小明在演讲中表示", [("上海银行", "COMPANY"), ("研究员", "TITLE"), ("王小明", "PERSON")]),
    ("财联社（上海，记者 吴昊 黄靖斯）讯", [("财联社", "ORG"), ("记者", "TITLE"), ("吴昊", "PERSON"), ("黄靖斯", "PERSON")]),
    ("目前券商云建设速度仍需加速", []),
    ("该公司相关负责人表示，商业银行的利润承压。", []),
]


@pytest.mark.parametrize("text,expected", ENTITY_CASES, ids=[c[0][:10] for c in ENTITY_CASES])
def test_entities(nlp_rules, text, expected):
    doc = nlp_rules(text)
    got = [(e.text, e.label) for e in doc._.kg_entities]
    assert got == expected


AFFILIATION_CASES = [
    ("平安证券CIO张朝晖认为，架构必不可少。", [("张朝晖", "平安证券", "CIO", False)]),
    ("公司董事长兼总经理李强主持会议。", [("李强", "", "董事长兼总经理", False)]),
    ("原中国证监会主席肖钢出席论坛。", [("肖钢", "中国证监会", "主席", True)]),
    ("证监会新闻发言人高莉在发布会上表示，将加强监管。", [("高莉", "中国证监会", "新闻发言人", False)]),
    ("记者 周航 孙蕾 报道", [("周航", "", "记者", False), ("孙蕾", "", "记者", False)]),
    ("张伟（中信证券首席经济学家）认为，经济将企稳。", [("张伟", "中信证券", "首席经济学家", False)]),
    ("来自腾讯的产品经理陈曦介绍了新功能。", [("陈曦", "腾讯", "产品经理", False)]),
]


@pytest.mark.parametrize("text,expected", AFFILIATION_CASES, ids=[c[0][:10] for c in AFFILIATION_CASES])
def test_affiliations(nlp_rules, text, expected):
    doc = nlp_rules(text)
    got = [(a.person, a.org, a.title, a.former) for a in doc._.kg_affiliations]
    assert got == expected


def test_titles_split_on_jian():
    assert split_titles("董事长兼总经理") == ["董事长", "总经理"]


def test_short_forms_and_part_of():
    assert short_forms("安信证券") == ["安信"]
    assert short_forms("九枝兰营销云") == ["九枝兰"]
    assert short_forms("华为云") == []  # 华为 is a firm of its own, not a short form
    links = {(p.child, p.parent) for p in part_of_links(["华为云", "平安证券"])}
    assert links == {("华为云", "华为")}


CLAIM_CASES = [
    # (text, [(speaker, speaker_type, kind, cue, snippet)])
    ("平安证券CIO张朝晖认为，建设一个全方位的架构和框架必不可少。",
     [("张朝晖", "person", "indirect", "认为", "建设一个全方位的架构")]),
    ("“自始至终要回到商业逻辑上。”安信证券信息技术总监许彦冰提到。",
     [("许彦冰", "person", "direct", "提到", "自始至终要回到商业逻辑上")]),
    ("中信证券首席经济学家明明表示：“货币政策仍有发力空间，降准可期。”",
     [("明明", "person", "direct", "表示", "货币政策仍有发力空间")]),
    ("图为财联社副总编辑刘兴祥\n他指出，5G等技术手段的运用将改变行业。",
     [("刘兴祥", "person", "indirect", "指出", "技术手段的运用将改变行业")]),
    ("国泰君安相关负责人介绍，公司今年将加大对人工智能的投入。",
     [("国泰君安", "organization", "indirect", "介绍", "加大对人工智能的投入")]),
    ("在中信证券首席经济学家明明看来，货币政策仍有空间。",
     [("明明", "person", "indirect", "在……看来", "货币政策仍有空间")]),
    ("据招商银行行长王良介绍，零售客户数已突破两亿。",
     [("王良", "person", "indirect", "介绍", "零售客户数已突破两亿")]),
    ("华泰证券研报指出，下半年市场风格有望切换。",
     [("华泰证券", "organization", "indirect", "指出", "市场风格有望切换")]),
    ("市场普遍认为，下半年降息概率较大。", []),
    ("据了解，该项目已经进入验收阶段。", []),
    ("该产品被称为行业标杆。", []),
    ("招商银行行长王良对各位嘉宾表示感谢。", []),
]


@pytest.mark.parametrize("text,expected", CLAIM_CASES, ids=[c[0][:10] for c in CLAIM_CASES])
def test_claims(nlp_rules, text, expected):
    doc = nlp_rules(text)
    got = doc._.kg_claims
    assert len(got) == len(expected), [(c.speaker, c.text) for c in got]
    for c, (speaker, stype, kind, cue, snippet) in zip(got, expected):
        assert (c.speaker, c.speaker_type, c.kind, c.cue) == (speaker, stype, kind, cue)
        assert snippet in c.text
        assert text[c.start:c.end] == c.text
        assert 0 < c.confidence <= 1


def test_topics_are_normalised(nlp_rules):
    doc = nlp_rules("平安证券CIO张朝晖认为，AI正在改变券商的财富管理业务。")
    assert "人工智能" in doc._.kg_claims[0].topics


def test_sentences_never_split_inside_quotes():
    from kg.nlp.text import sentences

    text = "他说：“好。走吧！”随后离开。\n第二段"
    assert [text[s:e] for s, e in sentences(text)] == ["他说：“好。走吧！”随后离开。", "第二段"]
