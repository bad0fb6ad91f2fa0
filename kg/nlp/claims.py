"""Claims: what each person or firm is reported to say, with kind, cue, offsets and confidence.

Forms recognised (speaker = a person, a pronoun resolved to one, or a firm speaking through an
unnamed spokesperson or team):

* indirect speech after a reporting cue: ``张朝晖认为，……``, ``他在会上表示……``,
  ``国泰君安相关负责人介绍，……``, ``中信证券研报指出……``;
* frames: ``在张三看来，……``, ``据国泰君安相关负责人介绍，……``;
* the colon form ``张三：……`` at the start of a line or clause;
* direct quotes with the speaker before (``张三表示：“……”``), after (``“……”张朝晖提到。``) or in the
  sentence just before an otherwise unattributed quotation;
* interviews: ``毛梁：⏎`` on a line of its own -> each answer paragraph down to the next turn (a question is
  nobody's claim); ``九号资本表示：⏎`` -> the paragraph(s) below;
* firms: through a filing (``X披露一季报，``, ``X(300536)9月30日公告，``), as 公司 after a sentence about them
  (``公司表示，``), and digest items whose headline names a firm the recogniser missed (``X：……⏎X披露……``);
* the copula form ``他给出的核心判断是：……`` and a cue opening a later, subjectless clause of its subject's
  sentence (``高盛给出目标价，预计……``).

A view that opens its paragraph with speaker and cue fills the paragraph; a claim stops before another
speaker's clause. The rules read :func:`kg.nlp.text.join_broken_lines`' view of the text (pages that put
each linked name on a line of its own); claims quote the original.
"""
from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterator, Sequence

from spacy.language import Language
from spacy.tokens import Doc

from kg.nlp.extensions import words_of
from kg.nlp.lexicon import lexicons
from kg.nlp.text import (QUOTES, SENT_END, clause_start, join_broken_lines, quotes, sentence_end,
                         sentence_start, speech_clause_start, without_titles)
from kg.records import Claim, Mention, Word
from kg.resources import read_lines

__all__ = ["find_claims", "extract_claims"]

_CONF = {"direct": 0.9, "indirect": 0.85, "pronoun": 0.75, "org": 0.8, "frame": 0.8, "continue": 0.6,
         "neighbour": 0.55, "colon": 0.8, "source": 0.7, "report": 0.7, "revision": 0.82}
_MAX_CLAIM = 400


#: A listed firm's stock code and the day after its name: 农尚环境(300536)9月30日公告
_STOCK_CODE = re.compile(r"^[ \u3000]*(?:[（(][0-9A-Z]{4,6}(?:\.[A-Z]{2})?[)）])?[ \u3000]*(?:\d{1,2}月\d{1,2}日)?"
                         r"(?:晚间|早间|盘后)?")


@functools.lru_cache(maxsize=1)
def _opinion_re() -> re.Pattern:
    """给出的核心判断是： / 的看法是， after a speaker."""
    nouns = "|".join(sorted(map(re.escape, lexicons().opinion_nouns), key=len, reverse=True))
    return re.compile(rf"(?:当时|此前)?(?:给出|作出|做出)?的(?:核心|主要|最新)?(?:{nouns})(?:是|为)[：:，,]?(?=\S)")


@functools.lru_cache(maxsize=1)
def _filing_re() -> re.Pattern:
    """X披露一季报，…… / X公告，…… / X发布公告称…… right after a firm's name (and its stock code, the day)."""
    nouns = "|".join(sorted(map(re.escape, lexicons().report_nouns), key=len, reverse=True))
    said = r"(?:中)?(?:称|显示|指出|表示|提示|预计)"
    return re.compile(_STOCK_CODE.pattern[1:] + rf"(?:(?:发布|披露|公布|发出)了?(?:最新)?(?:{nouns}){said}?"
                      rf"|公告{said}?|(?:{nouns}){said})[，,：:]")


@functools.lru_cache(maxsize=1)
def _source_re() -> re.Pattern:
    """据X数据，/ 据X网站，/ X数据显示，/ 从X了解到，/ 正如X所言，: X is the source of what follows."""
    data = r"(?:的)?(?:最新)?(?:数据|统计|网站|官网|通报|测算|调查|调研|监测)"
    return re.compile(rf"据(?P<src>[^，。；！？\n]{{2,30}}?){data}(?:显示|称|表明|指出)?[，,：:]"
                      rf"|(?:(?<=[\n，,。；])|^)[ \u3000]*(?P<src2>[^，。；！？\n]{{2,20}}?){data}(?:显示|表明)[，,：:]"
                      rf"|从(?P<src3>[^，。；！？\n]{{2,24}}?)(?:处|方面)?(?:了解到|获悉|得知)[，,：:]?"
                      rf"|正如(?P<src4>[^，。；！？\n]{{2,30}}?)所(?:言|说|指出|述)[，,：:]")


class _Speakers:
    """Mentions ordered by position, for finding who stands before a cue."""

    def __init__(self, mentions: Sequence[Mention]) -> None:
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self.starts = [m.start for m in self.mentions]

    def between(self, a: int, b: int) -> list[Mention]:
        i = bisect.bisect_left(self.starts, a)
        out = []
        while i < len(self.mentions) and self.mentions[i].start < b:
            if self.mentions[i].end <= b:
                out.append(self.mentions[i])
            i += 1
        return out

    def last_person_before(self, i: int) -> Mention | None:
        k = bisect.bisect_left(self.starts, i) - 1
        while k >= 0:
            if self.mentions[k].kind == "person":
                return self.mentions[k]
            k -= 1
        return None


def _speech_start(text: str, i: int) -> int:
    """Gives where the clause of a cue at ``i`` starts, a short quoted name (在其社交平台“真实社交”上发文表示)
    counting as one word: its quote marks never break the clause."""
    j = speech_clause_start(text, i)
    while j > 0 and text[j - 1] in QUOTES.values():
        opener = next(o for o, c in QUOTES.items() if c == text[j - 1])  # 「Chowbus」宣布 too
        k = text.rfind(opener, max(0, j - 14), j - 1)
        if k < 0 or any(ch in text[k:j] for ch in "，,。；;！？\n"):
            break
        j = speech_clause_start(text, k)
    return j


def _sentence_end(text: str, i: int) -> int:
    return sentence_end(text, i, _MAX_CLAIM)


#: What may stand between a firm's name and its cue besides a spokesperson: a gloss (（CCI）), a day or time
#: (4月20日, 当地时间周二, 今年1月), a book title (《……》) -- dropped before the lead is read
_GLOSS = re.compile(r"[（(][^（）()，。\n]{1,30}[）)]")
_WHEN = re.compile(r"(?:当地时间|北京时间|美东时间)?(?:(?:\d{4}年)?\d{1,2}月(?:\d{1,2}日)?(?:晚间|早间|盘后|晚|早)?"
                   r"|(?:今年|去年|明年)(?:\d{1,2}月)?(?:初|中旬|底|末)?|(?:本|上|下)?周[一二三四五六日末]|同日|当日|当天|今天|今日"
                   r"|\d{1,2}日(?:晚间|早间|凌晨|晚|早)?|早些时候|昨天|昨日|日前|近日|此前|随后|最新)")
_BOOK = re.compile(r"《[^《》\n]{0,60}》")
#: Clauses that only set the scene before a sentence's subject (在被问及……时，/ 6月12日，)
_SETTING_CLAUSES = re.compile(r"(?:(?:[^，。；\n]{0,30}(?:时|后|之际|期间)|" + _WHEN.pattern + r")[，,][ \u3000]*)+")
#: The words before a cue that make it an act still to come, not a statement (将于周一宣布, 计划公布)
_FUTURE = re.compile(r"(?:将|即将|将要|计划|拟|准备|或将|有望)(?:于|在)?[^，。；\n]{0,10}$")
#: Prepositions that make the name after them an object of the clause (伊朗政府就哈梅内伊殉职发表声明说)
_OBJECT_PREPS = ("就", "对", "对于", "关于", "针对", "与", "同", "向", "跟", "为")
_OBJECT_PREP_RE = re.compile("|".join(sorted(_OBJECT_PREPS, key=len, reverse=True)))


def _lead_of(text: str, a: int, b: int) -> str:
    """Gives the words between a speaker's name and its cue without glosses, days and book titles."""
    between = _STOCK_CODE.sub("", text[a:b])
    between = _BOOK.sub("《》", _GLOSS.sub("", between))
    return _WHEN.sub("", between).strip(" \u3000\t").lstrip("」』”")  # 「Chowbus」宣布


def _org_lead(lead: str) -> bool:
    """Gives True where the words between a firm and a cue let the firm speak: a spokesperson, a post with no
    name (院长, 首席执行官), an adverb, a statement (发布公告, 的声明), a setting (在会上, 在财报中)."""
    lex = lexicons()
    lead = re.sub(r"^的", "", lead)
    spoke = len(lead) <= 10 and any(lead.startswith(w) or lead.endswith(w) for w in lex.spokesperson)
    post = bool(lead) and len(lead) <= 10 and bool(re.fullmatch(f"(?:{lex.title_re.pattern})+(?:{_ADVERBS})?", lead))
    return bool(spoke or post or lex.adverbials_re.match(lead) or lex.statement_re.fullmatch(lead)
                or re.fullmatch(rf"(?:在|于|通过)?[^，。]{{0,12}}(?:中|上|时)(?:{_ADVERBS})?", lead)
                or re.fullmatch(r"(?:发布|发出|发表|出具|披露|公布|印发)了?(?:[^，。]{0,16}(?:公告|声明|报告|通知|通函|批复|结果|数据|文件|回复|函)|《》)", lead)
                or re.fullmatch(r"(?:在|于|通过)[^，。]{1,12}?(?:上|中)?(?:发布|发出|发表|发)了?[^，。]{0,10}?(?:消息|文章|推文|帖子|文|声明|公告)", lead))


_ADVERBS = "还|也|则|又|并|同时|公开|正式|明确|进一步|首次"


def _is_object(text: str, cstart: int, m: Mention, mentions: Sequence[Mention]) -> bool:
    """Gives True where a person stands after a preposition that follows another name of the clause
    (伊朗政府就伊朗最高领袖哈梅内伊殉职发表声明说: 哈梅内伊 is what the statement is about)."""
    first = next((x for x in mentions if x.end <= m.start), None)
    return first is not None and _OBJECT_PREP_RE.search(text, first.end, m.start) is not None


def _choose_speaker(text: str, mentions: list[Mention], cue_start: int) -> tuple[Mention, str] | None:
    """Gives the speaker among the mentions before a cue, and how it was found."""
    lex = lexicons()
    if mentions and _FUTURE.search(text, mentions[-1].end, cue_start):
        return None  # 日本财务大臣将于周一宣布……: an act to come, nothing said yet
    mentions = [m for m in mentions if not _in_book_title(text, m.start) and not _is_gloss(text, m, mentions)]
    cstart = mentions[0].start if mentions else cue_start
    people = [m for m in mentions if m.kind == "person"]
    orgs = [m for m in mentions if m.kind == "organization"]
    subjects = [m for m in people if not _is_object(text, cstart, m, mentions)]
    if people and not (orgs and orgs[0] is mentions[0] and not subjects):
        m = (subjects or people)[0]
        return m, "pronoun" if m.via in ("pronoun", "title") else "indirect"  # 他 / 州长称: resolved, less sure
    if orgs:
        if people:  # the firm is the subject, the people are what it speaks about
            return orgs[0], "org"
        # 招商银行在官方微博发文称: a platform after 在/通过 is where the firm speaks, not the speaker
        orgs = [m for k, m in enumerate(orgs) if k == 0 or not _SETTING_BEFORE.search(text, orgs[k - 1].end, m.start)]
        m = orgs[-1]
        before = text[_speech_start(text, m.start):m.start]
        if any(p in before for p in _PREPS_BEFORE_ORG):
            return None  # 行业人士向36氪分析, 我会向交易所总经理指出: the firm is the one spoken to
        if _org_lead(_lead_of(text, m.end, cue_start)):
            return m, "org"
    return None


_SETTING_BEFORE = re.compile(r"(?:在|于|通过)[^，。；\n]{0,4}$")
_PREPS_BEFORE_ORG = ("向", "对", "跟", "给", "让", "使", "被", "把", "告诉")


def _is_gloss(text: str, m: Mention, mentions: Sequence[Mention]) -> bool:
    """Gives True where a mention is another name's gloss in brackets (巴勒斯坦伊斯兰抵抗运动(哈马斯)发表声明称)."""
    return (text[m.start - 1:m.start] in ("（", "(") and text[m.end:m.end + 1] in ("）", ")")
            and any(x.end == m.start - 1 for x in mentions))


def _in_book_title(text: str, i: int) -> bool:
    """Gives True where position ``i`` is inside a book or document title (《关于同意长鑫科技……的批复》)."""
    open_ = text.rfind("《", max(0, i - 60), i)
    return open_ >= 0 and text.find("》", open_, i) < 0 and text.find("》", i, i + 60) >= 0


def _firm_antecedent(text: str, cstart: int, cue_start: int, spk: _Speakers) -> Mention | None:
    """Gives the firm that 公司/该公司 before a cue refers to: the last organization named as a subject (at the
    start of a clause, not 据X, not an outlet's 36氪获悉 or a (证券时报) credit) in the sentence just before,
    with no person named in between."""
    lex = lexicons()
    lead = text[cstart:cue_start].strip(" \u3000")
    word = next((w for w in lex.firm_anaphors if lead.startswith(w)), None)
    if word is None or not lex.adverbials_re.match(lead[len(word):]):
        return None
    k = sentence_start(text, cstart)
    while k > 0 and text[k - 1] in SENT_END + "\n 　":
        k -= 1
    start = sentence_start(text, k)  # the sentence just before
    for m in reversed(spk.between(start, cstart)):
        if m.kind == "person" and m.via != "pronoun":
            return None
        if m.kind != "organization":
            continue
        lead = text[start:m.start].rstrip(" \u3000")  # a linked name on its own line: 公司与⏎中国移动
        before, after = lead[-1:], text[m.end:m.end + 2].lstrip(" \u3000")
        if after.startswith(("获悉", "）", ")", "的", "与", "和", "、")) or before in ("据", "（", "(", "与", "和", "、"):
            continue
        if not lead or before in "\n，,。；;！？ \u3000":
            return Mention(cstart, cstart + len(word), word, m.target, "organization", "short")
        if before in ("在", "于", "向", "从", "对"):
            continue  # ……有限公司在香港发售股份: a place or an object after the subject
        return None
    return None


_TITLE = re.compile(r"《([^《》\n]{2,80})》")
_ISSUED = re.compile(r"(?:联合)?(?:印发|发布|出台|公布|发出|制定|起草|审议通过)了?")


def _issuer(text: str, cstart: int, cue_start: int, spk: _Speakers) -> Mention | None:
    """Gives the body that issued the document a cue's clause opens with (《意见》强调，……): the firm or
    body before 印发/发布 of a 《title》 with that name in the 600 characters before."""
    m = re.fullmatch(r"[ \u3000]*《([^《》\n]{1,20})》(?:还|也|同时|明确|进一步|中)?", text[cstart:cue_start])
    if m is None:
        return None
    short = m.group(1)
    for tm in reversed(list(_TITLE.finditer(text, max(0, cstart - 600), cstart))):
        if short not in tm.group(1) or not _ISSUED.search(text, max(0, tm.start() - 6), tm.start()):
            continue
        issuers = [x for x in spk.between(clause_start(text, tm.start()), tm.start())
                   if x.kind == "organization" and x.via != "pronoun"]
        if issuers:
            return Mention(cstart, cstart, "", issuers[0].target, "organization", "document")
        return None
    return None


def _sentence_subject(text: str, cstart: int, cue_start: int, spk: _Speakers) -> Mention | None:
    """Gives the subject of the sentence (or ；-clause) whose later clause a cue opens with no subject of its own
    (``高盛给出目标价，预计……``): the person or firm that starts it, with no other person named before the cue and
    no reporter's verb (获悉); its claim is the sentence from after the subject's name."""
    lex = lexicons()
    if text[cstart - 1:cstart] not in ("，", ",") or not lex.adverbials_re.match(text[cstart:cue_start].strip()):
        return None
    start = max(sentence_start(text, cstart - 1), text.rfind("；", 0, cstart - 1) + 1)
    found = spk.between(start, cstart)
    pre = text[start:found[0].start].strip(" \u3000") if found else ""
    if pre:  # 在被问及……时，美国总统特朗普: the scene, then the subject's post
        setting = _SETTING_CLAUSES.match(pre)
        rest = pre[setting.end() if setting else 0:]
        if rest and not (len(rest) <= 12 and re.search(f"(?:{lex.title_re.pattern})$", rest) and "，" not in rest):
            return None
    if not found or found[0].via == "pronoun":
        return None
    first = found[0]
    if any(m.kind == "person" and m.target != first.target for m in found[1:]) \
            or any(w in text[first.end:cstart] for w in lex.reporter_verbs) \
            or text[first.end:cstart].lstrip(" \u3000").startswith(("是", "作为", "为")):
        return None  # 凌川科技是稀缺的团队，相信……: a sentence about the firm, said by someone else
    return Mention(first.end, first.end, "", first.target, first.kind, "subject")


#: A sentence opened by a report (据媒体报道，/ 据《华尔街日报》报道，)
_REPORTED = re.compile(r"据[^，。！？\n]{0,20}报道[，,]")
#: A report standing for its outlet before a cue (报道说，/ 该报道还指出，)
_REPORT_SUBJECT = re.compile(r"[ \u3000]*(?:该|这篇|这份|上述|此前的?)?报道(?:还|也|同时|进一步|则)?")
_REPORT_REACH = 1500


def _report_outlet(text: str, cstart: int, cue_start: int, claims: Sequence[Claim]) -> Mention | None:
    """Gives the outlet a bare 报道 before a cue stands for (据新华社援引伊朗通讯社报道，……。⏎报道说，……): the
    speaker of the last claim made through a report (cue 报道) in the 1,500 characters before."""
    if not _REPORT_SUBJECT.fullmatch(text, cstart, cue_start):
        return None
    prev = [c for c in claims if c.cue.endswith("报道") and c.end <= cstart and cstart - c.end <= _REPORT_REACH]
    if not prev:
        return None
    last = max(prev, key=lambda c: c.end)
    return Mention(cue_start, cue_start, "", last.speaker, last.speaker_type, "continue")


def _valid_cue(text: str, t_words: dict[int, Word], ends: set[int], m: re.Match, *, after_quote: bool = False) -> bool:
    lex = lexicons()
    cue, s, e = m.group(), m.start(), m.end()
    if len(cue) > 1 and (s not in t_words or e not in ends) and not _adverb_word(text, t_words, s, e):
        return False  # part of a longer word: 说明, 名称, 分析师
    if len(cue) == 1 and (e not in ends or (e < len(text) and text[e] in lex.cue_continuations)):
        return False  # 说明, 说服, 称为
    if text[s - 1:s] == "被" or text[s - 2:s] in ("给予", "予以") or any(w in text[e:e + 5] for w in lex.not_speech):
        return False
    if text[s - 1:s] == "的" or text[e:e + 1] == "的":
        return False  # 发出的口头警告, 市场的判断, 披露的数据: the noun
    if re.search(r"(?:未|没有|不愿|拒绝|无法|不便)$", text[max(0, s - 3):s]):
        return False  # 公司尚未披露具体金额: nothing said
    if text[e:e + 1] == "是" and not after_quote:
        return False  # 要求是, 判断是: the noun (the copula form is read by _opinion_re)
    if cue.startswith("预") and text[max(0, s - 2):s].endswith(_noun_leads()):
        return False  # 业绩超预期, 低于市场预期: the noun
    if cue in lex.strong_cues or after_quote:
        return True
    return text[e:e + 2].startswith(lex.weak_cue_followers)


def _adverb_word(text: str, t_words: dict[int, Word], s: int, e: int) -> bool:
    """Gives True where a cue ends a word that only an adverb opens before it (独家报道, 公开表示)."""
    return any(k in t_words and t_words[k].end == e and lexicons().adverbials_re.match(text[k:s])
               for k in range(max(0, s - 2), s))


@functools.lru_cache(maxsize=1)
def _cues_in_claim() -> frozenset[str]:
    return frozenset(read_lines("cue_in_claim.txt"))


@functools.lru_cache(maxsize=1)
def _noun_leads() -> tuple[str, ...]:
    return read_lines("cue_noun_leads.txt")


def _claim_text(text: str, start: int) -> tuple[int, int, str]:
    """Gives ``(start, end, kind)`` of the claim that begins at ``start`` (after the cue)."""
    i = start
    while i < len(text) and text[i] in "，,：: 　了道":
        i += 1
    if text[i:i + 1] in ("称", "说") and text[i + 1:i + 2] in ("，", ",", "：", ":", "“"):
        i += 2  # 总结称，……
    if text[i:i + 1] and text[i] in SENT_END:
        return i, i, "indirect"  # 香港证监会最新披露！: the cue ends its sentence, nothing follows
    if i < len(text) and text[i] in QUOTES:
        close = text.find(QUOTES[text[i]], i + 1)
        nl = text.find("\n", i + 1)
        if close > 0 and (nl < 0 or close < nl or _broken_quote(text, i, close)):
            inner = text[i + 1:close]
            rest = text[close + 1:close + 3]
            # a short quoted term (“新基建”时代) opens indirect speech, not a quotation
            if len(inner) >= 6 and (rest[:1] in ("", "，", "\n", "”") or rest[:1] in SENT_END
                                    or inner.rstrip(" \u3000\n")[-1:] in SENT_END):  # “……。”他指出
                return i + 1, close, "direct"
    end = _sentence_end(text, i)
    if end - i <= 1 and text[end:end + 1] == "\n" and text[start:i].strip(" \u3000") in ("，", ","):
        # Roger Dassen表示，⏎公司已将……: a page that broke the line after the comma
        j = end + 1
        while j < len(text) and text[j] in "\n \u3000":
            j += 1
        if j < len(text) and text[j] not in QUOTES and not _TURN.match(text, j):
            i, end = j, _sentence_end(text, j)
    # 他表示：  followed by the quotation on the next line
    if end - i <= 1 and end < len(text) and text[end:end + 1] == "\n":
        j = end + 1
        if j < len(text) and text[j] in QUOTES:
            close = text.find(QUOTES[text[j]], j + 1)
            if close > 0:
                return j + 1, close, "direct"
    while end > i and text[end - 1] in SENT_END + "，,；; \n":
        end -= 1
    return i, end, "indirect"


def _broken_quote(text: str, i: int, close: int) -> bool:
    """Gives True where a quotation that opens at ``i`` closes at ``close`` on a later line of a page that broke
    its lines inside it (分析称：“简而言之，⏎……。⏎”他指出): near, two breaks at most, no other quotation opening."""
    inner = text[i + 1:close]
    return close - i <= 300 and inner.count("\n") <= 2 and QUOTES[text[i]] not in inner and text[i] not in inner \
        and "\n\n" not in inner


_TURN = re.compile(r"[^\n，,。：:？?]{1,12}[：:]")  # 硬氪：…… / 毛梁： / 元禾控股表示： opens the next turn
_MAX_PARAS = 12
_MAX_STATEMENT = 3  # paragraphs after 某某表示：⏎


def _boilerplate(line: str) -> bool:
    lex = lexicons()
    return (line[:1] in "（(【[" or any(ch in line for ch in "|｜") or line.startswith(lex.boilerplate_leads))


def _is_question(body: str) -> bool:
    """Gives True for an interviewer's or moderator's turn: it ends with a question mark, or is short and asks."""
    body = body.strip(" \u3000\t\r\n")
    return body[-1:] in ("？", "?") or (len(body) <= 40 and ("？" in body or "?" in body))


def answer_paragraphs(text: str, start: int, most: int = _MAX_PARAS) -> list[tuple[int, int]]:
    """Gives ``(start, end)`` of each paragraph of the answer that begins on the line after ``start``
    (``毛梁：⏎……⏎……``, ``九号资本表示：⏎……``): up to the next turn (a short label and a colon: the next
    question or speaker), a boilerplate line (（图源）, 排版｜…, 原标题) or ``most`` paragraphs."""
    out: list[tuple[int, int]] = []
    i = text.find("\n", start)
    while i >= 0 and len(out) < most:
        s = i + 1
        i = text.find("\n", s)
        e = len(text) if i < 0 else i
        line = text[s:e].strip(" \u3000\t\r")
        if not line:
            continue
        if _TURN.match(line) or _boilerplate(line) or line[-1] in "：:":
            break  # the next turn, boilerplate, or a new lead-in (某某表示：)
        s += len(text[s:e]) - len(text[s:e].lstrip(" \u3000\t\r"))
        e = s + len(line)
        while e - s > _MAX_CLAIM:  # a long paragraph: cut at its last sentence end before the limit
            cut = max(text.rfind(p, s, s + _MAX_CLAIM) for p in SENT_END)
            if cut <= s:
                break
            out.append((s, cut + 1))
            s = cut + 1
        out.append((s, e))
    return out


def _cut_at_next_speaker(text: str, s: int, e: int, spk: _Speakers, t_words: dict[int, Word],
                         ends: set[int]) -> int:
    """Gives where a claim from ``s`` to ``e`` stops: before the clause where another speaker takes the word
    (``张三认为，A；李四认为，B``, ``A，中信证券则表示，B``)."""
    lex = lexicons()
    for cm in lex.cue_re.finditer(text, s, e):
        cstart = _speech_start(text, cm.start())
        if cstart <= s or text[cstart - 1:cstart] not in ("；", ";", "，", ",", "。"):
            continue
        if not _valid_cue(text, t_words, ends, cm):
            continue
        seg = text[s:cm.start()]
        if sum(seg.count(q) for q in QUOTES) > sum(seg.count(q) for q in QUOTES.values()):
            continue  # inside a quotation: the words of the one quoted
        chosen = _choose_speaker(text, spk.between(cstart, cm.start()), cm.start())
        if chosen is not None and chosen[0].via != "pronoun":
            e = cstart - 1
            while e > s and text[e - 1] in SENT_END + "，,；; \u3000":
                e -= 1
            return e
    return e


def _paragraph_statement(text: str, start: int, end: int, spk: _Speakers, who: str,
                         quoted: list[tuple[int, int]]) -> int:
    """Gives where the statement of a paragraph that opens with its speaker and cue (``中信证券表示，A。B。``)
    ends: the paragraph's end, unless a later sentence names a speaker of its own, quotes or cites someone
    (then the statement stops before it) or the paragraph is longer than a claim may be."""
    lex = lexicons()
    stop = text.find("\n", end)
    stop = len(text) if stop < 0 else stop
    i = end
    while i < stop and text[i] in SENT_END + "”」』":
        i += 1
    while i < stop:
        j = min(sentence_end(text, i, _MAX_CLAIM), stop)
        sent = text[i:j]
        cue = lex.cue_re.search(sent)
        others = [m for m in spk.between(i, j) if m.target != who and m.via != "pronoun"]
        if (j - start > _MAX_CLAIM or any(i <= a and b <= j and b - a >= 10 for a, b in quoted)
                or re.match(r"[ \u3000]*(?:据|根据|数据显示|统计)", sent)
                or any(m.kind == "person" for m in others)
                or (cue and any(m.start < i + cue.start() for m in others))
                or (cue and any(m.end > m.start for m in spk.between(i, i + cue.start())))):
            break  # another speaker takes the word, a quotation, a source
        end = j
        i = j
    while end > 0 and text[end - 1] in SENT_END + "，,；; \u3000\n":
        end -= 1
    return end


#: A digest item's headline: a short name, a colon, the news (天齐锂业：一季度净利润同比预增……)
_DIGEST_HEAD = re.compile(r"^[ \u3000]*([*A-Za-z0-9\u4e00-\u9fff]{2,10})[ \u3000]*[：:](?=[^\n]{6,})", re.M)


def _digest_firms(text: str, mentions: Sequence[Mention]) -> list[Mention]:
    """Gives mentions of the firms that digest items are about where the recogniser missed them: a headline
    ``X：……`` whose next paragraph has X speak through a filing or a cue (36氪获悉，X披露一季报，……;
    X(300536)9月30日公告，……). A name of four or more characters or with Latin letters or digits (a firm's
    short name, not a person's), at a headline's start and again as the speaker in the body."""
    lex = lexicons()
    known = {m.text for m in mentions} | {m.target for m in mentions}
    taken = [(m.start, m.end) for m in mentions]
    out: list[Mention] = []
    for hm in _DIGEST_HEAD.finditer(text):
        name = hm.group(1)
        if name in known or (len(name) < 4 and not re.search(r"[*A-Za-z0-9]", name)) \
                or any(w in name for w in lex.unnamed_sources):
            continue
        nl = text.find("\n", hm.end())
        j = len(text) if nl < 0 else nl + 1
        while j < len(text) and text[j] in "\n \u3000":
            j += 1
        body_end = text.find("\n", j)  # the headline's line (joined to its body where the page broke it) and the next
        body_end = len(text) if body_end < 0 else body_end
        spoke = False
        for bm in re.finditer(re.escape(name), text[hm.end():body_end]):
            at = hm.end() + bm.end()
            if _filing_re().match(text, at) or lex.cue_re.match(_STOCK_CODE.sub("", text[at:at + 30]).lstrip("在互动平台上")):
                spoke = True
                break
        if not spoke:
            continue
        for m in re.finditer(re.escape(name), text[hm.start(1):body_end]):
            s = hm.start(1) + m.start()
            if not any(a < s + len(name) and s < b for a, b in taken):
                out.append(Mention(s, s + len(name), name, name, "organization", "name"))
    return out


def find_claims(text: str, words: Sequence[Word], mentions: Sequence[Mention]) -> Iterator[Claim]:
    """Yields the claims of ``text`` given its jieba words and resolved mentions (in text order)."""
    lex = lexicons()
    orig, text = text, join_broken_lines(text, lex.sentence_openers)  # the rules read the joined view; claims quote the original
    text = _curly_quotes(text)  # "……"他说 in pages that type straight quotes: the rules read them as “……”
    spk = _Speakers(list(mentions) + _digest_firms(text, mentions))
    t_words = {w.start: w for w in words}
    ends = {w.end for w in words}
    claims: list[Claim] = []
    used_cues: set[int] = set()
    quoted = quotes(text)
    last_speaker: tuple[str, str, int] | None = None  # speaker, type, paragraph start

    def add(m: Mention, how: str, cue: str, s: int, e: int, kind: str) -> None:
        nonlocal last_speaker
        body = text[s:e].strip()
        if len(body) < 4:
            return
        conf = _CONF["direct"] if kind == "direct" and how in ("indirect", "colon") else _CONF[how]
        claims.append(Claim(m.target, m.kind, kind, cue, orig[s:e], s, e, conf, signals=_signals(text, m, how, cue, s, e)))
        last_speaker = (m.target, m.kind, text.rfind("\n", 0, s) + 1)

    # 1. quotations followed by their speaker: “……”张朝晖提到。 “……”安信证券总监许彦冰说。
    for qs, qe in quoted:
        if qe - qs < 8:
            continue
        stop = _sentence_end(text, qe)
        for cm in lex.cue_re.finditer(text, qe, min(stop, without_titles(text, qe, 40))):
            if not _valid_cue(text, t_words, ends, cm, after_quote=True):
                continue
            after = cm.end()
            if cm.group() == "告诉":  # “……”温林鑫告诉36氪。: the one told
                told = re.match(r"[^，,。！？“”\n]{1,12}(?=[。，,！\n]|$)", text[after:after + 14])
                after += told.end() if told else 0
            if text[after:after + 1] not in ("。", "，", ",", "！", "\n", ""):
                break
            lead = text[qe:cm.start()]
            if "“" in lead or "。" in lead:
                break
            chosen = _choose_speaker(text, spk.between(qe, cm.start()), cm.start())
            if chosen is not None:
                if text[after:after + 1] in ("。", "！", "\n", ""):
                    used_cues.add(cm.start())  # “……”他说，…… goes on to an indirect claim of its own
                add(chosen[0], chosen[1], cm.group(), qs + 1, qe - 1, "direct")
            break

    # 2. cue verbs with the speaker before them
    for cm in lex.cue_re.finditer(text):
        if cm.start() in used_cues or not _valid_cue(text, t_words, ends, cm):
            continue
        cstart = _speech_start(text, cm.start())
        para = text.rfind("\n", 0, cm.start()) + 1
        chosen = _choose_speaker(text, spk.between(cstart, cm.start()), cm.start())
        how = chosen[1] if chosen else ""
        speaker = chosen[0] if chosen else None
        if speaker is None:
            # 公司表示，…… after a sentence about a named firm: that firm
            speaker = _firm_antecedent(text, cstart, cm.start(), spk)
            how = "org" if speaker is not None else ""
        if speaker is None and cm.group() in lex.strong_cues:
            # 高盛给出137元的目标价，预计今年总销量505万辆: the cue opens a clause of the subject's sentence
            speaker = _sentence_subject(text, cstart, cm.start(), spk)
            how = "continue" if speaker is not None else ""
        if speaker is None:
            # 国务院印发《关于……的实施意见》⏎《意见》强调，……: the body that issued the document
            speaker = _issuer(text, cstart, cm.start(), spk)
            how = "org" if speaker is not None else ""
        if speaker is None:
            # 据新华社援引伊朗通讯社报道，……。⏎报道说，……: the outlet of the report before
            speaker = _report_outlet(text, cstart, cm.start(), claims)
            how = "report" if speaker is not None else ""
        if speaker is None:
            # 在张三看来 / 据张三介绍 frames are handled below; "并表示"/"同时指出" continue the last speaker
            lead = text[cstart:cm.start()]
            if last_speaker is not None and last_speaker[2] == para and lex.adverbials_re.match(lead) and lead:
                speaker = Mention(cm.start(), cm.start(), "", last_speaker[0], last_speaker[1], "continue")
                how = "continue"
            else:
                continue
        if cm.group() in ("预计", "预期") and speaker.kind == "organization" and speaker.end \
                and _REPORTED.search(text, sentence_start(text, cstart), cstart):
            continue  # 据媒体报道，……，而SpaceX预计最快将于6月上市: what the report expects of the firm
        frame = re.search(r"据$", text[cstart:speaker.start]) if speaker.end else None
        s, e, kind = _claim_text(text, cm.end())
        if speaker.via == "subject" and kind == "indirect":
            s = speaker.start + len(text[speaker.start:s]) - len(text[speaker.start:s].lstrip(" \u3000"))
        if e - s <= 1 and re.match(r"[：:][ \u3000]*\n", text[cm.end():cm.end() + 4]):
            # 九号资本表示：⏎…… the statement is the paragraph (or paragraphs) below
            for k, (ps, pe) in enumerate(answer_paragraphs(text, cm.end(), _MAX_STATEMENT)):
                if k and speaker.kind == "person" and not re.search(r"我|咱", text[ps:pe]):
                    break  # Dario Amodei开玩笑说：⏎……⏎去年夏天，Anthropic曾……: the report goes on in its own words
                add(speaker, "frame" if frame else how, cm.group(), ps, pe, "direct")
            continue
        if kind == "indirect" and _is_topic_phrase(text, cm.end(), s, e):
            continue  # 介绍了该公司投研大模型的建设情况: what the talk was about, not what was said
        if frame and kind == "indirect" and _inner_speech(text, t_words, ends, s, e):
            continue  # 据彭博报道，日本财务大臣……证实，……: the words of the one the report quotes
        if kind == "indirect" and _opens_with_speaker(text, t_words, ends, spk, s):
            continue  # 华尔街见闻提及，SemiAnalysis指出，……: the one named after the cue says it
        if kind == "indirect":
            e = _cut_at_next_speaker(text, s, e, spk, t_words, ends)
        if e - s <= 1:
            continue  # 香港证监会最新披露！: nothing follows the cue
        if kind == "indirect" and s == cm.end() and cm.group() in _cues_in_claim():
            s = cm.start()  # 该公司预计将筹资……: the forecast is what is said
        if kind == "indirect" and speaker.end and not orig[orig.rfind("\n", 0, speaker.start) + 1:speaker.start].strip(" \u3000\t"):
            e = _paragraph_statement(text, s, e, spk, speaker.target, quoted)  # 中信证券表示，……。……。 the paragraph is its view
        elif kind == "indirect" and speaker.end and speaker.via != "pronoun" \
                and _opens_sentence(text, _speech_start(text, speaker.start)) and text[e:e + 1] in SENT_END:
            e = _paragraph_statement(text, s, e, spk, speaker.target, quoted)  # 特朗普称，……。待局势平稳后，……
        add(speaker, "frame" if frame else how, cm.group(), s, e, kind)
        # 易明远和秦若谷都认为: each of the coordinated speakers says it
        people = [m for m in spk.between(cstart, cm.start()) if m.kind == "person"]
        if len(people) > 1 and (lex.together_re.match(text, people[-1].end, cm.start()) or _coordinated(text, people)):
            for other in people[1:]:
                if other.target != speaker.target:
                    claims.append(Claim(other.target, "person", kind, cm.group(), orig[s:e], s, e, _CONF["indirect"],
                                        signals=_signals(text, other, "together", cm.group(), s, e)))

    # 3. 在张三看来，……
    for fm in re.finditer(r"在([^，。！？\n]{1,24}?)看来[，,]", text):
        found = [m for m in spk.between(fm.start(1), fm.end(1))]
        people = [m for m in found if m.kind == "person"] or found
        if people:
            s, e, kind = _claim_text(text, fm.end())
            add(people[0], "frame", "在……看来", s, e, kind)

    # 3c. sources: 据高盛大宗经纪业务数据，…… / 据商务部网站，…… / 记者从国家数据局了解到，…… / 正如X所言，……
    for fm in _source_re().finditer(text):
        g = next(k for k in ("src", "src2", "src3", "src4") if fm.group(k))
        a, b = fm.span(g)
        found = [m for m in spk.between(a, b) if m.via != "pronoun" and not _in_book_title(text, m.start)]
        found = [m for m in found if m.kind == "person"] or found
        if not found or (g == "src2" and text[a:found[0].start].strip(" \u3000")):
            continue  # 今年的销售数据显示: no source named at the clause's start
        s, e, kind = _claim_text(text, fm.end())
        if kind == "indirect":
            if _inner_speech(text, t_words, ends, s, e):
                continue
            e = _cut_at_next_speaker(text, s, e, spk, t_words, ends)
        add(found[0], "source", fm.group().strip("，,：: \u3000"), s, e, kind)

    # 3a. 他给出的核心判断是：…… / 王传福当时给出的归因是“……”
    for om in _opinion_re().finditer(text):
        cstart = _speech_start(text, om.start())
        chosen = _choose_speaker(text, spk.between(cstart, om.start()), om.start())
        if chosen is not None and chosen[0].kind == "person":
            s, e, kind = _claim_text(text, om.end())
            add(chosen[0], chosen[1], om.group().rstrip("：:，, "), s, e, kind)

    # 3b. a firm speaking through its filing: 天齐锂业披露业绩预告，预计…… / 五粮液公告，……
    filing = _filing_re()
    for m in spk.mentions:
        if m.kind != "organization":
            continue
        fm = filing.match(text, m.end)
        if fm is None:
            continue
        s, e, kind = _claim_text(text, fm.end())
        if kind == "indirect":
            e = _cut_at_next_speaker(text, s, e, spk, t_words, ends)
        add(m, "org", fm.group().strip(" \u3000，,：:"), s, e, kind)

    # 3d. a revised forecast: 高盛将年底目标价从7700点上调至8250点 / 日产将全年销量预期从330万辆下调至315万辆
    for rm in _REVISION.finditer(text):
        cstart = _speech_start(text, rm.start())
        found = [m for m in spk.between(cstart, rm.start()) if not _in_book_title(text, m.start)]
        people = [m for m in found if m.kind == "person"]
        if people:
            lead = text[people[-1].end:rm.start()]
            subjects = people[:1]  # 策略师Nicole Inui和Alastair Pinder将……: each of the coordinated people
            for m in people[1:]:
                if not _coordinated(text, [subjects[-1], m]):
                    subjects = [m]
                else:
                    subjects.append(m)
        elif found:
            lead = text[found[-1].end:rm.start()]
            subjects = found[-1:]
        else:
            continue
        if not re.fullmatch(_REVISION_LEAD, _WHEN.sub("", lead).strip(" \u3000")):
            continue  # 韩国国民年金公团决定在2026年将……: another verb is the subject's act
        s, e = rm.start(), _sentence_end(text, rm.start())
        while e > s and text[e - 1] in SENT_END + "，,；; \n":
            e -= 1
        e = _cut_at_next_speaker(text, s, e, spk, t_words, ends)
        for m in subjects:
            add(m, "revision", "将……调至", s, e, "indirect")
    # 4. 张三：…… at the start of a line or clause
    for m in spk.mentions:
        if m.kind != "person" or m.via == "pronoun":
            continue
        if text[m.end:m.end + 1] not in ("：", ":") or not (m.start == 0 or text[m.start - 1] in "\n，,。 　"):
            continue
        line_end = text.find("\n", m.end)
        if not text[m.end + 1:len(text) if line_end < 0 else line_end].strip(" \u3000\t\r"):
            # 毛梁：⏎ on a line of its own: the paragraphs down to the next turn are the answer
            for s, e in answer_paragraphs(text, m.end):
                if not _is_question(text[s:e]):
                    add(m, "colon", "：", s, e, "direct")
        elif m.start == 0 or text[m.start - 1] == "\n":
            s, e = m.end + 1, len(text) if line_end < 0 else line_end  # 毛梁：…… the answer is the paragraph
            if _is_question(text[s:e]):
                continue  # 主持人：……？ a question is nobody's claim
            while e > s and text[e - 1] in SENT_END + "，,；; 　":
                e -= 1
            add(m, "colon", "：", s, e, "direct")
        else:
            s, e, _ = _claim_text(text, m.end + 1)
            add(m, "colon", "：", s, e, "direct")  # an answer in a Q&A is the speaker's own words

    # 4a. a firm's headline or statement under its name: 高盛：这类投资者正大举加仓 / 万联证券：⏎……
    for m in mentions:  # the recogniser's firms (a digest's headline firm speaks through its body)
        if m.kind != "organization" or m.via == "pronoun":
            continue
        colon = re.match(r"[ \u3000]*[：:]", text[m.end:m.end + 8])
        ls = text.rfind("\n", 0, m.start) + 1
        if colon is None or text[ls:m.start].strip(" \u3000\t") and text[m.start - 1:m.start] not in ("？", "?", "！", "!"):
            continue
        at = m.end + colon.end()
        line_end = text.find("\n", at)
        line_end = len(text) if line_end < 0 else line_end
        if not text[at:line_end].strip(" \u3000\t\r"):
            for ps, pe in answer_paragraphs(text, at, _MAX_STATEMENT):
                add(m, "colon", "：", ps, pe, "direct")
            continue
        s, e = at, line_end
        while s < e and text[s] in " \u3000":
            s += 1
        if _is_question(text[s:e]):
            continue  # 硬氪：……？ the interviewer's question
        while e > s and text[e - 1] in SENT_END + "，,；; \u3000":
            e -= 1
        add(m, "colon", "：", s, e, "indirect")

    # 4c. a press conference's Q&A: 有记者问：……请问商务部对此有何回应？答：……
    for am in re.finditer(r"[？?][ \u3000]*\n?[ \u3000]*答[：:]", text):
        qs = max(text.rfind("问：", 0, am.start()), text.rfind("问:", 0, am.start()))
        if qs < 0 or am.start() - qs > 300:
            continue
        asked = [x for x in spk.between(qs, am.start()) if x.via != "pronoun" and
                 re.search(r"(?:请问|问)[^，。？]{0,4}$", text[qs:x.start])]
        if not asked:
            continue
        e = text.find("\n", am.end())
        e = len(text) if e < 0 else e
        nxt = text.find("问：", am.end(), e)
        e = nxt if nxt > 0 else e
        while e > am.end() and text[e - 1] in SENT_END + "，,；; \u3000":
            e -= 1
        add(asked[-1], "colon", "答：", am.end(), e, "direct")

    # 4b. 罗启明用了一句话概括：“……”
    for qs, qe in quoted:
        if text[qs - 1:qs] not in ("：", ":") or qe - qs < 8:
            continue
        cstart = _speech_start(text, qs - 1)  # 温林鑫将双方关系形容为“革命友谊”：“……”: a short quoted term is a word
        chosen = _choose_speaker(text, spk.between(cstart, qs - 1), qs - 1)
        if chosen is not None and chosen[0].kind == "person":
            add(chosen[0], chosen[1], "：", qs + 1, qe - 1, "direct")

    # 5. an unattributed quotation right after a sentence that names its speaker
    claimed = [(c.start, c.end) for c in claims]
    for qs, qe in quoted:
        if qe - qs < 8 or any(a <= qs + 1 < b or qs <= a < qe for a, b in claimed):
            continue
        lead = text[clause_start(text, qs):qs]
        if lead.strip() and not lead.strip().endswith(("：", ":")):
            continue
        if _quote_headline(text, qs, qe):
            continue  # ⏎“伊朗已为战火重燃做好准备”⏎……伊朗已为战火重燃做好准备，……: a section's headline
        if any(_valid_cue(text, t_words, ends, cm) for cm in lex.cue_re.finditer(text, sentence_start(text, qs), qs)):
            continue  # 行业人士告诉记者，……“……”: the quotation is the words of the one the sentence leaves unnamed
        # right after a claim (…袭击。“这一局势极为危险。”) a short quotation or a firm's is the same speaker's
        just = [c for c in claims if c.end <= qs and not text[c.end:qs].strip(SENT_END + "”」 \u3000")]
        prev = just or [c for c in claims if c.end <= qs and qs - c.end <= 200 and c.speaker_type == "person"]
        if qe - qs < 14 and not just:
            continue
        if prev:
            last = max(prev, key=lambda c: c.end)
            m = Mention(qs, qs, "", last.speaker, last.speaker_type, "neighbour")
            add(m, "neighbour", "", qs + 1, qe - 1, "direct")
        else:
            # 陈锐在闭幕式上最后一个发言。“……”: the person the sentence before is about
            k = sentence_start(text, qs)
            while k > 0 and text[k - 1] in SENT_END + "\n 　":
                k -= 1
            before = [m for m in spk.between(sentence_start(text, k), k) if m.kind == "person" and m.via != "pronoun"]
            sent_start = k
            if before and not text[before[0].end:sent_start].strip().endswith("？"):
                m0 = before[0]
                add(Mention(qs, qs, "", m0.target, "person", "neighbour"), "neighbour", "", qs + 1, qe - 1, "direct")

    dropped = _headline_duplicates(text, claims, spk)
    yield from _dedupe([c for k, c in enumerate(claims) if k not in dropped])


_STRAIGHT = re.compile(r'"')
_LINE_RE = re.compile(r"[^\n]+")


def _curly_quotes(text: str) -> str:
    """Gives ``text`` with the straight quote marks of each line that has a Chinese character and an even
    number of them turned into opening and closing marks by turns (the same length: offsets keep)."""
    if '"' not in text:
        return text
    chars = list(text)
    for line in _LINE_RE.finditer(text):
        marks = [m.start() for m in _STRAIGHT.finditer(text, line.start(), line.end())]
        if not marks or len(marks) % 2 or not re.search(r"[\u4e00-\u9fff]", line.group()):
            continue
        for k, i in enumerate(marks):
            chars[i] = "“" if k % 2 == 0 else "”"
    return "".join(chars)


#: A forecast revised: 将[今年的]目标价/预测/预期/评级[……]从A上调至B
_REVISION = re.compile(r"将(?=[^，。；\n]{0,30}?(?:目标价|目标|预测|预期|预估|评级|指引)[^，。；\n]{0,6}?(?:从|由)[^，。；\n]{1,20}?"
                       r"(?:上调|下调|调升|调降|上修|下修|提高|调高|调低|降低)至)")
#: What may stand between the reviser and 将: adverbs, a day (上周也将, 同步将)
_REVISION_LEAD = r"(?:上周|本周|周[一二三四五六日]|近日|日前|此前|再次|同步|进一步|也|还|则|又|已|均|亦|分别)*"


def _opens_sentence(text: str, cstart: int) -> bool:
    """Gives True where a speaker's clause opens its sentence (特朗普称，……)."""
    return cstart == sentence_start(text, cstart)


def _signals(text: str, m: Mention, how: str, cue: str, s: int, e: int) -> tuple[str, ...]:
    """Gives what a later calibration of a claim's confidence can read: the rule, how the speaker was
    referred to, the cue's strength, the distance from the speaker's name, and whether it is a headline."""
    lex = lexicons()
    strength = "strong" if cue in lex.strong_cues else "weak" if cue in lex.cues else "form"
    if m.start == m.end:
        gap = -1  # a speaker carried over (continue, neighbour, subject)
    else:
        gap = s - m.end if m.end <= s else m.start - e if m.start >= e else 0
    ls, le = text.rfind("\n", 0, s) + 1, text.find("\n", s)
    line = text[ls:len(text) if le < 0 else le].strip(" \u3000\t")
    out = [f"rule={how}", f"speaker={m.via}", f"cue={strength}", f"gap={gap}"]
    if len(line) <= 50 and not any(ch in line for ch in SENT_END + "；;") and (le < 0 or e <= le):
        out.append("headline")
    return tuple(out)


def _quote_headline(text: str, qs: int, qe: int) -> bool:
    """Gives True where a quotation is a line of its own whose words the next 600 characters say again."""
    ls, le = text.rfind("\n", 0, qs) + 1, text.find("\n", qe)
    le = len(text) if le < 0 else le
    return not text[ls:qs].strip(" \u3000\t") and not text[qe:le].strip(" \u3000\t") \
        and text[qs + 1:qe - 1] in text[le:le + 600]


def _coordinated(text: str, people: Sequence[Mention]) -> bool:
    """Gives True where the people of a clause are joined by 和/及 alone (Inui和Pinder也提醒; not 与: 卢拉与特朗普
    通电话 is one talking with the other; not 、: a byline's 记者 吴昊、黄靖斯)."""
    return all(text[a.end:b.start] in ("和", "及", "以及") for a, b in zip(people, people[1:]))


def _opens_with_speaker(text: str, t_words: dict[int, Word], ends: set[int], spk: _Speakers, s: int) -> bool:
    """Gives True where a claim's content opens with a named speaker of its own and a cue (……提及，SemiAnalysis
    指出，……)."""
    lex = lexicons()
    first = next(iter(spk.between(s, s + 40)), None)
    if first is None or first.via == "pronoun" or text[s:first.start].strip(" \u3000\n"):
        return False
    for cm in lex.cue_re.finditer(text, first.end, min(len(text), first.end + 16)):
        if text[cm.end():cm.end() + 1] not in ("，", ",", "：", ":") or not _valid_cue(text, t_words, ends, cm):
            continue
        chosen = _choose_speaker(text, spk.between(first.start, cm.start()), cm.start())
        return chosen is not None and chosen[0] is first
    return False


def _inner_speech(text: str, t_words: dict[int, Word], ends: set[int], s: int, e: int) -> bool:
    """Gives True where the first sentence of a report's content has a speaker of its own: a cue before a
    comma or colon in its first 60 characters (……片山皋月证实，她……)."""
    lex = lexicons()
    stop = min(e, sentence_end(text, s, 60))
    return any(text[cm.end():cm.end() + 1] in "，,：:" and
               _valid_cue(text, t_words, ends, cm) for cm in lex.cue_re.finditer(text, s, stop))


def _headline_duplicates(text: str, claims: list[Claim], spk: _Speakers) -> set[int]:
    """Gives the indices of the claims made in a headline (a short line with no sentence end inside, the
    body below it: ``何小鹏表示小鹏智驾即将出海⏎36氪获悉，何小鹏发文透露……``) whose speaker speaks again in
    the next two paragraphs: the body says it in full. A firm's ``X：……`` headline goes where the body
    names the firm again (天齐锂业：一季度净利润……⏎天齐锂业披露一季报，……): the body is its news."""
    out = set()
    for k, c in enumerate(claims):
        colon = c.cue in ("：", ":")
        if colon and c.kind == "direct":
            continue  # 毛梁：⏎…… an answer, 万联证券：⏎…… a statement below its name
        ls = text.rfind("\n", 0, c.start) + 1
        le = text.find("\n", c.start)
        le = len(text) if le < 0 else le
        line = text[ls:le].strip(" \u3000\t")
        if len(line) > 50 or any(ch in line for ch in SENT_END + "；;") or c.end > le:
            continue  # a long line, or a quotation the page broke over lines
        paras = [m.span() for m in re.finditer(r"[^\n]*\S[^\n]*", text[le:])][:2]
        if not paras:
            continue
        stop = le + paras[-1][1]
        if any(o.speaker == c.speaker and le < o.start < stop for o in claims) or \
                (colon and any(m.target == c.speaker for m in spk.between(le, stop))):
            out.add(k)
    return out


def _is_topic_phrase(text: str, cue_end: int, s: int, e: int) -> bool:
    """Gives True where a cue is followed by a noun phrase naming a subject (介绍了…的情况, 回应了…的关注), or
    opens a time clause (他提到汽车的残酷时，……)."""
    lex = lexicons()
    body = text[s:e]
    if text[cue_end - 2:cue_end] in lex.talk_cues and re.match(r"[^，。；]{2,24}时[，,]", body):
        return True
    if text[cue_end:cue_end + 1] == "了" or re.match(r"了?(?:关于|有关|对)", text[cue_end:cue_end + 4]):
        return "，" not in body and len(body) <= 30
    talk = text[cue_end - 2:cue_end] in lex.talk_cues
    return talk and bool(lex.topic_noun_re.search(body)) and "，" not in body and len(body) <= 24



def _dedupe(claims: list[Claim]) -> list[Claim]:
    """Gives the claims without overlapping duplicates, keeping the more confident one."""
    out: list[Claim] = []
    for c in sorted(claims, key=lambda c: (-c.confidence, c.start)):
        if any(not (c.end <= o.start or o.end <= c.start) and not (o.start == c.start and o.end == c.end
                                                                  and o.speaker != c.speaker) for o in out):
            continue
        out.append(c)
    return sorted(out, key=lambda c: c.start)


# also reads doc._.kg_words, set by the tokenizer: no component assigns it (see kg_entities)
@Language.component("kg_claims", requires=["doc._.kg_mentions"], assigns=["doc._.kg_claims"])
def extract_claims(doc: Doc) -> Doc:
    """Pipeline stage ``kg_claims``: the document's attributed statements."""
    doc._.kg_claims = list(find_claims(doc.text, words_of(doc), doc._.kg_mentions or []))
    return doc
