"""Pipeline stage ``kg_ner``: the trained statistical recogniser's proposals.

It only proposes: the spans go to ``doc._.kg_model_entities`` and ``kg_entities`` decides, in one
place (:func:`kg.nlp.entities.combine`), what the document's entities are.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from kg.nlp.extensions import register_extensions
from kg.records import Entity

__all__ = ["ModelRecognizer", "model_entities"]


def model_entities(text: str, spans: list[tuple[int, int, str, float]]) -> list[Entity]:
    """Gives the model's ``(start, end, label, score)`` spans as :class:`Entity` records."""
    return [Entity(s, e, label, text[s:e], "model", float(score)) for s, e, label, score in spans if e > s]


class ModelRecognizer:
    """Runs the shipped NER model (see ``kg/models/ner/README.md``) over the document."""

    def __init__(self, nlp: Language, name: str, *, model_path: str) -> None:
        from kg.nlp.ner_model import NERModel, default_model

        self.name = name
        self.model = NERModel.load(model_path) if model_path else default_model()

    def __call__(self, doc: Doc) -> Doc:
        doc._.kg_model_entities = model_entities(doc.text, self.model.predict_one(doc.text))
        return doc


@Language.factory("kg_ner", assigns=["doc._.kg_model_entities"], default_config={"model_path": ""})
def make_model_recognizer(nlp: Language, name: str, *, model_path: str) -> ModelRecognizer:
    """Builds the ``kg_ner`` stage; ``model_path`` empty means the model shipped with kg."""
    register_extensions()
    return ModelRecognizer(nlp, name, model_path=model_path)
