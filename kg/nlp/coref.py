"""Mentions within a document: who 他/她/该人士 is, and which firm 安信 or 央行 names.

* Every PERSON entity is a mention of itself; a pronoun (他、她、该人士 …) refers to the last
  person mentioned before it.
* An organization's short form (its name less the suffix: 安信证券 -> 安信, 九枝兰营销云 -> 九枝兰) and
  its known aliases (央行 -> 中国人民银行) are mentions of the full name, unless the short form could
  name two firms of the document.
* A firm whose name starts with another firm's name is part of it (华为云 -> 华为).
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence

from spacy.language import Language
from spacy.tokens import Doc

from kg.nlp.lexicon import lexicons
from kg.nlp.names import canonical_org, org_in_context, short_forms, short_names
from kg.nlp.text import clause_start
from kg.records import ORG_LABELS, Affiliation, Entity, Mention, PartOf

__all__ = ["resolve_mentions", "defined_aliases", "part_of_links", "resolve_references"]

_TRAILING_GLOSS = re.compile(r"[（(][^（）()]{0,30}[）)]$")


def _org_table(entities: Sequence[Entity], defined: dict[str, str] | None = None, text: str = "") -> dict[str, str]:
    # canonical name -> label; a short name the article defines is not a firm of its own
    orgs: dict[str, str] = {}
    for e in entities:
        if e.label in ORG_LABELS:
            start = _after_cut_word(text, e)
            canon = _in_context(text, start, e.end) if text[e.start:e.end] == e.text else canonical_org(e.text)
            orgs.setdefault((defined or {}).get(canon, canon), e.label)
    return orgs


def defined_aliases(text: str, entities: Sequence[Entity]) -> dict[str, str]:
    """Gives the short names an article defines for its firms: 深圳市汇川技术股份有限公司（以下简称
    “汇川技术”） -> {"汇川技术": "深圳市汇川技术股份有限公司"}."""
    out: dict[str, str] = {}
    for e in entities:
        if e.label in ORG_LABELS:
            m = lexicons().defined_alias_re.match(text, e.end)
            if m and m.group(1) != e.text:
                out[m.group(1)] = canonical_org(e.text)
    return out


def part_of_links(orgs: Sequence[str]) -> list[PartOf]:
    """Gives sub-brand links: a name that starts with another firm's name is part of it.

    The parent is another organization of the same document, or a known firm's canonical name
    (华为花瓣引擎 -> 华为 even where 华为 is not named alone).
    """
    # a known firm is a parent even where the text never names it alone (华为花瓣引擎 -> 华为), but only
    # for companies' brands: 国务院新闻办公室 is a unit of 国务院, not a brand
    known_companies = {canon for canon, label in lexicons().known_orgs.values() if label == "COMPANY"}
    candidates = set(orgs) | known_companies
    links = []
    for child in orgs:
        parents = [p for p in candidates if p != child and len(p) >= 2 and child.startswith(p)
                   and len(child) - len(p) >= 1]
        if parents:
            links.append(PartOf(child, max(parents, key=len)))
    return links


def resolve_mentions(text: str, entities: Sequence[Entity],
                     affiliations: Sequence[Affiliation] = ()) -> tuple[list[Mention], dict[str, str]]:
    """Gives the mentions of people and firms in ``text``, and the alias table short form -> name."""
    lex = lexicons()
    mentions: list[Mention] = []
    taken = [False] * len(text)
    short = short_names(entities)
    defined = defined_aliases(text, entities)
    for e in entities:
        for k in range(e.start, e.end):
            taken[k] = True
        if e.label == "PERSON":
            target = short.get(e.text, e.text)
            mentions.append(Mention(e.start, e.end, e.text, target, "person", "name" if target == e.text else "short"))
        elif e.label in ORG_LABELS:
            start = _after_cut_word(text, e)
            canon = _in_context(text, start, e.end)  # 日本经济……，央行 -> 日本央行
            canon = defined.get(canon, canon)  # the model may tag the defined short name itself
            mentions.append(Mention(start, e.end, text[start:e.end], canon, "organization",
                                    "name" if canon == text[start:e.end] else "alias"))
    orgs = _org_table(entities, defined, text)
    aliases: dict[str, str] = {}
    owners: dict[str, set[str]] = {}
    for name in orgs:
        for s in short_forms(name):
            owners.setdefault(s, set()).add(name)
    for surface, (canon, _) in lex.known_orgs.items():
        if canon in orgs and surface != canon:
            owners.setdefault(surface, set()).add(canon)
    for short, names in owners.items():
        if len(names) == 1 and short not in orgs:
            aliases[short] = next(iter(names))
    for e in entities:
        canon = canonical_org(e.text)
        if e.label in ORG_LABELS and canon != e.text and org_in_context(text, e.start, e.end) == canon:
            aliases[e.text] = canon
    aliases.update(defined)
    for short in sorted(aliases, key=len, reverse=True):
        for m in re.finditer(re.escape(short), text):
            if any(taken[m.start():m.end()]):
                continue
            target = aliases[short]
            if short in lex.country_aliases:
                target = _in_context(text, m.start(), m.end())  # another country's 央行 is not this one's
            else:
                target = _regional_body(text, m.start(), short) or target  # 香港证监会, 美国证监会
            mentions.append(Mention(m.start(), m.end(), short, target, "organization", "short"))
            for k in range(m.start(), m.end()):
                taken[k] = True
    mentions.extend(_latin_surnames(text, mentions, taken))
    mentions.extend(_title_anaphors(text, mentions, taken, affiliations))
    mentions.extend(_pronouns(text, mentions, taken, affiliations))
    mentions.sort(key=lambda m: m.start)
    return mentions, aliases


def _after_cut_word(text: str, e: Entity) -> int:
    """Gives where a firm's name starts in an entity that opens with a reporting word (援引伊朗塔斯尼姆通讯社,
    a span the model read from 据新华社援引……报道): after that word, where four or more characters are left."""
    if text[e.start:e.end] != e.text:
        return e.start
    cut = next((w for w in lexicons().firm_cut_words if len(w) > 1 and e.text.startswith(w)), "")
    return e.start + len(cut) if cut and len(e.text) - len(cut) >= 4 else e.start


def _in_context(text: str, start: int, end: int) -> str:
    """Gives :func:`org_in_context`'s name for ``text[start:end]``, a bare 央行 / 财政部 read as the foreign body
    its sentence or paragraph names (美联储主席鲍威尔表示，央行将保持耐心 -> 美联储)."""
    name = text[start:end]
    canon = org_in_context(text, start, end)
    if name in lexicons().country_aliases and canon == canonical_org(name):
        canon = _named_body(text, start, name) or canon
    return canon


#: Regions with regulators of their own: 香港证监会 is not 中国证监会
_OWN_REGULATORS = ("香港", "澳门", "台湾")


def _regional_body(text: str, start: int, short: str) -> str:
    """Gives the body a home regulator's short name names after another country or region (美国证监会,
    香港证监会), or "" where none stands before it."""
    lex = lexicons()
    if lex.known_orgs.get(short, ("", ""))[1] != "GOV":
        return ""
    region = next((c for c in (*lex.countries, *_OWN_REGULATORS) if c != "中国" and text.endswith(c, 0, start)), "")
    return canonical_org(region + short) if region else ""


def _named_body(text: str, start: int, short: str) -> str:
    """Gives the foreign body a bare 央行 / 财政部 stands for where its sentence, else its paragraph, else the
    sentence before and its own, names that one body in full and never the home country (美联储主席鲍威尔
    表示，央行将保持耐心), or ""."""
    lex = lexicons()
    bodies = set(lex.country_aliases.get(short, {}).values())
    home = (*lex.home_words, *(s for s, (c, _) in lex.known_orgs.items() if c == canonical_org(short) and s != short))
    stops = "。！？!?\n"
    s0 = max(text.rfind(ch, 0, start) for ch in stops) + 1
    s1 = min((e for e in (text.find(ch, start) for ch in stops) if e >= 0), default=len(text))
    p0 = text.rfind("\n", 0, start) + 1
    p1 = text.find("\n", start)
    k = len(text[:s0].rstrip(stops + " \u3000"))  # the sentence before (美联储维持利率不变。⏎央行在声明中表示)
    before = max(text.rfind(ch, 0, k) for ch in stops) + 1
    for a, b in ((s0, s1), (p0, len(text) if p1 < 0 else p1), (before, s1)):
        span = text[a:b]
        named = {x for x in bodies if x in span}
        if any(w in span for w in home):
            return ""
        if len(named) == 1:
            return next(iter(named))
    return ""


#: A person's name in Latin letters: two or more capitalised words (Ed Yardeni, Nicole Inui, Dave Mosley)
_LATIN_NAME = re.compile(r"[A-Z][A-Za-z'.-]*(?: [A-Z][A-Za-z'.-]*)+")


def _latin_surnames(text: str, mentions: Sequence[Mention], taken: list[bool]) -> Iterator[Mention]:
    """Yields the bare family name of a person the document names in Latin letters (Ed Yardeni ...
    Yardeni指出) as a mention of that person, where no other person or firm of the document has that word."""
    owners: dict[str, set[str]] = {}
    for m in mentions:
        if m.kind == "person" and m.via == "name" and _LATIN_NAME.fullmatch(m.target):
            owners.setdefault(m.target.rsplit(" ", 1)[1], set()).add(m.target)
    firms = {m.target for m in mentions if m.kind == "organization"}
    for last, people in owners.items():
        if len(people) != 1 or len(last) < 3 or not last[1:].islower() or last in firms:
            continue
        person = next(iter(people))
        for m in re.finditer(rf"(?<![A-Za-z.·-]){re.escape(last)}(?![A-Za-z])", text):
            i, j = m.span()
            if any(taken[i:j]) or text[j:j + 1] == " " and text[j + 1:j + 2].isupper():
                continue  # a part of the full name, or of another one (Yardeni Research)
            for x in range(i, j):
                taken[x] = True
            yield Mention(i, j, last, person, "person", "short")


def _title_anaphors(text: str, mentions: Sequence[Mention], taken: list[bool],
                    affiliations: Sequence[Affiliation] = ()) -> Iterator[Mention]:
    """Yields a bare post that stands for the one person of the document named with it before
    (首席执行官Christophe Fouquet表示…… 阿斯麦首席执行官在财报发布后表示 -> Christophe Fouquet; 州长称): the post
    opens its clause (after its firm's name, 该 or 这位 at most) and a reporting cue follows in the clause."""
    lex = lexicons()
    holders: dict[str, set[str]] = {}
    first: dict[str, int] = {}
    for a in affiliations:
        if a.person and not a.former:
            for t in a.titles or (a.title,):
                heads = [h.group() for h in lex.title_re.finditer(t)]
                for form in {t, *heads[-1:]}:  # 美国纽约州州长 -> 州长 too
                    if len(form) >= 2:
                        holders.setdefault(form, set()).add(a.person)
    for m in mentions:
        if m.kind == "person":
            first.setdefault(m.target, m.start)
    firm_ends = {m.end: m for m in mentions if m.kind == "organization"}
    used = [False] * len(text)  # the names (a post is an entity of its own, so ``taken`` holds it too)
    for m in mentions:
        for x in range(m.start, m.end):
            used[x] = True
    for title in sorted(holders, key=len, reverse=True):
        if len(holders[title]) != 1:
            continue
        person = next(iter(holders[title]))
        for m in re.finditer(re.escape(title), text):
            i, j = m.start(), m.end()
            if any(used[i:j]) or first.get(person, len(text)) >= i or (j < len(text) and used[j]):
                continue
            if j < len(text) and (text[j].isascii() and text[j].isalpha() or text[j] in "·"):
                continue  # 首席执行官Christophe: the name follows
            k = firm_ends[i].start if i in firm_ends else i
            lead = text[clause_start(text, k):k].strip(" \u3000")
            if lead not in ("", "该", "这位", "此前", "随后", "同时"):
                continue
            stop = min((x for x in (text.find(c, j) for c in "，,。；\n") if x >= 0), default=len(text))
            if not lex.cue_re.search(text, j, min(stop, j + 20)):
                continue
            for x in range(i, j):
                taken[x] = used[x] = True
            yield Mention(i, j, title, person, "person", "title")


def _salient(text: str, m: Mention, chain_start: dict[int, int], firm_ends: dict[int, list[int]]) -> bool:
    """Gives True where a person mention stands as a subject: first in its clause, or after 图为/据."""
    start = chain_start.get(m.start, m.start)
    # 华泰证券股份有限公司（以下简称“华泰证券”）副总裁邵文彬: step back over the gloss and the firm
    while True:
        gloss = _TRAILING_GLOSS.search(text, 0, start)
        if gloss is None or gloss.end() != start:
            break
        start = gloss.start()
        firm = next((f for f in firm_ends.get(start, ())), None)
        if firm is not None:
            start = firm
    lead = text[clause_start(text, start):start].strip()
    return bool(lexicons().subject_lead_re.fullmatch(lead))


def _pronouns(text: str, mentions: Sequence[Mention], taken: list[bool],
              affiliations: Sequence[Affiliation] = ()) -> Iterator[Mention]:
    """Yields pronoun mentions, each resolved to the last person standing as a subject before it.

    A person named as an object (他的同事、基金经理刘思远) is passed over for the subject before it;
    where no earlier mention is a subject, the last person mentioned is taken.
    """
    people = sorted((m for m in mentions if m.kind == "person"), key=lambda m: m.start)
    starts = [m.start for m in people]
    # a chain that ends with the name (平安证券CIO张朝晖); a résumé's posts end after it and are left out
    chain_start = {a.end - len(a.person): a.start for a in affiliations
                   if text[a.end - len(a.person):a.end] == a.person}
    firm_ends: dict[int, list[int]] = {}
    for x in mentions:
        if x.kind == "organization":
            firm_ends.setdefault(x.end, []).append(x.start)
    salient = [_salient(text, m, chain_start, firm_ends) for m in people]
    lex = lexicons()
    for pron in sorted(lex.pronouns, key=len, reverse=True):
        for m in re.finditer(re.escape(pron), text):
            i, j = m.start(), m.end()
            if any(taken[i:j]):
                continue
            if len(pron) == 1 and ((i > 0 and text[i - 1] in lex.not_pronoun_before)
                                   or (j < len(text) and text[j] in lex.not_pronoun_after)):
                continue
            k = bisect.bisect_left(starts, i) - 1
            if k < 0:
                continue
            chosen = next((x for x in range(k, max(-1, k - 4), -1) if salient[x] and i - people[x].start < 400), k)
            for x in range(i, j):
                taken[x] = True
            yield Mention(i, j, pron, people[chosen].target, "person", "pronoun")


@Language.component(
    "kg_coref",
    requires=["doc._.kg_entities", "doc._.kg_affiliations"],
    assigns=["doc._.kg_mentions", "doc._.kg_org_aliases", "doc._.kg_orgs", "doc._.kg_part_of"],
)
def resolve_references(doc: Doc) -> Doc:
    """Pipeline stage ``kg_coref``: mentions, organization aliases and part-of links."""
    entities = doc._.kg_entities or []
    text = doc.text  # spaCy joins the tokens again at every read of doc.text
    mentions, aliases = resolve_mentions(text, entities, doc._.kg_affiliations or [])
    orgs = _org_table(entities, defined_aliases(text, entities), text)
    lex = lexicons()
    for m in mentions:  # a body the context named (日本央行 for a bare 央行, 香港证监会) is an organization of the document
        if m.kind == "organization" and m.via == "short" and m.target not in orgs \
                and (m.text in lex.country_aliases or lex.known_orgs.get(m.text, ("", ""))[1] == "GOV"):
            orgs[m.target] = "GOV"
    doc._.kg_mentions = mentions
    doc._.kg_org_aliases = aliases
    doc._.kg_orgs = orgs
    doc._.kg_part_of = part_of_links(list(orgs))
    return doc
