"""Trains the character CRF on CLUENER2020 and writes a model directory that :class:`kg.ner.NERModel` loads.

Training is single-threaded (crfsuite) and deterministic for a given seed. The defaults of
:class:`CRFSettings` are the settings of the shipped model.
"""
from __future__ import annotations

import random
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import pycrfsuite

from kg.errors import KGError
from kg.io.atomic import ensure_dir
from kg.ner import NERModel
from kg.ner.evaluate import Example, read_cluener, score_spans
from kg.ner.features import FeatureLexicons, featurize
from kg.ner.files import CARD_FILE, CNN_FILE, LEXICON_FILE, META_FILE, MODEL_FILE
from kg.ner.tags import CLUENER_LABELS, LABEL_MAP, spans_to_tags
from kg.resources import read_lexicon, read_lines, read_pairs, read_text
from kg_training.atomic import move_into, write_json, write_text
from kg_training.card import model_card
from kg_training.cluener import DEFAULT_SPLIT_SEED, DEFAULT_VAL_FRACTION, train_val_split

__all__ = ["CRFSettings", "build_lexicons", "read_clusters", "skip_suffixes", "train", "validate", "write_meta"]


@dataclass(frozen=True)
class CRFSettings:
    """How to train the CRF; the defaults are the shipped model's.

    Attributes:
        seed: seed of the gazetteer folds.
        val_fraction, split_seed: the validation split carved from the training file (held out
            unless ``full``).
        c1, c2: L1 and L2 penalties of crfsuite's L-BFGS trainer.
        max_iterations: L-BFGS iterations (epochs for ``ap`` and ``pa``).
        gazetteer: add gazetteer features built from the training sentences.
        gazetteer_folds: jackknife folds for the gazetteer features of training sentences.
        use_words: add jieba word features.
        context_words: add the neighbouring jieba words and the word's last character.
        scheme: ``"BIO"`` or ``"BIOES"`` tags.
        algorithm: crfsuite's trainer: ``"lbfgs"`` (uses c1, c2), ``"ap"`` (averaged perceptron)
            or ``"pa"`` (passive-aggressive).
        wide: add characters at +-3, the character pair around each character and the gazetteer
            label of the jieba word.
        full: train on every sentence (no validation hold-out).
        word_tags: add jieba's dictionary POS tags of the word and its neighbours.
        clusters: a TSV file of ``word<TAB>coarse<TAB>fine`` distributional clusters (written by
            ``kg-train clusters``); they are copied into the model's lexicons.
    """

    seed: int = 0
    val_fraction: float = DEFAULT_VAL_FRACTION
    split_seed: int = DEFAULT_SPLIT_SEED
    c1: float = 0.3
    c2: float = 0.1
    max_iterations: int = 200
    gazetteer: bool = True
    gazetteer_folds: int = 5
    use_words: bool = True
    context_words: bool = True
    scheme: str = "BIOES"
    algorithm: str = "lbfgs"
    wide: bool = False
    full: bool = False
    word_tags: bool = False
    clusters: Path | None = None

    def check(self) -> None:
        """Raises KGError naming the first setting out of range."""
        if self.scheme not in ("BIO", "BIOES"):
            raise KGError(f"tag scheme {self.scheme!r}: use BIO or BIOES")
        if self.algorithm not in ("lbfgs", "ap", "pa"):
            raise KGError(f"CRF trainer {self.algorithm!r}: use lbfgs, ap or pa")
        if not 0.0 < self.val_fraction < 1.0:
            raise KGError(f"val_fraction {self.val_fraction}: must lie strictly between 0 and 1")


def skip_suffixes() -> frozenset[str]:
    """Gives the organization suffixes left out of the features (``kg_training/skip_suffixes.txt``)."""
    lines = (line.split("#", 1)[0].strip() for line in read_text("skip_suffixes.txt", package="kg_training")
             .splitlines())
    return frozenset(line for line in lines if line)


def _gazetteer(examples: Sequence[Example], *, min_len: int = 2) -> dict[str, str]:
    votes: dict[str, Counter] = {}
    for ex in examples:
        for start, end, label in ex.spans:
            if end - start >= min_len:
                votes.setdefault(ex.text[start:end], Counter())[label] += 1
    return {s: c.most_common(1)[0][0] for s, c in votes.items()}


def build_lexicons(train_examples: Sequence[Example], *, gazetteer: bool = True,
                   use_words: bool = True, context_words: bool = False) -> FeatureLexicons:
    """Gives the feature lexicons: kg's surname, title and suffix lists and a gazetteer of entities."""
    surnames = frozenset(s for s in read_lexicon("surnames.txt") | read_lexicon("surnames_ambiguous.txt")
                         if len(s) == 1)
    titles = frozenset(read_lines("titles.txt"))
    skip = skip_suffixes()
    suffixes = {row[0]: row[1] for row in read_pairs("org_suffixes.txt") if len(row) > 1 and row[0] not in skip}
    gaz = _gazetteer(train_examples) if gazetteer else {}
    return FeatureLexicons(surnames=surnames, titles=titles, suffixes=suffixes, gazetteer=gaz,
                           use_words=use_words, context_words=context_words)


def _training_features(examples: Sequence[Example], lex: FeatureLexicons, *, folds: int,
                       seed: int) -> list[list[tuple[str, ...]]]:
    # Each sentence sees a gazetteer built from the other folds only, so the CRF learns how far a
    # gazetteer hit can be trusted on text it has not seen (as at tagging time).
    if not lex.gazetteer or folds < 2:
        return [featurize(ex.text, lex) for ex in examples]
    order = list(range(len(examples)))
    random.Random(seed).shuffle(order)
    fold_of = {idx: k % folds for k, idx in enumerate(order)}
    lex_for = [replace(lex, gazetteer=_gazetteer([ex for i, ex in enumerate(examples) if fold_of[i] != k]))
               for k in range(folds)]
    return [featurize(ex.text, lex_for[fold_of[i]]) for i, ex in enumerate(examples)]


def _fit(examples: Sequence[Example], xs: Sequence[list[tuple[str, ...]]], settings: CRFSettings,
         path: Path, *, verbose: bool) -> None:
    # crfsuite writes the model to a file name of its own: train into a temporary folder, then copy
    s = settings
    trainer = pycrfsuite.Trainer(algorithm=s.algorithm, verbose=verbose)
    for ex, x in zip(examples, xs):
        trainer.append(x, spans_to_tags(len(ex.text), ex.spans, s.scheme))
    params: dict = {"max_iterations": s.max_iterations, "feature.possible_transitions": True}
    if s.algorithm == "lbfgs":
        params.update(c1=s.c1, c2=s.c2)
    trainer.set_params(params)
    with tempfile.TemporaryDirectory(dir=path.parent, prefix=".crf-") as tmp:
        trained = Path(tmp) / MODEL_FILE
        trainer.train(str(trained))
        move_into(trained, path)


def train(train_path: str | Path, out_dir: str | Path, settings: CRFSettings = CRFSettings(), *,
          verbose: bool = False) -> dict:
    """Gives the model's metadata after training a CRF on ``train_path`` (CLUENER ``train.json``) and
    writing ``model.crfsuite``, ``lexicons.json``, ``meta.json`` and ``README.md`` to ``out_dir``.

    A ``cnn.npz`` left in ``out_dir`` is removed: a CNN belongs to the CRF it was trained beside.
    ``verbose`` prints crfsuite's progress.

    Raises:
        KGError: the data is missing or empty, or a setting is out of range.
    """
    s = settings
    s.check()
    examples = read_cluener(train_path)
    if not examples:
        raise KGError(f"{train_path}: no sentences; pass the CLUENER train.json path (--data)")
    if s.full:
        tr, va = list(examples), []
    else:
        tr, va = train_val_split(examples, fraction=s.val_fraction, seed=s.split_seed)
    out_dir = Path(out_dir)
    ensure_dir(out_dir)
    stale = out_dir / CNN_FILE
    if stale.exists():
        # the CNN was trained beside the old CRF and its lexicons; never pair it with a new one
        stale.unlink()
        print(f"removed {stale}: retrain the CNN expert for the new CRF (kg-train cnn)", file=sys.stderr)
    t0 = time.perf_counter()
    lex = replace(build_lexicons(tr, gazetteer=s.gazetteer, use_words=s.use_words, context_words=s.context_words),
                  wide=s.wide, word_tags=s.word_tags, clusters=read_clusters(s.clusters) if s.clusters else {})
    xs = _training_features(tr, lex, folds=s.gazetteer_folds, seed=s.seed)
    t_feat = time.perf_counter() - t0

    t1 = time.perf_counter()
    _fit(tr, xs, s, out_dir / MODEL_FILE, verbose=verbose)
    t_train = time.perf_counter() - t1

    write_json(out_dir / LEXICON_FILE, lex.to_json())
    meta = {
        "kind": "crfsuite-char",
        "scheme": s.scheme,
        "data": "CLUENER2020 train.json (research use only)",
        "n_train": len(tr),
        "n_val": len(va),
        "val_fraction": 0.0 if s.full else s.val_fraction,
        "split_seed": s.split_seed,
        "seed": s.seed,
        "params": {"algorithm": s.algorithm, "c1": s.c1, "c2": s.c2, "max_iterations": s.max_iterations,
                   "gazetteer": s.gazetteer, "gazetteer_folds": s.gazetteer_folds, "use_words": s.use_words,
                   "context_words": s.context_words, "wide": s.wide, "word_tags": s.word_tags,
                   "clusters": len(lex.clusters)},
        "labels": list(CLUENER_LABELS),
        "label_map": LABEL_MAP,
        "seconds": {"features": round(t_feat, 1), "train": round(t_train, 1)},
    }
    write_meta(out_dir, meta)  # before validate: loading the directory needs meta.json
    if va:
        meta["validation"] = validate(out_dir, va)
        write_meta(out_dir, meta)
    write_text(out_dir / CARD_FILE, model_card(meta))
    return meta


def read_clusters(path: str | Path) -> dict[str, str]:
    """Gives ``word -> "coarse|fine"`` from a ``word<TAB>coarse<TAB>fine`` file."""
    out = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            parts = line.rstrip("\n").split("\t")
            if len(parts) == 3 and parts[0]:
                out[parts[0]] = parts[1] + "|" + parts[2]
    if not out:
        raise KGError(f"{path}: no clusters; expected lines of word<TAB>coarse<TAB>fine")
    return out


def write_meta(out_dir: Path, meta: dict) -> Path:
    """Gives the path of ``out_dir``'s ``meta.json`` after writing ``meta`` there."""
    return write_json(out_dir / META_FILE, meta, indent=2)


def validate(out_dir: Path, val: Sequence[Example]) -> dict:
    """Gives the validation scores and speed of the model in ``out_dir`` on ``val``, as ``meta.json`` keeps them."""
    model = NERModel.load(out_dir)
    model.predict_cluener(val[0].text)  # jieba's dictionary loads on first use
    t0 = time.perf_counter()
    pred = model.predict_cluener_many([ex.text for ex in val])
    seconds = time.perf_counter() - t0
    scores, macro = score_spans([ex.spans for ex in val], pred, list(LABEL_MAP))
    return {
        "labels": {s.label: {"precision": round(s.precision, 4), "recall": round(s.recall, 4),
                             "f1": round(s.f1, 4), "support": s.support} for s in scores},
        "macro_f1": round(macro, 4),
        "chars_per_s": round(sum(len(ex.text) for ex in val) / seconds),
    }
