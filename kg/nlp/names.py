"""Names: the canonical form of an organization, its short forms, short names of people and the
separate titles in a combined one. Shared by the binding and coreference stages."""
from __future__ import annotations

import re
from collections.abc import Collection, Sequence

from kg.nlp.lexicon import lexicons
from kg.nlp.text import is_cjk
from kg.records import Entity

__all__ = ["canonical_org", "short_forms", "short_names", "split_titles", "split_org_title"]

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
    """Gives the short forms of transliterated names: 惠特莫尔 -> 丹尼尔·惠特莫尔."""
    full = {e.text for e in entities if e.label == "PERSON" and "·" in e.text}
    return {f.rsplit("·", 1)[1]: f for f in full}


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
