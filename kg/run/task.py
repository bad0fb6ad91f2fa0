"""The unit every runner maps: documents in, one :class:`DocResult` or :class:`Skipped` each out.

:func:`process` runs the documents through ``nlp.pipe``, so stages with a batched ``pipe()``
(``kg_ner``) see many documents at once. A document that fails in any stage becomes a ``Skipped``
with the stage and the reason; the others go on. What leaves this module is plain records, never a
spaCy ``Doc``, so the same function serves the serial runner, worker processes and (later) a cluster.
"""
from __future__ import annotations

import hashlib
from collections import deque
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from kg.nlp.result import doc_meta, result_from_doc
from kg.records import DocResult, Document, Skipped

__all__ = ["process", "fingerprint"]


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


#: the package files a result depends on beyond the pipeline's config: lexicons and calibration under
#: kg/resources, the shipped model, and the code of the stages (a changed rule changes the results)
_KG = Path(__file__).resolve().parents[1]
_FINGERPRINTED = ("resources", "models", "nlp", "ner", "segment.py", "records.py")


@lru_cache(maxsize=1)
def _files_digest() -> str:
    h = hashlib.sha256()
    for name in _FINGERPRINTED:
        root = _KG / name
        files = [root] if root.is_file() else sorted(p for p in root.rglob("*") if p.is_file()
                                                      and "__pycache__" not in p.parts and p.suffix != ".pyc")
        for path in files:
            h.update(path.relative_to(_KG).as_posix().encode("utf-8") + b"\0")
            h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


def fingerprint(nlp: Language | None = None, *, model: bool = True) -> str:
    """Gives the fingerprint of the pipeline a store's results were made with: kg's version, the pipeline
    config (``nlp.config`` when given, else :func:`kg.nlp.config`), the stages it runs, and a SHA-256 over
    kg's resources, shipped model and stage code. Two runs with one fingerprint give the same results."""
    from kg import __version__
    from kg.nlp import STAGES, config

    # kg's config text, not ``nlp.config`` (spaCy fills that in), so a run with its own loaded pipeline and
    # one with worker processes share a fingerprint
    config_text = config().to_str()
    pipes = list(nlp.pipe_names) if nlp is not None else (["kg_ner"] if model else []) + list(STAGES)
    h = hashlib.sha256()
    for part in (__version__, config_text, ",".join(pipes), _files_digest()):
        h.update(part.encode("utf-8") + b"\0")
    return f"kg {__version__} " + h.hexdigest()[:32]
