"""Organizations: known ones from the lexicon (extended by brand words), the gazetteer of public firm
lists, and firms by suffix."""
from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from kg.nlp.entities.boundaries import left_boundary
from kg.nlp.entities.spans import Span, TextIndex, is_proper_tag
from kg.nlp.lexicon import lexicons
from kg.nlp.text import PUNCT, is_cjk
from kg.records import Word
from kg.resources import read_lexicon, read_pairs

__all__ = ["known_orgs", "gazetteer_orgs", "gazetteer", "Gazetteer", "extend_brand", "split_org", "suffix_orgs",
           "market_names", "after_heads", "generic_firm", "gazetteer_aliases"]


def known_orgs(t: TextIndex) -> Iterator[Span]:
    lex = lexicons()
    for m in lex.known_re.finditer(t.text):
        end, label = extend_brand(t, m.end(), len(t.text), lex.known_orgs[m.group()][1])
        start = m.start()
        if label in ("GOV", "ORG") and t.text[start - 2:start] == "中国":
            start -= 2  # 中国商务部
        yield Span(start, end, label, "lexicon")


@dataclass(frozen=True)
class Gazetteer:
    """The firms of ``kg/resources/gazetteer/``: every surface with its entry and label, built once."""

    names: dict[str, tuple[int, str]]  # surface -> (entry number, label)
    prefixes: frozenset[str]  # every prefix of every surface: a scan stops where none goes on
    guarded: frozenset[str]  # guarded.txt: surfaces that are also common words; they need support
    stop: frozenset[str]  # stop.txt: surfaces that name a firm only before its stock code
    glue: frozenset[str]  # function characters jieba may glue to an unknown name (lead_chars + function_chars)


#: files of the gazetteer folder that hold no firms
_GAZ_CONTROL = ("guarded.txt", "stop.txt")
#: files derived from exchange lists, whose names no one read one by one (the curated files were)
_GAZ_LISTED = ("a_shares.txt",)
#: a stock code right after a name: 美的（000333）, 机器人(300024.SZ), 中国铁塔（0788.HK）
_STOCK_CODE = re.compile(r"\s*[（(]\s*(?:(?:股票|证券)代码[：:]?\s*)?(?:\d{6}|\d{4,5})(?:\.[A-Za-z]{2})?\s*[）)]")
#: what joins the items of a list of firms (蔚来、理想和小鹏)
_FIRM_LIST_GAP = re.compile(r"\s*(?:、|和|与|及|以及|/)\s*")
#: jieba flags of a one-character word that may be a piece of a longer name around a short one
_NAME_PIECE_TAGS = frozenset("x nr ns nz ng j nrt nrfg".split())
#: Latin names that are something else before these words (ARM架构, IDC机房)
_LATIN_NOT_BEFORE = ("架构", "芯片", "处理器", "机房", "业务", "服务器", "行业", "协议", "许可")
#: the legal and holding words that may close a Latin firm's name
_LATIN_TAIL_RE = re.compile(r"(?: (?:Inc\.?|Corp\.?|Corporation|Co\.,? ?Ltd\.?|Co\.|Ltd\.?|Limited|[Pp]lc|PLC|LLC|L\.P\.|"
                            r"AG|SE|S\.A\.|N\.V\.|Holdings|Holding|Group|Technology|Technologies|Platforms))+"
                            r"(?![A-Za-z])")
#: jieba flags of one-character words that open no name (conjunctions, prepositions, particles, adverbs)
_FUNCTION_TAGS = frozenset("c p u uj ul uz ud ug uv d r y e o".split())
#: the brand words after a name that make it a firm's name, even a common word's (探路者集团)
_GROUP_WORDS = ("集团", "控股", "股份有限公司", "有限公司")
#: jieba's count above which a two-character name is a common word first (理想, 长城, 通用)
_COMMON_FREQ = 500


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """Gives the gazetteer, read from ``kg/resources/gazetteer/*.txt`` on first use.

    Each file holds ``name <TAB> label <TAB> aliases`` lines like ``known_orgs.txt``; surfaces that
    ``known_orgs.txt`` already names are left to it.
    """
    lex = lexicons()
    names: dict[str, tuple[int, str]] = {}
    files = sorted(p.name for p in resources.files("kg.resources").joinpath("gazetteer").iterdir()
                   if p.name.endswith(".txt") and p.name not in _GAZ_CONTROL)
    from kg.segment import pos_table

    tags = pos_table()
    places: set[str] = set()
    entry = 0
    for name in files:
        for row in read_pairs(f"gazetteer/{name}"):
            entry += 1
            label = row[1] if len(row) > 1 and row[1] else "COMPANY"
            for surface in (row[0], *(a.strip() for a in (row[2].split(",") if len(row) > 2 else ()))):
                if len(surface) >= 2 and surface not in lex.known_orgs:
                    names.setdefault(surface, (entry, label))
                    if name in _GAZ_LISTED and tags.get(surface) == "ns":
                        places.add(surface)  # 鄂尔多斯, 太平洋: a listed firm named after a place
    prefixes = frozenset(s[:k] for s in names for k in range(1, len(s) + 1))
    return Gazetteer(names, prefixes, read_lexicon("gazetteer/guarded.txt") | places,
                     read_lexicon("gazetteer/stop.txt"), lex.lead_chars | lex.function_chars)


def gazetteer_aliases(names: Iterable[str]) -> dict[str, str]:
    """Gives ``{name: fullest name}`` for the names of one document that the gazetteer knows as forms of
    one firm (万科 and 万科企业股份有限公司, 日产 and Nissan, 阿斯麦 and ASML): each maps to the fullest
    form the document writes, a Chinese one before a Latin one, then the longest (the gold's convention,
    and that of the graph's labels). Names of no shared entry are left out; call it with the organization
    names of a document (coref's org table) to join a firm's short and full names into one node.
    """
    g = gazetteer()
    groups: dict[int, list[str]] = {}
    for name in dict.fromkeys(names):
        hit = g.names.get(name)
        if hit is not None:
            groups.setdefault(hit[0], []).append(name)
    out: dict[str, str] = {}
    for forms in groups.values():
        if len(forms) > 1:
            best = max(forms, key=lambda f: (not f.isascii(), len(f), f))
            out.update({f: best for f in forms if f != best})
    return out


def gazetteer_orgs(t: TextIndex, known: Sequence[Span] = ()) -> list[Span]:
    """Gives the firms of the gazetteer that ``t`` names, as spans of source ``gazetteer``.

    A name counts only where jieba's words start and end with it (蔚来 in 蔚来、小鹏, not 美的 inside 美的确),
    a Latin one only between non-letters. A name that is also a common word (理想, 通用; guarded.txt, or
    a two-character word jieba counts often) needs support: its stock code after it, another name of the
    same firm in the document, or a list of firms it stands in (蔚来、理想和小鹏; 通用、克莱斯勒). A stop
    word (机器人, 农产品) counts only before its stock code.
    """
    g = gazetteer()
    text, words = t.text, t.words
    found: list[tuple[int, int, str]] = []  # longest name at each word start
    prefixes, names, glue = g.prefixes, g.names, g.glue
    for i, w in enumerate(words):
        wt = w.text
        if wt in prefixes:
            if w.tag in _FUNCTION_TAGS and len(wt) == 1:
                continue  # 和, 也, 并: a one-character function word opens no name
            starts: tuple[int, ...] = (w.start,)
        elif w.tag != "x":
            continue
        elif len(wt) >= 2 and (wt[0] in glue or wt[-1] in glue):
            # jieba's HMM glues a function character to an unknown name (由恒旭 资本, 闪迪以): try without it
            starts = (w.start, w.start + 1) if wt[0] in glue and len(wt) >= 3 else (w.start,)
        else:
            continue
        for start in starts:
            if found and start < found[-1][1]:
                continue
            best = None
            for v in words[i:i + 8]:
                surface = text[start:v.end]
                if surface in names:
                    best = (start, v.end, surface)
                elif v.tag == "x" and v.text[-1] in glue and v.end - 1 > start and surface[:-1] in names:
                    best = (start, v.end - 1, surface[:-1])
                if surface not in prefixes:
                    break
            if best is not None:
                found.append(best)
                break
    if not found:
        return []
    sure: list[Span] = []
    weak: list[tuple[int, int, str]] = []
    for start, end, surface in found:
        if not _fits(t, start, end, surface):
            continue
        coded = _STOCK_CODE.match(text, end) is not None
        if surface in g.stop and not coded:
            continue
        label = g.names[surface][1]
        # 探路者 + 集团, 联想 + 控股: a group or legal word makes a common-word name a firm's (not 现代 + 科技)
        branded = extend_brand(t, end, len(text), label)[0] > end and text.startswith(_GROUP_WORDS, end)
        if not coded and not branded and (surface in g.guarded or (label == "COMPANY" and _common_word(surface))):
            if not _glued(t, start, end):
                weak.append((start, end, surface))
        else:
            sure.append(Span(start, end, label, "gazetteer"))
    if weak:
        sure += _supported(t, weak, sure, known)
    out = []
    for s in sorted(sure):
        end, label = extend_brand(t, _latin_tail(text, s.end) if text[s.end - 1].isascii() else s.end, len(text),
                                  s.label)
        out.append(Span(s.start, end, label, s.source))
    return out


def _fits(t: TextIndex, start: int, end: int, surface: str) -> bool:
    """Gives False where the words around a name show it is part of something longer."""
    text = t.text
    if surface[0].isascii() and surface[0].isalnum() and start > 0 and text[start - 1].isascii() \
            and text[start - 1].isalnum():
        return False
    if surface[-1].isascii() and surface[-1].isalnum():
        if end < len(text) and text[end].isascii() and text[end].isalnum():
            return False
        if text.startswith(_LATIN_NOT_BEFORE, end):
            return False  # ARM架构, IDC机房
        if re.match(r" [A-Za-z]|-\w", text[end:end + 2]) and _latin_tail(text, end) == end:
            return False  # Toyota of Toyota Ventures, DJI of DJI Pocket, GE of the model GE-2
    if surface[0].isascii() and surface[0].isalpha() and re.search(r"[A-Za-z] $", text[max(0, start - 2):start]):
        return False  # Lab of Rocket Lab
    if _head_of_longer_name(t, end):
        return False
    if surface in lexicons().place_names:
        return False
    if len(surface) <= 2 and is_cjk(surface[0]):
        before, after = t.word_before(start), t.by_start.get(end)
        for w in (before, after):
            # 小鹏 of 小鹏鹏, 蔚来 of 新蔚来: a one-character name piece glued to a short name
            if w is not None and len(w.text) == 1 and is_cjk(w.text) and w.tag in _NAME_PIECE_TAGS \
                    and (w.end == start or w.start == end):
                return False
    return True


def _latin_tail(text: str, end: int) -> int:
    """Gives the end of a Latin firm's name with the legal or holding words after it (ARM Holdings + Plc,
    Marvell + Technology Inc.); ``end`` where none follows."""
    m = _LATIN_TAIL_RE.match(text, end)
    return m.end() if m else end


def _glued(t: TextIndex, start: int, end: int) -> bool:
    """Gives True where a proper or unknown word touches a name (中新 + 经纬, 金山 + 世游): a common-word
    name there is a piece of another name. A country or place before it is no such word (美国 + 通用)."""
    lex = lexicons()
    before, after = t.word_before(start), t.by_start.get(end)
    if before is not None and before.end == start and is_proper_tag(before.tag) and is_cjk(before.text[0]) \
            and before.text not in lex.place_names and before.text not in lex.countries:
        return True
    if after is not None and after.tag in ("x", "nz", "j") and is_cjk(after.text[0]):
        return True
    # 中/新/经纬: a one-character word that is no function word or verb touches it
    return any(w is not None and len(w.text) == 1 and is_cjk(w.text) and w.tag not in _NOT_IN_NAME
               and not w.tag.startswith("v") and (w.end == start or w.start == end) for w in (before, after))


def _head_of_longer_name(t: TextIndex, end: int) -> bool:
    """Gives True where the words right after a name run on to a firm suffix (新希望 + 智能设备制造有限公司,
    杭州高新 + 金投 + 投资): the name is the head of another firm's name, which the suffix rules find."""
    lex = lexicons()
    k = bisect_left(t.starts, end)
    if k >= len(t.words) or t.words[k].start != end:
        return False
    for j in range(k, min(len(t.words), k + 6)):
        w = t.words[j]
        if (j > k and w.start != t.words[j - 1].end) or any(c in PUNCT for c in w.text) or w.tag in _NOT_IN_NAME:
            return False
        if j > k and lex.suffixes.get(w.text, ("", ""))[1] == "strong":
            return True
    return False


def _common_word(surface: str) -> bool:
    """Gives True for a two-character name that jieba knows as a frequent common word (理想 n, 联想 v),
    not as a proper name (搜狐 nz, 索尼 nr)."""
    if len(surface) != 2 or not is_cjk(surface[0]):
        return False
    from kg.segment import get_jieba, pos_table

    return get_jieba().FREQ.get(surface, 0) >= _COMMON_FREQ and not is_proper_tag(pos_table().get(surface, "x"))


def _supported(t: TextIndex, weak: list[tuple[int, int, str]], sure: list[Span],
               known: Sequence[Span]) -> list[Span]:
    g = gazetteer()
    text = t.text
    entries = {g.names[text[s.start:s.end]][0] for s in sure}
    out: list[Span] = []
    firms = sorted([*sure, *known])
    pending = list(weak)
    changed = True
    while pending and changed:
        changed = False
        for item in list(pending):
            start, end, surface = item
            entry, label = g.names[surface]
            listed = any((_FIRM_LIST_GAP.fullmatch(text[f.end:start]) is not None and f.end <= start)
                         or (_FIRM_LIST_GAP.fullmatch(text[end:f.start]) is not None and f.start >= end)
                         for f in firms if f.label in ("COMPANY", "ORG"))
            # （界面）, （界面、红星新闻）: an outlet credited in brackets at the end of an item
            credited = label == "ORG" and start > 0 and end < len(text) and text[start - 1] in "（(" \
                and text[end] in "）)、"
            if entry in entries or listed or credited:
                span = Span(start, end, label, "gazetteer")
                out.append(span)
                firms.append(span)
                pending.remove(item)
                changed = True
    return out


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
        for cut in lex.firm_cut_words:  # Detik援引丰田汽车, 资方为鼎晖投资 (a one-character cut only as a word)
            k = text.rfind(cut, left, m.start())
            w = t.by_start.get(k) if len(cut) == 1 and k >= 0 else None
            # as its own word, or glued by jieba's HMM to an unknown name (为鼎晖)
            if len(cut) == 1 and k >= 0 and (w is None or not (w.text == cut or (w.tag == "x" and len(w.text) >= 2))):
                k = -1
            if k >= left and m.start() - k - len(cut) >= 2 and text[k + len(cut)] not in PUNCT:
                left = k + len(cut)
        stem = text[left:m.start()]
        if len(stem) < 2 and not (stem and stem.isascii() and stem.isalnum()):
            continue
        if stem in lex.generic_stems or stem in lex.generic_latin or stem.endswith("上市"):
            continue
        stem_words = t.words_between(left, m.start())
        glued = t.by_start.get(left - 1)
        if glued is not None and glued.tag == "x" and left < glued.end <= m.start():
            # 由德联 资本: the cut fell inside the word jieba glued; the rest of it is the name's word
            stem_words = [Word(left, glued.end, text[left:glued.end], "x"), *t.words_between(glued.end, m.start())]
        if not stem_words or stem_words[0].text in lex.generic_stems or generic_firm(t, left, m.end()):
            continue
        if len(stem_words) == 1 and stem_words[0].tag in ("v", "vd", "vi", "d", "ad"):
            continue  # 回看公司, 收到公司: a verb before 公司 names no firm
        if m.group() == "投资" and stem.endswith(_HOW_INVESTED):
            continue  # 云启资本独家投资, 外商投资: 投资 is the verb or the act there
        after = m.end() + (1 if text[m.end():m.end() + 1] in "”’」" else 0)
        if text.startswith(lex.event_words, after) or (text[left - 1:left] in "“‘「" and after > m.end()):
            continue  # 湾区金融科技论坛 is an event, “思算云”平台 a product: not firms
        proper_tags = [w.tag for w in stem_words if is_proper_tag(w.tag) and w.text not in lex.generic_latin]
        # a firm's stem holds a name (浙商, 灵伴, 上海); 远程银行 and 办理证券期货 hold only common words
        if not proper_tags or (strength == "weak" and all(tag == "ns" for tag in proper_tags)):
            continue
        yield Span(left, m.end(), label, "suffix")


#: words before 投资 that make it the verb or the act, not a firm's suffix (独家投资, 年均投资, 外商投资)
_HOW_INVESTED = ("独家", "联合", "共同", "追加", "继续", "战略", "年均", "仍具", "外商", "对外", "直接", "间接", "累计")
#: words that name a kind of firm, never one firm, after a place (日本企业集团, 山东国企, 中东地区公司)
_KIND_WORDS = frozenset("企业 国企 央企 民企 外企 车企 药企 房企 险企 机构 地区 本土 当地 本地 国有 民营 外资 中资 "
                        "跨国 上市 中小".split())
#: what a futures contract is on: 期货 after these is no firm (WTI原油期货, 美股三大股指期货)
_CONTRACT_STEMS = ("原油", "股指", "指数", "黄金", "白银", "铜", "铝", "镍", "锌", "铁矿石", "螺纹钢", "大豆", "豆粕",
                   "玉米", "棉花", "白糖", "天然气", "国债", "比特币", "碳酸锂", "多晶硅")
#: a count right before a firm's words: 一家比特币挖矿公司 describes a firm, it names none
_COUNTED = re.compile(r"(?:一|两|几|数|多|某|这|那|每)家$")


def generic_firm(t: TextIndex, start: int, end: int) -> bool:
    """Gives True where ``text[start:end]``, a firm by its suffix, describes a kind of firm and names none.

    A futures contract (WTI原油期货), an anonymous firm (江西某文化传媒公司, 某企业A公司), a firm counted
    (一家比特币挖矿公司, unless a known name opens it), and a place with only kind words (日本企业集团,
    中东地区公司, 山东国企; not 中国银行, whose 银行 is the name's own).
    """
    lex = lexicons()
    text = t.text[start:end]
    if text.endswith("期货") and text[:-2].endswith(_CONTRACT_STEMS):
        return True
    words = t.words_between(start, end)
    if any(w.text in ("某", "某某") for w in words):
        return True
    if words and _COUNTED.search(t.text, max(0, start - 3), start):
        g = gazetteer()
        if not any(text.startswith(n) for n in (words[0].text, text[:4], text[:3], text[:2])
                   if n in g.names or n in lex.known_orgs):
            return True
    k = 0
    while k < len(words) and (words[k].text in lex.place_names or words[k].tag == "ns"):
        k += 1
    rest = words[k:]
    kind = any(w.text in _KIND_WORDS for w in rest) or (k > 0 and words[k - 1].text.endswith("地区"))
    return k > 0 and bool(rest) and kind and all(
        w.text in _KIND_WORDS or (i == len(rest) - 1 and w.text in lex.suffixes) for i, w in enumerate(rest))


#: words a short name never holds: the round-up's own words (美股三大指数小幅, 行业板块多数)
_MARKET_INSIDE = ("指数", "板块", "股价", "股市", "个股", "股票", "概念", "价格", "道指", "纳指", "标普", "恒指", "白银",
                  "日内", "盘中", "单日", "小幅", "大幅", "强势", "直线", "反包", "首秀", "历史性", "同比", "环比",
                  "成为", "掀", "累计", "全周", "期货")
#: jieba tags of words that stand around a name but not in it (adverbs, time, numbers, function words)
_NOT_IN_NAME = frozenset("d t tg m mq q p c r f ad vd u uj ul y".split())
_SPACE = " \t\u3000\xa0"
#: the words of a price move before its verb (一字涨停, 20CM涨停, 盘中大涨): no part of the firm's name
_MOVE_LEAD = re.compile(r"(?:一字|\d+\s*[cC][mM]|盘中|午后|尾盘|早盘|开盘即?|直线|再度|一度|集体|双双|均)+\s*$")


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
            lead = _MOVE_LEAD.search(text, max(0, end - 8), end)
            if lead is not None and lead.start() > 0 and text[lead.start() - 1] not in PUNCT:
                end = lead.start()  # 通鼎互联 + 一字涨停, 沪硅产业 + 20CM涨停: the move's own words
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
