"""CLUENER2020 data for the statistical NER stage: reading, the validation split, span metrics.

CLUENER writes character offsets with the end *inclusive*; everything here gives kg's usual
end-exclusive ``(start, end, label)`` spans.
"""
from __future__ import annotations

import json
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from kg.errors import KGError

__all__ = [
    "CLUENER_LABELS",
    "LABEL_MAP",
    "Example",
    "LabelScore",
    "read_cluener",
    "split_indices",
    "train_val_split",
    "write_cluener",
    "score_spans",
    "DEFAULT_VAL_FRACTION",
    "DEFAULT_SPLIT_SEED",
]

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
DEFAULT_VAL_FRACTION = 0.1
DEFAULT_SPLIT_SEED = 20200


@dataclass(frozen=True, slots=True)
class Example:
    """One sentence and its gold spans ``(start, end_exclusive, cluener_label)``."""

    text: str
    spans: tuple[tuple[int, int, str], ...]


@dataclass(frozen=True, slots=True)
class LabelScore:
    """Span-level scores of one label: exact start, end and label must all match."""

    label: str
    precision: float
    recall: float
    f1: float
    support: int  # gold spans
    predicted: int


def _parse_line(obj: dict, where: str) -> Example:
    text = obj.get("text")
    if not isinstance(text, str):
        raise KGError(f"{where}: no 'text' string; expected CLUENER JSON lines "
                      '{"text": ..., "label": ...}')
    spans: set[tuple[int, int, str]] = set()
    for label, surfaces in (obj.get("label") or {}).items():
        for surface, offsets in surfaces.items():
            for start, end_incl in offsets:
                end = end_incl + 1
                if not (0 <= start < end <= len(text)) or text[start:end] != surface:
                    raise KGError(f"{where}: span [{start}, {end_incl}] of {label} {surface!r} does not "
                                  "match the text; offsets must be CLUENER's (end inclusive)")
                spans.add((start, end, label))
    return Example(text, tuple(sorted(spans)))


def read_cluener(path: str | Path) -> list[Example]:
    """Gives the examples of a CLUENER JSON-lines file, spans end-exclusive.

    Raises:
        KGError: the file is missing or a line is not CLUENER JSON.
    """
    path = Path(path)
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise KGError(f"{path}: no such file; pass the path of a CLUENER JSON-lines file") from None
    except UnicodeDecodeError:
        raise KGError(f"{path}: not UTF-8; CLUENER files are UTF-8 JSON lines") from None
    out = []
    for i, line in enumerate(raw.splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise KGError(f"{path}:{i}: invalid JSON ({exc.msg}); "
                          "expected one CLUENER object a line") from None
        out.append(_parse_line(obj, f"{path}:{i}"))
    return out


def write_cluener(examples: Iterable[Example], path: str | Path) -> Path:
    """Gives ``path`` after writing ``examples`` back as CLUENER JSON lines (end-inclusive offsets)."""
    path = Path(path)
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("w", encoding="utf-8") as fh:
        for ex in examples:
            label: dict[str, dict[str, list[list[int]]]] = {}
            for start, end, lab in ex.spans:
                label.setdefault(lab, {}).setdefault(ex.text[start:end], []).append([start, end - 1])
            fh.write(json.dumps({"text": ex.text, "label": label}, ensure_ascii=False) + "\n")
    tmp.replace(path)
    return path


def split_indices(n: int, *, fraction: float = DEFAULT_VAL_FRACTION,
                  seed: int = DEFAULT_SPLIT_SEED) -> tuple[list[int], list[int]]:
    """Gives ``(train_indices, val_indices)``: a fixed-seed shuffle of ``range(n)``, both sorted."""
    order = list(range(n))
    random.Random(seed).shuffle(order)
    n_val = int(round(n * fraction))
    return sorted(order[n_val:]), sorted(order[:n_val])


def train_val_split(examples: Sequence[Example], *, fraction: float = DEFAULT_VAL_FRACTION,
                    seed: int = DEFAULT_SPLIT_SEED) -> tuple[list[Example], list[Example]]:
    """Gives ``(train, validation)`` examples by :func:`split_indices`."""
    tr, va = split_indices(len(examples), fraction=fraction, seed=seed)
    return [examples[i] for i in tr], [examples[i] for i in va]


def score_spans(gold: Sequence[Iterable[tuple[int, int, str]]],
                pred: Sequence[Iterable[tuple[int, int, str]]],
                labels: Sequence[str]) -> tuple[list[LabelScore], float]:
    """Gives per-label span scores and the macro F1 over ``labels``.

    ``gold`` and ``pred`` hold, per sentence, ``(start, end, label)`` spans; only exact
    matches count.
    """
    if len(gold) != len(pred):
        raise KGError(f"{len(gold)} gold sentences but {len(pred)} predicted; they must pair up")
    tp = dict.fromkeys(labels, 0)
    n_gold = dict.fromkeys(labels, 0)
    n_pred = dict.fromkeys(labels, 0)
    for g, p in zip(gold, pred):
        gs = {s[:3] for s in g if s[2] in tp}
        ps = {s[:3] for s in p if s[2] in tp}
        for s in gs:
            n_gold[s[2]] += 1
        for s in ps:
            n_pred[s[2]] += 1
        for s in gs & ps:
            tp[s[2]] += 1
    scores = []
    for lab in labels:
        prec = tp[lab] / n_pred[lab] if n_pred[lab] else 0.0
        rec = tp[lab] / n_gold[lab] if n_gold[lab] else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        scores.append(LabelScore(lab, prec, rec, f1, n_gold[lab], n_pred[lab]))
    macro = sum(s.f1 for s in scores) / len(scores) if scores else 0.0
    return scores, macro
