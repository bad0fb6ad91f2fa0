"""Who is one person across documents: name variants first, then firms (kg.graph.people)."""
from __future__ import annotations

import pytest

from kg.graph import build_graph
from kg.graph.people import unify_dots
from kg.records import Affiliation, DocResult, Mention


def _doc(doc_id, *people):
    """people: (name, firm or "") pairs, each a person of the document."""
    return DocResult(
        doc_id=doc_id,
        people={name: "" for name, _ in people},
        orgs={firm: "COMPANY" for _, firm in people if firm},
        affiliations=[Affiliation(name, firm, "CEO", 0, 1, titles=("CEO",)) for name, firm in people if firm],
        mentions=[Mention(0, 1, name, name, "person") for name, _ in people],
    )


def _persons(g):
    return sorted(d["label"] for _, d in g.nodes(data=True) if d["type"] == "person")


def test_middle_dots_are_one_dot():
    assert unify_dots("唐纳德・特朗普") == unify_dots("唐纳德‧特朗普") == "唐纳德·特朗普"
    g = build_graph([_doc("a", ("唐纳德・特朗普", "")), _doc("b", ("唐纳德·特朗普", ""))])
    assert _persons(g) == ["唐纳德·特朗普"]


def test_transliteration_variants_of_one_name_are_one_person_written_as_most_documents_do():
    g = build_graph([_doc("a", ("埃隆·马斯克", "")), _doc("b", ("埃隆·马斯克", "")), _doc("c", ("伊隆·马斯克", "")),
                     _doc("d", ("马斯克", ""))])
    assert _persons(g) == ["埃隆·马斯克"]


def test_different_given_names_stay_different_people_and_the_bare_surname_stays_itself():
    g = build_graph([_doc("a", ("鲍里斯·约翰逊", "")), _doc("b", ("迈克·约翰逊", "")), _doc("c", ("约翰逊", ""))])
    assert _persons(g) == ["约翰逊", "迈克·约翰逊", "鲍里斯·约翰逊"]


def test_the_short_form_at_the_same_firm_is_the_same_person():
    g = build_graph([_doc("a", ("杰罗姆·鲍威尔", "美联储")), _doc("b", ("鲍威尔", "美联储")), _doc("c", ("鲍威尔", ""))])
    assert [n for n, d in g.nodes(data="type") if d == "person"] == ["person:杰罗姆·鲍威尔@美联储"]


@pytest.mark.parametrize("firms,nodes", [
    (("英伟达", "英伟达"), 1),  # same name, same firm: one person
    (("英伟达", "平安证券"), 2),  # same name at two firms: two people (no document ties them)
])
def test_firms_still_decide_between_namesakes(firms, nodes):
    g = build_graph([_doc("a", ("黄仁勋", firms[0])), _doc("b", ("黄仁勋", firms[1]))])
    assert len(_persons(g)) == nodes


STRAYS = [
    # a firm tied to a famous name in one story only joins the person most stories give it
    ([("a", "英伟达"), ("b", "英伟达"), ("c", "英伟达"), ("d", "苹果")], 1),
    ([("a", "英伟达"), ("b", "英伟达"), ("c", "英伟达"), ("d", "苹果"), ("e", "全球市值最高上市公司")], 1),
    # too few stories for a main firm, or a second firm in two stories: two people
    ([("a", "英伟达"), ("b", "英伟达"), ("c", "苹果")], 2),
    ([("a", "千里科技"), ("b", "国寿投资"), ("c", "海关总署")], 3),
    ([("a", "英伟达"), ("b", "英伟达"), ("c", "英伟达"), ("d", "苹果"), ("e", "苹果")], 2),
]


@pytest.mark.parametrize("firms,n", STRAYS, ids=[f"stray-{i}" for i in range(len(STRAYS))])
def test_a_one_story_firm_joins_the_main_person_of_the_name(firms, n):
    g = build_graph([_doc(doc, ("黄仁勋", firm)) for doc, firm in firms])
    assert _persons(g) == ["黄仁勋"] * n


BARE = [
    # most stories give the name no firm, each firm one story: one person, no firm
    ([("a", ""), ("b", ""), ("c", ""), ("d", ""), ("e", ""), ("f", ""), ("g", "美军"), ("h", "央行")], ["person:特朗普"]),
    # a firm in two stories is the name's firm: the bare stories join that one person
    ([("a", ""), ("b", ""), ("c", ""), ("d", ""), ("e", ""), ("f", ""), ("g", "英伟达"), ("h", "英伟达")],
     ["person:特朗普@英伟达"]),
    # too few bare stories: the firms stay apart
    ([("a", ""), ("b", "美军"), ("c", "央行")], ["person:特朗普", "person:特朗普@央行", "person:特朗普@美军"]),
]


@pytest.mark.parametrize("firms,ids", BARE, ids=[f"bare-{i}" for i in range(len(BARE))])
def test_one_story_firms_of_a_mostly_bare_name_are_slips(firms, ids):
    g = build_graph([_doc(doc, ("特朗普", firm)) for doc, firm in firms])
    assert sorted(n for n, d in g.nodes(data=True) if d["type"] == "person") == ids


FORMS = [
    # a firm and its name with a firm word after it are one firm: one person
    ([("a", "天风国际"), ("b", "天风国际证券")], ["person:郭明錤@天风国际"]),
    ([("a", "星辰"), ("b", "星辰集团"), ("c", "星辰集团有限公司")], ["person:郭明錤@星辰"]),
    # a longer name that is no firm word more is another firm
    ([("a", "天风"), ("b", "天风国际研究所")], ["person:郭明錤@天风", "person:郭明錤@天风国际研究所"]),
]


@pytest.mark.parametrize("firms,ids", FORMS, ids=[f"forms-{i}" for i in range(len(FORMS))])
def test_two_written_forms_of_one_firm_are_one_person(firms, ids):
    g = build_graph([_doc(doc, ("郭明錤", firm)) for doc, firm in firms])
    assert sorted(n for n, d in g.nodes(data=True) if d["type"] == "person") == ids
