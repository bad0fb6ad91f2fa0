"""Topics: the themes an analyst would file a document under (货币政策, 储能, 光模块), and which of them each
claim speaks of.

A theme is found two ways. The finance theme lexicon (``topic_synonyms.txt``: a canonical theme and the
surface forms that name it, LPR and 贷款市场报价利率 both) is matched over the whole text, longest form
first, a two-character form only where it is a whole jieba word (黄金 is not found in 黄金周). The
document's own key phrases (jieba TF-IDF over nouns, and two nouns written together several times, 存储 +
芯片) add the themes no lexicon lists. Generic words (``topic_stopwords.txt``), one-character words,
numbers, titles and the names of the document's people and firms are never themes. The document keeps its
most frequent themes (:class:`~kg.records.Theme`, each with the broader theme of ``topic_broader.txt``);
each claim is about those of them that its own text names, and its speaker discusses those and the ones
its sentence and paragraph name (``Claim.context_topics``: the graph's ``discusses`` edges).
"""
from __future__ import annotations

import bisect
import dataclasses
import re
from collections import Counter
from functools import lru_cache

import jieba.analyse
from spacy.language import Language
from spacy.tokens import Doc

from kg.nlp.extensions import words_of
from kg.nlp.lexicon import lexicons
from kg.nlp.text import is_cjk, sentence_end, sentence_start
from kg.records import Claim, Entity, Theme, Word
from kg.resources import read_pairs
from kg.segment import get_jieba, get_posseg, segment

__all__ = ["claim_topics", "normalise_topic", "document_themes", "theme_hits", "TopicTagger"]

_ALLOW_POS = ("n", "nz", "vn", "eng", "nt", "j")
_NAME_POS = ("nr", "ns", "nrt", "nrfg")  # people's and places' names are entities, not themes
_JUNK = re.compile(r"^[\d.%％]+$|^[A-Za-z]$|^[\d.]+[A-Za-z%]*$")
_LATIN = re.compile(r"[A-Za-z0-9]")
_LATIN_LEAD = re.compile(r"[a-z][a-z0-9.]*")

#: most themes a document keeps; a claim names at most ``n`` of them (the stage's setting)
MAX_THEMES = 10
#: ... and a text of at least LONG_TEXT characters (a digest, a long report) up to this many
MAX_THEMES_LONG = 14
LONG_TEXT = 2000
#: a document naming fewer themes twice keeps up to this many, adding those it names once (the gold
#: format's 3-8 themes an article is filed under)
MIN_THEMES = 8
#: a key phrase no lexicon lists must occur this often to be one of the document's themes
MIN_KEYWORD_COUNT = 3
#: a lexicon theme must be named this often (the headline counts twice) to be one of the document's themes
MIN_LEXICON_COUNT = 2
#: ... unless the text is shorter than this many characters
SHORT_TEXT = 300
#: ... in at least this many paragraphs
MIN_KEYWORD_PARAGRAPHS = 2
#: a key phrase this common in jieba's IDF table is everyday vocabulary (产业化, 解决方案, 年轻人); phrases the
#: table lacks (new compounds: 脑机接口) get its median and pass
MIN_KEYWORD_IDF = 10.0
#: a claim that names no theme is about at most this many of its paragraph's
PARAGRAPH_TOPICS = 2
#: the longest sentence (characters) whose themes a claim in it is evidence of
SENTENCE_LIMIT = 400
#: most themes a speaker discusses in one document
MAX_SPEAKER_TOPICS = 8
#: a speaker giving more than half of a document's claims, and at least this many, is the story's own voice
MIN_VOICE_CLAIMS = 2
#: a speaker whose claims and their surroundings name no theme discusses this many of the document's first
SILENT_SPEAKER_TOPICS = 2
#: every speaker discusses this many of the document's first themes (what the story is about)
STORY_TOPICS = 1


@lru_cache(maxsize=1)
def _tfidf() -> jieba.analyse.TFIDF:
    tfidf = jieba.analyse.TFIDF()
    # use kg's private segmenter, never jieba's global one
    tfidf.tokenizer = get_jieba()
    tfidf.postokenizer = get_posseg()
    tfidf.stop_words = set(tfidf.stop_words) | set(lexicons().topic_stopwords)
    return tfidf


@lru_cache(maxsize=1)
def _surface_index() -> tuple[frozenset[str], dict[str, tuple[int, ...]]]:
    """Gives the theme forms of two characters or more, and first character -> their lengths, longest first."""
    forms = frozenset(f for f in lexicons().synonyms if len(f) >= 2)
    lengths: dict[str, set[int]] = {}
    for f in forms:
        lengths.setdefault(f[0], set()).add(len(f))
    return forms, {c: tuple(sorted(v, reverse=True)) for c, v in lengths.items()}


def _surface_matches(lowered: str) -> list[tuple[int, int, str]]:
    """Gives ``(start, end, form)`` of the theme forms in ``lowered``, left to right, the longest form at each
    place, none overlapping (what one regular expression of every form, longest first, finds, at a
    dictionary lookup per character instead of a try of every form)."""
    forms, index = _surface_index()
    get = index.get
    out = []
    i, n = 0, len(lowered)
    while i < n:
        for L in get(lowered[i], ()):
            form = lowered[i:i + L]
            if len(form) == L and form in forms:
                out.append((i, i + L, form))
                i += L
                break
        else:
            i += 1
    return out


def normalise_topic(phrase: str) -> str:
    """Gives the canonical form of a topic phrase: 人工智能 for AI, as ``topic_synonyms.txt`` says."""
    p = phrase.strip()
    return lexicons().synonyms.get(p.lower(), p)


def theme_hits(text: str, words: list[Word] | None = None) -> list[tuple[int, int, str]]:
    """Gives ``(start, end, theme)`` for each place ``text`` names a lexicon theme, longest form first.

    A Latin form (AI, LPR) is not a piece of a longer Latin word; a two-character Chinese form is a whole
    word of ``words`` (the text's jieba words; segmented here when not given). A form led by the Latin
    form of another theme (AI硬件, AI眼镜) names that theme too, as a hit of its own at the same start.
    """
    lex = lexicons()
    lowered = text.lower()
    matches = _surface_matches(lowered)
    if words is None and any(len(form) == 2 and is_cjk(form[0]) for _s, _e, form in matches):
        # segmenting is the costly part: only a two-character Chinese form needs the words
        words = [Word(0, 0, w, t) for w, t in segment(text)]
        pos = 0
        fixed = []
        for w in words:
            fixed.append(Word(pos, pos + len(w.text), w.text, w.tag))
            pos += len(w.text)
        words = fixed
    starts = {w.start for w in words or ()}
    ends = {w.end for w in words or ()}
    out = []
    for s, e, form in matches:
        if _LATIN.match(form[0]) and s > 0 and _LATIN.match(lowered[s - 1]):
            continue
        if _LATIN.match(form[-1]) and e < len(lowered) and _LATIN.match(lowered[e]):
            continue
        if len(form) == 2 and is_cjk(form[0]) and not (s in starts and e in ends):
            continue  # 黄金 of 黄金周, 回购 is fine but 电池 of 电池厂 only as its own word
        theme = lex.synonyms[form]
        lead = _LATIN_LEAD.match(form)
        if lead and lead.end() < len(form) and lex.synonyms.get(lead.group(), theme) != theme:
            out.append((s, s + lead.end(), lex.synonyms[lead.group()]))  # AI硬件 names AI too
        out.append((s, e, theme))
    return out


def _is_name_part(topic: str, names: frozenset[str]) -> bool:
    """A key phrase that is a name or a piece of one (中欧 of 中欧基金, 恒远 of 朱恒远)."""
    return any(topic in name or name in topic for name in names if len(name) >= 2)


def _key_phrases(text: str, words: list[Word], names: frozenset[str]) -> Counter[str]:
    """Gives the document's candidate key phrases (nouns and noun pairs written together) with their counts."""
    lex = lexicons()
    stop = _tfidf().stop_words
    counts: Counter[str] = Counter()

    def ok(w: Word) -> bool:
        t = w.text.strip()
        return (len(t) >= 2 and t.lower() not in stop and w.tag.startswith(_ALLOW_POS)
                and not w.tag.startswith(_NAME_POS) and not _JUNK.match(t))

    lines: dict[str, set[int]] = {}
    breaks = [i for i, ch in enumerate(text) if ch == "\n"]
    for i, w in enumerate(words):
        if ok(w):
            line = bisect.bisect(breaks, w.start)
            counts[w.text] += 1
            lines.setdefault(w.text, set()).add(line)
            nxt = words[i + 1] if i + 1 < len(words) else None
            if nxt is not None and nxt.start == w.end and ok(nxt) and len(w.text) + len(nxt.text) <= 6:
                counts[w.text + nxt.text] += 1
                lines.setdefault(w.text + nxt.text, set()).add(line)
    # a theme recurs through the article; a thing named in one passage (a product, a venue) does not
    return Counter({k: n for k, n in counts.items()
                    if n >= MIN_KEYWORD_COUNT and len(lines[k]) >= MIN_KEYWORD_PARAGRAPHS
                    and not (k in lex.topic_stopwords or lex.title_re.search(k)
                                                       or _person_noun_re().search(k) or _is_name_part(k, names))})


@lru_cache(maxsize=1)
def _person_noun_re() -> re.Pattern:
    """A phrase ending in a title or a person noun names people, not a theme (总会副秘书长, 销售人士)."""
    words = sorted(lexicons().title_words, key=len, reverse=True)
    return re.compile("(?:" + "|".join(re.escape(w) for w in words) + ")$")


def _keyword_ok(phrase: str) -> bool:
    """A key phrase no lexicon lists is a theme only when it is Chinese and at least three characters long:
    two-character words (调控, 算法, 同事, 教训) are single generic words, Latin ones mostly names (M6, AMD)."""
    return len(phrase) >= 3 and all(is_cjk(ch) for ch in phrase)


def document_themes(text: str, *, words: list[Word] | None = None, title: str = "",
                    entities: list[Entity] = (), limit: int = MAX_THEMES,
                    quoted: list[tuple[int, int]] = (),
                    hits: list[tuple[int, int, str]] | None = None) -> list[Theme]:
    """Gives the themes of a document, most salient first (see the module docstring); ``quoted`` are the
    spans of its claims, where a theme named once counts before one named once elsewhere; ``hits`` are
    :func:`theme_hits` of ``text`` where the caller has them."""
    lex = lexicons()
    names = frozenset(e.text for e in entities if e.label != "TITLE")
    inside_name = _inside_spans([(e.start, e.end) for e in entities if e.label != "TITLE"])
    if words is None:
        words = _words(text)
    counts: Counter[str] = Counter()
    forms: dict[str, Counter[str]] = {}
    for source, weight in ((text, 1), (title, 2)):  # the headline names what the article is about
        if source is text:
            found = hits = theme_hits(text, words) if hits is None else hits
        else:
            found = theme_hits(source) if source else []
        for s, e, theme in found:
            if theme in names or (source is text and inside_name(s, e)):
                continue  # 新能源 of 宁德时代新能源科技 is the firm's name
            counts[theme] += weight
            form = source[s:e]
            if _full_name(form, theme):
                forms.setdefault(theme, Counter())[form] += weight
    for theme, n in list(counts.items()):  # naming LPR and 降准 is naming 货币政策
        broad = lex.topic_broader.get(theme)
        if broad and broad != theme:
            counts[broad] += n
    lexicon_themes = set(counts)
    idf, median = _tfidf().idf_freq, _tfidf().median_idf
    phrases = _key_phrases(text, words, names)
    for k in [k for k in phrases if title and k in title]:
        phrases[k] += 2
    keyword_count: dict[str, int] = {}
    keyword_score: dict[str, float] = {}
    for k, n in phrases.items():
        theme = normalise_topic(k)
        if (theme in lexicon_themes or n < MIN_KEYWORD_COUNT or not _keyword_ok(theme)
                or idf.get(k, median) < MIN_KEYWORD_IDF):
            continue
        keyword_count[theme] = n
        keyword_score[theme] = n * idf.get(k, median)
    # of a phrase and a longer one holding it (机器人, 人形机器人), the longer, as it is frequent enough
    keywords = []
    for t in sorted(keyword_score, key=lambda t: (-keyword_score[t], t)):
        longer = [o for o in keyword_count if t in o and o != t]
        if longer or any(o in t for o in keywords) or any(t in o or o in t for o in counts):
            continue
        keywords.append(t)
    for t in list(keywords):
        if any(t in o for o in keywords if o != t):
            keywords.remove(t)
    least = MIN_LEXICON_COUNT if len(text) >= SHORT_TEXT else 1  # in a short note one mention is salient
    ranked = sorted((t for t in counts if counts[t] >= least), key=lambda t: (-counts[t], t))
    chosen = ranked[:limit]
    if len(chosen) < MIN_THEMES:  # a document with few themes keeps those it names once, first named first
        in_claims = {t for s, e, t in hits if any(a <= s and e <= b for a, b in quoted)}
        chosen += sorted((t for t in counts if t not in chosen), key=lambda t: t not in in_claims)[:MIN_THEMES - len(chosen)]
    for k in keywords[:max(2, limit - len(chosen))]:
        n = keyword_count[k]
        counts[k] = n
        if len(chosen) < limit:
            chosen.append(k)
        elif counts[chosen[-1]] < n:
            chosen[-1] = k
    if limit == MAX_THEMES and len(text) >= LONG_TEXT:  # a digest or a long report files under more lexicon themes
        chosen += [t for t in ranked[limit:MAX_THEMES_LONG] if t not in chosen]
    chosen.sort(key=lambda t: (-counts[t], t))
    return [Theme(t, int(counts[t]), lex.topic_broader.get(t, ""), _form(t, forms.get(t))) for t in chosen]


def _inside_spans(spans: list[tuple[int, int]]):
    """Gives a test of whether ``(s, e)`` lies inside one of ``spans`` (a prefix maximum of their ends over
    their sorted starts, not a scan of every span for every hit)."""
    spans = sorted(spans)
    starts = [a for a, _ in spans]
    reach, far = [], -1
    for _, b in spans:
        far = max(far, b)
        reach.append(far)

    def inside(s: int, e: int) -> bool:
        i = bisect.bisect_right(starts, s) - 1
        return i >= 0 and reach[i] >= e

    return inside


@lru_cache(maxsize=1)
def _equal_names() -> frozenset[tuple[str, str]]:
    """Gives (theme, form) for each form ``topic_synonyms.txt`` marks as an equal full name (=资本支出)."""
    return frozenset((row[0], f.strip()[1:].lower()) for row in read_pairs("topic_synonyms.txt") if len(row) > 1
                     for f in row[1].split(",") if f.strip().startswith("="))


def _full_name(form: str, theme: str) -> bool:
    """A form is a full name of the theme when the lexicon marks it as equal (=资本支出 of 资本开支) or it is
    as long and shares half its characters (股票回购 of 股份回购, 期货交易 of 期货市场), not an
    abbreviation (AI of 人工智能) or an unrelated surface (金价 of 黄金价格 is shorter)."""
    f, t = form.lower(), theme.lower()
    return f == t or (theme, f) in _equal_names() or (len(f) >= len(t) and 2 * len(set(f) & set(t)) >= len(set(t)))


def _form(theme: str, forms: Counter[str] | None) -> str:
    """Gives the full name of a theme that the text writes most (股票回购 or 股份回购, 资本支出 or 资本开支),
    "" when that is the canonical one (on a tie too) or the text writes only abbreviations."""
    if not forms:
        return ""
    best = max(forms, key=lambda f: (forms[f], f == theme, f))
    return "" if best == theme else best


def _words(text: str) -> list[Word]:
    out, pos = [], 0
    for w, t in segment(text):
        out.append(Word(pos, pos + len(w), w, t))
        pos += len(w)
    return out


def claim_topics(text: str, *, n: int = 3, exclude: frozenset[str] = frozenset(),
                 themes: list[Theme] | None = None, hits: list[tuple[int, int, str]] | None = None
                 ) -> tuple[str, ...]:
    """Gives up to ``n`` topics of a claim's text, most salient first: the lexicon themes it names, or,
    given the document's ``themes``, those of them that it names (the lexicon's forms or the label);
    ``hits`` are its :func:`theme_hits` where the caller has them."""
    found = [t for _, _, t in (theme_hits(text) if hits is None else hits) if t not in exclude]
    if themes is None:
        return tuple(dict.fromkeys(found))[:n]
    rank = {t.name: i for i, t in enumerate(themes)}
    return tuple(sorted(_named(text, found, themes, rank), key=rank.__getitem__))[:n]


def _named(text: str, found: list[str], themes: list[Theme], rank: dict[str, int]) -> set[str]:
    """Gives the document ``themes`` a text names: those of its lexicon hits ``found``, the broader theme of
    one (降准 is about 货币政策 too), and a key-phrase theme written by its label."""
    lowered = text.lower()
    broader = lexicons().topic_broader
    named = {t for t in found if t in rank} | {t.name for t in themes if t.name.lower() in lowered}
    named |= {broader[t] for t in found if broader.get(t) in rank}
    return named


class _Hits:
    """A document's theme hits, looked up by span (a claim's, its sentence's, its paragraph's) instead of
    matching the lexicon again over each piece."""

    def __init__(self, hits: list[tuple[int, int, str]]) -> None:
        self.hits = hits
        self.starts = [h[0] for h in hits]

    def within(self, start: int, end: int) -> list[tuple[int, int, str]]:
        """Gives the hits inside ``[start, end)``."""
        i = bisect.bisect_left(self.starts, start)
        out = []
        while i < len(self.hits) and self.hits[i][0] < end:
            if self.hits[i][1] <= end:
                out.append(self.hits[i])
            i += 1
        return out


class TopicTagger:
    """Pipeline stage ``kg_topics``: the document's themes (``doc._.kg_topics``), each claim's ``topics``
    and its ``context_topics``.

    A claim is about the document themes its own text names (at most ``n``; one that names none, about
    those of its paragraph). Its speaker discusses those and the themes named around it: by the claim
    beyond the first ``n``, by its sentence, by its paragraph, never inside another speaker's claim there.
    A speaker discusses at most :data:`MAX_SPEAKER_TOPICS` themes of a document, those its own words name
    first, then those named around the most of its claims; the story's own voice (the only speaker, or one
    giving most of the claims) also discusses the document's first themes, a speaker whose words name none
    the first two, anyone else the first (the story's main theme).
    """

    def __init__(self, nlp: Language, name: str, *, n: int) -> None:
        self.name = name
        self.n = n

    def __call__(self, doc: Doc) -> Doc:
        entities = [e for e in (doc._.kg_entities or []) if e.label != "TITLE"]
        title = str((doc._.kg_meta or {}).get("title", "") or "")
        text = doc.text  # spaCy joins the tokens again at every read of doc.text
        words = words_of(doc)
        hits = theme_hits(text, words)  # once for the document: claims, sentences, paragraphs look theirs up
        found = doc._.kg_claims or []
        themes = document_themes(text, words=words, title=title, entities=entities, hits=hits,
                                 quoted=[(c.start, c.end) for c in found])
        doc._.kg_topics = themes
        index = _Hits(hits)
        rank = {t.name: i for i, t in enumerate(themes)}
        main = {t.name for t in themes[:MAX_THEMES]}
        claims, around = [], []
        for c in found:
            own = _named(c.text, [t for *_, t in index.within(c.start, c.end)], themes, rank)
            # a claim is about the document's main themes; a long text's further ones are only discussed
            topics = tuple(sorted(own & main, key=rank.__getitem__))[:self.n]
            ps, pe = _paragraph(text, c.start)
            if not topics:  # a claim that names no theme is about the themes of its paragraph
                topics = claim_topics(text[ps:pe], n=PARAGRAPH_TOPICS, themes=themes[:MAX_THEMES],
                                      hits=index.within(ps, pe))
            others = [(o.start, o.end) for o in found if o.speaker != c.speaker and o.start < pe and o.end > ps]
            ss = sentence_start(text, c.start)
            se = max(sentence_end(text, max(c.end - 1, ss), SENTENCE_LIMIT), c.end)
            in_other = _inside_spans(others)
            near = set()
            for a, b in ((ss, se), (ps, max(pe, c.end))):  # its sentence, its paragraph
                near |= _named(_masked(text, a, b, others),
                               [t for s, e, t in index.within(a, b) if not in_other(s, e)], themes, rank)
            claims.append(dataclasses.replace(c, topics=topics))
            around.append((own | set(topics), near))
        doc._.kg_claims = [dataclasses.replace(c, context_topics=ctx)
                           for c, ctx in zip(claims, _speaker_topics(claims, around, rank))]
        return doc


def _masked(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> str:
    """Gives ``text[start:end]`` with the parts inside ``spans`` blanked (another speaker's words)."""
    piece = list(text[start:end])
    for a, b in spans:
        for i in range(max(a, start), min(b, end)):
            piece[i - start] = " "
    return "".join(piece)


def _speaker_topics(claims: list[Claim], around: list[tuple[set[str], set[str]]],
                    rank: dict[str, int]) -> list[tuple[str, ...]]:
    """Gives each claim's ``context_topics``: the themes its speaker discusses (named by its own words, then
    around the most of its claims, at most :data:`MAX_SPEAKER_TOPICS` a speaker) that it is not about."""
    own: dict[str, Counter[str]] = {}
    near: dict[str, Counter[str]] = {}
    for c, (o, n) in zip(claims, around):
        own.setdefault(c.speaker, Counter()).update(o)
        near.setdefault(c.speaker, Counter()).update(n)
    voices = Counter(c.speaker for c in claims)
    order = sorted(rank, key=rank.__getitem__)
    fill: dict[str, set[str]] = {}
    for speaker, k in voices.items():
        if len(voices) == 1 or (k >= MIN_VOICE_CLAIMS and 2 * k > len(claims)):
            # the story's own voice (the only speaker, or one giving most of its claims: the firm of an
            # announcement, the founder of a profile) discusses the document's first themes as well
            fill[speaker] = set(order[:MAX_SPEAKER_TOPICS])
        elif not (own[speaker] or near[speaker]):
            # one whose words and their surroundings name no theme speaks of what the document is about
            fill[speaker] = set(order[:SILENT_SPEAKER_TOPICS])
        else:
            # anyone quoted in a story speaks to its main theme
            fill[speaker] = set(order[:STORY_TOPICS])
    kept = {}
    for speaker in own:
        ranked = sorted(set(own[speaker]) | set(near[speaker]) | fill[speaker],
                        key=lambda t: (-own[speaker][t], -near[speaker][t], rank[t]))
        kept[speaker] = set(ranked[:MAX_SPEAKER_TOPICS])
    return [tuple(sorted((o | n | fill[c.speaker]) & kept[c.speaker] - set(c.topics), key=rank.__getitem__))
            for c, (o, n) in zip(claims, around)]


def _paragraph(text: str, offset: int) -> tuple[int, int]:
    """Gives the span of the line of ``text`` that holds ``offset``."""
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return start, end if end >= 0 else len(text)


@Language.factory("kg_topics", requires=["doc._.kg_claims", "doc._.kg_entities"],
                  assigns=["doc._.kg_claims", "doc._.kg_topics"], default_config={"n": 3})
def make_topic_tagger(nlp: Language, name: str, *, n: int) -> TopicTagger:
    """Builds the ``kg_topics`` stage."""
    return TopicTagger(nlp, name, n=n)
