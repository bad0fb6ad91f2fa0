"""The spaCy pipeline: one ``Language`` built from ``kg/nlp/config.cfg``, one component per stage.

Stages, in order: kg's jieba tokenizer (``kg.JiebaTokenizer.v1``) -> ``kg_ner`` (statistical model,
optional) -> ``kg_entities`` (rules + combination policy) -> ``kg_binding`` -> ``kg_coref`` ->
``kg_claims`` -> ``kg_confidence`` -> ``kg_topics``. They talk only through ``doc._.kg_*`` extensions that hold plain
records (:mod:`kg.records`); :func:`kg.nlp.result.result_from_doc` turns a processed ``Doc`` into a
:class:`~kg.records.DocResult`.

The factories are also advertised through spaCy's entry points (``spacy_factories``,
``spacy_tokenizers`` in ``pyproject.toml``), so ``spacy.load(path)`` of a pipeline saved with
``nlp.to_disk(path)`` works without importing kg first.
"""
from __future__ import annotations

import warnings
from functools import lru_cache

from spacy.language import Language
from thinc.api import Config

from kg.errors import ModelError
from kg.nlp import binding, claims, confidence, coref, entities, ner, topics, tokenizer  # noqa: F401  (registers factories)
from kg.resources import read_text

__all__ = ["load", "config", "STAGES"]

#: The rule stages, in pipeline order (``kg_ner`` runs before them when the model is used).
STAGES = ("kg_entities", "kg_binding", "kg_coref", "kg_claims", "kg_confidence", "kg_topics")


@lru_cache(maxsize=1)
def _config_text() -> str:
    return read_text("config.cfg", package="kg.nlp")


def config() -> Config:
    """Gives kg's pipeline configuration (``kg/nlp/config.cfg``) as a fresh thinc ``Config``."""
    return Config().from_str(_config_text())


def load(*, model: bool = True) -> Language:
    """Gives the full kg pipeline as a spaCy ``Language``, built from :func:`config`.

    Args:
        model: include the trained NER stage (``kg_ner``); ``False`` gives the rules alone. When the
            model cannot be loaded, kg warns once and runs the rules alone.
    """
    from spacy.util import load_model_from_config

    exclude = [] if model and _model_available() else ["kg_ner"]
    return load_model_from_config(config(), auto_fill=True, validate=True, exclude=exclude)


def _model_available() -> bool:
    """Gives True when the trained NER model ships with the package and loads."""
    try:
        ner.shipped_model()
    except ModelError as exc:
        warnings.warn(f"kg: NER model unavailable ({exc}); using rules alone", stacklevel=3)
        return False
    return True
