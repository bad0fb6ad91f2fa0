"""Entities: PERSON, COMPANY, ORG, GOV and TITLE from lexicons, patterns and (optionally) the model.

The rules work on characters, with jieba's words as hints for where names and firms start:

* known organizations from ``known_orgs.txt`` (with their aliases);
* appositive chains ``ORG + TITLE + PERSON`` (平安证券CIO张朝晖, 图为财联社副总编辑刘兴祥,
  华为云AI产品高级专家曹宇, 公司董事长兼总经理李强, 原中国证监会主席肖钢), and lists of names after one
  title (记者 吴昊 黄靖斯);
* firms by suffix (证券, 银行, 集团, 委员会, 云 …): strong suffixes alone, weak ones only with a proper-name
  stem, since 券商云 is a thing and 九枝兰营销云 a firm;
* person names that jieba tags ``nr`` in a speaking position, and every later repeat of a confirmed name.

:func:`combine` is the one place where rule and model proposals meet (see its docstring for the policy).
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from typing import NamedTuple

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import filter_spans

from kg.nlp.extensions import words_of
from kg.nlp.lexicon import STOP_TAGS, lexicons
from kg.nlp.text import PUNCT, is_cjk
from kg.records import ENTITY_LABELS, Entity, Word

__all__ = ["find_entities", "combine", "EntityRecognizer"]

PROPER_TAGS = frozenset("nr nrfg nrt ns nz nt eng j x".split())
# Where rules and the model disagree, the higher-priority source wins the characters.
# (the model ranks with the guessing rules: among those the longer span wins, a tie goes to the rule)
_PRIORITY = {"chain": 5, "lexicon": 4, "both": 4, "suffix": 3, "name": 3, "model": 3, "repeat": 1}
_MAX_STEM = 20
_STRICT_STOP_TAGS = frozenset("v vd vi vg m mq q t tg f s".split())
_LATIN_TITLE = re.compile(r"^[A-Z]{2,4}$")
_VERB_TAGS = frozenset("p c r u uj ad".split())
_NOT_NAME_TAGS = frozenset("v vn vd d c p r a ad an b z l i m q n f".split())


class _Text:
    """The text plus fast look-ups of the jieba words around a character."""

    def __init__(self, text: str, words: Sequence[Word]) -> None:
        self.text = text
        self.words = list(words)
        self.starts = [w.start for w in self.words]
        self.by_start = {w.start: w for w in self.words}

    def ends_word(self, i: int) -> bool:
        """Gives True where a jieba word ends at ``i``, or a title starts there (瀚海/银行行长)."""
        w = self.word_at(i - 1) if i > 0 else None
        return w is None or w.end == i or lexicons().title_re.match(self.text, i) is not None

    def words_between(self, a: int, b: int) -> list[Word]:
        """Gives the words that start in ``[a, b)``."""
        return self.words[bisect.bisect_left(self.starts, a):bisect.bisect_left(self.starts, b)]

    def word_at(self, i: int) -> Word | None:
        k = bisect.bisect_right(self.starts, i) - 1
        if k >= 0 and self.words[k].start <= i < self.words[k].end:
            return self.words[k]
        return None

    def word_before(self, i: int) -> Word | None:
        return self.word_at(i - 1) if i > 0 else None


def _left_boundary(t: _Text, pos: int, limit: int = _MAX_STEM, *, strict: bool = False) -> int:
    """Gives where a firm or title phrase ending at ``pos`` starts: after punctuation or a function word.

    ``strict`` (firms found by suffix alone) also stops at verbs, numbers and time words, since
    筹划组建相关公司 or 2025厦门大学 are not names.
    """
    lex = lexicons()
    i = pos
    while i > 0 and pos - i < limit:
        ch = t.text[i - 1]
        if ch in "）)" and not strict:
            # 摩根士丹利（Morgan Stanley）首席经济学家, 华泰证券股份有限公司（以下简称“华泰证券”）副总裁:
            # step over the gloss
            open_at = max(t.text.rfind("（", 0, i), t.text.rfind("(", 0, i))
            inner = t.text[open_at + 1:i - 1]
            if open_at > 0 and i - open_at <= 40 and (inner.isascii() or lex.gloss_re.match(inner)):
                limit += i - open_at  # the gloss does not count toward the name's length
                i = open_at
                continue
        if ch in PUNCT or ch.isspace():
            break
        w = t.word_before(i)
        if w is None:
            i -= 1
            continue
        if w.text in lex.boundary_words or (w.tag in STOP_TAGS and len(w.text) <= 2 and not is_proper_tag(w.tag)):
            clause_initial = w.start == 0 or t.text[w.start - 1] in PUNCT
            if strict or not (clause_initial and len(w.text) == 1 and i - w.start == 1
                              and w.text not in lex.function_chars):
                break  # (清/t 和/c 金融研究院 after 、 is a name jieba cut apart: go on)
        if strict and (w.tag in _STRICT_STOP_TAGS or any(c.isdigit() for c in w.text) or "%" in w.text):
            break
        if pos - w.start > limit:
            break
        i = w.start
    if strict:
        # words jieba's HMM glued to a function character: 而博彦科技, 这是博彦科技, 融资由金鼎资本
        cut = max((k for k in range(i, pos - 2) if t.text[k] in lex.function_chars), default=None)
        if cut is not None:
            i = cut + 1
    return i


def is_proper_tag(tag: str) -> bool:
    """Gives True for jieba POS flags of proper names (people, places, firms, foreign words)."""
    return tag in PROPER_TAGS or tag.startswith("nr")


def _take_name(t: _Text, i: int, *, strict: bool, byline: bool = False) -> int:
    """Gives the end of a person's name starting at ``i`` (``i`` itself when there is none).

    ``byline``: the name stands after a reporter's title and a space (记者 高远), where even a
    name that is also a word (高远, 明明) is a name.
    """
    text, lex = t.text, lexicons()
    n = len(text)
    if i >= n:
        return i
    if not strict and text[i] in lex.translit_chars:
        # 丹尼尔·惠特莫尔: a transliterated name with its separator
        j = i
        while j < n and j - i < 12 and text[j] in lex.translit_chars and text[j] not in lex.name_stop_chars:
            j += 1
        if "·" in text[i:j].rstrip("·"):
            return j - 1 if text[j - 1] == "·" else j
    w = t.by_start.get(i)
    if w is not None and len(w.text) >= 2 and not byline and (w.tag in _NOT_NAME_TAGS or w.text in lex.title_words):
        return i  # 强调, 任何, 红利, 高管: a common word, not a name
    if text[i + 1:i + 3] in lex.honorifics or text[i + 1:i + 2] == "总":
        return i  # 李女士, 张总: no name given
    if w is not None and w.tag.startswith("nr") and 2 <= len(w.text) <= 4 and all(is_cjk(c) for c in w.text):
        end = w.end
        if len(w.text) == 3 and w.text[-1] in lex.name_stop_chars:
            return end - 1  # 司德曾表示: 曾 starts the verb phrase
        # jieba sometimes cuts a given name short (熊/长青): let the character rules extend it
        if len(w.text) == 3 or (len(w.text) == 2 and w.text[0] not in lex.surnames):
            return end
    s = 2 if text[i:i + 2] in lex.surnames else (1 if text[i] in lex.surnames else 0)
    if s == 0:
        if strict:
            return i
        # transliterated foreign name after a title (美联储主席鲍威尔)
        j = i
        while j < n and j - i < 12 and (text[j] in lex.translit_chars) and text[j] not in lex.name_stop_chars:
            j += 1
        while j > i and text[j - 1] == "·":
            j -= 1
        return j if j - i >= 2 else i
    if s == 1 and text[i] in lex.surnames_ambiguous and (w is None or not w.tag.startswith("nr")):
        if strict or text[i] in lex.function_surnames:
            return i  # 首席经济学家和策略分析师: 和 joins, it names no one
    j = i + s
    if j >= n or not is_cjk(text[j]) or text[j] in lex.name_bad_first or text[j:j + 2] in lex.honorifics:
        return i
    given = t.by_start.get(j)
    if given is not None and len(given.text) >= 2 and (given.tag in _VERB_TAGS or lex.cue_re.fullmatch(given.text)
                                                         or given.text in lex.common_verbs):
        return i  # 曾表示, 沈发布: a surname character before a verb names no one (启航 in 赵启航 may)
    # 2nd given-name character: not where a multi-character word or a cue begins
    k = j + 1
    if s == 2 or k >= n or not is_cjk(text[k]) or text[k] in lex.name_stop_chars:
        return k
    nxt = t.by_start.get(k)
    if nxt is not None and len(nxt.text) >= 2 and not nxt.tag.startswith("nr"):
        covering = t.word_at(j)
        if covering is None or covering.end <= k:
            return k
    return k + 1


class _Span(NamedTuple):
    start: int
    end: int
    label: str
    source: str


def _known_orgs(t: _Text) -> Iterator[_Span]:
    lex = lexicons()
    for m in lex.known_re.finditer(t.text):
        end, label = _extend_brand(t, m.end(), len(t.text), lex.known_orgs[m.group()][1])
        start = m.start()
        if label in ("GOV", "ORG") and t.text[start - 2:start] == "中国":
            start -= 2  # 中国商务部
        yield _Span(start, end, label, "lexicon")


def _extend_brand(t: _Text, end: int, right: int, label: str) -> tuple[int, str]:
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


def _split_org(t: _Text, left: int, right: int, known: list[_Span]) -> tuple[int, str] | None:
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
        return k_end, k_label  # already extended by _known_orgs (华为 + 云)
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


def _chains(t: _Text, known: list[_Span]) -> Iterator[_Span]:
    """Yields ORG, TITLE and PERSON spans of appositive chains: ``[ORG] TITLE NAME``."""
    lex = lexicons()
    text = t.text
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
        name_end = _take_name(t, p, strict=False, byline=m.group() in lex.byline_titles and p > end)
        if name_end <= p:
            left = _left_boundary(t, head_start)
            if text[max(0, left - 2):left] in lex.appointment_verbs and head_start - left <= 14:
                # 在申万宏源证券研究所担任首席分析师, 曾任平安证券首席经济学家, 出任光大银行首席风险官
                split = _split_org(t, left, head_start, known) if left < head_start else None
                if split is not None:
                    yield _Span(left, split[0], split[1], "chain")
                yield _Span(split[0] if split else left, end, "TITLE", "chain")
                continue
            # 张伟（中信证券首席经济学家）: firm and title after the name, closed by a bracket or comma
            if text[end:end + 1] in ("）", ")", "，", ","):
                left = _left_boundary(t, head_start)
                if left < head_start and text[left - 1:left] in ("（", "(", "，", ","):
                    split = _split_org(t, left, head_start, known)
                    if split is not None and head_start - split[0] <= 10:
                        yield _Span(left, split[0], split[1], "chain")
                        yield _Span(split[0], end, "TITLE", "chain")
            continue
        used_until = name_end
        left = _left_boundary(t, head_start)
        former = text[left:left + 1] in lex.former_marks and text[left:left + 2] != "前海"
        org_left = left + 1 if former else left
        firm_word = next((w for w in lex.firm_words if text.startswith(w, org_left)), "")
        if firm_word and org_left + len(firm_word) < head_start:
            org_left += len(firm_word)  # 公司理赔运营部总经理: 公司 is the story's firm, the rest the title
        title_start = org_left
        if org_left < head_start:
            split = _split_org(t, org_left, head_start, known)
            if split is not None:
                yield _Span(org_left, split[0], split[1], "chain")
                title_start = split[0]
            else:
                prefix = text[org_left:head_start]
                words = t.words_between(org_left, head_start)
                byline = (m.group() in lex.byline_titles
                          and not prefix.startswith(("本", "实习", "见习", "特约", "首席")))
                named = (2 <= len(prefix) <= 8 and prefix not in lex.generic_stems and bool(words)
                         and not lex.title_re.search(prefix)
                         and any(is_proper_tag(w.tag) and w.text not in lex.generic_latin for w in words))
                latin_title = bool(_LATIN_TITLE.match(m.group())) and all(is_cjk(c) for c in prefix)
                inner_former = re.search(r"(?<=..)[原前](?=.)", prefix)
                if (inner_former and prefix[:inner_former.start()] not in lex.generic_stems
                        and m.group() not in lex.byline_titles):
                    # 锐川智控前财务总监何丽萍
                    yield _Span(org_left, org_left + inner_former.start(), "COMPANY", "chain")
                    title_start = org_left + inner_former.start()
                elif (named and text.count(prefix) >= 2) or (byline and 2 <= len(prefix) <= 10) \
                        or (latin_title and 2 <= len(prefix) <= 8 and prefix not in lex.generic_stems):
                    # 星辰光电CTO周谨言
                    # 深思智算CEO李牧之 (深思智算 named again elsewhere), 经济参考快讯记者 程怡然
                    yield _Span(org_left, head_start, "ORG" if m.group() in lex.byline_titles else "COMPANY", "chain")
                    title_start = head_start
                elif lex.suffix_re.search(text, org_left, head_start):
                    # 公司董事长, 证券时讯记者: a firm word with no firm we can name is no part of the title
                    title_start = head_start
        gloss = re.match(r"[（(][^（）()]{0,30}[）)]", text[title_start:head_start])
        if gloss:
            title_start += gloss.end()
        if head_start - title_start > 14:
            title_start = head_start
        yield _Span(title_start, end, "TITLE", "chain")
        yield _Span(p, name_end, "PERSON", "chain")
        # a list of names after one title: 记者 吴昊 黄靖斯, 分析师张三、李四
        q = name_end
        while q < len(text) and text[q] in " 　、":
            r = q + 1
            nxt = _take_name(t, r, strict=m.group() not in lex.byline_titles, byline=m.group() in lex.byline_titles)
            if nxt - r < 2 or nxt - r > 4 or (nxt < len(text) and is_cjk(text[nxt])
                                              and text[nxt] not in lex.name_stop_chars
                                              and text[nxt] not in "先女"):  # 张三先生, 李四女士
                break
            yield _Span(r, nxt, "PERSON", "chain")
            used_until = q = nxt


def _suffix_orgs(t: _Text) -> Iterator[_Span]:
    """Yields firms named by a suffix outside chains, with the stem checks that keep things out."""
    lex = lexicons()
    text = t.text
    for m in lex.suffix_re.finditer(text):
        label, strength = lex.suffixes[m.group()]
        if not t.ends_word(m.end()) or m.group() in lex.unit_suffixes:
            continue
        left = _left_boundary(t, m.start(), limit=10, strict=True)
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
        yield _Span(left, m.end(), label, "suffix")


def _speaking_names(t: _Text) -> Iterator[_Span]:
    """Yields jieba ``nr`` words that stand where a speaker stands (before a cue or a colon)."""
    lex = lexicons()
    text = t.text
    for w in t.words:
        # jieba tags a name nr, or cuts an unknown one after its surname (孙/浩然, 张/朝晖)
        split_name = len(w.text) == 1 and w.text in lex.surnames and w.text not in lex.surnames_ambiguous
        if not split_name and (not w.tag.startswith("nr") or not (2 <= len(w.text) <= 4)
                               or not all(is_cjk(c) for c in w.text)):
            continue
        if w.text[0] not in lex.surnames and w.text[:2] not in lex.surnames:
            continue
        end = _take_name(t, w.start, strict=True)
        if end - w.start < 2 or text[end:end + 2] in lex.honorifics:
            continue
        after = text[end:end + 12]
        # 张伟（中信证券首席经济学家）: a bracket that holds a title
        title_in = lex.title_re.search(text, end, end + 24) if after[:1] in ("（", "(") else None
        bracket = title_in is not None and text.find("）", end, end + 24) > title_in.start()
        if after[:1] in ("：", ":") or bracket or lex.cue_re.match(after) or lex.appointed_after_re.match(after) \
                or any(after.startswith(a) and lex.cue_re.match(after[len(a):])
                       for a in lex.name_cue_adverbs) \
                or (after.startswith("在") and lex.cue_re.search(after.split("，")[0])):
            yield _Span(w.start, end, "PERSON", "name")


def find_entities(text: str, words: Sequence[Word], *, outlets: Sequence[str] = ()) -> list[Entity]:
    """Gives the rule-based entities of ``text`` (character offsets, no overlaps, in text order).

    ``outlets`` are names known to be organizations in this document (its publisher).
    """
    t = _Text(text, words)
    known = list(_known_orgs(t))
    for name in outlets:
        known += [_Span(i, i + len(name), "ORG", "lexicon") for i in _find_all(text, name)]
    spans = list(_chains(t, known)) + known + list(_suffix_orgs(t)) + list(_speaking_names(t))
    chosen = _resolve(spans)
    # every later repeat of a confirmed name is a mention of that person
    names = {text[s.start:s.end] for s in chosen if s.label == "PERSON"}
    # 丹尼尔·惠特莫尔 is later just 惠特莫尔
    names |= {n.rsplit("·", 1)[1] for n in names if "·" in n and len(n.rsplit("·", 1)[1]) >= 2}
    if names:
        taken = _occupancy(len(text), chosen)
        for name in sorted(names, key=len, reverse=True):
            i = text.find(name)
            while i >= 0:
                if not any(taken[i:i + len(name)]):
                    chosen.append(_Span(i, i + len(name), "PERSON", "repeat"))
                    for k in range(i, i + len(name)):
                        taken[k] = True
                i = text.find(name, i + len(name))
        chosen.sort()
    return [Entity(s.start, s.end, s.label, text[s.start:s.end], s.source) for s in chosen]


def _find_all(text: str, sub: str) -> Iterator[int]:
    i = text.find(sub)
    while i >= 0:
        yield i
        i = text.find(sub, i + len(sub))


def _occupancy(n: int, spans: Iterable[_Span]) -> list[bool]:
    taken = [False] * n
    for s in spans:
        for k in range(s.start, s.end):
            taken[k] = True
    return taken


def _resolve(spans: list[_Span]) -> list[_Span]:
    """Gives non-overlapping spans: higher priority first, then longer, then earlier."""
    ordered = sorted(spans, key=lambda s: (-_PRIORITY.get(s.source, 0), -(s.end - s.start), s.start))
    out: list[_Span] = []
    taken: set[int] = set()
    for s in ordered:
        if s.end <= s.start or any(k in taken for k in range(s.start, s.end)):
            continue
        out.append(s)
        taken.update(range(s.start, s.end))
    return sorted(out)


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
      5. No two entities overlap.
    """
    model = _one_label_per_name(rules, model, min_model_score)
    rule_spans = {(e.start, e.end, e.label) for e in rules}
    spans: list[_Span] = [_Span(e.start, e.end, e.label, e.source) for e in rules]
    t = _Text("", words or [])  # only the word look-ups are needed
    for e in model:
        if e.label not in ENTITY_LABELS or e.score < min_model_score:
            continue
        if (e.start, e.end, e.label) not in rule_spans and not plausible(e, t if words else None):
            continue
        if (e.start, e.end, e.label) in rule_spans:
            continue
        spans.append(_Span(e.start, e.end, e.label, "model"))
    both = {(e.start, e.end, e.label) for e in model} & rule_spans
    text_of = {(e.start, e.end): e.text for e in rules}
    text_of.update({(e.start, e.end): e.text for e in model})
    out = []
    for s in _resolve(spans):
        source = "both" if (s.start, s.end, s.label) in both else s.source
        out.append(Entity(s.start, s.end, s.label, text_of[(s.start, s.end)], source))
    return out


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


def plausible(e: Entity, t: _Text | None = None) -> bool:
    """Gives False for a model span that the rules' sanity checks reject.

    Names hold no punctuation and a person's name is Chinese characters (or a transliteration with
    ·); a firm is not a generic noun (券商, 公募基金, 地方政府, 中小财险公司), not an event (…峰会) and,
    where the words are known, holds a proper or unknown word, not only dictionary nouns.
    """
    lex = lexicons()
    text = e.text
    if not text.strip() or any(c in PUNCT and c != "·" for c in text):
        return False
    if e.label == "PERSON":
        return 2 <= len(text) <= 12 and all(is_cjk(c) or c == "·" for c in text)
    if e.label == "TITLE":
        return True
    if text in lex.known_orgs:
        return True
    if text in lex.generic_stems or text.endswith(lex.event_words):
        return False
    if t is not None and t.words:
        inside = t.words_between(e.start, e.end)
        if inside and not any(is_proper_tag(w.tag) and w.text not in lex.generic_latin for w in inside):
            return False  # 监管部门, 财富管理机构: only dictionary words
    return True


def set_doc_ents(doc: Doc, entities: Sequence[Entity]) -> None:
    """Writes entities to ``doc.ents``, widening to token boundaries where jieba cut differently."""
    spans = []
    for e in entities:
        span = doc.char_span(e.start, e.end, label=e.label, alignment_mode="expand")
        if span is not None:
            spans.append(span)
    doc.ents = filter_spans(spans)


class EntityRecognizer:
    """Pipeline stage ``kg_entities``: rules, plus the model's proposals when ``kg_ner`` ran first."""

    def __init__(self, nlp: Language, name: str, *, use_model: bool, min_model_score: float) -> None:
        self.name = name
        self.use_model = use_model
        self.min_model_score = min_model_score

    def __call__(self, doc: Doc) -> Doc:
        outlet = str((doc._.kg_meta or {}).get("source", "") or "")
        rules = find_entities(doc.text, words_of(doc), outlets=(outlet,) if len(outlet) >= 2 else ())
        model = doc._.kg_model_entities or [] if self.use_model else []
        entities = combine(rules, model, min_model_score=self.min_model_score, words=words_of(doc)) if model else rules
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
    default_config={"use_model": True, "min_model_score": 0.5},
)
def make_entity_recognizer(nlp: Language, name: str, *, use_model: bool, min_model_score: float) -> EntityRecognizer:
    """Builds the ``kg_entities`` stage."""
    return EntityRecognizer(nlp, name, use_model=use_model, min_model_score=min_model_score)
