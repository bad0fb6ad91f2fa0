"""The lexicons the rule stages share, loaded once from ``kg/resources`` (one file per concept), with
the patterns compiled from them.

Character classes (punctuation, CJK ranges) are not lexicons: they live in :mod:`kg.nlp.text`.
jieba's POS tag sets stay beside the rules that read them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kg.errors import KGError
from kg.resources import read_lexicon, read_lines, read_pairs

__all__ = ["Lexicons", "lexicons", "STOP_TAGS"]

#: jieba POS flags of function words (prepositions, conjunctions, particles, pronouns, adverbs ...):
#: an organization or title never starts with one.
STOP_TAGS = frozenset("p c u uj ul uz ug uv ud r d ad y e o w t zg".split())


@dataclass(frozen=True)
class Lexicons:
    """Every rule lexicon, with the compiled patterns built from them (each field's file is named beside it)."""

    surnames: frozenset[str]  # surnames.txt
    surnames_ambiguous: frozenset[str]  # surnames_ambiguous.txt
    titles: tuple[str, ...]  # titles.txt
    title_re: re.Pattern
    suffixes: dict[str, tuple[str, str]]  # org_suffixes.txt: suffix -> (label, strength)
    suffix_re: re.Pattern
    known_orgs: dict[str, tuple[str, str]]  # known_orgs.txt: surface -> (canonical, label)
    known_re: re.Pattern
    cues: tuple[str, ...]  # cues.txt
    cue_re: re.Pattern
    pronouns: tuple[str, ...]  # pronouns.txt
    spokesperson: tuple[str, ...]  # spokesperson.txt
    boilerplate_leads: tuple[str, ...]  # boilerplate_leads.txt: lines that end a Q&A answer (原标题, 排版)
    report_nouns: tuple[str, ...]  # report_nouns.txt: filings a firm speaks through (公告, 一季报)
    sentence_openers: tuple[str, ...]  # sentence_openers.txt: 据, 近日: a short line before one is a heading
    firm_anaphors: tuple[str, ...]  # firm_anaphors.txt: 公司/该公司 before a cue: the firm of the paragraph
    opinion_nouns: tuple[str, ...]  # opinion_nouns.txt: 他给出的判断是：…… (判断, 看法, 归因)
    reporter_verbs: tuple[str, ...]  # reporter_verbs.txt: 获悉, 了解到: an outlet's subject lends no speaker
    unnamed_sources: tuple[str, ...]  # unnamed_sources.txt: 消息人士, 业内人士: never a speaker's name
    synonyms: dict[str, str]  # topic_synonyms.txt: surface (lower case) -> canonical topic
    topic_stopwords: frozenset[str]  # topic_stopwords.txt
    topic_broader: dict[str, str]  # topic_broader.txt: theme -> the broader theme it is filed under
    # entities
    boundary_words: frozenset[str]  # boundary_words.txt
    generic_stems: frozenset[str]  # generic_stems.txt
    translit_chars: frozenset[str]  # translit_chars.txt
    name_stop_chars: frozenset[str]  # name_stop_chars.txt
    name_bad_first: frozenset[str]  # name_bad_first.txt
    function_surnames: frozenset[str]  # function_surnames.txt
    function_chars: frozenset[str]  # function_chars.txt
    lead_chars: frozenset[str]  # lead_chars.txt: characters that open a clause before a firm (据, 但)
    place_names: frozenset[str]  # place_names.txt: countries and cities, never a person or a firm
    price_move_re: re.Pattern  # price_moves.txt: a round-up's price move, after an optional count (20cm, 2连板)
    market_words: tuple[str, ...]  # market_words.txt: indices, commodities, sector heads: no firm
    firm_heads: tuple[str, ...]  # firm_heads.txt: 子公司, 股东, 智库 before a firm's name (longest first)
    firm_cut_words: tuple[str, ...]  # firm_cut_words.txt: 援引, 由 inside a model firm span
    firm_words: tuple[str, ...]  # firm_words.txt (longest first)
    unit_suffixes: frozenset[str]  # unit_suffixes.txt
    brand_re: re.Pattern  # brand_extensions.txt
    event_words: tuple[str, ...]  # event_words.txt
    generic_latin: frozenset[str]  # generic_latin.txt
    latin_org_words: frozenset[str]  # latin_org_words.txt: words that make a Latin phrase a firm
    common_verbs: frozenset[str]  # common_verbs.txt
    title_words: frozenset[str]  # titles.txt + person_nouns.txt: words that never start a name
    name_cue_adverbs: tuple[str, ...]  # name_cue_adverbs.txt
    honorifics: tuple[str, ...]  # honorifics.txt
    title_joiners: tuple[str, ...]  # title_joiners.txt
    title_split_re: re.Pattern
    byline_titles: frozenset[str]  # byline_titles.txt
    byline_prefixes: tuple[str, ...]  # byline_prefixes.txt
    countries: frozenset[str]  # countries.txt: countries and blocs (not organizations; 日本 + 央行 -> 日本央行)
    country_aliases: dict[str, dict[str, str]]  # country_aliases.txt: 央行 -> {美国: 美联储, …}
    home_words: tuple[str, ...]  # home_words.txt: words that put a sentence in China (我国, 国务院)
    byline_label_re: re.Pattern  # byline_labels.txt: 作者｜ / 编辑： at a line's start or after a comma
    reprint_account_re: re.Pattern  # reprint_accounts.txt: 本文来自微信公众号“X” (group 1: the account)
    appointment_verbs: tuple[str, ...]  # appointment_verbs.txt + appointment_verbs_no_object.txt
    appointed_after_re: re.Pattern  # appointment_time_words.txt, appointment_verbs.txt, post_change_verbs.txt
    defined_alias_re: re.Pattern  # alias_markers.txt: （以下简称“汇川技术”）, group 1 the short name
    gloss_re: re.Pattern  # alias_markers.txt: a gloss that opens with 以下简称/下称
    # binding
    appointed_in_re: re.Pattern  # both appointment verb files, or 任: between 在ORG and TITLE
    appointed_lead_re: re.Pattern  # appointment_verbs.txt or 任: a lead before ORG TITLE ends with one
    career_lead_re: re.Pattern  # career_adverbs.txt + appointment_verbs.txt: a subjectless résumé clause (此前曾任)
    career_join_re: re.Pattern  # career_joins.txt: 在/加入 before the firm of 加入ORG担任TITLE
    former_re: re.Pattern  # former_words.txt
    former_marks: frozenset[str]  # former_marks.txt
    corporate_re: re.Pattern  # corporate_titles.txt
    # coref
    subject_lead_re: re.Pattern  # subject_leads.txt
    not_pronoun_before: frozenset[str]  # not_pronoun_before.txt
    not_pronoun_after: frozenset[str]  # not_pronoun_after.txt
    # claims
    strong_cues: frozenset[str]  # strong_cues.txt
    weak_cue_followers: tuple[str, ...]  # weak_cue_followers.txt
    cue_continuations: frozenset[str]  # cue_continuations.txt
    not_speech: tuple[str, ...]  # not_speech.txt
    adverbials_re: re.Pattern  # cue_adverbials.txt
    statement_re: re.Pattern  # statement_verbs.txt, statement_nouns.txt
    topic_noun_re: re.Pattern  # topic_nouns.txt
    talk_cues: frozenset[str]  # talk_cues.txt
    together_re: re.Pattern  # together_words.txt


def _alternation(words: list[str] | tuple[str, ...]) -> str:
    """Gives a longest-first alternation of ``words``; a Latin word never matches inside a longer one."""
    # Latin words (CEO, Google) must not sit inside a longer Latin word; CJK words need no guard
    def one(w: str) -> str:
        w_re = re.escape(w)
        if w[:1].isascii() and w[:1].isalpha():
            w_re = r"(?<![A-Za-z])" + w_re
        if w[-1:].isascii() and w[-1:].isalpha():
            w_re += r"(?![A-Za-z])"
        return w_re

    return "|".join(one(w) for w in sorted(set(words), key=len, reverse=True))


def _words(name: str) -> str:
    """Gives the entries of a lexicon file as a plain alternation, in file order (no Latin guards)."""
    return "|".join(re.escape(w) for w in read_lines(name))


def _chars(name: str) -> frozenset[str]:
    """Gives a one-character-a-line lexicon file as a set of characters."""
    entries = read_lines(name)
    bad = [c for c in entries if len(c) != 1]
    if bad:
        raise KGError(f"kg/resources/{name}: {bad[0]!r} is not one character; write one character a line")
    return frozenset(entries)


def _country_aliases() -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for row in read_pairs("country_aliases.txt"):
        pairs = (p.split("=", 1) for p in row[1].split(",")) if len(row) > 1 and row[1] else ()
        out[row[0]] = {country.strip(): name.strip() for country, name in pairs}
    return out


@lru_cache(maxsize=1)
def lexicons() -> Lexicons:
    """Gives the shared lexicons, loading them on first use."""
    titles = read_lines("titles.txt")
    suffixes = {row[0]: (row[1], row[2] if len(row) > 2 else "strong") for row in read_pairs("org_suffixes.txt")}
    known: dict[str, tuple[str, str]] = {}
    for row in read_pairs("known_orgs.txt"):
        name, label = row[0], row[1]
        known[name] = (name, label)
        if len(row) > 2 and row[2]:
            for alias in row[2].split(","):
                known.setdefault(alias.strip(), (name, label))
    synonyms: dict[str, str] = {}
    for row in read_pairs("topic_synonyms.txt"):
        synonyms[row[0].lower()] = row[0]
        if len(row) > 1:
            for s in row[1].split(","):
                synonyms[s.strip().lstrip("=").lower()] = row[0]  # "=资本支出": an equal full name
    cues = read_lines("cues.txt")
    appointed = _words("appointment_verbs.txt")  # each takes a post as object
    no_object = _words("appointment_verbs_no_object.txt")  # 任职
    alias = f"(?:以下)?(?:{_words('alias_markers.txt')})"
    return Lexicons(
        surnames=read_lexicon("surnames.txt"),
        surnames_ambiguous=read_lexicon("surnames_ambiguous.txt"),
        titles=titles,
        title_re=re.compile(_alternation(titles)),
        suffixes=suffixes,
        suffix_re=re.compile(_alternation(list(suffixes))),
        known_orgs=known,
        known_re=re.compile(_alternation(list(known))),
        cues=cues,
        cue_re=re.compile(_alternation(cues)),
        pronouns=read_lines("pronouns.txt"),
        spokesperson=read_lines("spokesperson.txt"),
        boilerplate_leads=read_lines("boilerplate_leads.txt"),
        report_nouns=read_lines("report_nouns.txt"),
        sentence_openers=read_lines("sentence_openers.txt"),
        firm_anaphors=tuple(sorted(read_lines("firm_anaphors.txt"), key=len, reverse=True)),
        opinion_nouns=read_lines("opinion_nouns.txt"),
        reporter_verbs=read_lines("reporter_verbs.txt"),
        unnamed_sources=read_lines("unnamed_sources.txt"),
        synonyms=synonyms,
        topic_stopwords=read_lexicon("topic_stopwords.txt"),
        topic_broader={row[0]: row[1] for row in read_pairs("topic_broader.txt") if len(row) > 1},
        boundary_words=read_lexicon("boundary_words.txt"),
        generic_stems=read_lexicon("generic_stems.txt"),
        translit_chars=_chars("translit_chars.txt"),
        name_stop_chars=_chars("name_stop_chars.txt"),
        name_bad_first=_chars("name_bad_first.txt"),
        function_surnames=_chars("function_surnames.txt"),
        function_chars=_chars("function_chars.txt"),
        lead_chars=_chars("lead_chars.txt"),
        place_names=read_lexicon("place_names.txt"),
        price_move_re=re.compile(r"(?:\d+cm|\d+)?(?:" + _words("price_moves.txt") + ")"),
        market_words=read_lines("market_words.txt"),
        firm_heads=tuple(sorted(read_lines("firm_heads.txt"), key=len, reverse=True)),
        firm_cut_words=read_lines("firm_cut_words.txt"),
        firm_words=read_lines("firm_words.txt"),
        unit_suffixes=read_lexicon("unit_suffixes.txt"),
        brand_re=re.compile(_alternation(read_lines("brand_extensions.txt"))),
        event_words=read_lines("event_words.txt"),
        generic_latin=read_lexicon("generic_latin.txt"),
        latin_org_words=read_lexicon("latin_org_words.txt"),
        common_verbs=read_lexicon("common_verbs.txt"),
        title_words=frozenset(titles) | read_lexicon("person_nouns.txt"),
        name_cue_adverbs=read_lines("name_cue_adverbs.txt"),
        honorifics=read_lines("honorifics.txt"),
        title_joiners=read_lines("title_joiners.txt"),
        title_split_re=re.compile(_words("title_joiners.txt")),
        byline_titles=read_lexicon("byline_titles.txt"),
        byline_prefixes=read_lines("byline_prefixes.txt"),
        countries=read_lexicon("countries.txt"),
        country_aliases=_country_aliases(),
        home_words=read_lines("home_words.txt"),
        byline_label_re=re.compile(rf"(?:^|(?<=[\n，,（(]))[ \t\u3000\xa0]*({_words('byline_labels.txt')})"
                                   rf"[ \t\u3000\xa0]*[｜|:：][ \t\u3000\xa0\n]*"),
        reprint_account_re=re.compile(rf"(?:{_words('reprint_accounts.txt')})[：:\s]*[“\"「]?([^”\"」，,。\n]{{2,20}}?)"
                                      rf"[”\"」]?\s*[，,\n]"),
        appointment_verbs=read_lines("appointment_verbs.txt") + read_lines("appointment_verbs_no_object.txt"),
        appointed_after_re=re.compile(f"(?:{_words('appointment_time_words.txt')})?"
                                      f"(?:{appointed}|{_words('post_change_verbs.txt')})"),
        defined_alias_re=re.compile(rf"[（(]{alias}[：:]?[“\"「]?([^”\"」）)，,]{{2,12}})[”\"」]?[）)]"),
        gloss_re=re.compile(alias),
        appointed_in_re=re.compile(f"(?:{appointed}|{no_object}|任)"),
        appointed_lead_re=re.compile(f"(?:{appointed}|任)$"),
        career_lead_re=re.compile(f"(?:{_words('career_adverbs.txt')})*(?:{appointed})"),
        career_join_re=re.compile(f"(?:{_words('career_joins.txt')})$"),
        former_re=re.compile(_words("former_words.txt")),
        former_marks=read_lexicon("former_marks.txt"),
        corporate_re=re.compile(_words("corporate_titles.txt") + "|部.*经理"),
        subject_lead_re=re.compile(f"(?:{_words('subject_leads.txt')}|作为[^，]{{0,12}})?"),
        not_pronoun_before=_chars("not_pronoun_before.txt"),
        not_pronoun_after=_chars("not_pronoun_after.txt"),
        strong_cues=read_lexicon("strong_cues.txt"),
        weak_cue_followers=read_lines("weak_cue_followers.txt"),
        cue_continuations=_chars("cue_continuations.txt"),
        not_speech=read_lines("not_speech.txt"),
        adverbials_re=re.compile(f"^(?:{_words('cue_adverbials.txt')})*$"),
        statement_re=re.compile(f"(?:{_words('statement_verbs.txt')})?(?:{_words('statement_nouns.txt')})(?:中|上)?"),
        topic_noun_re=re.compile(f"的(?:{_words('topic_nouns.txt')})$"),
        talk_cues=read_lexicon("talk_cues.txt"),
        together_re=re.compile(_words("together_words.txt")),
    )
