"""Topics: the key phrases of each claim (jieba TF-IDF), normalised through a synonym lexicon."""
from __future__ import annotations

import dataclasses
import re
from functools import lru_cache

import jieba.analyse
from spacy.language import Language
from spacy.tokens import Doc

from kg.nlp.lexicon import lexicons
from kg.segment import get_jieba, get_posseg, segment

__all__ = ["claim_topics", "normalise_topic", "TopicTagger"]

_ALLOW_POS = ("n", "nz", "vn", "eng", "nt", "j")
_JUNK = re.compile(r"^[\d.%％]+$|^[A-Za-z]$")


@lru_cache(maxsize=1)
def _tfidf() -> jieba.analyse.TFIDF:
    tfidf = jieba.analyse.TFIDF()
    # use kg's private segmenter, never jieba's global one
    tfidf.tokenizer = get_jieba()
    tfidf.postokenizer = get_posseg()
    tfidf.stop_words = set(tfidf.stop_words) | set(lexicons().topic_stopwords)
    return tfidf


def _key_phrases(text: str, n: int) -> list[str]:
    """Gives the ``n`` words of ``text`` with the highest TF-IDF (jieba's IDF table, kg's segmenter).

    The same scoring as ``jieba.analyse.extract_tags`` with ``allowPOS``, but on kg's dictionary-tagged
    words instead of jieba's slow POS HMM.
    """
    tfidf = _tfidf()
    stop = tfidf.stop_words
    counts: dict[str, int] = {}
    for word, tag in segment(text):
        if len(word.strip()) < 2 or word.lower() in stop or not tag.startswith(_ALLOW_POS):
            continue
        counts[word] = counts.get(word, 0) + 1
    total = sum(counts.values()) or 1
    idf, median = tfidf.idf_freq, tfidf.median_idf
    scored = sorted(counts, key=lambda w: (-counts[w] * idf.get(w, median) / total, w))
    return scored[:n]


def normalise_topic(phrase: str) -> str:
    """Gives the canonical form of a topic phrase: 人工智能 for AI, as ``topic_synonyms.txt`` says."""
    p = phrase.strip()
    return lexicons().synonyms.get(p.lower(), p)


def claim_topics(text: str, *, n: int = 3, exclude: frozenset[str] = frozenset()) -> tuple[str, ...]:
    """Gives up to ``n`` normalised topics of a claim's text, most salient first."""
    lex = lexicons()
    out: list[str] = []
    # synonyms listed in the lexicon are topics wherever they occur (AI, 5G, 云原生)
    lowered = text.lower()
    for surface, canon in lex.synonyms.items():
        if len(surface) >= 2 and surface in lowered and canon not in out and canon not in exclude:
            out.append(canon)
    for word in _key_phrases(text, n + 4):
        topic = normalise_topic(word)
        if (len(topic) < 2 or _JUNK.match(topic) or topic in lex.topic_stopwords or topic in out
                or any(topic in name for name in exclude) or lex.title_re.fullmatch(topic)):
            continue  # 中欧 of 中欧基金, 恒远 of 朱恒远, 副总监: parts of names and titles are not topics
        out.append(topic)
    return tuple(out[:n])


class TopicTagger:
    """Pipeline stage ``kg_topics``: fills each claim's ``topics``."""

    def __init__(self, nlp: Language, name: str, *, n: int) -> None:
        self.name = name
        self.n = n

    def __call__(self, doc: Doc) -> Doc:
        # names of the document's people and firms are entities, not topics
        names = frozenset(e.text for e in (doc._.kg_entities or []) if e.label != "TITLE")
        doc._.kg_claims = [dataclasses.replace(c, topics=claim_topics(c.text, n=self.n, exclude=names))
                           for c in (doc._.kg_claims or [])]
        return doc


@Language.factory("kg_topics", requires=["doc._.kg_claims", "doc._.kg_entities"], assigns=["doc._.kg_claims"],
                  default_config={"n": 3})
def make_topic_tagger(nlp: Language, name: str, *, n: int) -> TopicTagger:
    """Builds the ``kg_topics`` stage."""
    return TopicTagger(nlp, name, n=n)
