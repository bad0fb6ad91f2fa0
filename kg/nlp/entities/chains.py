"""Appositive chains: ``[ORG] TITLE NAME`` and the lists of names after one title."""
from __future__ import annotations

import re
from collections.abc import Iterator

from kg.nlp.entities.boundaries import latin_name_end, left_boundary, take_name
from kg.nlp.entities.orgs import after_heads, split_org
from kg.nlp.entities.spans import Span, TextIndex, is_proper_tag
from kg.nlp.lexicon import lexicons
from kg.nlp.text import PUNCT, is_cjk

__all__ = ["chains"]

_LATIN_TITLE = re.compile(r"^[A-Z]{2,4}$")
# a Latin-letter firm name: capitalised words joined by spaces, & or dots (Wellington Altus, TD Cowen, S&P)
_LATIN_FIRM = re.compile(r"[A-Z][A-Za-z0-9&.'\-]*(?: [A-Z][A-Za-z0-9&.'\-]*){0,4}")


def _latin_left(text: str, left: int) -> int:
    """Steps back over the earlier words of a Latin firm name the space cut off (Cantor| Fitzgerald)."""
    i = left
    while i >= 2 and text[i - 1] == " " and text[i - 2].isascii() and text[i - 2].isalnum() \
            and text[i:i + 1].isascii() and text[i:i + 1].isalpha():
        j = i - 1
        while j > 0 and text[j - 1].isascii() and (text[j - 1].isalnum() or text[j - 1] in "&.'-"):
            j -= 1
        if not text[j:j + 1].isupper() or left - j > 40:
            break
        i = j
    return i


def _latin_firm(text: str, left: int, right: int) -> int:
    """Gives the end of a Latin-letter firm name opening ``text[left:right]`` before a title (``left`` if none)."""
    m = _LATIN_FIRM.match(text, left, right)
    if not m or m.end() - left < 2 or (m.end() < right and text[m.end()].isascii() and text[m.end()].isalnum()):
        return left
    lex = lexicons()
    name = m.group()
    if name in lex.generic_latin or name.split(" ")[0] in lex.generic_latin or _LATIN_TITLE.fullmatch(name) \
            and lex.title_re.fullmatch(name):
        return left
    return m.end()


def _link_line_firm(t: TextIndex, nl: int, known: list[Span]) -> tuple[int, int] | None:
    """Gives the span of a firm standing alone on the line that ends at ``nl`` (a link's text in a page
    the markup broke: ⏎蔚来⏎创始人李斌): 2-8 letters of proper or unknown words, no punctuation."""
    text = t.text
    start = text.rfind("\n", 0, nl) + 1
    a, b = start, nl
    while a < b and text[a] in " \t\u3000":
        a += 1
    while b > a and text[b - 1] in " \t\u3000":
        b -= 1
    if not 2 <= b - a <= 8 or any(c in PUNCT for c in text[a:b]) or start == 0 or text[start - 1] != "\n":
        return None
    if any(k.start == a and k.end == b for k in known):
        return None  # a known firm is a span already
    words = t.words_between(a, b)
    if not words or words[0].start != a or words[-1].end != b or not all(is_proper_tag(w.tag) for w in words) \
            or any(w.tag.startswith("nr") for w in words) or text[a:b] in lexicons().place_names:
        return None
    return a, b


def _latin_firm_people(text: str) -> Iterator[Span]:
    """Yields a Latin firm and the Latin name after its 的 (CFRA Research的Sam Stovall): a firm word
    (latin_org_words.txt) ends the firm, two or three capitalised words after 的 name a person."""
    lex = lexicons()
    for m in _LATIN_FIRM_OF.finditer(text):
        if m.start() > 0 and text[m.start() - 1].isascii() and text[m.start() - 1].isalnum():
            continue
        if m.group(1).split(" ")[-1] not in lex.latin_org_words:
            continue
        end = latin_name_end(text, m.end())
        if end > m.end():
            yield Span(m.start(), m.start() + len(m.group(1)), "COMPANY", "chain")
            yield Span(m.end(), end, "PERSON", "chain")


_LATIN_FIRM_OF = re.compile(r"([A-Z][A-Za-z0-9&.'\-]*(?: [A-Z][A-Za-z0-9&.'\-]*){0,4})的(?=[A-Z])")


def chains(t: TextIndex, known: list[Span]) -> Iterator[Span]:
    """Yields ORG, TITLE and PERSON spans of appositive chains: ``[ORG] TITLE NAME``."""
    lex = lexicons()
    text = t.text
    yield from _latin_firm_people(text)
    matches = list(lex.title_re.finditer(text))
    used_until = -1
    for idx, m in enumerate(matches):
        if m.start() < used_until:
            continue
        head_start, end = m.start(), m.end()
        # 董事长兼总经理, 董事长、总经理
        # 董事长兼总经理, 副总经理、权益投资总监
        for m2 in matches[idx + 1:]:
            gap = text[end:m2.start()]
            if gap in lex.title_joiners or (gap[:1] in ("兼", "、") and len(gap) <= 14 and not (set(gap[1:]) & PUNCT)
                                                  and t.by_start.get(end + 1) is not None
                                                  and not any(end < k.start < m2.start() for k in known)
                                                  and not any(lex.suffixes[x.group()][1] == "strong"
                                                              and lex.suffixes[x.group()][0] != "GOV"
                                                              for x in lex.suffix_re.finditer(gap))):
                end = m2.end()
            else:
                break
        p = end
        if p < len(text) and (text[p] in " 　" or (text[p] in "：:" and m.group() in lex.byline_titles)):
            p += 1  # 记者 张三, 责任编辑：刘嘉
        name_end = take_name(t, p, strict=False, byline=m.group() in lex.byline_titles and p > end)
        if name_end <= p:
            left = left_boundary(t, head_start)
            if text[max(0, left - 2):left] in lex.appointment_verbs and head_start - left <= 14:
                # 在申万宏源证券研究所担任首席分析师, 曾任平安证券首席经济学家, 出任光大银行首席风险官
                split = split_org(t, left, head_start, known) if left < head_start else None
                if split is not None:
                    yield Span(left, split[0], split[1], "chain")
                yield Span(split[0] if split else left, end, "TITLE", "chain")
                continue
            # 张伟（中信证券首席经济学家）: firm and title after the name, closed by a bracket or comma
            if text[end:end + 1] in ("）", ")", "，", ","):
                left = left_boundary(t, head_start)
                if left < head_start and text[left - 1:left] in ("（", "(", "，", ","):
                    split = split_org(t, left, head_start, known)
                    if split is not None and head_start - split[0] <= 10:
                        yield Span(left, split[0], split[1], "chain")
                        yield Span(split[0], end, "TITLE", "chain")
            continue
        used_until = name_end
        left = _latin_left(text, left_boundary(t, head_start))
        # 主持人哽咽播报伊朗最高领袖哈梅内伊: a verb before the country ends the phrase, the country opens the title
        country = next((c for c in lex.countries if text.endswith(c, left, head_start)), "")
        if country and any(w.tag.startswith("v") and len(w.text) >= 2
                           for w in t.words_between(left, head_start - len(country))):
            left = head_start - len(country)
        former = text[left:left + 1] in lex.former_marks and text[left:left + 2] != "前海"
        org_left = left + 1 if former else left
        # 据彭博分析师, 但高盛策略师: a function character jieba glued to a known firm is no part of it
        lead = next((k.start for k in known if org_left < k.start <= org_left + 2 and k.end <= head_start
                     and all(c in lex.function_chars or c in lex.lead_chars for c in text[org_left:k.start])), None)
        if lead is not None:
            org_left = lead
        else:
            # 知名苹果分析师, 全球市值最高上市公司英伟达CEO: a known firm right before the title, after words
            # that name nothing (no name, no foreign or unknown word), is the firm; the words are no part of it
            firm = next((k for k in known if org_left < k.start and k.end == head_start), None)
            if firm is not None and not any(w.tag.startswith("nr") or w.tag in ("nz", "eng", "x", "j")
                                            for w in t.words_between(org_left, firm.start)) \
                    and not any(org_left <= k.start and k.end <= firm.start for k in known):  # 工商银行金融科技部
                org_left = firm.start
        # 近日收到公司实际控制人: a verb before the story's 公司 names no firm
        inner = next((k for k in range(org_left + 1, head_start - 1) for w in lex.firm_words
                      if text.startswith(w, k) and text[k - 1] not in "该本"), None)
        if inner is not None and not any(is_proper_tag(w.tag) for w in t.words_between(org_left, inner)):
            org_left = inner
        firm_word = next((w for w in lex.firm_words if text.startswith(w, org_left)), "")
        if firm_word and org_left + len(firm_word) < head_start:
            org_left += len(firm_word)  # 公司理赔运营部总经理: 公司 is the story's firm, the rest the title
        title_start = org_left
        if org_left == head_start and text[head_start - 1:head_start] == "\n":
            line = _link_line_firm(t, head_start - 1, known)
            if line is not None:
                yield Span(line[0], line[1], "COMPANY", "chain")  # ⏎蔚来⏎创始人、董事长李斌
        if org_left < head_start:
            split = split_org(t, org_left, head_start, known)
            if split is not None:
                # 美国智库华盛顿研究所高级研究员: the head noun is no part of the firm
                yield Span(after_heads(t, org_left, split[0], min_rest=3), split[0], split[1], "chain")
                title_start = split[0]
            elif (latin := _latin_firm(text, org_left, head_start)) > org_left:
                # Coinbase联合创始人Fred Ehrsam, Cantor Fitzgerald分析师CJ Muse, CLSA新加坡首席策略师
                yield Span(org_left, latin, "COMPANY", "chain")
                title_start = latin
            else:
                prefix = text[org_left:head_start]
                words = t.words_between(org_left, head_start)
                byline = (m.group() in lex.byline_titles
                          and not prefix.startswith(lex.byline_prefixes))
                named = (2 <= len(prefix) <= 8 and prefix not in lex.generic_stems and bool(words)
                         and not lex.title_re.search(prefix)
                         and any(is_proper_tag(w.tag) and w.text not in lex.generic_latin for w in words))
                latin_title = bool(_LATIN_TITLE.match(m.group())) and all(is_cjk(c) for c in prefix)
                inner_former = re.search(r"(?<=..)[原前](?=.)", prefix)
                if (inner_former and prefix[:inner_former.start()] not in lex.generic_stems
                        and m.group() not in lex.byline_titles):
                    # 锐川智控前财务总监何丽萍
                    yield Span(org_left, org_left + inner_former.start(), "COMPANY", "chain")
                    title_start = org_left + inner_former.start()
                elif (named and text.count(prefix) >= 2) or (byline and 2 <= len(prefix) <= 10) \
                        or (latin_title and 2 <= len(prefix) <= 8 and prefix not in lex.generic_stems):
                    # 星辰光电CTO周谨言
                    # 深思智算CEO李牧之 (深思智算 named again elsewhere), 经济参考快讯记者 程怡然
                    yield Span(org_left, head_start, "ORG" if m.group() in lex.byline_titles else "COMPANY", "chain")
                    title_start = head_start
                elif lex.suffix_re.search(text, org_left, head_start):
                    # 公司董事长, 证券时讯记者: a firm word with no firm we can name is no part of the title
                    title_start = head_start
        gloss = re.match(r"[（(][^（）()]{0,30}[）)]", text[title_start:head_start])
        if gloss:
            title_start += gloss.end()
        if head_start - title_start > 14:
            title_start = head_start
        yield Span(title_start, end, "TITLE", "chain")
        yield Span(p, name_end, "PERSON", "chain")
        # a list of names after one title: 记者 吴昊 黄靖斯, 分析师张三、李四
        q = name_end
        while q < len(text) and (text[q] in " 　、" or (text[q] in "和与及" and is_cjk(text[p]))):
            r = q + 1
            # (分析师王刚和李明: 和 joins a second name read strictly, as after 、)
            nxt = take_name(t, r, strict=m.group() not in lex.byline_titles or text[q] in "和与及",
                            byline=m.group() in lex.byline_titles and text[q] not in "和与及")
            w = t.by_start.get(r)
            whole = w is not None and w.end == nxt and w.tag.startswith("nr")  # 和/李明/上周: jieba's name word
            if nxt - r < 2 or nxt - r > 4 or (nxt < len(text) and is_cjk(text[nxt]) and not whole
                                              and text[nxt] not in lex.name_stop_chars
                                              and text[nxt] not in "先女"):  # 张三先生, 李四女士
                break
            yield Span(r, nxt, "PERSON", "chain")
            used_until = q = nxt
        # 策略师Nicole Inui和Alastair Pinder: a Latin name joined by 和/与/及 to the Latin name after the title
        while "A" <= text[p:p + 1] <= "Z" and text[q:q + 1] in ("和", "与", "及") and "A" <= text[q + 1:q + 2] <= "Z":
            nxt = latin_name_end(text, q + 1)
            if nxt <= q + 1:
                break
            yield Span(q + 1, nxt, "PERSON", "chain")
            used_until = q = nxt
