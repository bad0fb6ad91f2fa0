"""The layout of an NER model directory: the names of the files that the tagger and the trainer share."""
from __future__ import annotations

__all__ = ["MODEL_FILE", "LEXICON_FILE", "META_FILE", "CNN_FILE", "CARD_FILE", "DEFAULT_MODEL_RESOURCE"]

#: the CRF's weights (python-crfsuite)
MODEL_FILE = "model.crfsuite"
#: the feature lexicons and gazetteer, frozen at training time (:class:`kg.ner.features.FeatureLexicons`)
LEXICON_FILE = "lexicons.json"
#: settings and validation scores
META_FILE = "meta.json"
#: the CNN expert's weights and vocabularies; optional (the CRF alone works without it)
CNN_FILE = "cnn.npz"
#: the model card
CARD_FILE = "README.md"
#: where the shipped model sits inside the ``kg`` package (package data, no ``__init__.py``)
DEFAULT_MODEL_RESOURCE = "models/ner"
