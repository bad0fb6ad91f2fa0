"""Which of a document's PERSON entities are people: the checks every source (rules and model) passes.

Run once per document on the chosen entities (:class:`~kg.nlp.entities.EntityRecognizer`):

* a name in a list of firms is a firm: the items of a 、-list closed by a price move (江波龙、德明利涨停,
  阿斯麦 涨超2%) or by 等/三大/五家 and a firm noun (理想、蔚来、小鹏等车企; 福特、通用、克莱斯勒三大车企;
  赛诺菲、诺华等50余家外资企业), unless people nouns follow (李想、魏建军等车企掌门人, 等企业家);
* a name glossed by one Latin word (阿斯麦（ASML）) or a transliteration before a title that no name
  follows (阿斯麦首席执行官表示) is a firm, at every mention;
* a name glued to a market word is a stock (阿斯麦美股夜盘, 某某股价), to 指数 an index (纳斯达克100指数),
  to a prize a prize (诺贝尔生理学或医学奖), and a name that opens a firm's short name the document
  uses is that firm's product (小鹏智驾 beside 小鹏汽车);
* a name that opens a place name written there is that place (布雷顿森林体系);
* a name cut short is the longer name the document confirms elsewhere at the same place (赵国 of
  赵国富 where 赵国富 stands in the headline);
* a person-shaped single word (a surname, jieba's ``nr``) that the model calls a government body is a
  person (雷军).

Appositive chains (``TITLE NAME``) are left alone: a title before a name makes it a person.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache

from kg.nlp.entities.spans import TextIndex
from kg.nlp.lexicon import lexicons
from kg.nlp.names import short_forms
from kg.nlp.text import is_cjk
from kg.records import NAME_DOTS, ORG_LABELS, Entity, Word
from kg.resources import read_lines

__all__ = ["check_people"]

_SPACES = " \t\u3000\xa0\n\r"
#: a count before a firm noun: 三大车企, 50余家外资企业, 两家银行 (家/大/个 count firms)
_COUNT = r"(?:[0-9]+|[一二三四五六七八九十两几数百千]+)(?:余|多)?(?P<{}>家|大|个)"
#: glued to a name, a market word makes it a stock and 指数 an index
_STOCK_WORDS = ("美股", "港股", "A股", "股价", "概念股", "ETF")
_PRIZE = re.compile(r"(?:[\u4e00-\u9fff]{1,3}学(?:或[\u4e00-\u9fff]{1,3}学)?|和平|文学)?奖(?!励|金)")
_INDEX = re.compile(r"(?:[0-9]+|综合|工业|成分)?指数")
#: glued to a name, a commodity or a drug's form makes it no person: 布伦特原油, 舒瑞基奥仑赛注射液
_GOODS = re.compile(r"(?:原油|期货|[\u4e00-\u9fff]{0,4}?(?:注射液|胶囊|口服液|颗粒|片剂|滴眼液|软膏))")


@lru_cache(maxsize=1)
def _firm_tail() -> re.Pattern:
    # name_list_firms.txt: the nouns that head a list of firms (车企, 外资企业, 券商)
    heads = sorted(read_lines("name_list_firms.txt"), key=len, reverse=True)
    return re.compile(rf"[{_SPACES}]*(?:(?:等|这|这些)(?:{_COUNT.format('cls')})?|{_COUNT.format('cls2')})"
                      rf"[\u4e00-\u9fff]{{0,8}}?(?P<head>{'|'.join(map(re.escape, heads))})")


def check_people(text: str, entities: Sequence[Entity], words: Sequence[Word] = ()) -> list[Entity]:
    """Gives the entities with the PERSON checks of the module docstring applied (text order kept)."""
    lex = lexicons()
    t = TextIndex(text, words)
    ents = sorted(entities, key=lambda e: (e.start, e.end))
    firms = {e.text for e in ents if e.label in ORG_LABELS}
    stems = {s for f in firms for s in short_forms(f)} | firms
    confirmed = {e.text for e in ents if e.label == "PERSON"}
    out: list[Entity] = []
    for k, e in enumerate(ents):
        if e.label == "GOV" and e.source == "model" and _person_shaped(e, t):
            out.append(replace(e, label="PERSON"))  # 雷军 is no government body
            continue
        if e.label != "PERSON" or e.source == "chain":
            out.append(_longer_name(text, e, confirmed, ents) if e.label == "PERSON" else e)
            continue
        after = text[e.end:e.end + 16].lstrip(_SPACES)
        glued = text[e.end:e.end + 16]
        stock = next((w for w in _STOCK_WORDS if e.text.endswith(w) and len(e.text) - len(w) >= 2), "")
        if stock:  # 阿斯麦美股夜盘: the firm's stock
            out.append(replace(e, end=e.end - len(stock), text=e.text[:-len(stock)], label="COMPANY"))
            continue
        if _in_firm_list(text, ents, k) or lex.price_move_re.match(after) or glued.startswith(_STOCK_WORDS) \
                or _FIRM_GLOSS.match(glued) or _firm_before_title(text, e, ents):
            out.append(replace(e, label="COMPANY"))
            continue
        if e.text in lex.title_words and e.source == "model":
            continue  # 穆斯林, 陆军: a group or a service, no name
        if _INDEX.match(after) or _PRIZE.match(glued) or _GOODS.match(glued) or any(text.startswith(p, e.start) and len(p) > len(e.text)
                                                                for p in _places_at(text, e.start)):
            continue  # 纳斯达克100指数, 诺贝尔生理学或医学奖, 布雷顿森林: no person
        if any(e.text.startswith(s) and len(e.text) > len(s) for s in stems if len(s) >= 2) and not any(
                d in e.text for d in NAME_DOTS):
            continue  # 小鹏智驾 beside 小鹏汽车: the firm's product
        out.append(_longer_name(text, e, confirmed, ents))
    # one name, one type: a name found a firm once is a firm at every mention the chains did not make
    firms_now = {e.text for e in out if e.label == "COMPANY"} - {e.text for e in ents if e.label == "PERSON"
                                                                    and e.source in ("chain", "both", "name")}
    out = [replace(e, label="COMPANY") if e.label == "PERSON" and e.source != "chain" and e.text in firms_now else e
           for e in out]
    return _no_overlaps(out + _public_figures(text, out))


@lru_cache(maxsize=1)
def _figures_re() -> re.Pattern:
    names = sorted(read_lines("name_public_figures.txt"), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, names)))


def _public_figures(text: str, ents: Sequence[Entity]) -> list[Entity]:
    """Gives a PERSON for each mention of a public figure (name_public_figures.txt) that no entity
    covers and that stands alone: not inside a longer transliteration (唐纳德·特朗普 is one name)."""
    translit = lexicons().translit_chars
    out = []
    for m in _figures_re().finditer(text):
        a, b = m.span()
        if any(x.start < b and x.end > a for x in ents):
            continue
        before, after = text[a - 1:a] if a else "", text[b:b + 1]
        if before == "·" or after == "·" or (before and before in translit) or (after and after in translit):
            continue
        out.append(Entity(a, b, "PERSON", m.group(), "name"))
    return out


#: a one-word Latin gloss (阿斯麦（ASML）, 雪梦未来（SnowOrigin）) names a firm; a person's has two words
_FIRM_GLOSS = re.compile(r"[（(]\s*[A-Z][A-Za-z0-9&.\-]{1,20}\s*[）)]")


def _firm_before_title(text: str, e: Entity, ents: Sequence[Entity]) -> bool:
    """Tells whether a transliterated name stands before a title that no name follows: 阿斯麦首席执行官在
    财报发布后表示 (a firm's officer), not 分析师 + a name."""
    lex = lexicons()
    if len(e.text) < 3 or not all(c in lex.translit_chars for c in e.text) or any(d in e.text for d in NAME_DOTS):
        return False
    m = lex.title_re.match(text, e.end)
    if m is None:
        return False
    title_end = max([x.end for x in ents if x.label == "TITLE" and x.start == e.end] + [m.end()])
    return not any(x.label == "PERSON" and title_end <= x.start <= title_end + 1 for x in ents)


def _person_shaped(e: Entity, t: TextIndex) -> bool:
    w = t.by_start.get(e.start)
    return (w is not None and w.end == e.end and w.tag == "nr" and 2 <= len(e.text) <= 3
            and all(is_cjk(c) for c in e.text) and e.text[0] in lexicons().surnames
            and e.text not in lexicons().known_orgs and not lexicons().suffix_re.search(e.text))


def _places_at(text: str, start: int) -> list[str]:
    lex = lexicons()
    return [p for p in lex.place_names if len(p) >= 3 and text.startswith(p, start)]


def _in_firm_list(text: str, ents: Sequence[Entity], k: int) -> bool:
    """Tells whether ents[k] is an item of a 、-list that a price move or a firm noun closes."""
    e = ents[k]
    end = e.end
    others = {x.start: x for x in ents}
    # walk right over the list's items: 、 then an entity or up to 8 characters without punctuation
    for _ in range(30):
        rest = text[end:end + 40]
        stripped = rest.lstrip(_SPACES)
        if not stripped.startswith("、"):
            break
        nxt = end + (len(rest) - len(stripped)) + 1
        while nxt < len(text) and text[nxt] in _SPACES:
            nxt += 1
        item = others.get(nxt)
        if item is not None:
            end = item.end
            continue
        m = re.match(r"[\u4e00-\u9fffA-Za-z0-9]{1,8}?(?=[\s、]|等|涨|跌|[0-9一二三四五六七八九十两几数]+(?:余|多)?[家大个])",
                     text[nxt:nxt + 12])
        if m is None:
            break
        end = nxt + m.end()
    tail = text[end:end + 24]
    if lexicons().price_move_re.match(tail.lstrip(_SPACES)):
        return True
    m = _firm_tail().match(tail)
    if m is None:
        return False
    if "家" in (m.group("cls"), m.group("cls2")):
        return True  # 等50余家外资企业代表: 家 counts firms
    rest = tail[m.end():]
    lex = lexicons()
    # 等车企掌门人, 等企业家: people of the firms
    return not (rest[:1] in ("家", "人", "者") or any(rest.startswith(w) for w in lex.title_words))


def _longer_name(text: str, e: Entity, confirmed: set[str], ents: Sequence[Entity]) -> Entity:
    """Gives ``e`` widened to the longer name the document confirms where that name is written here."""
    for name in sorted(confirmed, key=len, reverse=True):
        if len(e.text) < len(name) <= len(e.text) + 2 and name.startswith(e.text) and all(is_cjk(c) for c in name) \
                and text.startswith(name, e.start) \
                and not any(x is not e and x.start < e.start + len(name) and x.end > e.end for x in ents):
            return replace(e, end=e.start + len(name), text=name)
    return e


def _no_overlaps(ents: list[Entity]) -> list[Entity]:
    out: list[Entity] = []
    for e in sorted(ents, key=lambda x: (x.start, -(x.end - x.start))):
        if out and e.start < out[-1].end:
            continue
        out.append(e)
    return out
