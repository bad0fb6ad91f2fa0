"""Where a firm or title phrase starts, and where a person's name ends."""
from __future__ import annotations

import re

from kg.nlp.entities.spans import TextIndex, is_proper_tag
from kg.nlp.lexicon import STOP_TAGS, lexicons
from kg.nlp.text import PUNCT, is_cjk

__all__ = ["MAX_STEM", "LATIN_NAME", "left_boundary", "take_name", "latin_name_end"]

MAX_STEM = 20
_STRICT_STOP_TAGS = frozenset("v vd vi vg m mq q t tg f s".split())
_VERB_TAGS = frozenset("p c r u uj ad".split())
_NOT_NAME_TAGS = frozenset("v vn vd d c p r a ad an b z l i m q n f".split())
#: a Latin-letter personal name: two or three capitalised words (Dario Amodei, CJ Muse, Mary Ann Smith)
LATIN_NAME = re.compile(r"(?:[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)?|[A-Z]{2}|[A-Z]\.)"
                        r"(?: (?:(?:Mc|Mac|O')?[A-Z][a-z]+(?:-[A-Z]?[a-z]+)?)){1,2}(?![A-Za-z0-9&.])")
# (a romanised given name keeps its hyphen and the lower-case syllable after it: Park Jeong-woo)



def left_boundary(t: TextIndex, pos: int, limit: int = MAX_STEM, *, strict: bool = False) -> int:
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



def take_name(t: TextIndex, i: int, *, strict: bool, byline: bool = False) -> int:
    """Gives the end of a person's name starting at ``i`` (``i`` itself when there is none).

    ``byline``: the name stands after a reporter's title and a space (记者 高远), where even a
    name that is also a word (高远, 明明) is a name.

    A name never ends inside a jieba word: where the surname rules would cut a transliteration
    (古 + 特雷 of 古/特雷斯), the name runs on over its transliteration characters to the word's end.
    A name glossed in Latin letters right after it (坂口志文（Shimon Sakaguchi）, 迈克尔星(Michael Singh))
    is everything before the bracket.
    """
    end = _take_name(t, i, strict=strict, byline=byline)
    if strict:
        return end
    glossed = glossed_name_end(t.text, i, lead_ok=True)
    first = t.by_start.get(i)
    if glossed > end and not (first is not None and len(first.text) >= 2 and first.tag in _NOT_NAME_TAGS
                              and not first.tag.startswith("nr")):
        return glossed  # (候选人凯文·沃什（Kevin Warsh）: a common word opens no name)
    w = t.word_at(end) if end > i else None
    if w is not None and w.start < end < w.end:
        run = _translit_run(t.text, i)
        if run >= w.end and all(c in lexicons().translit_chars for c in t.text[i:w.end]):
            return w.end
        if "·" in t.text[i:end] and w.tag.startswith("nr") and all(is_cjk(c) for c in w.text):
            return w.end  # 凯西·霍 + 楚尔 of 霍楚尔
    return end


#: a Latin-letter personal name in brackets, glossing the Chinese name before it
_LATIN_GLOSS = re.compile(r"[（(]\s*([A-Z][a-z]+(?:[ -][A-Z][a-z]+){1,3})\s*[）)]")


def glossed_name_end(text: str, i: int, *, lead_ok: bool = False) -> int:
    """Gives the end of a name of 2-8 Chinese characters (with middle dots) at ``i`` that a Latin
    personal name in brackets glosses (玛丽·布伦科（Mary Brunkow）); ``i`` where there is none.

    ``lead_ok`` (the name stands right after a title): its first character may be one that
    otherwise ends a name (总统提努布（Bola Ahmed Tinubu）: 提 as in 提出)."""
    j = i
    while j < len(text) and j - i < 9 and (is_cjk(text[j]) or text[j] in "·"):
        j += 1
    if 2 <= j - i <= 8 and _LATIN_GLOSS.match(text, j) and text[j - 1] != "·" \
            and not any(c in lexicons().name_stop_chars for c in text[i + lead_ok:j]):
        return j
    return i


def _translit_run(text: str, i: int) -> int:
    lex = lexicons()
    j = i
    while j < len(text) and j - i < 12 and text[j] in lex.translit_chars and text[j] not in lex.name_stop_chars:
        j += 1
    return j


def _take_name(t: TextIndex, i: int, *, strict: bool, byline: bool = False) -> int:
    text, lex = t.text, lexicons()
    n = len(text)
    if i >= n:
        return i
    if not strict and "A" <= text[i] <= "Z":
        return latin_name_end(text, i)
    if not strict and text[i] in lex.translit_chars:
        # 丹尼尔·惠特莫尔: a transliterated name with its separator
        j = i
        while j < n and j - i < 12 and text[j] in lex.translit_chars and text[j] not in lex.name_stop_chars:
            j += 1
        if "·" in text[i:j].rstrip("·"):
            return j - 1 if text[j - 1] == "·" else j
    w = t.by_start.get(i)
    if w is not None and len(w.text) >= 2 and not byline and w.text not in lex.surnames \
            and (w.tag in _NOT_NAME_TAGS or w.text in lex.title_words):
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
    if k >= n or not is_cjk(text[k]) or text[k] in lex.name_stop_chars:
        return k
    if s == 2 and (t.by_start.get(k) is None or len(t.by_start[k].text) >= 2):
        return k  # 欧阳修表示; 片山皋月 (a one-character word 月 after the first) takes its second
    nxt = t.by_start.get(k)
    if nxt is not None and len(nxt.text) >= 2 and not nxt.tag.startswith("nr"):
        covering = t.word_at(j)
        if covering is None or covering.end <= k:
            return k
    return k + 1


def latin_name_end(text: str, i: int) -> int:
    """Gives the end of a Latin-letter personal name at ``i`` (``i`` itself when there is none).

    After a title (分析师Paul Cheng, 首席执行官Dario Amodei) two or three capitalised words are a
    person, unless a word is a generic acronym or firm word (AI Lab, Capital Group) or the name runs
    straight on into more Latin letters or digits.
    """
    m = LATIN_NAME.match(text, i)
    if not m or (i > 0 and (text[i - 1].isascii() and text[i - 1].isalnum())):
        return i
    lex = lexicons()
    parts = m.group().split(" ")
    if any(p in lex.generic_latin or p in lex.suffixes or p in lex.latin_org_words for p in parts):
        return i
    return m.end()
