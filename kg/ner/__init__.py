"""Runtime NER inference: the shipped CRF + CNN model, its features and its decoder.

``NERModel.load(path)`` or ``default_model()`` gives a model; ``model.predict(texts)`` gives, per
text, ``(start, end_exclusive, kg_label, confidence)`` spans. :mod:`kg.ner.evaluate` scores a model on
CLUENER-format data (``kg eval-ner``). Training is a separate distribution (``training/``,
``kg-train``) that depends on kg; nothing here imports it, nor spaCy, nor :mod:`kg.nlp`.
"""
from __future__ import annotations

from kg.ner.model import NERModel, default_model
from kg.ner.tags import LABEL_MAP

__all__ = ["NERModel", "default_model", "LABEL_MAP"]
