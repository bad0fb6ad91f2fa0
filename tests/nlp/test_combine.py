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
