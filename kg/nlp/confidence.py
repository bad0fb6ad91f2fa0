"""Claim confidence: how likely a claim's speaker and words are right, read from its signals.

``kg_claims`` gives each claim a rule's prior and the signals it saw (:attr:`kg.records.Claim.signals`: the
rule, how the speaker is referred to, the cue's strength, the distance from the speaker's name, a
headline). ``kg_confidence`` replaces the prior with a logistic model over those signals and the claim's
kind and speaker type, fitted on hand-annotated real articles that no rule was written against
(``python scripts/calibrate.py``) and shipped as ``kg/resources/claim_calibration.json``. A claim whose
signals the model has not seen keeps the model's intercept for them (weight 0).

How well the numbers hold is measured, not assumed: ``python scripts/reliability.py --split heldout``.
"""
from __future__ import annotations

import dataclasses
import json
import math
from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from kg.errors import ModelError
from kg.records import Claim
from kg.resources import read_text

__all__ = ["features", "Calibration", "shipped_calibration", "ClaimCalibrator", "GAP_BUCKETS"]

#: upper bounds of the distance buckets (characters between the speaker's name and the claim)
GAP_BUCKETS = (0, 5, 20, 60)

_RESOURCE = "claim_calibration.json"


def _gap_bucket(value: str) -> str:
    try:
        gap = int(value)
    except ValueError:
        return "gap=?"
    if gap < 0:
        return "gap=carried"
    for high in GAP_BUCKETS:
        if gap <= high:
            return f"gap<={high}"
    return f"gap>{GAP_BUCKETS[-1]}"


def features(claim: Claim) -> list[str]:
    """Gives the claim's features for the model: its signals (distance bucketed), kind and speaker type."""
    out = [f"kind={claim.kind}", f"speaker_type={claim.speaker_type}"]
    for signal in claim.signals:
        key, eq, value = signal.partition("=")
        out.append(_gap_bucket(value) if eq and key == "gap" else signal)
    return out


@dataclasses.dataclass(frozen=True)
class Calibration:
    """A fitted logistic model: ``p = 1 / (1 + exp(-(intercept + sum of the weights of the features))``."""

    intercept: float
    weights: Mapping[str, float]
    fitted_on: str = ""

    def probability(self, feats: Iterable[str]) -> float:
        z = self.intercept + sum(self.weights.get(f, 0.0) for f in feats)
        return 1.0 / (1.0 + math.exp(-z))

    def __call__(self, claim: Claim) -> float:
        """Gives the calibrated confidence of ``claim``, rounded to three places."""
        return round(self.probability(features(claim)), 3)

    def to_json(self) -> str:
        return json.dumps({"fitted_on": self.fitted_on, "intercept": self.intercept,
                           "weights": dict(sorted(self.weights.items()))}, ensure_ascii=False, indent=1) + "\n"

    @classmethod
    def from_json(cls, text: str, *, where: str = _RESOURCE) -> Calibration:
        try:
            data = json.loads(text)
            weights = {str(k): float(v) for k, v in data["weights"].items()}
            return cls(float(data["intercept"]), weights, str(data.get("fitted_on", "")))
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise ModelError(f"{where}: not a claim calibration ({exc}); refit it with scripts/calibrate.py") from exc


@lru_cache(maxsize=1)
def shipped_calibration() -> Calibration:
    """Gives the calibration that ships with kg."""
    return Calibration.from_json(read_text(_RESOURCE))


class ClaimCalibrator:
    """The ``kg_confidence`` stage: every claim's confidence from :class:`Calibration`."""

    def __init__(self, calibration: Calibration) -> None:
        self.calibration = calibration

    def __call__(self, doc: Doc) -> Doc:
        claims = doc._.kg_claims
        if claims:
            doc._.kg_claims = [dataclasses.replace(c, confidence=self.calibration(c)) for c in claims]
        return doc


@Language.factory("kg_confidence", requires=["doc._.kg_claims"], assigns=["doc._.kg_claims"],
                  default_config={"calibration_path": ""})
def make_claim_calibrator(nlp: Language, name: str, calibration_path: str) -> ClaimCalibrator:
    """Builds the stage; ``calibration_path`` "" is the calibration shipped with kg, else a JSON file
    written by ``scripts/calibrate.py``."""
    if not calibration_path:
        return ClaimCalibrator(shipped_calibration())
    path = Path(calibration_path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ModelError(f"{path}: cannot read the claim calibration ({exc.strerror or exc})") from exc
    return ClaimCalibrator(Calibration.from_json(text, where=str(path)))
