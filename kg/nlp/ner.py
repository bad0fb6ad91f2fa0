"""Pipeline stage ``kg_ner``: the trained statistical recogniser's proposals.

It only proposes: the spans go to ``doc._.kg_model_entities`` and ``kg_entities`` decides, in one
place (:func:`kg.nlp.entities.combine`), what the document's entities are. ``nlp.pipe`` calls
:meth:`ModelRecognizer.pipe`, which tags the sentences of a whole batch of documents together (the
model decodes similar-length sentences side by side, which is where its speed comes from).
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from spacy.language import Language
from spacy.pipeline import Pipe
from spacy.tokens import Doc
from spacy.util import minibatch

from kg.records import Entity

__all__ = ["ModelRecognizer", "model_entities", "shipped_model"]


def shipped_model():
    """Gives the NER model that ships with kg (loaded once); raises ``ModelError`` when it cannot load."""
    from kg.ner import default_model

    return default_model()


def model_entities(text: str, spans: Sequence[tuple[int, int, str, float]]) -> list[Entity]:
    """Gives the model's ``(start, end, label, score)`` spans as :class:`Entity` records."""
    return [Entity(s, e, label, text[s:e], "model", float(score)) for s, e, label, score in spans if e > s]


class ModelRecognizer(Pipe):
    """Runs the shipped NER model (see ``kg/models/ner/README.md``) over documents."""

    def __init__(self, nlp: Language, name: str = "kg_ner", *, model_path: str = "") -> None:
        from kg.ner import NERModel

        self.name = name
        self.model = NERModel.load(model_path) if model_path else shipped_model()

    def __call__(self, doc: Doc) -> Doc:
        return self._annotate([doc])[0]

    def pipe(self, stream: Iterable[Doc], *, batch_size: int = 32) -> Iterator[Doc]:
        """Gives the documents annotated, their sentences tagged ``batch_size`` documents at a time.

        A batch that fails is retried one document at a time, so the error handler hears about the
        document that failed and the others go on.
        """
        error_handler = self.get_error_handler()
        for batch in minibatch(stream, size=batch_size):
            try:
                yield from self._annotate(batch)
            except Exception:
                for doc in batch:
                    try:
                        yield from self._annotate([doc])
                    except Exception as exc:
                        error_handler(self.name, self, [doc], exc)

    def _annotate(self, docs: Sequence[Doc]) -> Sequence[Doc]:
        texts = [doc.text for doc in docs]
        # the tokenizer's words: the model's word features need not segment each sentence again
        words = [doc._.kg_words for doc in docs]
        for doc, text, spans in zip(docs, texts, self.model.predict(texts, words)):
            doc._.kg_model_entities = model_entities(text, spans)
        return docs

    # the model's files ship with kg (or live at ``model_path``): nothing to save with the pipeline
    def to_disk(self, path, *, exclude=()) -> None:
        pass

    def from_disk(self, path, *, exclude=()) -> ModelRecognizer:
        return self


@Language.factory("kg_ner", assigns=["doc._.kg_model_entities"], default_config={"model_path": ""})
def make_model_recognizer(nlp: Language, name: str, *, model_path: str) -> ModelRecognizer:
    """Builds the ``kg_ner`` stage; ``model_path`` empty means the model shipped with kg."""
    return ModelRecognizer(nlp, name, model_path=model_path)
