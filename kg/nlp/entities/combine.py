"""The one place where rule and model proposals meet: :func:`combine`, registered for the config as
``kg.rules_first.v1``."""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import lru_cache

from spacy.util import registry

from kg.nlp.entities.orgs import after_heads, gazetteer, generic_firm
from kg.nlp.entities.spans import Span, TextIndex, is_proper_tag, resolve
from kg.nlp.lexicon import lexicons
from kg.nlp.text import PUNCT, is_cjk
from kg.records import ENTITY_LABELS, NAME_DOTS, Entity, Word
from kg.resources import read_lines

__all__ = ["combine", "plausible", "rules_first", "EntsFilter"]

#: ``(rules, model, *, min_model_score, words) -> entities``: how a document's entities are chosen
EntsFilter = Callable[..., list[Entity]]


def combine(rules: Sequence[Entity], model: Sequence[Entity], *, min_model_score: float = 0.5,
            words: Sequence[Word] | None = None) -> list[Entity]:
    """Gives the entities of a document from rule and model proposals, resolved in one place.

    Policy:
      1. Appositive chains and known-entity lexicon matches are high-precision: they always win
         the characters they cover.
      2. Model spans that coincide with a rule span (same offsets and label) are marked ``both``.
      3. Other model spans scoring at least ``min_model_score`` and passing the same sanity checks
         as the rules (:func:`plausible`: no generic nouns such as 券商 or 地方政府, no events, no
         names with punctuation) fill the gaps: they win over the weaker rules (suffix firms,
         speaking names, repeats) when they are longer, since the model sees boundaries the
         suffix rules guess.
      4. One name, one label per document: a model span whose exact text the rules, or a more
         confident model span, label otherwise elsewhere in the document takes that label
         (锐川智控 is a firm everywhere once it is a firm somewhere).
      5. A transliterated name is one person: a confident model name joined by a middle dot
         (格温·肖特韦尔, 杰罗姆·鲍威尔) replaces the rules' pieces of it (格温, 韦尔) when nothing
         else overlaps it, even where the pieces came from a chain.
      6. A place (科威特, 意大利, 伊朗人) is no person and no firm; a lead character glued to a firm the
         document names elsewhere (但国轩高科 beside 国轩高科) is dropped from it.
      7. A confident model firm that opens a chain's title (白宫发言人, 达拉斯联储经济学家) takes its
         characters from the title, which keeps the rest.
      8. A model person listed beside a firm (国轩高科、欣旺达; 丰田和宁德时代) is a firm, like every
         other mention of that name.
      9. No two entities overlap.
    """
    lex = lexicons()
    index = None
    rules = [e for e in rules if not _is_place(e.text, lex)]
    model = [_trim_lead(e, rules, model, lex) for e in model if not _is_place(e.text, lex)]
    if words:
        index = TextIndex(_text_of(words), words)  # once per document: building it is linear in the text
        model = [m for m in (_trim_heads(e, index, lex) for e in model) if m is not None]
        model = [m for m in (_trim_tail(e, index, lex) for e in model) if m is not None]
    model = _one_label_per_name(rules, model, min_model_score)
    rules = _dotted_names(rules, model, min_model_score)
    rules = _titles_opened_by_firms(rules, model, min_model_score, words)
    rule_spans = {(e.start, e.end, e.label) for e in rules}
    spans: list[Span] = [Span(e.start, e.end, e.label, e.source) for e in rules]
    t = TextIndex("", words or [])  # only the word look-ups are needed
    for e in model:
        if e.label not in ENTITY_LABELS or e.score < min_model_score:
            continue
        if (e.start, e.end, e.label) not in rule_spans and (
                not plausible(e, t if words else None)
                or (words and (not _latin_name(e, index, lex) or (e.label in _FIRM_LABELS and generic_firm(
                    index, e.start, e.end))))):
            continue
        if (e.start, e.end, e.label) in rule_spans:
            continue
        spans.append(Span(e.start, e.end, e.label, "model"))
    both = {(e.start, e.end, e.label) for e in model} & rule_spans
    text_of = {(e.start, e.end): e.text for e in rules}
    text_of.update({(e.start, e.end): e.text for e in model})
    out = []
    for s in resolve(spans):
        source = "both" if (s.start, s.end, s.label) in both else s.source
        out.append(Entity(s.start, s.end, s.label, text_of[(s.start, s.end)], source))
    return _listed_with_firms(out, words or [])


_FIRM_LABELS = ("COMPANY", "ORG", "GOV")
#: what may stand between two items of a list: separators and spaces only
_LIST_GAP = re.compile(r"\s*、\s*")
#: 和, 与, 及 join people to firms too (起诉奥特曼与OpenAI): only a name no transliteration could be takes them
_AND_GAP = re.compile(r"\s*(?:和|与|及|以及)\s*")


def _is_place(text: str, lex) -> bool:
    return text in lex.place_names or (text.endswith("人") and text[:-1] in lex.place_names)


def _trim_lead(e: Entity, rules: Sequence[Entity], model: Sequence[Entity], lex) -> Entity:
    if e.label not in _FIRM_LABELS or len(e.text) < 4 or e.text[0] not in lex.lead_chars:
        return e
    rest = e.text[1:]
    if any(o.text == rest for o in (*rules, *model)) or rest in lex.known_orgs:
        return replace(e, start=e.start + 1, text=rest)
    return e


def _text_of(words: Sequence[Word]) -> str:
    # the text as far as the words tell it (what no word covers is white space)
    chars = [" "] * max((w.end for w in words), default=0)
    for w in words:
        chars[w.start:w.end] = w.text
    return "".join(chars)


def _trim_heads(e: Entity, t: TextIndex, lex) -> Entity | None:
    """A model firm starts after a clause word (Detik援引丰田汽车, 轮由德联资本) and after the generic head
    nouns before its name (SaaS企业微盟集团, 控股子公司广州芯算晟阳科技有限公司); one that ends with a head
    noun or with 上市公司 is none (恩必普药业为公司控股股东, 归属于上市公司)."""
    if e.label not in _FIRM_LABELS:
        return e
    if e.text.endswith(lex.firm_heads) or e.text.endswith(("上市公司", "及公司", "和公司", "与公司")):
        return None
    start = e.start
    for cut in lex.firm_cut_words:
        k = e.text.rfind(cut, 1 if len(cut) == 1 else 0)  # a word of two characters also at the start: 时任万国证券
        if k >= 0 and len(e.text) - k - len(cut) >= 3 and e.text[k + len(cut)] not in PUNCT:
            start = max(start, e.start + k + len(cut))
    if t.text[e.start:e.end] == e.text:
        start = after_heads(t, start, e.end)
    return e if start == e.start else replace(e, start=start, text=e.text[start - e.start:])


#: a count and a unit glued to a name in a round-up (沪硅产业20CM涨停)
_COUNT_TAIL = re.compile(r"\d+\s*[cC][mM]$")
_LATIN_END = re.compile(r"(?<=.)[A-Za-z]+$")
#: what after a firm's investment suffix makes it a person's noun (首席投资官, 资深投资人)
_PERSON_AFTER_SUFFIX = ("官", "人", "者", "家")


@lru_cache(maxsize=1)
def _tail_words() -> tuple[str, ...]:
    return tuple(sorted(read_lines("firm_tail_words.txt"), key=len, reverse=True))


def _trim_tail(e: Entity, t: TextIndex, lex) -> Entity | None:
    """A model firm ends before the deal verb, modal or market word it ran on into (英诺科创基金领投,
    沪硅产业20CM, 共和党参 of 共和党参议员) and before a suffix that a person's noun goes on with
    (Yardeni Research首席投资 of 首席投资官); none is left where under two characters remain, or only a
    place (华尔街资深投资人)."""
    if e.label not in _FIRM_LABELS or e.text in lex.known_orgs:
        return e
    text = e.text
    if t.text[e.end:e.end + 1] in _PERSON_AFTER_SUFFIX and t.text[e.start:e.end] == text:
        for suffix in ("投资", "研究", "分析"):
            if text.endswith(suffix):
                text = text[:-len(suffix)]
                text = re.sub(r"(?:首席|资深|高级|知名|著名|独立)$", "", text)
                break
    while True:
        inside = t.by_start.get(e.start + len(text)) is None  # the span ends inside a jieba word
        tail = next((w for w in _tail_words() if text.endswith(w) and len(text) > len(w)
                     and (len(w) > 1 or inside)), None)
        m = _COUNT_TAIL.search(text) or _LATIN_END.search(text)
        if m is not None and m.re is _LATIN_END and (m.group().lower() not in _generic_latin_lower()
                                                     or not is_cjk(text[m.start() - 1])):
            m = None  # 文远知行Robotaxi: a common Latin word after a Chinese name is no part of it
        if tail is None and m is None:
            break
        text = text[:-len(tail)] if tail is not None else text[:m.start()]
    if text == e.text:
        return e
    text = text.rstrip()
    if len(text) < 2 or text in lex.place_names or text in lex.countries:
        return None
    return replace(e, end=e.start + len(text), text=text)


#: a legal or holding word after a Latin name (ARM Holdings, Marathon Asset Management)
_LATIN_TAIL = re.compile(r" (?:Inc|Corp|Co|Ltd|Limited|Plc|PLC|LLC|AG|SE|Holdings?|Group|Asset|Capital|Partners)\b")


def _latin_name(e: Entity, t: TextIndex, lex) -> bool:
    """Gives False for a model firm of Latin letters that is no name: a piece of a longer word (rkBuddy of
    WorkBuddy), one word of a longer Latin name (Intuition of Applied Intuition), a word in lower case
    (agentic, api, modernize) or a common word of generic_latin.txt in any case (Display, Token, iPhone).
    Names the lexicon or the gazetteer knows pass."""
    text = e.text
    if e.label not in _FIRM_LABELS or not text.isascii() or not any(c.isalpha() for c in text) \
            or text in lex.known_orgs or _listed_firm(text):
        return True
    if text.lower() in _generic_latin_lower() or re.fullmatch(r"[a-z]+", text):
        return False
    before, after = t.text[max(0, e.start - 2):e.start], t.text[e.end:e.end + 3]
    if (before[-1:].isascii() and before[-1:].isalpha()) or (after[:1].isascii() and after[:1].isalpha()):
        return False
    if re.search(r"[ \-']", text) and not _latin_firm_end(text):
        return False  # Agent workflow, Model Y Standard, Rokid Glasses: a phrase, a product; Prysm Capital passes
    if " " not in text and (re.fullmatch(r"[A-Za-z] ", before) or (re.fullmatch(r" [A-Z][a-z]", after)
                                                                  and not _LATIN_TAIL.match(t.text, e.end))):
        return False
    return True


#: the org words of latin_org_words.txt that also close products' names (Mac Studio, iPhone Pro)
_PRODUCT_ENDS = frozenset("Pro Max Ultra Plus Mini Air Studio Cloud Index The Of And For Market Markets Street".split())
#: the legal and trade words that close a firm's Latin name beside latin_org_words.txt
_FIRM_ENDS = frozenset("Inc Inc. Co Co. Ltd Ltd. Plc PLC LLC AG SE N.V. S.A. Group Capital Bank Invest Brands Dynamics "
                       "Computing Securities Airlines Motor Foods Daily Weekly Insider Review Herald Tribune Press Wire Magazine".split())


def _latin_firm_end(text: str) -> bool:
    # a Latin phrase from the model is a firm's name where its last word is a firm's (Prysm Capital, Avid
    # Bank, Counterpoint Research, Snap Inc), its words capitalized and none of them a digit
    words = re.split(r"[ \-']", text)
    last = words[-1]
    return (last in _FIRM_ENDS or (last in lexicons().latin_org_words and last not in _PRODUCT_ENDS)) \
        and all(w[:1].isupper() or w in ("of", "and", "&") for w in words if w) \
        and not any(c.isdigit() for c in text)


@lru_cache(maxsize=1)
def _generic_latin_lower() -> frozenset[str]:
    return frozenset(w.lower() for w in lexicons().generic_latin)


def _titles_opened_by_firms(rules: Sequence[Entity], model: Sequence[Entity], min_score: float,
                            words: Sequence[Word] | None) -> list[Entity]:
    lex = lexicons()
    t = TextIndex("", words or [])
    firms = {e.start: e for e in model if e.label in _FIRM_LABELS and e.score >= min_score
             and plausible(e, t if words else None)}
    if not firms:
        return list(rules)
    out = []
    for r in rules:
        m = firms.get(r.start) if r.label == "TITLE" and r.source == "chain" else None
        rest = r.text[m.end - r.start:] if m is not None else ""
        if m is not None and m.end < r.end and len(rest) >= 2 and lex.title_re.search(rest) \
                and not any(o.label in _FIRM_LABELS and o.start < r.end and r.start < o.end for o in rules):
            out += [replace(m, source="model"), replace(r, start=m.end, text=rest)]
        else:
            out.append(r)
    return sorted(out, key=lambda e: (e.start, e.end))


def _person_shaped(e: Entity, t: TextIndex) -> bool:
    # 杨建忠, 郭/人杰: a surname jieba reads as a name starts it; 江波/龙, 丰田 and 欣旺/达 are no names
    first = t.by_start.get(e.start)
    return (2 <= len(e.text) <= 3 and e.text[0] in lexicons().surnames and first is not None
            and first.tag.startswith("nr"))


def _listed_with_firms(ents: list[Entity], words: Sequence[Word]) -> list[Entity]:
    if not words or not any(e.source == "model" and e.label == "PERSON" for e in ents):
        return ents
    # the text between entities, rebuilt from the words (what no word covers is white space)
    chars = [" "] * max(w.end for w in words)
    for w in words:
        chars[w.start:w.end] = w.text
    text = "".join(chars)
    t = TextIndex(text, words)
    out = list(ents)
    firms: set[str] = set()
    changed = True
    while changed:
        changed = False
        for k, e in enumerate(out):
            if e.label != "PERSON" or e.source != "model" or any(d in e.text for d in NAME_DOTS) \
                    or _person_shaped(e, t):
                continue
            for j in (k - 1, k + 1):
                if 0 <= j < len(out) and out[j].label == "COMPANY":
                    a, b = (out[j], e) if j < k else (e, out[j])
                    gap = text[a.end:b.start]
                    if _LIST_GAP.fullmatch(gap) or (_AND_GAP.fullmatch(gap) and not all(
                            c in lexicons().translit_chars for c in e.text)):
                        out[k] = replace(e, label="COMPANY")
                        firms.add(e.text)
                        changed = True
                        break
    if firms:
        out = [replace(e, label="COMPANY") if e.label == "PERSON" and e.source == "model" and e.text in firms else e
               for e in out]
    return out


def _dotted_names(rules: Sequence[Entity], model: Sequence[Entity], min_score: float) -> list[Entity]:
    names = [e for e in model if e.label == "PERSON" and e.score >= min_score and len(e.text) >= 4
             and any(d in e.text[1:-1] for d in NAME_DOTS) and plausible(e)]
    if not names:
        return list(rules)
    out = list(rules)
    for m in names:
        inside = [r for r in out if r.label == "PERSON" and m.start <= r.start and r.end <= m.end]
        crossing = [r for r in out if r.start < m.end and m.start < r.end and r not in inside]
        if inside and not crossing and all((r.start, r.end) != (m.start, m.end) for r in inside):
            out = [r for r in out if r not in inside] + [replace(m, source="both")]
    return sorted(out, key=lambda e: (e.start, e.end))


def _one_label_per_name(rules: Sequence[Entity], model: Sequence[Entity], min_score: float) -> list[Entity]:
    # the label of each surface: the rules' label, else the most confident model span's
    best: dict[str, tuple[float, str]] = {}
    for e in model:
        if e.label in ENTITY_LABELS and e.score >= min_score and best.get(e.text, (-1.0, ""))[0] < e.score:
            best[e.text] = (e.score, e.label)
    for e in rules:
        if e.label in ENTITY_LABELS and e.label != "TITLE":
            best[e.text] = (2.0, e.label)
    out = []
    for e in model:
        label = best.get(e.text, (0.0, e.label))[1]
        if label != e.label and e.label in ENTITY_LABELS and "TITLE" not in (label, e.label):
            e = replace(e, label=label)
        out.append(e)
    return out


def plausible(e: Entity, t: TextIndex | None = None) -> bool:
    """Gives False for a model span that the rules' sanity checks reject.

    Names hold no punctuation and a person's name is Chinese characters (or a transliteration with
    ·); a firm is not a generic noun (券商, 公募基金, 地方政府, 中小财险公司), not an event (…峰会) and,
    where the words are known, holds a proper or unknown word, not only dictionary nouns.
    """
    lex = lexicons()
    text = e.text
    if not text.strip() or any(c in PUNCT and c not in NAME_DOTS and not _latin_joint(text, i)
                               for i, c in enumerate(text)):
        return False
    if e.label == "PERSON":
        return 2 <= len(text) <= 12 and all(is_cjk(c) or c in NAME_DOTS for c in text)
    if e.label == "TITLE":
        return True
    if text in lex.known_orgs or _listed_firm(text):
        return True
    if text in lex.generic_stems or text.endswith(lex.event_words):
        return False
    if t is not None and t.words:
        inside = t.words_between(e.start, e.end)
        if inside and not any(is_proper_tag(w.tag) and w.text not in lex.generic_latin for w in inside):
            return False  # 监管部门, 财富管理机构: only dictionary words
    return True




def _latin_joint(text: str, i: int) -> bool:
    # the space, hyphen or apostrophe inside a Latin name (Prysm Capital, T-Mobile, McDonald's)
    return text[i] in " -'" and 0 < i < len(text) - 1 and text[i - 1].isascii() and text[i - 1].isalnum() \
        and text[i + 1].isascii() and text[i + 1].isalnum()


def _listed_firm(text: str) -> bool:
    # a firm of the gazetteer that is no common word (五粮液, 中际旭创; not 理想 or 机器人)
    g = gazetteer()
    return text in g.names and text not in g.guarded and text not in g.stop


@registry.misc("kg.rules_first.v1")
def rules_first() -> EntsFilter:
    """Gives :func:`combine`, the rules-first policy, as the ``ents_filter`` of ``kg_entities``."""
    return combine
