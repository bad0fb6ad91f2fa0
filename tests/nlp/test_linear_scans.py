"""The clause and object scans give what their plain definitions give, without walking back over the text
per mention (issue 11: a 26,000-character line without punctuation took 307 s, 11 s now; see
benchmarks/bench_long_line.py)."""
from __future__ import annotations

import random

from kg.nlp.claims import _OBJECT_PREPS, _OBJECT_PREP_RE
from kg.nlp.text import CLAUSE_BREAKS, clause_start


def _clause_start_by_walking(text: str, i: int, breaks: str) -> int:
    j = i
    while j > 0 and text[j - 1] not in breaks:
        j -= 1
    return j


def test_clause_start_is_the_walk_back_to_the_last_break():
    rng = random.Random(3)
    pieces = ["张", "朝晖", "，", "。", "认为", "：", "“", "”", "\n", "a", "；", "对于"]
    for _ in range(300):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 60)))
        for breaks in (CLAUSE_BREAKS, "，。", "\n"):
            for i in range(len(text) + 1):
                assert clause_start(text, i, breaks) == _clause_start_by_walking(text, i, breaks), (text, i)


def test_the_object_preposition_search_is_any_preposition_in_the_gap():
    rng = random.Random(5)
    pieces = ["就", "对", "于", "关", "针", "与", "同", "向", "跟", "为", "王芳", "说"]
    for _ in range(500):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 30)))
        a = rng.randint(0, len(text))
        b = rng.randint(a, len(text))
        assert (_OBJECT_PREP_RE.search(text, a, b) is not None) == any(p in text[a:b] for p in _OBJECT_PREPS)
