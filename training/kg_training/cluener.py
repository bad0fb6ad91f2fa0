"""CLUENER2020 data for training: the fixed-seed validation split and writing CLUENER JSON lines.

Reading a CLUENER file (and scoring) is kg's own :mod:`kg.ner.evaluate`, since ``kg eval-ner`` needs it
at run time; this module adds what only training needs.
"""
from __future__ import annotations

import json
import random
from collections.abc import Iterable, Sequence
from pathlib import Path

from kg.ner.evaluate import Example, read_cluener
from kg_training.atomic import write_text

__all__ = ["DEFAULT_SPLIT_SEED", "DEFAULT_VAL_FRACTION", "Example", "read_cluener", "split_indices",
           "train_val_split", "write_cluener"]

DEFAULT_VAL_FRACTION = 0.1
DEFAULT_SPLIT_SEED = 20200


def write_cluener(examples: Iterable[Example], path: str | Path) -> Path:
    """Gives ``path`` after writing ``examples`` back as CLUENER JSON lines (end-inclusive offsets)."""
    lines = []
    for ex in examples:
        label: dict[str, dict[str, list[list[int]]]] = {}
        for start, end, lab in ex.spans:
            label.setdefault(lab, {}).setdefault(ex.text[start:end], []).append([start, end - 1])
        lines.append(json.dumps({"text": ex.text, "label": label}, ensure_ascii=False) + "\n")
    return write_text(Path(path), "".join(lines))


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
