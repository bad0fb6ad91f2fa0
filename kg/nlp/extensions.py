"""Registers every Doc extension the pipeline stages use to talk to each other.

Stages never pass Span objects: they store plain records from ``kg.records``.
"""
from __future__ import annotations

from spacy.tokens import Doc

from kg.records import Word

__all__ = ["register_extensions", "words_of", "DOC_EXTENSIONS"]

#: name -> what it holds (every default is None, but kg_doc_id's "")
DOC_EXTENSIONS: dict[str, str] = {
    "kg_doc_id": "document id (str) given by the caller; '' when unknown",
    "kg_meta": "document metadata dict (title, date, author, source, ...)",
    "kg_words": "list[Word] jieba words with offsets and POS flags, set by the tokenizer",
    "kg_model_entities": "list[Entity] proposed by the statistical NER stage (kg_ner)",
    "kg_entities": "list[Entity] after the combination policy (rules + model)",
    "kg_affiliations": "list[Affiliation] from appositive chains and captions",
    "kg_people": "dict[str, str] canonical person name -> titles seen, joined with kg.records.SEP",
    "kg_orgs": "dict[str, str] canonical organization name -> label (COMPANY/ORG/GOV)",
    "kg_org_aliases": "dict[str, str] short form -> canonical organization name",
    "kg_part_of": "list[PartOf] sub-brand -> parent links",
    "kg_mentions": "list[Mention] resolved references (names, short forms, pronouns)",
    "kg_claims": "list[Claim] attributed statements, with topics after kg_topics",
    "kg_topics": "list[Theme] the document's themes, most salient first (kg_topics)",
}


def register_extensions() -> None:
    """Registers the ``doc._.kg_*`` attributes once; safe to call many times."""
    for name in DOC_EXTENSIONS:
        if Doc.has_extension(name):
            continue
        if name == "kg_doc_id":
            Doc.set_extension(name, default="")
        else:
            # a getter-free attribute with a mutable default would be shared across docs,
            # so each doc gets its own container on first write by the stages
            Doc.set_extension(name, default=None)


def words_of(doc: Doc) -> list[Word]:
    """Gives the doc's jieba words as :class:`~kg.records.Word` records (kept by the tokenizer, else
    from the tokens)."""
    words = doc._.kg_words
    if words is None:
        words = doc._.kg_words = [Word(t.idx, t.idx + len(t.text), t.text, t.tag_) for t in doc]
    return words


register_extensions()
