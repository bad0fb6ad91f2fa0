"""Entities: PERSON, COMPANY, ORG, GOV and TITLE from lexicons, patterns and (optionally) the model.

The rules work on characters, with jieba's words as hints for where names and firms start:

* known organizations from ``known_orgs.txt`` (with their aliases);
* firms from the gazetteer of public lists (``kg/resources/gazetteer/``: listed companies' short and
  full names, well-known foreign firms, investors, media), at jieba word boundaries, a common word
  (理想, 通用) only with support: they rank with the suffix rules, so 新希望智能设备制造有限公司 stays whole;
* appositive chains ``ORG + TITLE + PERSON`` (平安证券CIO张朝晖, 图为财联社副总编辑刘兴祥,
  华为云AI产品高级专家曹宇, 公司董事长兼总经理李强, 原中国证监会主席肖钢), and lists of names after one
  title (记者 吴昊 黄靖斯);
* firms by suffix (证券, 银行, 集团, 委员会, 云 …): strong suffixes alone, weak ones only with a proper-name
  stem, since 券商云 is a thing and 九枝兰营销云 a firm;
* person names that jieba tags ``nr`` in a speaking position, and every later repeat of a confirmed name.

:func:`~kg.nlp.entities.combine.combine` is the one place where rule and model proposals meet (see its docstring for the policy).
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import filter_spans

from kg.nlp.entities.chains import chains
from kg.nlp.entities.combine import EntsFilter, combine, plausible, rules_first
from kg.nlp.entities.orgs import gazetteer_orgs, known_orgs, market_names, suffix_orgs
from kg.nlp.entities.persons import check_people
from kg.nlp.entities.spans import Span, TextIndex, find_all, occupancy, resolve
from kg.nlp.entities.speakers import speaking_names
from kg.nlp.extensions import words_of
from kg.nlp.lexicon import lexicons
from kg.records import Entity, Word

__all__ = ["find_entities", "combine", "plausible", "rules_first", "set_doc_ents", "EntityRecognizer"]


def find_entities(text: str, words: Sequence[Word], *, outlets: Sequence[str] = ()) -> list[Entity]:
    """Gives the rule-based entities of ``text`` (character offsets, no overlaps, in text order).

    ``outlets`` are names known to be organizations in this document (its publisher).
    """
    t = TextIndex(text, words)
    known = list(known_orgs(t))
    for name in outlets:
        known += [Span(i, i + len(name), "ORG", "lexicon") for i in find_all(text, name)]
    gazetteer = gazetteer_orgs(t, known)
    # the longer gazetteer name wins over a known one inside it: 香港证监会 over 证监会, 央视新闻 over 央视
    known = [k for k in known if not any(g.start <= k.start and k.end <= g.end and g.end - g.start > k.end - k.start
                                         for g in gazetteer)] + gazetteer
    spans = (list(chains(t, known)) + known + _past_gazetteer(t, known, suffix_orgs(t)) + list(speaking_names(t))
             + list(market_names(t)))
    places = lexicons().place_names
    # 伊朗人说, 科威特表示: a place or its people is no name
    chosen = resolve([s for s in spans if s.label != "PERSON" or not (
        text[s.start:s.end] in places or (text[s.end - 1] == "人" and text[s.start:s.end - 1] in places))])
    # every later repeat of a confirmed name is a mention of that person
    names = {text[s.start:s.end] for s in chosen if s.label == "PERSON"}
    # 丹尼尔·惠特莫尔 is later just 惠特莫尔
    names |= {n.rsplit("·", 1)[1] for n in names if "·" in n and len(n.rsplit("·", 1)[1]) >= 2}
    if names:
        taken = occupancy(len(text), chosen)
        for name in sorted(names, key=len, reverse=True):
            i = text.find(name)
            while i >= 0:
                if not any(taken[i:i + len(name)]):
                    chosen.append(Span(i, i + len(name), "PERSON", "repeat"))
                    for k in range(i, i + len(name)):
                        taken[k] = True
                i = text.find(name, i + len(name))
        chosen.sort()
    return [Entity(s.start, s.end, s.label, text[s.start:s.end], s.source) for s in chosen]


def _past_gazetteer(t: TextIndex, known: Sequence[Span], suffixed: Iterable[Span]) -> list[Span]:
    """Drops the suffix firms that run on past a gazetteer firm whose name ends with a suffix already
    (经纬创投 + 投资 in 经纬创投投资了该公司); 新希望 + 智能设备制造有限公司 stays, since 新希望 ends with none."""
    suffixes = tuple(lexicons().suffixes)
    ends = {s.start: s.end for s in known if s.source == "gazetteer" and t.text[s.start:s.end].endswith(suffixes)}
    return [s for s in suffixed if not (s.start in ends and ends[s.start] < s.end)]


def set_doc_ents(doc: Doc, entities: Sequence[Entity]) -> None:
    """Writes entities to ``doc.ents``, widening to token boundaries where jieba cut differently."""
    spans = []
    for e in entities:
        span = doc.char_span(e.start, e.end, label=e.label, alignment_mode="expand")
        if span is not None:
            spans.append(span)
    doc.ents = filter_spans(spans)


class EntityRecognizer:
    """Pipeline stage ``kg_entities``: rules, plus the model's proposals when ``kg_ner`` ran first, chosen
    between by ``ents_filter`` (:func:`~kg.nlp.entities.combine.combine` unless the config names another)."""

    def __init__(self, nlp: Language, name: str, *, use_model: bool, min_model_score: float,
                 ents_filter: EntsFilter = combine) -> None:
        self.name = name
        self.use_model = use_model
        self.min_model_score = min_model_score
        self.ents_filter = ents_filter

    def __call__(self, doc: Doc) -> Doc:
        outlet = str((doc._.kg_meta or {}).get("source", "") or "")
        rules = find_entities(doc.text, words_of(doc), outlets=(outlet,) if len(outlet) >= 2 else ())
        model = doc._.kg_model_entities or [] if self.use_model else []
        entities = (self.ents_filter(rules, model, min_model_score=self.min_model_score, words=words_of(doc))
                    if model else rules)
        entities = check_people(doc.text, entities, words_of(doc))  # which PERSON entities are people
        doc._.kg_entities = entities
        set_doc_ents(doc, entities)
        return doc


# requires: only what a component assigns. The stage also reads doc._.kg_words (set by the tokenizer)
# and doc._.kg_meta (set by the caller), which no component assigns, so analyze_pipes would flag them;
# and doc._.kg_model_entities only where kg_ner ran, so the pipeline without it still validates.
@Language.factory(
    "kg_entities",
    requires=[],
    assigns=["doc.ents", "doc._.kg_entities"],
    default_config={"use_model": True, "min_model_score": 0.5, "ents_filter": {"@misc": "kg.rules_first.v1"}},
)
def make_entity_recognizer(nlp: Language, name: str, *, use_model: bool, min_model_score: float,
                           ents_filter: EntsFilter) -> EntityRecognizer:
    """Builds the ``kg_entities`` stage."""
    return EntityRecognizer(nlp, name, use_model=use_model, min_model_score=min_model_score, ents_filter=ents_filter)
