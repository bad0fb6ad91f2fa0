"""Organizations: known ones from the lexicon (extended by brand words) and firms by suffix."""
from __future__ import annotations

import re
from collections.abc import Iterator

from kg.nlp.entities.boundaries import left_boundary
from kg.nlp.entities.spans import Span, TextIndex, is_proper_tag
from kg.nlp.lexicon import lexicons
from kg.nlp.text import PUNCT, is_cjk

__all__ = ["known_orgs", "extend_brand", "split_org", "suffix_orgs", "market_names", "after_heads"]


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
        left = after_heads(t, left, m.start(), min_rest=2)  # 子公司裕成控股, 股东巽鑫投资
        for cut in lex.firm_cut_words:  # Detik援引丰田汽车 (one-character words: function_chars' cut below)
            k = text.rfind(cut, left + 1, m.start()) if len(cut) > 1 else -1
            if k > left and m.start() - k - len(cut) >= 2 and text[k + len(cut)] not in PUNCT:
                left = k + len(cut)
        stem = text[left:m.start()]
        if len(stem) < 2 and not (stem and stem.isascii() and stem.isalnum()):
            continue
        if stem in lex.generic_stems or stem in lex.generic_latin or stem.endswith("上市"):
            continue
        stem_words = t.words_between(left, m.start())
        if not stem_words or stem_words[0].text in lex.generic_stems:
            continue
        if len(stem_words) == 1 and stem_words[0].tag in ("v", "vd", "vi", "d", "ad"):
            continue  # 回看公司, 收到公司: a verb before 公司 names no firm
        after = m.end() + (1 if text[m.end():m.end() + 1] in "”’」" else 0)
        if text.startswith(lex.event_words, after) or (text[left - 1:left] in "“‘「" and after > m.end()):
            continue  # 湾区金融科技论坛 is an event, “思算云”平台 a product: not firms
        proper_tags = [w.tag for w in stem_words if is_proper_tag(w.tag) and w.text not in lex.generic_latin]
        # a firm's stem holds a name (浙商, 灵伴, 上海); 远程银行 and 办理证券期货 hold only common words
        if not proper_tags or (strength == "weak" and all(tag == "ns" for tag in proper_tags)):
            continue
        yield Span(left, m.end(), label, "suffix")


#: words a short name never holds: the round-up's own words (美股三大指数小幅, 行业板块多数)
_MARKET_INSIDE = ("指数", "板块", "股价", "股市", "个股", "股票", "概念", "价格", "道指", "纳指", "标普", "恒指", "白银",
                  "日内", "盘中", "单日", "小幅", "大幅", "强势", "直线", "反包", "首秀", "历史性", "同比", "环比",
                  "成为", "掀", "累计", "全周", "期货")
#: jieba tags of words that stand around a name but not in it (adverbs, time, numbers, function words)
_NOT_IN_NAME = frozenset("d t tg m mq q p c r f ad vd u uj ul y".split())
_SPACE = " \t\u3000\xa0"


def market_names(t: TextIndex) -> Iterator[Span]:
    """Yields listed firms' short names in market round-ups: the items of a 、-list right before a price move.

    江波龙、德明利涨停; 阿斯麦 涨超2%; 中国西电2连板. An item is 2-8 letters after punctuation, a space
    or the list's 、; it is no firm where it is a market word or ends with one (道指, 黄金, 存储芯片概念,
    成分股), is a place, or is one common dictionary word (营收大涨, 销量暴跌); a list stops at its first
    item that fails.
    """
    lex = lexicons()
    text = t.text
    for m in lex.price_move_re.finditer(text):
        end = m.start()
        while True:
            while end > 0 and text[end - 1] in _SPACE:
                end -= 1
            start = end
            while start > 0 and end - start < 9 and not (text[start - 1] in PUNCT or text[start - 1].isspace()
                                                         or text[start - 1] == "、"):
                start -= 1
            if not _market_item(t, start, end):
                break
            yield Span(start, end, "COMPANY", "market")
            k = start
            while k > 0 and text[k - 1] in _SPACE:
                k -= 1
            if k == 0 or text[k - 1] != "、":
                break
            end = k - 1


def _market_item(t: TextIndex, start: int, end: int) -> bool:
    lex = lexicons()
    item = t.text[start:end]
    if not 2 <= len(item) <= 8 or (start > 0 and not (t.text[start - 1] in PUNCT or t.text[start - 1].isspace()
                                                       or t.text[start - 1] == "、")):
        return False
    if item.isdigit() or "的" in item or item.endswith(lex.market_words) or item.startswith(lex.firm_words) or item in lex.generic_stems \
            or item in lex.place_names or item in lex.generic_latin or lex.title_re.search(item):
        return False
    words = t.words_between(start, end)
    if not words or words[0].start != start or words[-1].end != end:
        return False  # the item cuts a word: 超 of 涨超 belongs to the move
    if len(words) == 1 and not is_proper_tag(words[0].tag) and not item.isascii():
        return False  # 营收, 销量: a dictionary word
    if any(w in item for w in _MARKET_INSIDE) or any(c.isdigit() for c in item) or lex.price_move_re.search(item) \
            or any(c in item[1:] for c in "和与及"):
        return False  # 美股三大指数小幅, 华银电力2连板
    if item.isascii() and t.text[start - 1:start] == " " and t.text[start - 2:start - 1].isalnum():
        return False  # Lab of Rocket Lab: the name began before the space
    last = words[-1]
    if any(len(w.text) >= 2 and w.tag in _NOT_IN_NAME for w in words) \
            or (len(last.text) >= 2 and last.tag.startswith("v") and len(item) > 4) or (len(last.text) == 1 and last.tag in _NOT_IN_NAME) \
            or (len(words[0].text) == 1 and words[0].tag in _NOT_IN_NAME and len(words) > 1):
        return False  # 长城军工斩获 (a short name has at most 4 characters), 此前一度, 片仔癀均, 神工股份等
    first = words[0]
    if len(item) <= 3 and item[0] in lex.surnames and first.tag.startswith("nr") and len(first.text) == len(item):
        return False  # 张伟涨停? a name jieba knows as a person's is left to the model
    return True


def after_heads(t: TextIndex, start: int, end: int, *, min_rest: int = 4) -> int:
    """Gives where a firm's name starts after the generic head nouns before it (``start`` if none).

    子公司裕成控股, 股东巽鑫投资, SaaS企业微盟集团, 美国智库华盛顿研究所: the head ends a jieba word and
    the name after it opens with a proper or unknown word (企业管理有限公司 and 中国企业资本联盟 keep their
    企业), and at least
    ``min_rest`` characters of it are left before ``end``.
    """
    lex = lexicons()
    text = t.text
    best = start
    for head in lex.firm_heads:
        k = text.find(head, start, end)
        while k >= 0:
            cut = k + len(head)
            w = t.by_start.get(cut)
            if cut > best and end - cut >= min_rest and t.ends_word(cut) and w is not None \
                    and (is_proper_tag(w.tag) or len(w.text) == 1 or w.text.isascii()):
                best = cut
            k = text.find(head, k + 1, end)
    return best
