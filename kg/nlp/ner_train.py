"""Trains the character CRF NER model on CLUENER2020 and writes a model directory.

The one documented command is ``kg train-ner`` (see ``training/README.md``); this module is
what it calls. Training is single-threaded (crfsuite) and deterministic for a given seed.
"""
from __future__ import annotations

import json
import random
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import pycrfsuite

from kg.errors import KGError
from kg.nlp.ner_cnn import CNN_FILE
from kg.nlp.ner_data import (
    CLUENER_LABELS,
    DEFAULT_SPLIT_SEED,
    DEFAULT_VAL_FRACTION,
    LABEL_MAP,
    Example,
    read_cluener,
    score_spans,
    train_val_split,
)
from kg.nlp.ner_features import FeatureLexicons, featurize
from kg.resources import read_lexicon, read_lines, read_pairs

__all__ = [
    "CARD_FILE", "LEXICON_FILE", "META_FILE", "MODEL_FILE",
    "build_lexicons", "model_card", "spans_to_tags", "tags_to_spans", "train",
]

MODEL_FILE = "model.crfsuite"
LEXICON_FILE = "lexicons.json"
META_FILE = "meta.json"
CARD_FILE = "README.md"
#: Entries of kg's suffix lexicon too ambiguous to help as features (云 in 云南, 信息 in 信息披露).
_SKIP_SUFFIXES = frozenset({"云", "股份", "信息", "数据", "技术"})


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
    suffixes = {row[0]: row[1] for row in read_pairs("org_suffixes.txt")
                if len(row) > 1 and row[0] not in _SKIP_SUFFIXES}
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


def train(train_path: str | Path, out_dir: str | Path, *, seed: int = 0,
          val_fraction: float = DEFAULT_VAL_FRACTION, split_seed: int = DEFAULT_SPLIT_SEED,
          c1: float = 0.3, c2: float = 0.1, max_iterations: int = 200, gazetteer: bool = True,
          gazetteer_folds: int = 5, use_words: bool = True, context_words: bool = True,
          scheme: str = "BIOES", algorithm: str = "lbfgs", wide: bool = False, full: bool = False,
          word_tags: bool = False, clusters: str | Path | None = None, verbose: bool = False) -> dict:
    """Gives the model's metadata after training a CRF and writing it to ``out_dir``.

    Args:
        train_path: CLUENER ``train.json``.
        out_dir: directory for ``model.crfsuite``, ``lexicons.json`` and ``meta.json``.
        seed: seed of the gazetteer folds.
        val_fraction, split_seed: the validation split carved from ``train_path`` (held out
            unless ``full``).
        c1, c2: L1 and L2 penalties of crfsuite's L-BFGS trainer.
        max_iterations: L-BFGS iterations.
        gazetteer: add gazetteer features built from the training sentences.
        gazetteer_folds: jackknife folds for the gazetteer features of training sentences.
        use_words: add jieba word features.
        context_words: add the neighbouring jieba words and the word's last character.
        wide: add characters at +-3, the character pair around each character and the
            gazetteer label of the jieba word.
        scheme: ``"BIO"`` or ``"BIOES"`` tags.
        algorithm: crfsuite's trainer: ``"lbfgs"`` (uses c1, c2), ``"ap"`` (averaged
            perceptron) or ``"pa"`` (passive-aggressive); ``max_iterations`` are epochs for the last two.
        full: train on every sentence (no validation hold-out).
        word_tags: add jieba's dictionary POS tags of the word and its neighbours.
        clusters: a TSV file of ``word<TAB>coarse<TAB>fine`` distributional clusters (written by
            ``training/clusters.py``); they are copied into the model's lexicons.
        verbose: print crfsuite's progress.
    """
    examples = read_cluener(train_path)
    if not examples:
        raise KGError(f"{train_path}: no sentences; pass the CLUENER train.json path (--data)")
    if full:
        tr, va = list(examples), []
    else:
        tr, va = train_val_split(examples, fraction=val_fraction, seed=split_seed)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    stale = out_dir / CNN_FILE
    if stale.exists():
        # the CNN was trained beside the old CRF and its lexicons; never pair it with a new one
        stale.unlink()
        print(f"removed {stale}: retrain the CNN expert for the new CRF (training/train_cnn.py)", file=sys.stderr)
    t0 = time.perf_counter()
    if scheme not in ("BIO", "BIOES"):
        raise KGError(f"tag scheme {scheme!r}: use BIO or BIOES")
    lex = replace(build_lexicons(tr, gazetteer=gazetteer, use_words=use_words, context_words=context_words),
                  wide=wide, word_tags=word_tags, clusters=read_clusters(clusters) if clusters else {})
    xs = _training_features(tr, lex, folds=gazetteer_folds, seed=seed)
    t_feat = time.perf_counter() - t0

    if algorithm not in ("lbfgs", "ap", "pa"):
        raise KGError(f"CRF trainer {algorithm!r}: use lbfgs, ap or pa")
    trainer = pycrfsuite.Trainer(algorithm=algorithm, verbose=verbose)
    for ex, x in zip(tr, xs):
        trainer.append(x, spans_to_tags(len(ex.text), ex.spans, scheme))
    params: dict = {"max_iterations": max_iterations, "feature.possible_transitions": True}
    if algorithm == "lbfgs":
        params.update(c1=c1, c2=c2)
    trainer.set_params(params)
    model_tmp = out_dir / (MODEL_FILE + ".tmp")
    t1 = time.perf_counter()
    trainer.train(str(model_tmp))
    t_train = time.perf_counter() - t1
    model_tmp.replace(out_dir / MODEL_FILE)

    (out_dir / LEXICON_FILE).write_text(json.dumps(lex.to_json(), ensure_ascii=False), encoding="utf-8")
    meta = {
        "kind": "crfsuite-char",
        "scheme": scheme,
        "data": "CLUENER2020 train.json (research use only)",
        "n_train": len(tr),
        "n_val": len(va),
        "val_fraction": 0.0 if full else val_fraction,
        "split_seed": split_seed,
        "seed": seed,
        "params": {"algorithm": algorithm, "c1": c1, "c2": c2, "max_iterations": max_iterations,
                   "gazetteer": gazetteer, "gazetteer_folds": gazetteer_folds, "use_words": use_words,
                   "context_words": context_words, "wide": wide, "word_tags": word_tags,
                   "clusters": len(lex.clusters)},
        "labels": list(CLUENER_LABELS),
        "label_map": LABEL_MAP,
        "seconds": {"features": round(t_feat, 1), "train": round(t_train, 1)},
    }
    _write_meta(out_dir, meta)  # before _validate: loading the directory needs meta.json
    if va:
        meta["validation"] = _validate(out_dir, va)
        _write_meta(out_dir, meta)
    (out_dir / CARD_FILE).write_text(model_card(meta), encoding="utf-8")
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


def _write_meta(out_dir: Path, meta: dict) -> Path:
    path = out_dir / META_FILE
    path.write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path


def _validate(out_dir: Path, val: Sequence[Example]) -> dict:
    from kg.nlp.ner_model import NERModel

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


def model_card(meta: dict) -> str:
    """Gives the model directory's README.md text from its metadata."""
    p = meta["params"]
    cnn = meta.get("cnn")
    lines = [
        "# kg NER model: character CRF" + (" + character CNN" if cnn else "") + " trained on CLUENER2020",
        "",
        "**Research use only.** Trained on the CLUENER2020 train split (CLUE benchmark; Sina news texts",
        "from THUCNews, no licence given). Use of this model inherits that restriction.",
        "",
        "- Files: `model.crfsuite` (python-crfsuite), `lexicons.json` (feature lexicons and gazetteer,",
        "  frozen at training time), " + ("`cnn.npz` (the CNN's weights and vocabularies), " if cnn else "")
        + "`meta.json` (settings and scores).",
        (f"- Trained on {meta['n_train']} sentences; {meta['n_val']} held out for validation "
         f"(split seed {meta['split_seed']}, fraction {meta['val_fraction']})."),
        (f"- Settings: {meta['scheme']} tags, trainer {p['algorithm']}, c1={p['c1']}, c2={p['c2']}, "
         f"{p['max_iterations']} iterations, gazetteer={p['gazetteer']}, "
         f"context words={p['context_words']}."),
        *([(f"- CNN expert (`cnn.npz`, run with NumPy): {len(cnn['dilations'])} dilated convolutions "
            f"(dilations {cnn['dilations']}), {cnn['hidden']} channels, {cnn['epochs']} epochs; its tag "
            f"log-probabilities, weighted {meta['cnn_weight']}, are added to the CRF's scores before "
            "Viterbi decoding. Character and character-pair embeddings pretrained with word2vec on "
            "the finreport corpus and the training sentences.")] if cnn else []),
        "- Labels: all ten CLUENER labels are trained; kg emits name→PERSON, company→COMPANY,",
        "  organization→ORG, government→GOV, position→TITLE.",
        "- Reproduce: see `training/README.md` (`bash training/train.sh`).",
        "",
    ]
    val = meta.get("validation")
    if val:
        lines += ["## Scores on the held-out validation split (exact spans)", "",
                  "| label | precision | recall | F1 | gold spans |", "| --- | ---: | ---: | ---: | ---: |"]
        for lab, r in val["labels"].items():
            lines.append(f"| {LABEL_MAP[lab]} ({lab}) | {r['precision']:.4f} | {r['recall']:.4f} | "
                         f"{r['f1']:.4f} | {r['support']} |")
        lines += ["", (f"Macro F1 over the five labels: **{val['macro_f1']:.4f}**. Speed: "
                       "`python benchmarks/bench_ner.py` (the figure taken while training, "
                       f"{val['chars_per_s']:,} characters/second, shares the machine with it)."), ""]
    return "\n".join(lines)
