"""Organizations: known ones from the lexicon (extended by brand words) and firms by suffix."""
from __future__ import annotations

import re
from collections.abc import Iterator

from kg.nlp.entities.boundaries import left_boundary
from kg.nlp.entities.spans import Span, TextIndex, is_proper_tag
from kg.nlp.lexicon import lexicons
from kg.nlp.text import is_cjk

__all__ = ["known_orgs", "extend_brand", "split_org", "suffix_orgs"]


def known_orgs(t: TextIndex) -> Iterator[Span]:
    lex = lexicons()
    for m in lex.known_re.finditer(t.text):
        end, label = extend_brand(t, m.end(), len(t.text), lex.known_orgs[m.group()][1])
        start = m.start()
        if label in ("GOV", "ORG") and t.text[start - 2:start] == "中国":
            start -= 2  # 中国商务部
        yield Span(start, end, label, "lexicon")


def extend_brand(t: TextIndex, end: int, right: int, label: str) -> tuple[int, str]:
    """Gives the end of a known firm's name with the brand, unit or legal words right after it."""
    lex = lexicons()
    best = (end, label)
    while True:
        m = lex.brand_re.match(t.text, end, right)
        if not m:
            return best
        end = m.end()
        label = lex.suffixes.get(m.group(), (label,))[0]
        if t.ends_word(end):
            best = (end, label)  # 申万宏源 + 证券 + 研究所, 财新 + 网, however jieba cut it


def split_org(t: TextIndex, left: int, right: int, known: list[Span]) -> tuple[int, str] | None:
    """Gives ``(end, label)`` of the firm at the start of ``text[left:right]`` in a chain, if any.

    A known firm may be extended by a brand or unit word right after it (华为云, 中信证券研究所);
    otherwise the firm ends at the last firm-level suffix, so units (投资部, 研究中心) and
    department words (信息技术) stay in the title.
    """
    lex = lexicons()
    text = t.text
    k_end, k_label = None, ""
    for s in known:
        if s.start == left and s.end <= right and (k_end is None or s.end > k_end):
            k_end, k_label = s.end, s.label
    if k_end is not None:
        return k_end, k_label  # already extended by known_orgs (华为 + 云)
    gloss = re.search(r"[（(]", text[left:right])
    if gloss:
        right = left + gloss.start()  # 中国信息通信研究院（以下简称“信通院”）人工智能研究所: the firm ends at the gloss
    best: tuple[int, str] | None = None
    for m in lex.suffix_re.finditer(text, left, right):
        if m.group() in lex.unit_suffixes or not t.ends_word(m.end()):
            continue  # 信息 in 信息技术总监 is part of the title, not a firm's suffix
        stem = text[left:m.start()]
        if len(stem) >= 2 or (stem and not is_cjk(stem[0])):
            best = (m.end(), lex.suffixes[m.group()][0])
    if best is None:
        # a government body or unit alone: 国家统计局, 外交部
        for m in lex.suffix_re.finditer(text, left, right):
            if (m.group() in lex.unit_suffixes and m.start() - left >= 2 and t.ends_word(m.end())
                    and not text.startswith(lex.firm_words, left)):
                return m.end(), lex.suffixes[m.group()][0]
    return best



def suffix_orgs(t: TextIndex) -> Iterator[Span]:
    """Yields firms named by a suffix outside chains, with the stem checks that keep things out."""
    lex = lexicons()
    text = t.text
    for m in lex.suffix_re.finditer(text):
        label, strength = lex.suffixes[m.group()]
        if not t.ends_word(m.end()) or m.group() in lex.unit_suffixes:
            continue
        left = left_boundary(t, m.start(), limit=10, strict=True)
        stem = text[left:m.start()]
        if len(stem) < 2 and not (stem and stem.isascii() and stem.isalnum()):
            continue
        if stem in lex.generic_stems or stem in lex.generic_latin:
            continue
        stem_words = t.words_between(left, m.start())
        if not stem_words or stem_words[0].text in lex.generic_stems:
            continue
        after = m.end() + (1 if text[m.end():m.end() + 1] in "”’」" else 0)
        if text.startswith(lex.event_words, after) or (text[left - 1:left] in "“‘「" and after > m.end()):
            continue  # 湾区金融科技论坛 is an event, “思算云”平台 a product: not firms
        proper_tags = [w.tag for w in stem_words if is_proper_tag(w.tag) and w.text not in lex.generic_latin]
        # a firm's stem holds a name (浙商, 灵伴, 上海); 远程银行 and 办理证券期货 hold only common words
        if not proper_tags or (strength == "weak" and all(tag == "ns" for tag in proper_tags)):
            continue
        yield Span(left, m.end(), label, "suffix")
