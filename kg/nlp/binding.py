"""Binding: which person holds which title at which organization.

Works on the entity records alone, by adjacency in the text:

* ``ORG TITLE PERSON`` and ``TITLE PERSON`` (平安证券CIO张朝晖, 图为财联社副总编辑刘兴祥, 首席经济学家明明);
  ``ORG的TITLE PERSON``; a leading 原/前 marks a former post;
* ``PERSON（ORG TITLE）`` and ``PERSON，ORG TITLE，``; ``选举PERSON为[公司]TITLE``; ``PERSON的ORG`` (巴菲特的伯克希尔哈撒韦)
  and ``PERSON拥有/领导/创立的ORG``, with no title;
* lists after one title inherit it (记者 吴昊 黄靖斯, 分析师张三、李四);
* bylines: a reporter's title with no firm beside it takes the outlet named just before it on the
  same line (财联社（上海，记者 吴昊）);
* credit lines (作者｜张三, 文｜李四 王五, 编辑：赵六): each name is the outlet's staff with that
  credit as title; the outlet is the account a reprint credit names (本文来自微信公众号“硬氪”，
  作者：乔钰杰), else the document's source.
"""
from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator, Sequence

from spacy.language import Language
from spacy.tokens import Doc

from kg.nlp.entities.speakers import appointing_verbs
from kg.nlp.lexicon import lexicons
from kg.nlp.names import canonical_org, org_in_context, short_names, split_org_title, split_titles
from kg.records import ORG_LABELS, SEP, Affiliation, Entity

__all__ = ["bind", "main_company", "with_main_company", "bind_affiliations"]

_GAP_OK = re.compile(r"^[ 　]?$")
# between a firm and its title: nothing, 的, or a Latin gloss (摩根士丹利（Morgan Stanley）首席经济学家)
_ORG_TITLE_GAP = re.compile(r"的?|[（(][^（）()]{0,30}[）)]")


def _former(text: str, start: int) -> bool:
    marks = lexicons().former_marks
    return text[max(0, start - 1):start] in marks or text[max(0, start - 2):start] in marks


def bind(text: str, entities: Sequence[Entity], *, outlet: str = "") -> Iterator[Affiliation]:
    """Yields the affiliations stated in ``text`` for the given entities (in text order).

    ``outlet`` (the document's source) is the firm of a reporter whose byline names none.
    """
    lex = lexicons()
    yield from credit_lines(text, entities, outlet=outlet)
    ents = sorted(entities, key=lambda e: e.start)
    firms = {e.text for e in ents if e.label in ORG_LABELS}
    last_chain: tuple[str, str, bool, int] | None = None  # org, title, former, end of the last bound person
    for i, p in enumerate(ents):
        if p.label != "PERSON":
            continue
        prev = ents[i - 1] if i > 0 else None
        # a list after one title: 记者 吴昊 黄靖斯
        if (prev is not None and prev.label == "PERSON" and last_chain is not None and last_chain[3] == prev.end
                and (re.fullmatch(r"[ 　、]", text[prev.end:p.start])
                     or text[prev.end:p.start] in ("和", "与", "及"))):
            # (策略师Nicole Inui和Alastair Pinder, 分析师王刚和李明: names joined by 和)
            org, title, former, _ = last_chain
            yield Affiliation(p.text, org, title, p.start, p.end, former)
            last_chain = (org, title, former, p.end)
            continue
        if prev is not None and prev.label in ORG_LABELS and _GAP_OK.match(text[prev.end:p.start]):
            # 美国国务卿鲁比奥: the recogniser took the country and the title for an organization
            post = _title_tail(prev.text)
            if post:
                org, title = _country_post(prev.text[:-len(post)], post)
                org = canonical_org(org) if org else ""
                yield Affiliation(p.text, org, title, prev.start, p.end, _former(text, prev.start))
                yield from _career(text, ents, i)
                last_chain = (org, title, False, p.end)
                continue
        if prev is not None and prev.label == "TITLE" and _GAP_OK.match(text[prev.end:p.start]):
            title, start = prev.text, prev.start
            org = ""
            before = ents[i - 2] if i > 1 else None
            if before is not None and before.label in ORG_LABELS and (
                    _ORG_TITLE_GAP.fullmatch(text[before.end:prev.start]) or _own_line(text, before, prev)):
                org, start = before.text, before.start
            elif title in lex.byline_titles:
                org = _byline_org(text, ents[:i - 1], prev.start) or outlet
            elif text[prev.start - 1:prev.start] == "、" and last_chain is not None and last_chain[0] \
                    and not re.search(r"[。！？\n，]", text[last_chain[3]:prev.start]):
                org = last_chain[0]  # 华泰证券首席经济学家易明远、首席策略分析师秦若谷
            former = _former(text, start) or _former(text, prev.start)
            if title[:1] in lex.former_marks and len(title) > 2:
                title, former = title[1:], True  # 锐川智控前财务总监
            if not org:
                org, title = split_org_title(title, firms)  # SpaceX总裁马斯克, 华泰证券首席经济学家易明远
            org, title = _country_post(org, title)
            if org and before is not None and org == before.text:
                org = org_in_context(text, before.start, before.end)  # 日本经济……，央行行长植田和男
            org = canonical_org(org) if org else ""
            unit = _GOV_UNIT.match(title) if before is not None and before.label == "GOV" and org else None
            if unit and lex.title_re.fullmatch(title[unit.end():]):
                # 中国证监会上海监管局副局长: a regulator's local office is the organization
                org, title = before.text + unit.group(), title[unit.end():]
            for part in title.split("、"):
                yield Affiliation(p.text, org, part, start, p.end, former)
            yield from _career(text, ents, i)
            last_chain = (org, title, former, p.end)
            continue
        yield from _career(text, ents, i)
        nxt = ents[i + 1:i + 3]
        if prev is not None and prev.label in ORG_LABELS and (
                (prev.end == p.start and nxt and nxt[0].label == "TITLE" and nxt[0].start == p.end
                 and not (len(nxt) > 1 and nxt[1].label == "PERSON" and nxt[1].start - nxt[0].end <= 1))
                or (text[prev.end:p.start] == "的" and p.text[:1].isascii() and prev.text[-1:].isascii())):
            # 四川大学徐建军教授 (ORG NAME TITLE), CFRA Research的Sam Stovall
            title = nxt[0].text if prev.end == p.start else ""
            yield Affiliation(p.text, canonical_org(org_in_context(text, prev.start, prev.end)), title, prev.start,
                              nxt[0].end if title else p.end, _former(text, prev.start))
            last_chain = None
            continue
        # PERSON（ORG TITLE） and PERSON，ORG TITLE，
        post = _appointed_as(text, p, nxt) or _owner_of(text, p, nxt)
        if post is not None:
            yield post
            last_chain = None
            continue
        if len(nxt) == 2 and nxt[0].label in ORG_LABELS and nxt[1].label == "TITLE":
            gap1, gap2 = text[p.end:nxt[0].start], text[nxt[0].end:nxt[1].start]
            closer = text[nxt[1].end:nxt[1].end + 1]
            if gap1 in ("（", "(", "，", ",") and gap2 in ("", "的") and closer in ("）", ")", "，", ",", "。", ""):
                yield Affiliation(p.text, org_in_context(text, nxt[0].start, nxt[0].end), nxt[1].text, p.start, nxt[1].end,
                                  _former(text, nxt[0].start))
        last_chain = None


def _own_line(text: str, org: Entity, title: Entity) -> bool:
    """Tells whether a firm stands alone on the line just before a title's (a link's text: ⏎蔚来⏎创始人李斌)."""
    return (text[org.end:title.start].strip(" \t\u3000") == "\n" and text[org.start - 1:org.start] in ("\n", "")
            and text[title.start - 1:title.start] == "\n")


def _appointed_as(text: str, p: Entity, nxt: Sequence[Entity]) -> Affiliation | None:
    """Gives the post of 选举/聘任 PERSON 为 [ORG|公司] TITLE (选举邓敏为公司董事长), else None."""
    lex = lexicons()
    if text[p.end:p.end + 1] != "为" or text[max(0, p.start - 2):p.start] not in appointing_verbs():
        return None
    org, k = "", 0
    if nxt and nxt[0].label in ORG_LABELS and nxt[0].start == p.end + 1:
        org, k = nxt[0].text, 1
    at = nxt[0].end if k else p.end + 1
    firm_word = next((w for w in lex.firm_words if text.startswith(w, at)), "")
    if len(nxt) > k and nxt[k].label == "TITLE":
        title, end = nxt[k].text, nxt[k].end
        gap = text[at:nxt[k].start]
        if gap not in ("", "的") and gap not in lex.firm_words:
            return None
    else:  # a title the recogniser left alone: read it from the title lexicon
        m = lex.title_re.match(text, at + len(firm_word))
        if m is None:
            return None
        title, end = m.group(), m.end()
    return Affiliation(p.text, canonical_org(org) if org else "", title, p.start, end, False)


#: PERSON + one of these + ORG: the firm the person owns or heads (巴菲特的伯克希尔, 由沃什领导的美联储)
_OWNS = re.compile(r"(?:拥有|执掌|领导|掌舵|掌管|创立|创办|创建|旗下)?的")


def _owner_of(text: str, p: Entity, nxt: Sequence[Entity]) -> Affiliation | None:
    """Gives the firm of PERSON的ORG and PERSON拥有/领导/创立的ORG (巴菲特的伯克希尔哈撒韦), with no title."""
    if not nxt or nxt[0].label not in ORG_LABELS or not _OWNS.fullmatch(text[p.end:nxt[0].start]):
        return None
    return Affiliation(p.text, org_in_context(text, nxt[0].start, nxt[0].end), "", p.start, nxt[0].end, False)


#: a government body's local office before a title (上海监管局, 深圳分局, 驻京办事处)
_GOV_UNIT = re.compile(r"[\u4e00-\u9fff]{2,6}?(?:监管局|分局|办事处|特派办|派出机构)")
_CJK_GAP = re.compile(r"[\u4e00-\u9fff]{0,3}")
_SENTENCE_END = re.compile(r"[。！？!?]")
_MINISTRY_CHARS = frozenset("部局署厅")  # 财政部长: the ministry's last character starts the minister's title
_UNIT = re.compile(r"[\u4e00-\u9fff]{1,5}[一二三四五六七八九]?部")  # 研发部, 销售运营一部: a department alone


def _career(text: str, ents: Sequence[Entity], i: int) -> Iterator[Affiliation]:
    """Yields the posts of a person's résumé after the name, up to the next person or the paragraph's end.

    * ``PERSON……曾担任ORG TITLE`` (the clause ends with an appointment verb) and ``在/加入ORG担任TITLE``;
    * a list after one verb: 曾担任极智嘉产品线负责人、明略集团产品总监、产研总负责人 (a title alone takes
      the firm before it);
    * a later sentence of the same paragraph that opens with the verb: 。曾任西门子中国有限公司副总裁;
    * a résumé sentence of posts alone, each closed by a comma: 。新希望智能设备制造有限公司董事长，空中客车集团顾问。;
    * a post whose title the recogniser missed is read from the title lexicon (宣誓就任美联储主席).

    A title that a name follows (腾讯首席执行官马化腾) is that person's, not this one's.
    """
    lex = lexicons()
    p = ents[i]
    para_end = text.find("\n", p.end)
    limit = min(len(text) if para_end < 0 else para_end, p.end + 300)
    prev_end, prev_org, prev_former = -1, "", False
    for j in range(i + 1, len(ents)):
        o = ents[j]
        if o.start >= limit or o.label == "PERSON":
            break
        nxt = ents[j + 1] if j + 1 < len(ents) else None
        if o.label == "TITLE":
            # 明略集团产品总监、产研总负责人: a title alone after a post in the list
            if prev_org and text[prev_end:o.start] == "、" and not _named_after(text, ents, j, o.end):
                yield Affiliation(p.text, prev_org, o.text, o.start, o.end, prev_former)
                prev_end = o.end
            continue
        if o.label not in ORG_LABELS:
            continue
        join = ""
        if nxt is not None and nxt.label == "TITLE" and lex.appointed_in_re.fullmatch(text[o.end:nxt.start]) \
                and lex.career_join_re.search(text[max(0, o.start - 2):o.start]):
            join, title, t_end, k = text[o.end:nxt.start], nxt.text, nxt.end, j + 1  # 在ORG担任TITLE
        elif nxt is not None and nxt.label == "TITLE" and _CJK_GAP.fullmatch(text[o.end:nxt.start]) \
                and not lex.appointed_in_re.search(text[o.end:nxt.start]):
            title, t_end, k = nxt.text, nxt.end, j + 1  # 明略集团产品总监 (the title the recogniser gave)
        else:
            m = lex.title_re.match(text, o.end)
            if m is None:
                continue
            title, t_end, k = m.group(), m.end(), j
        if _named_after(text, ents, k, t_end):
            continue
        between = text[p.end:o.start]
        lead = re.split(r"[，,；;。！？!?]", between)[-1]
        if join:
            lead = lead[:len(lead) - len(lex.career_join_re.search(text[max(0, o.start - 2):o.start]).group())]
            ok = not _SENTENCE_END.search(between) or lex.career_lead_re.fullmatch(lead) is not None or lead == ""
            former = bool(lex.former_re.search(lead))
        elif prev_org and text[prev_end:o.start] == "、":
            ok, former = True, prev_former  # the list goes on under the same verb
        elif text[t_end:t_end + 1] in ("，", "。", "；") and (
                (lead == "" and text[o.start - 1:o.start] == "。") or (prev_org and text[prev_end:o.start] == "，")):
            # a résumé sentence of posts alone: 。新希望智能设备制造有限公司董事长，空中客车集团顾问。
            ok, former = True, prev_former if prev_org else False
        elif lex.appointed_lead_re.search(lead):
            # a later sentence: only a clause with no subject of its own (。曾任…, 。此前还担任…)
            ok = not _SENTENCE_END.search(between) or lex.career_lead_re.fullmatch(lead) is not None
            former = bool(lex.former_re.search(lead)) or "历任" in lead  # 历任: held one post after another
        else:
            ok = False
        if not ok:
            prev_org = ""
            continue
        org = org_in_context(text, o.start, o.end)
        if _UNIT.fullmatch(org) and org not in lex.known_orgs:
            prev_org = ""
            continue  # 担任研发部经理: a department, not the firm
        for part in title.strip().split("、"):
            yield Affiliation(p.text, org, part, o.start, t_end, former)
        prev_end, prev_org, prev_former = t_end, org, former


def _title_tail(name: str) -> str:
    """Gives the title an organization's span ends with where what is before it is a country or a firm
    (美国国务卿 -> 国务卿), else ''."""
    lex = lexicons()
    for m in lex.title_re.finditer(name):
        if m.end() == len(name) and m.start() >= 2:
            head = name[:m.start()]
            if head in lex.countries or head in lex.known_orgs:
                return name[m.start():]
    return ""


def _country_post(org: str, title: str) -> tuple[str, str]:
    """Gives (org, title) with a country kept out of the organizations: (巴西, 总统) -> ("", 巴西总统);
    a ministry glued to its minister's title is the ministry (美国财政, 部长) -> (美国财政部, 部长), and a
    minister (大臣) heads a ministry: (日本财务, 大臣) -> (日本财务省, 财务大臣), (英国外交, 大臣) -> 英国外交部."""
    lex = lexicons()
    if org in lex.countries:
        return "", org + title
    if not org and title.endswith("大臣") and len(title) > 4:
        # 日本经济产业大臣 as one title: the ministry (日本经济产业省), the minister (经济产业大臣)
        country = next((c for c in lex.countries if title.startswith(c) and len(title) - len(c) > 2), "")
        if country:
            return title[:-2] + ("省" if country == "日本" else "部"), title[len(country):]
    if not org and title[-1:] == "长" and title[-2:-1] in _MINISTRY_CHARS:
        # 美国财政部长 as one title: the country's ministry (美国财政部), the minister's title (财政部长)
        country = next((c for c in lex.countries if title.startswith(c) and title[len(c):-1] in lex.known_orgs), "")
        if country:  # 中国财政部长: China's own ministry goes by its bare name
            ministry = title[len(country):-1]
            return (ministry if country == "中国" else country + ministry), title[len(country):]
    country = next((c for c in lex.countries if org.startswith(c) and len(org) > len(c)), "")
    if title[:1] in _MINISTRY_CHARS and len(title) == 2 and not org.endswith(title[0]) and country:
        return org + title[0], title
    if title == "大臣" and country and not org.endswith(("省", "部")):
        # 日本财务 + 大臣 -> 日本财务省 | 财务大臣; 英国外交 + 大臣 -> 英国外交部 (Japan's ministries are 省)
        return org + ("省" if country == "日本" else "部"), org[len(country):] + title
    return org, title


def _named_after(text: str, ents: Sequence[Entity], k: int, end: int) -> bool:
    """Gives True where a person's name follows the title ending at ``end`` (ents[k] is the title or firm)."""
    nxt = ents[k + 1] if k + 1 < len(ents) else None
    return nxt is not None and nxt.label == "PERSON" and nxt.start - end <= 1 and text[end:nxt.start] in ("", " ")


_CREDIT_NAME = re.compile(r"[\u4e00-\u9fff]{2,4}(?:·[\u4e00-\u9fff]{1,6})?")
_CREDIT_GAP = re.compile(r"[ \t\u3000\xa0、]+")


def credit_lines(text: str, entities: Sequence[Entity], *, outlet: str = "") -> Iterator[Affiliation]:
    """Yields the staff of credit lines: 作者｜乔钰杰 -> (乔钰杰, outlet, 作者); 编辑 | 乔芊 杨轩 -> two.

    A name is a PERSON entity, or 2-4 Chinese characters standing alone before the end of the line
    or a comma (a pen name such as 壮壮 is a name here too); an organization is never one.
    """
    lex = lexicons()
    people = {e.start: e for e in entities if e.label == "PERSON"}
    org_spans = [(e.start, e.end) for e in entities if e.label in ORG_LABELS]
    for m in lex.byline_label_re.finditer(text):
        label, pos = m.group(1), m.end()
        line_start = text.rfind("\n", 0, m.start()) + 1
        # the reprint credit names the account first: 本文来自微信公众号“硬氪”，作者：… (same or previous line)
        lead = text[max(0, line_start - 40):m.start()]
        acct = None
        for acct in lex.reprint_account_re.finditer(lead):
            pass
        org = acct.group(1).strip() if acct else outlet
        while pos < len(text):
            e = people.get(pos)
            if e is not None:
                name, end = e.text, e.end
            else:
                n = _CREDIT_NAME.match(text, pos)
                if n is None or any(a < n.end() and pos < b for a, b in org_spans) or n.group() in lex.known_orgs \
                        or n.group() == org or n.group()[:2] in lex.title_words or n.group() in lex.title_words:
                    break
                name, end = n.group(), n.end()
                if end < len(text) and text[end] not in " \t\u3000\xa0、，,\n。":
                    break
            yield Affiliation(name, canonical_org(org) if org else "", label, pos, end, False)
            gap = _CREDIT_GAP.match(text, end)
            if gap is None:
                break
            pos = gap.end()


def _byline_org(text: str, before: Sequence[Entity], title_start: int) -> str:
    """Gives the outlet named just before a reporter's title on the same line, or ''."""
    line_start = text.rfind("\n", 0, title_start) + 1
    for e in reversed(before):
        if e.start < line_start or title_start - e.end > 20:
            break
        if e.label in ORG_LABELS:
            # 财联社（上海，记者, 新华社北京10月8日电（记者
            if not re.search(r"[。！？!?）)]", text[e.end:title_start]):
                return e.text
    return ""


def main_company(text: str, entities: Sequence[Entity], headline: str = "") -> str:
    """Gives the firm a company story is about, or "".

    The first firm whose short name the article's lead defines (以下简称, in its first 400 characters), else the firm of the headline
    that the body names most (at least twice, and more than any other firm of the headline), else the
    firm the body names at least four times and twice as often as any other.
    """
    for e in entities:
        if e.start > _LEAD_CHARS:
            break  # a round-up defines the short names of many firms further down
        if e.label == "COMPANY" and (lexicons().defined_alias_re.match(text, e.end) or _GLOSSED_ALIAS.match(text, e.end)):
            return canonical_org(e.text)
    if headline:
        counts: dict[str, int] = {}
        for e in entities:
            if e.label == "COMPANY" and e.text in headline:
                counts[canonical_org(e.text)] = counts.get(canonical_org(e.text), 0) + 1
        ranked = sorted(counts.items(), key=lambda kv: -kv[1])
        if ranked and ranked[0][1] >= 2 and (len(ranked) == 1 or ranked[1][1] < ranked[0][1]):
            return ranked[0][0]
    # a story about one firm names it far more than any other: at least four times, twice the next
    counts = {}
    for e in entities:
        if e.label == "COMPANY":
            counts[canonical_org(e.text)] = counts.get(canonical_org(e.text), 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if ranked and ranked[0][1] >= 4 and (len(ranked) == 1 or ranked[0][1] >= 2 * ranked[1][1]):
        return ranked[0][0]
    return ""


_LEAD_CHARS = 400  # how far into the text the story's own firm has its short name defined
#: a gloss before the short name: 上海希夕智能科技有限责任公司（SUNSEED，以下简称“希夕智能”）
_GLOSSED_ALIAS = re.compile(r"[（(][^（）()，,]{1,20}[，,]\s*(?:以下)?(?:简称|下称)")


def with_main_company(affiliations: list[Affiliation], company: str) -> list[Affiliation]:
    """Gives the affiliations, corporate titles without a firm bound to the story's company.

    In a company announcement 董事长朱兴邦 or 原副总经理邓凯 hold their posts at the company the story
    is about; a title such as 记者 or 教授 is left alone.
    """
    if not company:
        return affiliations
    return [dataclasses.replace(a, org=company) if not a.org and lexicons().corporate_re.search(a.title) else a
            for a in affiliations]


_CLAUSE_END = re.compile(r"[，,；;。！？!?：:（(）)]")
_SENTENCE_START = re.compile(r"[。！？!?]")


def with_sentence_company(text: str, affiliations: list[Affiliation], entities: Sequence[Entity]) -> list[Affiliation]:
    """Gives the affiliations, a corporate title written after 公司 in its clause (选举张三为公司董事长,
    公司控股股东、实际控制人李四) bound to the last firm its sentence names before it: in a round-up of many
    firms (某某股份：拟定增……公司控股股东、实际控制人李四认购) 公司 is the firm of the item."""
    lex = lexicons()
    firms = [e for e in entities if e.label == "COMPANY"]
    out = []
    for a in affiliations:
        if not a.org and lex.corporate_re.search(a.title):
            at = max(a.start, text.rfind(a.title, a.start, a.end))  # the title (选举王五为公司董事长: after the name)
            clause_start = max((m.end() for m in _CLAUSE_END.finditer(text, max(0, at - 16), at)),
                               default=max(0, at - 16))
            if any(w in text[clause_start:at] for w in lex.firm_words):
                s0 = max((m.end() for m in _SENTENCE_START.finditer(text, max(0, at - 300), at)), default=0)
                firm = next((e for e in reversed(firms) if s0 <= e.start and e.end <= at), None)
                if firm is not None:
                    a = dataclasses.replace(a, org=canonical_org(firm.text))
        out.append(a)
    return out


@Language.component(
    "kg_binding",
    # also reads doc._.kg_meta (source, title), set by the caller: no component assigns it (see kg_entities)
    requires=["doc._.kg_entities"],
    assigns=["doc._.kg_affiliations", "doc._.kg_people"],
)
def bind_affiliations(doc: Doc) -> Doc:
    """Pipeline stage ``kg_binding``: stores affiliations and each person's titles."""
    entities = doc._.kg_entities or []
    outlet = str((doc._.kg_meta or {}).get("source", "") or "")
    headline = str((doc._.kg_meta or {}).get("title", "") or "")
    text = doc.text  # spaCy joins the tokens again at every read of doc.text
    company = main_company(text, entities, headline)
    affiliations = list(bind(text, entities, outlet=outlet))
    affiliations = with_main_company(with_sentence_company(text, affiliations, entities), company)
    short = short_names(entities)  # 沃什宣誓就任美联储主席: the post is 凯文·沃什's
    affiliations = [dataclasses.replace(a, person=short.get(a.person, a.person), title=a.title.strip(),
                                        titles=tuple(split_titles(a.title)))
                    for a in affiliations]
    people: dict[str, list[str]] = {}
    for e in entities:
        if e.label == "PERSON" and e.text not in short:
            people.setdefault(e.text, [])
    for a in affiliations:
        titles = people.setdefault(a.person, [])
        for t in a.titles:
            t = ("原" + t) if a.former else t
            if t not in titles:
                titles.append(t)
    doc._.kg_affiliations = affiliations
    doc._.kg_people = {name: SEP.join(titles) for name, titles in people.items()}
    return doc
