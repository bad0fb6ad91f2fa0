"""Person names jieba tags ``nr`` where a speaker stands (before a cue, a colon or an appointment)."""
from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from kg.nlp.entities.boundaries import take_name
from kg.nlp.entities.spans import Span, TextIndex
from kg.nlp.lexicon import lexicons
from kg.nlp.text import is_cjk
from kg.resources import read_lines

__all__ = ["speaking_names", "appointing_verbs"]


@lru_cache(maxsize=1)
def appointing_verbs() -> frozenset[str]:
    """Gives the verbs that appoint a person to a post after 为 (appointment_person_verbs.txt)."""
    return frozenset(read_lines("appointment_person_verbs.txt"))


def speaking_names(t: TextIndex) -> Iterator[Span]:
    """Yields jieba ``nr`` words that stand where a speaker stands (before a cue or a colon)."""
    lex = lexicons()
    text = t.text
    for w in t.words:
        # jieba tags a name nr, or cuts an unknown one after its surname (孙/浩然, 张/朝晖)
        split_name = len(w.text) == 1 and w.text in lex.surnames and w.text not in lex.surnames_ambiguous
        if not split_name and (not w.tag.startswith("nr") or not (2 <= len(w.text) <= 4)
                               or not all(is_cjk(c) for c in w.text)):
            continue
        if w.text[0] not in lex.surnames and w.text[:2] not in lex.surnames:
            continue
        end = take_name(t, w.start, strict=True)
        if end - w.start < 2 or text[end:end + 2] in lex.honorifics:
            continue
        after = text[end:end + 12]
        # 张伟（中信证券首席经济学家）: a bracket that holds a title
        title_in = lex.title_re.search(text, end, end + 24) if after[:1] in ("（", "(") else None
        bracket = title_in is not None and text.find("）", end, end + 24) > title_in.start()
        appointed = after[:1] == "为" and text[max(0, w.start - 2):w.start] in appointing_verbs() \
            and lex.title_re.search(after, 1, 12) is not None  # 选举邓敏为公司董事长
        if after[:1] in ("：", ":") or bracket or appointed or lex.cue_re.match(after) or lex.appointed_after_re.match(after) \
                or any(after.startswith(a) and lex.cue_re.match(after[len(a):])
                       for a in lex.name_cue_adverbs) \
                or (after.startswith("在") and lex.cue_re.search(after.split("，")[0])):
            yield Span(w.start, end, "PERSON", "name")
