"""Labels, tags and sentence pieces: what the tagger and the trainer both need.

CLUENER's ten labels and the five kg emits, BIO/BIOES tags to and from ``(start, end, label)`` spans,
and the cut of a text into the sentences the model tags (like spaCy's ``training/iob_utils.py``).
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence

__all__ = ["CLUENER_LABELS", "LABEL_MAP", "iter_sentence_spans", "spans_to_tags", "tags_to_spans"]

#: The ten CLUENER2020 labels.
CLUENER_LABELS = (
    "name", "company", "position", "organization", "government",
    "address", "book", "game", "movie", "scene",
)
#: CLUENER label -> kg label; the other five CLUENER labels are trained but never emitted.
LABEL_MAP: dict[str, str] = {
    "name": "PERSON",
    "company": "COMPANY",
    "organization": "ORG",
    "government": "GOV",
    "position": "TITLE",
}


def spans_to_tags(n: int, spans: Sequence[tuple[int, int, str]], scheme: str = "BIO") -> list[str]:
    """Gives BIO (or BIOES) tags for ``n`` characters from ``(start, end, label)`` spans."""
    tags = ["O"] * n
    for start, end, label in spans:
        if any(t != "O" for t in tags[start:end]):
            continue  # CLUENER has a handful of nested spans; keep the first
        tags[start] = "B-" + label
        for i in range(start + 1, end):
            tags[i] = "I-" + label
        if scheme == "BIOES":
            if end - start == 1:
                tags[start] = "S-" + label
            else:
                tags[end - 1] = "E-" + label
    return tags


def tags_to_spans(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """Gives ``(start, end, label)`` spans from BIO or BIOES tags; a stray ``I-`` starts a span."""
    spans = []
    start, label = -1, ""
    for i, t in enumerate(tags):
        head = t[0]
        if head == "O" or head in "BS" or t[2:] != label:
            if label:
                spans.append((start, i, label))
            if head == "O":
                start, label = -1, ""
            else:
                start, label = i, t[2:]
        if head in "SE" and label:
            spans.append((start, i + 1, label))
            start, label = -1, ""
    if label:
        spans.append((start, len(tags), label))
    return spans


def iter_sentence_spans(text: str, max_len: int = 200) -> Iterable[tuple[int, int]]:
    """Gives ``(start, end)`` pieces of ``text``: sentences, cut at newlines and at ``max_len``."""
    n = len(text)
    start = 0
    i = 0
    while i < n:
        ch = text[i]
        if ch in "\n\r":
            if i > start:
                yield start, i
            start = i + 1
        elif ch in "。！？!?；;" or i - start + 1 >= max_len:
            # keep closing quotes with their sentence
            end = i + 1
            while end < n and text[end] in "”’\"'）)】」』":
                end += 1
            yield start, end
            start = end
            i = end - 1
        i += 1
    if start < n:
        yield start, n
