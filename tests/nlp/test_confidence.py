"""kg_confidence: a claim's confidence from its signals through the shipped logistic model."""
from __future__ import annotations

import math

import pytest

from kg.errors import ModelError
from kg.nlp.confidence import Calibration, features, make_claim_calibrator, shipped_calibration
from kg.records import Claim


def _claim(*signals: str, kind: str = "indirect", speaker_type: str = "person") -> Claim:
    return Claim("张三", speaker_type, kind, "表示", "市场仍将震荡", 0, 6, 0.85, signals=signals)


@pytest.mark.parametrize("gap, bucket", [("-1", "gap=carried"), ("0", "gap<=0"), ("3", "gap<=5"), ("5", "gap<=5"),
                                         ("6", "gap<=20"), ("60", "gap<=60"), ("61", "gap>60"), ("x", "gap=?")])
def test_distance_is_bucketed(gap, bucket):
    assert features(_claim(f"gap={gap}")) == ["kind=indirect", "speaker_type=person", bucket]


def test_features_keep_the_signals_kind_and_speaker_type():
    feats = features(_claim("rule=org", "speaker=alias", "cue=strong", "headline", kind="direct",
                            speaker_type="organization"))
    assert feats == ["kind=direct", "speaker_type=organization", "rule=org", "speaker=alias", "cue=strong", "headline"]


def test_probability_is_the_logistic_of_intercept_plus_weights():
    cal = Calibration(0.5, {"rule=org": -1.5, "headline": -2.0})
    assert cal.probability(["rule=org"]) == pytest.approx(1 / (1 + math.exp(1.0)))
    assert cal.probability(["unseen"]) == pytest.approx(1 / (1 + math.exp(-0.5)))
    assert cal(_claim("rule=org", "headline")) == round(1 / (1 + math.exp(3.0)), 3)
    assert cal(_claim("rule=org", "headline")) < cal(_claim("rule=org")) < cal(_claim())


def test_json_round_trip_and_a_bad_file_names_itself(tmp_path):
    cal = Calibration(0.25, {"b": 1.0, "a": -0.5}, fitted_on="test")
    assert Calibration.from_json(cal.to_json()) == cal
    bad = tmp_path / "cal.json"
    bad.write_text('{"weights": []}', encoding="utf-8")
    with pytest.raises(ModelError, match="cal.json.*scripts/calibrate.py"):
        make_claim_calibrator(None, "kg_confidence", str(bad))
    with pytest.raises(ModelError, match="missing.json"):
        make_claim_calibrator(None, "kg_confidence", str(tmp_path / "missing.json"))


def test_the_shipped_calibration_loads_and_gives_probabilities():
    cal = shipped_calibration()
    assert cal.fitted_on
    for claim in (_claim("rule=indirect", "speaker=name", "cue=strong", "gap=0"), _claim("rule=neighbour", "gap=-1")):
        assert 0.0 < cal(claim) < 1.0


def test_the_stage_sets_every_claim_from_the_model(nlp):
    doc = nlp("平安证券首席经济学家钟正生表示，下半年货币政策仍有宽松空间。")
    assert doc._.kg_claims
    cal = shipped_calibration()
    for claim in doc._.kg_claims:
        assert claim.signals
        assert claim.confidence == cal(claim)
