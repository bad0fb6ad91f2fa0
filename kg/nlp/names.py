"""Names: the canonical form of an organization, its short forms, short names of people and the
separate titles in a combined one. Shared by the binding and coreference stages."""
from __future__ import annotations

import re
from collections.abc import Collection, Sequence

from kg.nlp.lexicon import lexicons
from kg.nlp.text import is_cjk
from kg.records import Entity

__all__ = ["canonical_org", "org_in_context", "short_forms", "short_names", "split_titles", "split_org_title"]

_LEGAL_SUFFIX = re.compile(r"(?:集团)?(?:股份)?有限(?:责任)?公司$")


def canonical_org(name: str) -> str:
    """Gives the canonical name of an organization.

    Known aliases map to their full name (央行 -> 中国人民银行), and a known firm's registered name to
    the firm (华泰证券股份有限公司 -> 华泰证券).
    """
    known = lexicons().known_orgs
    hit = known.get(name)
    if hit:
        return hit[0]
    stem = _LEGAL_SUFFIX.sub("", name)
    if stem != name and stem in known:
        return known[stem][0]
    return name


def short_forms(name: str) -> list[str]:
    """Gives the short forms of an organization name: 安信证券 -> [安信], 九枝兰营销云 -> [九枝兰].

    A stem that is itself a known firm (华为 in 华为云) is that firm, not a short form.
    """
    lex = lexicons()
    out = []
    for m in lex.suffix_re.finditer(name):
        stem = name[:m.start()]
        if (m.end() == len(name) and len(stem) >= 2 and stem not in lex.generic_stems and stem not in lex.known_orgs
                and all(is_cjk(c) for c in stem)):
            out.append(stem)
    return out


def short_names(entities: Sequence[Entity]) -> dict[str, str]:
    """Gives the short forms of transliterated names: 惠特莫尔 -> 丹尼尔·惠特莫尔; where two full names share
    one (埃隆·马斯克, 伊隆·马斯克), the first of ``entities`` that has it."""
    out: dict[str, str] = {}
    for e in entities:  # in their order, never a set's: the choice must not depend on the hash seed
        if e.label == "PERSON" and "·" in e.text:
            out.setdefault(e.text.rsplit("·", 1)[1], e.text)
    return out


def split_titles(title: str) -> list[str]:
    """Gives the separate titles in a combined one: 董事长兼总经理 -> [董事长, 总经理]."""
    parts = lexicons().title_split_re.split(title)
    return [p for p in (s.strip() for s in parts) if p]


def _is_title(rest: str) -> bool:
    """Gives True where ``rest`` is a title: it ends with a title word, at most four characters of
    modifier before it (首席经济学家, 全球副总裁, 大中华区总裁)."""
    lex = lexicons()
    if not rest or not is_cjk(rest[0]) and not rest[0].isupper():
        return False
    return any(m.end() == len(rest) and m.start() <= 4 for m in lex.title_re.finditer(rest))


def split_org_title(title: str, firms: Collection[str] = ()) -> tuple[str, str]:
    """Gives the firm glued to the front of a title, and the title: SpaceX总裁 -> (SpaceX, 总裁),
    联合国秘书长 -> (联合国, 秘书长), 华泰证券首席经济学家 -> (华泰证券, 首席经济学家).

    The firm is a known organization, one of ``firms`` (the organizations the document names: SpaceX,
    雪球), or a name ending in a strong firm suffix (证券, 集团, 研究院…); anything else stays in the
    title (巴西副总统, 联合创始人, IPO后创始人 -> ("", title)).
    """
    lex = lexicons()
    for k in range(len(title) - 1, 1, -1):
        head, rest = title[:k], title[k:]
        if (head in lex.known_orgs or head in firms) and _is_title(rest):
            return canonical_org(head), rest
    for m in lex.suffix_re.finditer(title):
        head, rest = title[:m.end()], title[m.end():]
        if lex.suffixes.get(m.group(), ("", ""))[1] == "strong" and m.start() >= 2 and _is_title(rest) \
                and title[:m.start()] not in lex.generic_stems and not any(head.startswith(c) and len(head) == len(c) + len(m.group()) for c in lex.countries):
            return head, rest
    return "", title


_SENTENCE = re.compile(r"[。！？!?\n]")
_CLAUSE = re.compile(r"[，,；;：:]")


def org_in_context(text: str, start: int, end: int) -> str:
    """Gives the canonical name of the organization written at ``text[start:end]``, reading a short name
    every country uses (央行, 财政部) as the body of the country it is about.

    The country is the one written just before the name (日本 + 央行 -> 日本央行), else the one foreign
    country named earlier in its clause, else the one foreign country its sentence names where a
    clause of the sentence opens with it and the sentence has no home word (home_words.txt: 中国,
    我国, 国务院). A body with a name of its own is that name (美国 + 央行 -> 美联储), any other the
    country and the short name (韩国央行); with no foreign country the short name keeps its known
    meaning (央行 -> 中国人民银行).
    """
    lex = lexicons()
    name = text[start:end]
    bodies = lex.country_aliases.get(name)
    if bodies is None:
        return canonical_org(name)
    country = next((c for c in lex.countries if text.endswith(c, 0, start)), "")
    if not country:
        s0 = max((m.end() for m in _SENTENCE.finditer(text, 0, start)), default=0)
        s1 = next((m.start() for m in _SENTENCE.finditer(text, end)), len(text))
        c0 = max((m.end() for m in _CLAUSE.finditer(text, s0, start)), default=s0)
        clause = _countries_in(text[c0:start])
        if clause:
            country = clause[-1]
        else:
            # the sentence is about a country where one of its clauses opens with it (日本经济持续复苏，央行…)
            starts = [s0] + [m.end() for m in _CLAUSE.finditer(text, s0, s1)]
            leads = {c for k in starts for c in _countries_in(text[k:k + 8])[:1] if text.startswith(c, k)}
            if len(leads) == 1 and len(set(_countries_in(text[s0:s1]))) == 1 \
                    and not any(h in text[s0:s1] for h in lex.home_words):
                country = next(iter(leads))
    if not country or country == "中国":
        return canonical_org(name)
    return bodies.get(country, country + name)


def _countries_in(span: str) -> list[str]:
    """Gives the foreign countries named in ``span``, in text order (中国 is home, not foreign)."""
    lex = lexicons()
    found = []
    i = 0
    while i < len(span):
        hit = max((c for c in lex.countries if span.startswith(c, i)), key=len, default="")
        if hit:
            if hit != "中国":
                found.append(hit)
            i += len(hit)
        else:
            i += 1
    return found
