"""The theme scan (one dictionary lookup per character) finds what one regular expression of every theme
form, longest first, finds: on made-up sentences, on random strings of theme pieces, and on the real corpus."""
from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest

from kg.nlp.topics import _surface_matches, lexicons

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "corpus" / "finreport.jsonl"


def _by_regex(lowered: str) -> list[tuple[int, int, str]]:
    forms = sorted(lexicons().synonyms, key=lambda s: (-len(s), s))
    pattern = re.compile("|".join(re.escape(f) for f in forms if len(f) >= 2))
    return [(m.start(), m.end(), m.group()) for m in pattern.finditer(lowered)]


def test_the_scan_equals_the_regex_on_sentences_and_random_pieces():
    texts = ["人工智能与ai芯片带动半导体行业回暖，新能源汽车销量创新高。", "", "a", "aiai", "货币政策与财政政策"]
    forms = [f for f in lexicons().synonyms if len(f) >= 2]
    rng = random.Random(7)
    for _ in range(300):  # overlapping and nested forms glued together, with pieces of forms between
        parts = [rng.choice(forms) for _ in range(rng.randint(1, 6))]
        texts.append("".join(p[: rng.randint(1, len(p))] if rng.random() < 0.3 else p for p in parts))
    for text in texts:
        assert _surface_matches(text) == _by_regex(text), text


@pytest.mark.skipif(not CORPUS.is_file(), reason="needs ../shared/data/corpus/finreport.jsonl")
def test_the_scan_equals_the_regex_on_the_real_corpus():
    with CORPUS.open(encoding="utf-8") as fh:
        texts = [json.loads(line).get("text") or "" for line in fh][:300]
    found = 0
    for text in texts:
        lowered = text.lower()
        got = _surface_matches(lowered)
        assert got == _by_regex(lowered)
        found += len(got)
    assert found > 1000
