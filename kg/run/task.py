"""The unit every runner maps: documents in, one :class:`DocResult` or :class:`Skipped` each out.

:func:`process` runs the documents through ``nlp.pipe``, so stages with a batched ``pipe()``
(``kg_ner``) see many documents at once. A document that fails in any stage becomes a ``Skipped``
with the stage and the reason; the others go on. What leaves this module is plain records, never a
spaCy ``Doc``, so the same function serves the serial runner, worker processes and (later) a cluster.
"""
from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from kg.nlp.result import doc_meta, result_from_doc
from kg.records import DocResult, Document, Skipped

__all__ = ["process"]


def process(nlp: Language, documents: Iterable[Document], *, batch_size: int | None = None
            ) -> Iterator[DocResult | Skipped]:
    """Gives, in input order, each document's records, or a ``Skipped`` naming why it failed.

    Args:
        nlp: a pipeline from :func:`kg.load`.
        documents: the documents to process (consumed lazily, ``batch_size`` at a time).
        batch_size: documents per ``nlp.pipe`` batch (default: the pipeline's ``nlp.batch_size``).
    """
    failures: dict[int, str] = {}  # id(doc) -> reason, filled by the error handler
    pending: deque[tuple[Document, Doc | None]] = deque()

    def on_error(name: str, _proc: object, docs: list[Doc], exc: Exception) -> None:
        for doc in docs:
            failures[id(doc)] = f"pipeline failed in {name}: {type(exc).__name__}: {exc}"

    def docs() -> Iterator[Doc]:
        for document in documents:
            try:
                doc = nlp.make_doc(document.text)
            except Exception as exc:  # noqa: BLE001  (one bad document must never stop the run)
                failures[id(document)] = f"pipeline failed in tokenizer: {type(exc).__name__}: {exc}"
                pending.append((document, None))
                continue
            doc._.kg_doc_id = document.id
            doc._.kg_meta = doc_meta(document)
            pending.append((document, doc))
            yield doc

    def fail(document: Document, doc: Doc | None) -> Skipped:
        reason = failures.pop(id(doc) if doc is not None else id(document), "pipeline failed: document was dropped")
        return Skipped(document.path or document.id, reason)

    previous = nlp.default_error_handler
    nlp.set_error_handler(on_error)
    try:
        for out in nlp.pipe(docs(), batch_size=batch_size):
            # spaCy keeps the order and drops a document a stage failed on: those before ``out``
            while pending and pending[0][1] is not out:
                yield fail(*pending.popleft())
            document, _ = pending.popleft()
            try:
                yield result_from_doc(out, document)
            except Exception as exc:  # noqa: BLE001
                yield Skipped(document.path or document.id, f"pipeline failed: {type(exc).__name__}: {exc}")
        while pending:
            yield fail(*pending.popleft())
    finally:
        nlp.set_error_handler(previous)
