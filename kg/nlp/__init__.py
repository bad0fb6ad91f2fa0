"""The spaCy pipeline: one ``Language``, one component per stage, talking through Doc extensions.

Stages, in order: jieba tokenizer -> ``kg_ner`` (statistical model, optional) -> ``kg_entities``
(rules + combination policy) -> ``kg_binding`` -> ``kg_coref`` -> ``kg_claims`` -> ``kg_topics``.
"""
from __future__ import annotations

import warnings

import spacy
from spacy.language import Language

from kg.nlp import binding, claims, coref, entities, topics  # noqa: F401  (registers factories)
from kg.errors import ModelError
from kg.nlp.extensions import register_extensions
from kg.nlp.tokenizer import JiebaTokenizer

__all__ = ["load", "STAGES"]

STAGES = ("kg_entities", "kg_binding", "kg_coref", "kg_claims", "kg_topics")


def load(*, model: bool = True) -> Language:
    """Gives the full kg pipeline as a spaCy ``Language``.

    Args:
        model: include the trained NER stage (``kg_ner``) when its model ships with the package;
            ``False`` gives the rules alone.
    """
    register_extensions()
    nlp = spacy.blank("zh")  # character segmenter by default; replaced by kg's jieba below
    nlp.tokenizer = JiebaTokenizer(nlp.vocab)
    if model and _model_available():
        nlp.add_pipe("kg_ner")
    for stage in STAGES:
        nlp.add_pipe(stage)
    return nlp


def _model_available() -> bool:
    """Gives True when the trained NER model ships with the package and loads."""
    try:
        from kg.nlp import ner  # noqa: F401  (registers kg_ner)
        from kg.nlp.ner_model import default_model

        default_model()
    except (ImportError, ModelError) as exc:
        warnings.warn(f"kg: NER model unavailable ({exc}); using rules alone", stacklevel=3)
        return False
    return True
