"""A small dilated character CNN that scores NER tags, run with NumPy (no torch at run time).

It is the second expert of the NER stage: its per-character tag log-probabilities are added to
the CRF's emission scores before Viterbi decoding (a product of experts, see
:class:`kg.ner.decode.Experts`). Trained by ``kg-train cnn`` (the ``kg-training`` distribution in
``training/``, with torch); the weights ship as ``cnn.npz`` beside the CRF.

Inputs per character: the character, the character pairs to its left and right (embeddings
pretrained with word2vec on unlabelled finance news and the training sentences), its position
in the jieba word (B/M/E/S), and kg's title and organization-suffix lexicon marks.
"""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

from kg.ner.features import FeatureLexicons, raw_columns

__all__ = ["CharCNN", "encode", "encode_columns", "WORD_POS", "MARKS"]

WORD_POS = ("<pad>", "B", "M", "E", "S")
#: lexicon marks: position in a title-word or suffix match (B/M/E/S), with the suffix's label
MARKS = ("<pad>", "O", "B", "M", "E", "S")
UNK = 1


def encode(text: str, chars: dict[str, int], bigrams: dict[str, int], lex: FeatureLexicons,
           suffix_labels: dict[str, int], words: Sequence[str] | None = None) -> np.ndarray:
    """Gives a ``(len(text), 6)`` int array: char, left pair, right pair, word position,
    title mark, suffix label."""
    return encode_columns(text, raw_columns(text, lex, words), chars, bigrams, suffix_labels)


_POS_ID = {"B": 1, "M": 2, "E": 3, "S": 4}
_MARK_ID = {"O": 1, "B": 2, "M": 3, "E": 4, "S": 5}


def encode_columns(text: str, columns: Sequence[tuple[str, list[str]]], chars: dict[str, int],
                   bigrams: dict[str, int], suffix_labels: dict[str, int]) -> np.ndarray:
    """Gives :func:`encode`'s array from the CRF's feature columns of the same text
    (:func:`kg.ner.features.raw_columns`), so the words and lexicon matches are found once."""
    n = len(text)
    pc = ["^", *text, "$"]
    cg = chars.get
    bgg = bigrams.get
    col = dict(columns)
    sl = suffix_labels.get
    return np.array([
        [cg(ch, UNK) for ch in text],
        [bgg(a + b, UNK) for a, b in zip(pc[:n], pc[1:n + 1])],
        [bgg(a + b, UNK) for a, b in zip(pc[1:n + 1], pc[2:n + 2])],
        [_POS_ID[p] for p in col["wp="]],
        [_MARK_ID[m] for m in col["tm="]],
        [1 if m == "O" else sl(m[2:], 1) for m in col["sm="]],
    ], dtype=np.int64).T


class CharCNN:
    """NumPy forward pass of the trained network; :meth:`log_probs` is all the tagger needs."""

    def __init__(self, arrays: dict[str, np.ndarray], vocab: dict) -> None:
        f32 = np.float32
        self.emb = [arrays[f"emb{k}"].astype(f32) for k in (0, 1, 1, 3, 4, 5)]  # right pairs share 1
        self.convs = []
        k = 0
        while f"conv{k}.w" in arrays:
            w = arrays[f"conv{k}.w"].astype(f32)  # (out, in, width)
            out, inp, width = w.shape
            # one (in, out) matrix per kernel offset: x[i - dil], x[i], x[i + dil]
            taps = tuple(np.ascontiguousarray(w[:, :, j].T) for j in range(width))
            self.convs.append((taps, arrays[f"conv{k}.b"].astype(f32), int(arrays[f"conv{k}.dil"])))
            k += 1
        self.out_w = arrays["out.w"].astype(f32).T.copy()  # (hidden, n_tags)
        self.out_b = arrays["out.b"].astype(f32)
        self.chars: dict[str, int] = vocab["chars"]
        self.bigrams: dict[str, int] = vocab["bigrams"]
        self.tags: list[str] = vocab["tags"]
        self.suffix_labels: dict[str, int] = vocab["suffix_labels"]

    @classmethod
    def load(cls, path: str | Path) -> CharCNN:
        """Gives the network saved in ``path`` (a ``cnn.npz``)."""
        import json

        with np.load(path, allow_pickle=False) as z:
            arrays = {k: z[k] for k in z.files}
        vocab = json.loads(bytes(arrays.pop("vocab")).decode("utf-8"))
        return cls(arrays, vocab)

    def log_probs(self, ids: np.ndarray) -> np.ndarray:
        """Gives ``(n, n_tags)`` log-probabilities for one encoded sentence."""
        return self.log_probs_many([ids])

    #: characters per forward pass: blocks this size keep the activations in the CPU's cache
    #: (about twice as fast as one pass over a whole batch of long sentences)
    BLOCK = 1024

    def log_probs_many(self, encoded: Sequence[np.ndarray]) -> np.ndarray:
        """Gives the log-probabilities of several encoded sentences, stacked in order.

        Sentences run in blocks of about :attr:`BLOCK` characters, each block as one sequence with
        blank rows between its sentences, masked after every layer so that no sentence sees
        another (the same result as one call per sentence, with far fewer NumPy calls).
        """
        out, block, size = [], [], 0
        for e in encoded:
            if block and size + len(e) > self.BLOCK:
                out.append(self._forward(block))
                block, size = [], 0
            block.append(e)
            size += len(e)
        if block or not out:
            out.append(self._forward(block))
        return np.concatenate(out) if len(out) > 1 else out[0]

    def _forward(self, encoded: Sequence[np.ndarray]) -> np.ndarray:
        gap = sum(d for _w, _b, d in self.convs)
        width = encoded[0].shape[1] if encoded else 6
        blank = np.zeros((gap, width), dtype=np.int64)
        parts = []
        for e in encoded:
            parts += [e, blank]
        ids = np.concatenate(parts[:-1]) if parts else np.zeros((0, width), dtype=np.int64)
        keep = ids[:, 0] > 0
        mask = keep[:, None].astype(np.float32)
        n = ids.shape[0]
        x = np.concatenate([e[ids[:, k]] for k, e in enumerate(self.emb)], axis=1)
        for layer, ((left, mid, right), b, dil) in enumerate(self.convs):
            # a width-3 convolution as three matmuls whose outputs are shifted and summed (cheaper
            # than one matmul over stacked shifted copies of the input); zero padding at the ends
            h = x @ mid
            if n > dil:
                h[dil:] += (x[:-dil] @ left)
                h[:-dil] += (x[dil:] @ right)
            h += b
            np.maximum(h, 0, out=h)
            h *= mask
            x = h + x if layer and h.shape == x.shape else h  # residual after the first layer
        x = x[keep]
        logits = x @ self.out_w
        logits += self.out_b
        logits -= logits.max(axis=1, keepdims=True)
        return logits - np.log(np.exp(logits).sum(axis=1, keepdims=True))

    def encode(self, text: str, lex: FeatureLexicons, words: Sequence[str] | None = None) -> np.ndarray:
        """Gives the network's input ids for ``text``."""
        return encode(text, self.chars, self.bigrams, lex, self.suffix_labels, words)
