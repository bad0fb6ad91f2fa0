"""Learns distributional word clusters for the NER model's features from unlabelled text.

Reads raw text (the finreport corpus's articles and the *training* part of CLUENER train.json,
never its validation split), cuts it into words with kg's jieba tokenizer, trains word2vec
(gensim, fixed seed, one worker so the result is reproducible) and groups the word vectors with
k-means at two granularities. Writes ``word<TAB>coarse<TAB>fine`` lines, which
``kg train-ner --clusters FILE`` copies into the model's lexicons.

Needs the training extra: ``pip install -e ".[train]"``.

    python training/clusters.py --out training/clusters.tsv \
        --corpus ../shared/data/corpus/finreport.jsonl --cluener ../shared/data/cluener/train.json
"""
from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterator
from pathlib import Path


def _sentences(corpus: Path | None, cluener: Path | None, split_seed: int, val_fraction: float
               ) -> Iterator[str]:
    from train_cnn import corpus_sentences  # the same reader as the CNN's embeddings

    from kg.nlp.ner_data import read_cluener, train_val_split

    if corpus is not None:
        yield from corpus_sentences(corpus)
    if cluener is not None:
        train, _val = train_val_split(read_cluener(cluener), fraction=val_fraction, seed=split_seed)
        for ex in train:
            yield ex.text


def main(argv: list[str] | None = None) -> int:
    from kg.nlp.ner_data import DEFAULT_SPLIT_SEED, DEFAULT_VAL_FRACTION

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, required=True, help="TSV to write")
    ap.add_argument("--corpus", type=Path, default=None, help="JSON lines with title/text fields")
    ap.add_argument("--cluener", type=Path, default=None, help="CLUENER train.json (its training part is used)")
    ap.add_argument("--split-seed", type=int, default=DEFAULT_SPLIT_SEED)
    ap.add_argument("--val-fraction", type=float, default=DEFAULT_VAL_FRACTION)
    ap.add_argument("--dim", type=int, default=100)
    ap.add_argument("--window", type=int, default=5)
    ap.add_argument("--min-count", type=int, default=3)
    ap.add_argument("--epochs", type=int, default=10)
    ap.add_argument("--coarse", type=int, default=64, help="number of coarse clusters")
    ap.add_argument("--fine", type=int, default=512, help="number of fine clusters")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    if args.corpus is None and args.cluener is None:
        ap.error("give --corpus, --cluener or both")

    import numpy as np
    from gensim.models import Word2Vec
    from sklearn.cluster import MiniBatchKMeans

    from kg.segment import get_jieba

    t0 = time.perf_counter()
    jb = get_jieba()
    sents = [[w for w in jb.cut(s, HMM=True) if w.strip()]
             for s in _sentences(args.corpus, args.cluener, args.split_seed, args.val_fraction)]
    n_words = sum(map(len, sents))
    print(f"{len(sents):,} sentences, {n_words:,} words, segmented in {time.perf_counter() - t0:.0f} s",
          file=sys.stderr)
    t1 = time.perf_counter()
    w2v = Word2Vec(sents, vector_size=args.dim, window=args.window, min_count=args.min_count,
                   sg=1, epochs=args.epochs, workers=1, seed=args.seed)
    words = list(w2v.wv.index_to_key)
    vecs = w2v.wv.vectors / np.linalg.norm(w2v.wv.vectors, axis=1, keepdims=True).clip(1e-9)
    print(f"{len(words):,} words in the vocabulary; word2vec {time.perf_counter() - t1:.0f} s", file=sys.stderr)
    coarse = MiniBatchKMeans(args.coarse, random_state=args.seed, n_init=3, batch_size=4096).fit_predict(vecs)
    fine = MiniBatchKMeans(args.fine, random_state=args.seed, n_init=3, batch_size=4096).fit_predict(vecs)
    tmp = args.out.with_suffix(args.out.suffix + ".tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        for w, c, f in sorted(zip(words, coarse, fine)):
            if "\t" not in w and "\n" not in w:
                fh.write(f"{w}\t{c}\t{f}\n")
    tmp.replace(args.out)
    print(f"wrote {args.out} in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
