"""The combination policy: where rules and the statistical model meet (kg.nlp.entities.combine)."""
from __future__ import annotations

import pytest

from kg.nlp.entities import combine
from kg.records import Entity


def E(start, end, label, source="rule", score=1.0, text=None):
    return Entity(start, end, label, text or "x" * (end - start), source, score)


def spans(ents):
    return [(e.start, e.end, e.label, e.source) for e in ents]


def test_chains_and_lexicon_win_over_the_model():
    rules = [E(0, 4, "COMPANY", "chain"), E(4, 7, "TITLE", "chain"), E(7, 10, "PERSON", "chain")]
    model = [E(0, 7, "ORG", "model", 0.9), E(7, 9, "PERSON", "model", 0.99)]
    assert spans(combine(rules, model)) == spans(rules)


def test_agreement_is_marked_both():
    rules = [E(0, 4, "COMPANY", "lexicon")]
    model = [E(0, 4, "COMPANY", "model", 0.8)]
    assert spans(combine(rules, model)) == [(0, 4, "COMPANY", "both")]


def test_model_fills_gaps_the_rules_left():
    rules = [E(0, 3, "PERSON", "chain")]
    model = [E(10, 14, "COMPANY", "model", 0.9)]
    assert spans(combine(rules, model)) == [(0, 3, "PERSON", "chain"), (10, 14, "COMPANY", "model")]


@pytest.mark.parametrize("score,kept", [(0.49, False), (0.5, True)])
def test_low_confidence_model_spans_are_dropped(score, kept):
    out = combine([], [E(0, 4, "GOV", "model", score)], min_model_score=0.5)
    assert bool(out) is kept


def test_a_longer_model_span_beats_a_weak_rule():
    # suffix rules guess boundaries; the model's longer span over the same characters wins
    rules = [E(2, 6, "COMPANY", "suffix")]
    model = [E(0, 6, "COMPANY", "model", 0.9)]
    assert spans(combine(rules, model)) == [(0, 6, "COMPANY", "model")]


def test_no_overlaps_and_labels_are_kg_labels():
    rules = [E(0, 5, "COMPANY", "suffix"), E(8, 10, "PERSON", "repeat")]
    model = [E(3, 9, "ORG", "model", 0.9), E(12, 14, "address", "model", 0.9)]
    out = combine(rules, model)
    covered = [k for e in out for k in range(e.start, e.end)]
    assert len(covered) == len(set(covered))
    assert all(e.label in ("PERSON", "COMPANY", "ORG", "GOV", "TITLE") for e in out)


def test_one_label_per_name_in_a_document():
    # the model calls 锐川智控 a firm with confidence once and a person with less elsewhere
    model = [E(0, 4, "COMPANY", "model", 0.95, "锐川智控"), E(20, 24, "PERSON", "model", 0.69, "锐川智控"),
             E(30, 32, "PERSON", "model", 0.9, "邓凯")]
    assert spans(combine([], model)) == [(0, 4, "COMPANY", "model"), (20, 24, "COMPANY", "model"),
                                          (30, 32, "PERSON", "model")]


def test_the_rules_label_a_name_for_the_whole_document():
    rules = [E(0, 4, "GOV", "lexicon", text="国资委")]
    model = [E(10, 13, "ORG", "model", 0.99, "国资委"), E(20, 23, "ORG", "model", 0.9, "上交所")]
    assert spans(combine(rules, model)) == [(0, 4, "GOV", "lexicon"), (10, 13, "GOV", "model"),
                                             (20, 23, "ORG", "model")]


def test_titles_keep_their_own_label():
    model = [E(0, 2, "TITLE", "model", 0.9, "主席"), E(5, 7, "PERSON", "model", 0.6, "主席")]
    assert {s[2] for s in spans(combine([], model))} == {"TITLE", "PERSON"}


def test_the_policy_is_registered_for_the_config():
    from spacy.util import registry

    assert registry.misc.get("kg.rules_first.v1")() is combine


def _P(text, start, name, source, score=1.0):
    s = text.index(name, start)
    return Entity(s, s + len(name), "PERSON", name, source, score)


@pytest.mark.parametrize("text,name,pieces", [
    ("SpaceX总裁格温·肖特韦尔表示", "格温·肖特韦尔", ("格温", "韦尔")),
    ("美联储主席杰罗姆·鲍威尔表示", "杰罗姆·鲍威尔", ("鲍威尔",)),
    ("英国首相基尔•斯塔默称", "基尔•斯塔默", ("基尔", "斯塔默")),
])
def test_a_dotted_transliterated_name_is_one_person(text, name, pieces):
    rules = [_P(text, 0, p, "chain") for p in pieces]
    model = [_P(text, 0, name, "model", 0.97)]
    out = combine(rules, model)
    assert [(e.text, e.label, e.source) for e in out] == [(name, "PERSON", "both")]


def test_a_dotted_name_does_not_swallow_an_entity_it_crosses():
    text = "英伟达CEO黄仁勋·访谈"
    rules = [Entity(0, 3, "COMPANY", "英伟达", "chain"), Entity(3, 6, "TITLE", "CEO", "chain"),
             Entity(6, 9, "PERSON", "黄仁勋", "chain")]
    model = [Entity(5, 12, "PERSON", text[5:12], "model", 0.9)]  # crosses the title
    assert spans(combine(rules, model)) == spans(rules)


@pytest.mark.parametrize("sentence,speaker", [
    ("SpaceX总裁格温·肖特韦尔表示，公司将在明年扩大发射规模。", "格温·肖特韦尔"),
    ("美联储主席杰罗姆·鲍威尔表示，通胀仍然偏高。", "杰罗姆·鲍威尔"),
    ("特斯拉CEO埃隆·马斯克称，需求依然强劲。", "埃隆·马斯克"),
])
def test_the_whole_dotted_name_speaks(nlp, sentence, speaker):
    doc = nlp(sentence)
    assert [c.speaker for c in doc._.kg_claims] == [speaker]
    assert speaker in doc._.kg_people
