"""Character features for the CRF NER model: the one place training and tagging share.

Every character gets a list of string features: characters and character pairs in a +-2
window, character classes, the jieba word it sits in (BMES position, the word, its length),
and lexicon hits (surnames, title words, organization suffixes, and a gazetteer of entity
surfaces). The lexicons are frozen into the model directory at training time, so editing
``kg/resources`` never changes what a shipped model sees.
"""
from __future__ import annotations

import unicodedata
from bisect import bisect_left
from functools import lru_cache
from collections.abc import Iterable, Mapping, Sequence
from itertools import chain, repeat
from dataclasses import dataclass, field

import jieba
import numpy as np

from kg.segment import get_jieba, get_posseg

__all__ = ["DocumentWords", "FeatureLexicons", "attribute_prefix", "char_class", "column_ids", "feature_ids",
           "featurize", "raw_columns", "sentence_words", "word_tag_table"]

_CLASS_CACHE: dict[str, str] = {}


def char_class(ch: str) -> str:
    """Gives a one-letter class: C(JK), D(igit), L(atin), P(unctuation), S(pace) or O(ther)."""
    k = _CLASS_CACHE.get(ch)
    if k is None:
        o = ord(ch)
        if 0x3400 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF:
            k = "C"
        elif ch.isdigit() or ch in "０１２３４５６７８９":
            k = "D"
        elif ch.isalpha():
            k = "L"
        elif ch.isspace():
            k = "S"
        elif unicodedata.category(ch).startswith("P"):
            k = "P"
        else:
            k = "O"
        _CLASS_CACHE[ch] = k
    return k


@dataclass
class FeatureLexicons:
    """Word lists the features look up; saved with the model as JSON."""

    surnames: frozenset[str] = frozenset()
    titles: frozenset[str] = frozenset()
    suffixes: dict[str, str] = field(default_factory=dict)  # organization suffix -> kg label
    gazetteer: dict[str, str] = field(default_factory=dict)  # surface -> CLUENER label
    use_words: bool = True
    context_words: bool = False  # also the words before and after, and the word's last character
    wide: bool = False  # also characters at +-3, the pair around the character, the word's gazetteer label
    word_tags: bool = False  # jieba's dictionary POS tag of the word and of its neighbours
    clusters: dict[str, str] = field(default_factory=dict)  # word -> "coarse|fine" distributional clusters

    def __post_init__(self) -> None:
        self._title_idx = _first_char_index(self.titles)
        self._suffix_idx = _first_char_index(self.suffixes)
        self._gaz_idx = _first_char_index(self.gazetteer)

    def to_json(self) -> dict:
        """Gives a JSON-able dict of the lists."""
        return {
            "surnames": sorted(self.surnames),
            "titles": sorted(self.titles),
            "suffixes": dict(sorted(self.suffixes.items())),
            "gazetteer": dict(sorted(self.gazetteer.items())),
            "use_words": self.use_words,
            "context_words": self.context_words,
            "wide": self.wide,
            "word_tags": self.word_tags,
            "clusters": dict(sorted(self.clusters.items())),
        }

    @classmethod
    def from_json(cls, obj: Mapping) -> FeatureLexicons:
        """Gives the lexicons saved by :meth:`to_json`."""
        return cls(
            surnames=frozenset(obj.get("surnames", ())),
            titles=frozenset(obj.get("titles", ())),
            suffixes=_as_dict(obj.get("suffixes", {})),
            gazetteer=dict(obj.get("gazetteer", {})),
            use_words=bool(obj.get("use_words", True)),
            context_words=bool(obj.get("context_words", False)),
            wide=bool(obj.get("wide", False)),
            word_tags=bool(obj.get("word_tags", False)),
            clusters=dict(obj.get("clusters", {})),
        )


def _as_dict(value: Mapping[str, str] | Iterable[str]) -> dict[str, str]:
    # early models saved the suffixes as a plain list, without labels
    return dict(value) if isinstance(value, Mapping) else dict.fromkeys(value, "")


def _first_char_index(entries: Iterable[str]) -> dict[str, tuple[int, ...]]:
    # first character -> the entry lengths starting with it, longest first: one dict lookup per
    # position instead of one per (position, length)
    lens: dict[str, set[int]] = {}
    for e in entries:
        if e:
            lens.setdefault(e[0], set()).add(len(e))
    return {c: tuple(sorted(v, reverse=True)) for c, v in lens.items()}


def _longest_matches(text: str, entries: Mapping[str, str] | frozenset[str],
                     index: Mapping[str, tuple[int, ...]]) -> list[tuple[int, int, str]]:
    # greedy left-to-right longest match; ``entries`` maps to a tag or is a set (tag "")
    out = []
    n = len(text)
    i = 0
    is_map = isinstance(entries, Mapping)
    get = index.get
    while i < n:
        lens = get(text[i])
        if lens:
            for L in lens:
                if i + L <= n:
                    s = text[i:i + L]
                    if s in entries:
                        out.append((i, i + L, entries[s] if is_map else ""))
                        i += L
                        break
            else:
                i += 1
        else:
            i += 1
    return out


def _bmes(start: int, end: int, tag: str, marks: list[str]) -> None:
    if end - start == 1:
        marks[start] = "S" + tag
        return
    marks[start] = "B" + tag
    for j in range(start + 1, end - 1):
        marks[j] = "M" + tag
    marks[end - 1] = "E" + tag


def featurize(text: str, lex: FeatureLexicons, words: Sequence[str] | None = None) -> list[tuple[str, ...]]:
    """Gives one tuple of feature strings per character of ``text``.

    ``words`` is jieba's segmentation of ``text`` when the caller already has it. Each feature
    is a template's prefix and a value (``"c0=" + character``); see :func:`raw_columns`.
    """
    if not text:
        return []
    return list(zip(*([p + v for v in values] for p, values in raw_columns(text, lex, words))))


def attribute_prefix(attr: str) -> str:
    """Gives the template prefix of a feature string made by :func:`featurize`."""
    if attr.startswith("sur"):
        return "sur"
    k = attr.find("=")
    return attr if k < 0 else attr[:k + 1]


def feature_ids(text: str, lex: FeatureLexicons, tables: Mapping[str, Mapping[str, int]],
                words: Sequence[str] | None = None) -> list[list[int]]:
    """Gives, per template, the ids of ``text``'s features: ``tables[prefix][value]``, 0 if unseen.

    The same features as :func:`featurize`, without building the strings: the NER stage's fast path.
    """
    return column_ids([raw_columns(text, lex, words)], tables).tolist()


def column_ids(columns: Sequence[list[tuple[str, list[str]]]], tables: Mapping[str, Mapping[str, int]]
               ) -> np.ndarray:
    """Gives a ``(templates, characters)`` id array for several texts' :func:`raw_columns`, the
    texts one after another; one dictionary per template, looked up over all texts at once."""
    if not columns:
        return np.zeros((0, 0), dtype=np.int64)
    prefixes = [p for p, _v in columns[0]]
    total = sum(len(cols[0][1]) for cols in columns)
    empty: Mapping[str, int] = {}
    ids = chain.from_iterable(
        map(tables.get(p, empty).get, chain.from_iterable(cols[k][1] for cols in columns), repeat(0))
        for k, p in enumerate(prefixes))
    return np.fromiter(ids, dtype=np.int64, count=total * len(prefixes)).reshape(len(prefixes), total)


def raw_columns(text: str, lex: FeatureLexicons, words: Sequence[str] | None = None
                ) -> list[tuple[str, list[str]]]:
    """Gives the feature templates of ``text`` as ``(prefix, one value per character)``.

    Built column by column (one list comprehension per template), which is about twice as fast
    as a loop over characters; the NER stage's speed is mostly this function.
    """
    n = len(text)
    chars = list(text)
    cls = [char_class(c) for c in chars]
    pc = ["^2", "^1", *chars, "$1", "$2"]
    bg = [a + b for a, b in zip(pc, pc[1:])]  # bg[k] = pc[k] + pc[k + 1]
    pk = ["^", *cls, "$"]
    kk = [a + b + c for a, b, c in zip(pk, pk[1:], pk[2:])]

    wpos = ["S"] * n
    wfeat = [""] * n
    context = lex.context_words
    if context:
        wprev = [""] * n
        wnext = [""] * n
        wlast = [""] * n
    wide = lex.wide
    if wide:
        wgaz = [""] * n
        gaz_get = lex.gazetteer.get
    tags = lex.word_tags
    clusters = lex.clusters
    if lex.use_words:
        if words is None:
            words = sentence_words(text)
        if tags:
            table = word_tag_table()
            wtags = [table.get(w, "?") for w in words]
            ctag = [""] * n
            ltag = [""] * n
            rtag = [""] * n
            last = len(words) - 1
        if clusters:
            wcl = [clusters.get(w, "?|?").split("|") for w in words]
            ccoarse = [""] * n
            cfine = [""] * n
            lcl = [""] * n
            rcl = [""] * n
        i = 0
        for k, w in enumerate(words):
            L = len(w)
            if L > 1:
                wpos[i] = "B"
                for j in range(i + 1, i + L - 1):
                    wpos[j] = "M"
                wpos[i + L - 1] = "E"
            wfeat[i:i + L] = [w if L <= 6 else "LONG"] * L
            if context:
                prev = words[k - 1] if k else "^"
                nxt = words[k + 1] if k + 1 < len(words) else "$"
                wprev[i:i + L] = [prev if len(prev) <= 4 else prev[-2:]] * L
                wnext[i:i + L] = [nxt if len(nxt) <= 4 else nxt[:2]] * L
                wlast[i:i + L] = [w[-1]] * L
            if tags:
                ctag[i:i + L] = [wtags[k]] * L
                ltag[i:i + L] = [wtags[k - 1] if k else "^"] * L
                rtag[i:i + L] = [wtags[k + 1] if k < last else "$"] * L
            if clusters:
                c = wcl[k]
                ccoarse[i:i + L] = [c[0]] * L
                cfine[i:i + L] = [c[1]] * L
                lcl[i:i + L] = [wcl[k - 1][0] if k else "^"] * L
                rcl[i:i + L] = [wcl[k + 1][0] if k + 1 < len(words) else "$"] * L
            if wide and L > 1:
                g = gaz_get(w)
                if g:
                    wgaz[i:i + L] = [g] * L
            i += L

    tmarks = ["O"] * n
    for s, e, _ in _longest_matches(text, lex.titles, lex._title_idx):
        _bmes(s, e, "", tmarks)
    smarks = ["O"] * n
    for s, e, tag in _longest_matches(text, lex.suffixes, lex._suffix_idx):
        _bmes(s, e, "-" + tag, smarks)
    gmarks = ["O"] * n
    if lex.gazetteer:
        for s, e, tag in _longest_matches(text, lex.gazetteer, lex._gaz_idx):
            _bmes(s, e, "-" + tag, gmarks)
    surn = lex.surnames

    columns = [
        ("bias", [""] * n),
        ("c0=", chars),
        ("c-1=", pc[1:n + 1]),
        ("c1=", pc[3:n + 3]),
        ("c-2=", pc[:n]),
        ("c2=", pc[4:n + 4]),
        ("b-1=", bg[1:n + 1]),
        ("b0=", bg[2:n + 2]),
        ("b-2=", bg[:n]),
        ("b1=", bg[3:n + 3]),
        ("t0=", [b + c for b, c in zip(bg[1:n + 1], pc[3:n + 3])]),
        ("k=", kk),
        ("k0=", cls),
        ("wp=", wpos),
        ("wpc=", [p + c for p, c in zip(wpos, chars)]),
        ("w=", wfeat),
        ("tm=", tmarks),
        ("tm1=", ["^", *tmarks[:-1]]),
        ("sm=", smarks),
        ("gm=", gmarks),
        ("sur", [p if c in surn else "-" for p, c in zip(wpos, chars)]),
        ("sn=", [m[0] for m in smarks[1:]] + ["$"]),
    ]
    if context:
        columns += [("wl=", wprev), ("wr=", wnext), ("wz=", wlast)]
    if lex.use_words and tags:
        columns += [("wt=", ctag), ("wtl=", ltag), ("wtr=", rtag)]
    if lex.use_words and clusters:
        columns += [("wc=", ccoarse), ("wf=", cfine), ("wcl=", lcl), ("wcr=", rcl)]
    if wide:
        far = ["^3", *pc, "$3"]  # far[k + 3] = text[k]
        columns += [
            ("c-3=", far[:n]),
            ("c3=", far[6:n + 6]),
            ("s0=", [a + b for a, b in zip(pc[1:n + 1], pc[3:n + 3])]),
            ("wg=", wgaz),
        ]
    return columns


def sentence_words(text: str) -> list[str]:
    """Gives jieba's words of ``text`` segmented alone: what the word features see."""
    return [w for w in get_jieba().cut(text, HMM=True) if w]


# jieba cuts a text into blocks of these characters (each segmented on its own by the dictionary and
# the HMM) and, between them, single characters, with "\r\n" one word
_JIEBA_BLOCK = jieba.re_han_default
_JIEBA_SKIP = jieba.re_skip_default


class DocumentWords:
    """A document's jieba words, to give each sentence the words jieba gives it alone, without
    segmenting it again (the NER stage's largest single cost before).

    ``spans`` are the ``(start, end, ...)`` offsets of the document's non-space words, in order (the
    tokenizer's :class:`kg.records.Word` records); the whitespace between them is one word per
    character (``"\r\n"`` one), as jieba gives it.
    """

    def __init__(self, text: str, spans: Iterable[Sequence]) -> None:
        self.text = text
        starts: list[int] = []
        words: list[str] = []
        ok = True
        i = 0
        for w in spans:
            s, e = w[0], w[1]
            if s < i or e <= s:
                ok = False
                break
            if s > i:
                ok = self._gap(i, s, starts, words)
                if not ok:
                    break
            starts.append(s)
            words.append(text[s:e])
            i = e
        if ok and i > len(text):
            ok = False
        if ok and i < len(text):
            ok = self._gap(i, len(text), starts, words)
        self.ok = ok  # False: the spans do not tile the text; every sentence is segmented again
        starts.append(len(text))
        self._starts = starts
        self._words = words

    def _gap(self, a: int, b: int, starts: list[int], words: list[str]) -> bool:
        gap = self.text[a:b]
        pieces = _JIEBA_SKIP.findall(gap)
        if sum(map(len, pieces)) != len(gap):
            return False  # something other than whitespace between two words
        for piece in pieces:
            starts.append(a)
            words.append(piece)
            a += len(piece)
        return True

    def _cut_alone(self, k: int) -> bool:
        # True when jieba segments text[:k] and text[k:] exactly as it segments the text there:
        # k falls between two of its blocks and is not the middle of "\r\n"
        t = self.text
        if k <= 0 or k >= len(t):
            return True
        a, b = t[k - 1], t[k]
        return not ((_JIEBA_BLOCK.match(a) and _JIEBA_BLOCK.match(b)) or (a == "\r" and b == "\n"))

    def of(self, start: int, end: int) -> list[str] | None:
        """Gives the words of ``text[start:end]``, equal to :func:`sentence_words` of it, or None where
        jieba could segment the piece alone differently (a cut inside one of its blocks)."""
        if not self.ok or start >= end or not (self._cut_alone(start) and self._cut_alone(end)):
            return None
        starts = self._starts
        i = bisect_left(starts, start)
        j = bisect_left(starts, end, i)
        if starts[i] != start or starts[j] != end:
            return None
        return self._words[i:j]


@lru_cache(maxsize=1)
def word_tag_table() -> dict[str, str]:
    """Gives jieba's own dictionary POS tags (not kg's user dictionary, so editing kg's resources
    never changes what a shipped model sees)."""
    return dict(get_posseg().word_tag_tab)

