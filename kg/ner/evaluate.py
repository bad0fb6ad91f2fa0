"""``kg eval-ner``: reading CLUENER-format files and span-level precision, recall and F1 of a model.

CLUENER writes character offsets with the end *inclusive*; everything here gives kg's usual
end-exclusive ``(start, end, label)`` spans.
"""
from __future__ import annotations

import json
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from kg.errors import KGError
from kg.ner.tags import CLUENER_LABELS, LABEL_MAP

__all__ = ["Example", "LabelScore", "NEREvaluation", "evaluate_file", "format_report", "read_cluener",
           "score_spans"]


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


@dataclass(frozen=True, slots=True)
class NEREvaluation:
    """What ``kg eval-ner`` reports: scores of kg's five labels (and the other five when asked), and speed."""

    scores: tuple[LabelScore, ...]
    macro_f1: float
    extra: tuple[LabelScore, ...]  # the CLUENER labels kg does not emit; empty unless asked for
    sentences: int
    characters: int
    seconds: float
    cpu_seconds: float


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


def evaluate_file(path: str | Path, *, model_dir: str | Path | None = None,
                  all_labels: bool = False) -> NEREvaluation:
    """Gives the scores and speed of the model in ``model_dir`` (the packaged one when None) on the
    CLUENER file ``path``, tagging in one process.

    Raises:
        KGError: the file is missing, not CLUENER JSON or empty; ModelError: the model does not load.
    """
    from kg.ner.model import NERModel

    examples = read_cluener(path)
    if not examples:
        raise KGError(f"{path}: no sentences to score")
    model = NERModel.load(model_dir)
    model.predict_cluener(examples[0].text)  # warm up jieba before the clock starts
    t0, c0 = time.perf_counter(), time.process_time()
    pred = model.predict_cluener_many([ex.text for ex in examples])
    seconds = time.perf_counter() - t0
    cpu_seconds = max(time.process_time() - c0, 1e-9)
    gold = [ex.spans for ex in examples]
    scores, macro = score_spans(gold, pred, list(LABEL_MAP))
    extra: list[LabelScore] = []
    if all_labels:
        extra, _ = score_spans(gold, pred, [lab for lab in CLUENER_LABELS if lab not in LABEL_MAP])
    return NEREvaluation(tuple(scores), macro, tuple(extra), len(examples),
                         sum(len(ex.text) for ex in examples), seconds, cpu_seconds)


def format_report(ev: NEREvaluation) -> str:
    """Gives ``kg eval-ner``'s table: one row per label, macro F1, then the speed."""
    lines = [f"{'label':<22} {'precision':>9} {'recall':>9} {'F1':>9} {'gold':>6} {'pred':>6}"]
    for s in ev.scores:
        name = f"{LABEL_MAP[s.label]} ({s.label})"
        lines.append(f"{name:<22} {s.precision:9.4f} {s.recall:9.4f} {s.f1:9.4f} {s.support:6d} {s.predicted:6d}")
    lines.append(f"{'macro F1 (5 labels)':<22} {'':>9} {'':>9} {ev.macro_f1:9.4f}")
    for s in ev.extra:
        lines.append(f"{'(' + s.label + ')':<22} {s.precision:9.4f} {s.recall:9.4f} {s.f1:9.4f} "
                     f"{s.support:6d} {s.predicted:6d}")
    n = ev.characters
    lines.append(f"{ev.sentences} sentences, {n} characters in {ev.seconds:.2f} s: "
                 f"{n / ev.seconds:,.0f} characters/second "
                 f"({n / ev.cpu_seconds:,.0f} per CPU-second)")
    return "\n".join(lines)
