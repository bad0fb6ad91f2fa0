"""The CRF and the CNN as one tagger: emissions summed, then batched Viterbi and forward-backward in NumPy."""
from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import numpy as np
import pycrfsuite
from threadpoolctl import ThreadpoolController

from kg.ner.cnn import CharCNN, encode_columns
from kg.ner.features import FeatureLexicons, attribute_prefix, column_ids, raw_columns, sentence_words

__all__ = ["Experts"]


class Experts:
    """The CRF and the CNN as one tagger: their scores added (a product of experts), then Viterbi.

    The CRF's weights are read out of the crfsuite file once, into a dense ``(attributes, tags)``
    matrix, so that its emission scores and the CNN's log-probabilities can be summed before
    decoding. Marginals (for span confidence) come from a scaled forward-backward pass.
    """

    def __init__(self, tagger: pycrfsuite.Tagger, cnn: CharCNN, cnn_weight: float) -> None:
        info = tagger.info()
        self.labels = list(info.labels)
        index = {lab: i for i, lab in enumerate(self.labels)}
        self.attrs: dict[str, int] = {}
        for attr, _lab in info.state_features:
            if attr not in self.attrs:
                self.attrs[attr] = len(self.attrs) + 1  # row 0: unknown attributes, all zero
        # attribute ids by template prefix and value, for column_ids (no feature strings built)
        self.tables: dict[str, dict[str, int]] = {}
        for attr, k in self.attrs.items():
            prefix = attribute_prefix(attr)
            self.tables.setdefault(prefix, {})[attr[len(prefix):]] = k
        L = len(self.labels)
        self.W = np.zeros((len(self.attrs) + 1, L), dtype=np.float32)
        for (attr, lab), w in info.state_features.items():
            self.W[self.attrs[attr], index[lab]] = w
        self.T = np.zeros((L, L), dtype=np.float32)
        for (a, b), w in info.transitions.items():
            self.T[index[a], index[b]] = w
        self.expT = np.exp(self.T - self.T.max())
        self.cnn = cnn
        # CNN tag columns in the CRF's label order (tags the CRF never saw are dropped)
        self.cnn_cols = np.array([cnn.tags.index(lab) for lab in self.labels], dtype=np.int64)
        self.cnn_weight = cnn_weight

    def emissions_many(self, texts: Sequence[str], lex: FeatureLexicons,
                       words: Sequence[Sequence[str] | None] | None = None) -> list[np.ndarray]:
        """Gives each text's ``(len, tags)`` emission scores: CRF state weights plus the weighted
        CNN log-probabilities. All texts go through the CNN together.

        ``words[i]`` is jieba's segmentation of ``texts[i]`` when the caller has it (None: segment it).
        """
        cnn = self.cnn if self.cnn_weight else None
        if words is None:
            words = [None] * len(texts)
        columns = [raw_columns(t, lex, sentence_words(t) if w is None else w) for t, w in zip(texts, words)]
        ids = column_ids(columns, self.tables)
        # the templates' weight rows summed in template order (np.take(W, ids, axis=0).sum(axis=0) adds
        # them in the same order, through a (templates, chars, tags) array several times the cache)
        W = self.W
        E = W[ids[0]] if len(ids) else np.zeros((0, W.shape[1]), dtype=W.dtype)
        for row in ids[1:]:
            E += W[row]
        if cnn is not None:
            enc = [encode_columns(t, c, cnn.chars, cnn.bigrams, cnn.suffix_labels)
                   for t, c in zip(texts, columns)]
            E += self.cnn_weight * cnn.log_probs_many(enc)[:, self.cnn_cols]
        bounds = np.cumsum([0, *map(len, texts)])
        return [E[a:b] for a, b in zip(bounds[:-1], bounds[1:])]

    def tag_many(self, texts: Sequence[str], lex: FeatureLexicons,
                 words: Sequence[Sequence[str] | None] | None = None) -> list[tuple[list[str], np.ndarray]]:
        """Gives each text's best tags and each tag's marginal probability, decoding all texts at once (one NumPy step per
        position of the longest text rather than per position of every text)."""
        if not texts:
            return []
        # one BLAS thread: the stage's budget is per core, and kg extract -j runs one process per core
        with _blas_controller().limit(limits=1, user_api="blas"):
            Es = self.emissions_many(texts, lex, words)
        # longest first: at step t the texts still running are a prefix of the batch
        order = sorted(range(len(Es)), key=lambda i: -Es[i].shape[0])
        lens = np.array([Es[i].shape[0] for i in order])
        B, n, K = len(Es), int(lens[0]), self.T.shape[0]
        running = [int(np.count_nonzero(lens > t)) for t in range(n + 1)]  # texts longer than t
        E = np.zeros((B, n, K), dtype=np.float32)
        for row, i in enumerate(order):
            E[row, :lens[row]] = Es[i]
        # Viterbi
        T = self.T
        score = E[:, 0].copy()
        back = np.zeros((B, n, K), dtype=np.int64)
        for t in range(1, n):
            k = running[t]
            s = score[:k, :, None] + T  # (k, from, to)
            arg = s.argmax(axis=1)
            back[:k, t] = arg
            score[:k] = np.take_along_axis(s, arg[:, None, :], axis=1)[:, 0] + E[:k, t]  # s.max(axis=1)
        best = np.zeros((B, n), dtype=np.int64)
        cur = score.argmax(axis=1)
        ar = np.arange(B)
        for t in range(n - 1, -1, -1):
            k = running[t]
            if t < n - 1:
                inner = lens[:k] - 1 > t  # past this text's last position: step back
                cur[:k] = np.where(inner, back[ar[:k], t + 1, cur[:k]], cur[:k])
            best[:k, t] = cur[:k]
        # forward-backward with per-step scaling, in probability space
        P = np.exp(E - E.max(axis=2, keepdims=True))
        expT = self.expT
        alpha = np.ones_like(P)  # padding past a text's end stays 1 (never read)
        a = P[:, 0] / P[:, 0].sum(axis=1, keepdims=True)
        alpha[:, 0] = a
        for t in range(1, n):
            k = running[t]
            nxt = (a[:k] @ expT) * P[:k, t]
            nxt /= nxt.sum(axis=1, keepdims=True)
            a[:k] = nxt
            alpha[:k, t] = nxt
        beta = np.ones_like(P)
        b = np.ones((B, K), dtype=P.dtype)
        for t in range(n - 2, -1, -1):
            k = running[t + 1]
            nb = (P[:k, t + 1] * b[:k]) @ expT.T
            nb /= nb.sum(axis=1, keepdims=True)
            b[:k] = nb
            beta[:k, t] = nb
        m = alpha * beta
        m /= m.sum(axis=2, keepdims=True)
        out: list = [None] * B
        labels = self.labels
        for row, i in enumerate(order):
            L = int(lens[row])
            tags = best[row, :L]
            out[i] = ([labels[k] for k in tags], m[row, np.arange(L), tags])
        return out


@lru_cache(maxsize=1)
def _blas_controller() -> ThreadpoolController:
    # built once (it inspects the loaded libraries); entering its limit costs about 15 µs
    return ThreadpoolController()
