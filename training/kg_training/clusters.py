"""Learns distributional word clusters for the CRF's features from unlabelled text (a recorded experiment).

Reads raw text (the finreport corpus's articles and the *training* part of CLUENER train.json,
never its validation split), cuts it into words with kg's jieba tokenizer, trains word2vec
(gensim, fixed seed, one worker so the result is reproducible) and groups the word vectors with
k-means at two granularities. Writes ``word<TAB>coarse<TAB>fine`` lines, which
``kg-train crf --clusters FILE`` copies into the model's lexicons. The clusters did not help
(``training/EXPERIMENTS.md``); this stays so the experiment can be rerun. Needs the ``cnn`` and
``clusters`` extras of kg-training (gensim, scikit-learn).
"""
from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from kg.ner.evaluate import read_cluener
from kg.segment import get_jieba
from kg_training.atomic import write_text
from kg_training.cluener import DEFAULT_SPLIT_SEED, DEFAULT_VAL_FRACTION, train_val_split
from kg_training.cnn import corpus_sentences

__all__ = ["ClusterSettings", "learn_clusters"]


@dataclass(frozen=True)
class ClusterSettings:
    """word2vec and k-means settings of :func:`learn_clusters`."""

    split_seed: int = DEFAULT_SPLIT_SEED
    val_fraction: float = DEFAULT_VAL_FRACTION
    dim: int = 100
    window: int = 5
    min_count: int = 3
    epochs: int = 10
    coarse: int = 64  # number of coarse clusters
    fine: int = 512  # number of fine clusters
    seed: int = 0


def _sentences(corpus: Path | None, cluener: Path | None, s: ClusterSettings) -> Iterator[str]:
    if corpus is not None:
        yield from corpus_sentences(corpus)  # the same reader as the CNN's embeddings
    if cluener is not None:
        train, _val = train_val_split(read_cluener(cluener), fraction=s.val_fraction, seed=s.split_seed)
        for ex in train:
            yield ex.text


def learn_clusters(out: Path, *, corpus: Path | None = None, cluener: Path | None = None,
                   settings: ClusterSettings = ClusterSettings()) -> Path:
    """Gives ``out`` after writing the clusters of the words of ``corpus`` and ``cluener``'s training part."""
    import numpy as np
    from gensim.models import Word2Vec
    from sklearn.cluster import MiniBatchKMeans

    s = settings
    t0 = time.perf_counter()
    jb = get_jieba()
    sents = [[w for w in jb.cut(t, HMM=True) if w.strip()] for t in _sentences(corpus, cluener, s)]
    n_words = sum(map(len, sents))
    print(f"{len(sents):,} sentences, {n_words:,} words, segmented in {time.perf_counter() - t0:.0f} s",
          file=sys.stderr)
    t1 = time.perf_counter()
    w2v = Word2Vec(sents, vector_size=s.dim, window=s.window, min_count=s.min_count,
                   sg=1, epochs=s.epochs, workers=1, seed=s.seed)
    words = list(w2v.wv.index_to_key)
    vecs = w2v.wv.vectors / np.linalg.norm(w2v.wv.vectors, axis=1, keepdims=True).clip(1e-9)
    print(f"{len(words):,} words in the vocabulary; word2vec {time.perf_counter() - t1:.0f} s", file=sys.stderr)
    coarse = MiniBatchKMeans(s.coarse, random_state=s.seed, n_init=3, batch_size=4096).fit_predict(vecs)
    fine = MiniBatchKMeans(s.fine, random_state=s.seed, n_init=3, batch_size=4096).fit_predict(vecs)
    lines = [f"{w}\t{c}\t{f}\n" for w, c, f in sorted(zip(words, coarse, fine)) if "\t" not in w and "\n" not in w]
    write_text(out, "".join(lines))
    print(f"wrote {out} in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    return out
