"""The statistical NER model, trained on CLUENER2020 and shipped inside the package.

A character CRF (python-crfsuite) and, when ``cnn.npz`` sits beside it, a character CNN whose
weighted tag log-probabilities are added to the CRF's scores before decoding (:class:`_Experts`).

``default_model().predict(texts)`` gives, per text, ``(start, end_exclusive, label, confidence)``
with kg labels (PERSON, COMPANY, ORG, GOV, TITLE). Texts of any length work: they are cut into
sentences internally and the offsets shifted back.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import ExitStack
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np
import pycrfsuite
from threadpoolctl import ThreadpoolController

from kg.errors import ModelError
from kg.nlp.ner_cnn import CNN_FILE, CharCNN, encode_columns
from kg.nlp.ner_data import LABEL_MAP
from kg.nlp.ner_features import (
    FeatureLexicons,
    attribute_prefix,
    column_ids,
    featurize,
    iter_sentence_spans,
    raw_columns,
)
from kg.segment import get_jieba
from kg.nlp.ner_train import LEXICON_FILE, META_FILE, MODEL_FILE, tags_to_spans

__all__ = ["NERModel", "LABEL_MAP", "default_model", "DEFAULT_MODEL_RESOURCE"]

#: Where the shipped model sits inside the ``kg`` package (package data, no ``__init__.py``).
DEFAULT_MODEL_RESOURCE = "models/ner"


class NERModel:
    """A loaded CRF tagger with its frozen feature lexicons."""

    def __init__(self, tagger: pycrfsuite.Tagger, lexicons: FeatureLexicons, meta: dict, path: Path,
                 *, keep: ExitStack | None = None) -> None:
        self._tagger = tagger
        self.lexicons = lexicons
        self.meta = meta
        self.path = path
        self._keep = keep  # holds an extracted resource file open for the tagger's lifetime
        self._experts: _Experts | None = None
        cnn_path = path / CNN_FILE
        if cnn_path.is_file():
            try:
                self._experts = _Experts(tagger, CharCNN.load(cnn_path), float(meta.get("cnn_weight", 1.0)))
            except (OSError, ValueError, KeyError) as exc:
                raise ModelError(f"{path}: cannot read {CNN_FILE} ({exc}); retrain it with "
                                 "training/train_cnn.py or remove it to use the CRF alone") from None

    @classmethod
    def load(cls, path: str | Path | None = None) -> NERModel:
        """Gives the model in directory ``path``, or the one shipped in ``kg/models/ner`` when None.

        Raises:
            ModelError: the directory, or a file in it, is missing or unreadable.
        """
        keep = None
        if path is None:
            keep = ExitStack()
            try:
                root = resources.files("kg").joinpath(DEFAULT_MODEL_RESOURCE)
                directory = keep.enter_context(resources.as_file(root))
            except (ModuleNotFoundError, FileNotFoundError, TypeError):
                keep.close()
                raise ModelError("kg/models/ner: the packaged NER model is missing; reinstall kg "
                                 "(pip install -e .) or train one with `kg train-ner`") from None
            where = "kg/models/ner (packaged)"
        else:
            directory = Path(path)
            where = str(directory)
        directory = Path(directory)
        fix = ("retrain it with `kg train-ner --out DIR`, or pass --model with a directory that has "
               f"{MODEL_FILE}, {LEXICON_FILE} and {META_FILE}")
        for name in (MODEL_FILE, LEXICON_FILE, META_FILE):
            if not (directory / name).is_file():
                raise ModelError(f"{where}: no {name} in the NER model directory; {fix}")
        try:
            lex_obj = json.loads((directory / LEXICON_FILE).read_text(encoding="utf-8"))
            lex = FeatureLexicons.from_json(lex_obj)
            meta = json.loads((directory / META_FILE).read_text(encoding="utf-8"))
        except (ValueError, UnicodeDecodeError) as exc:
            raise ModelError(f"{where}: corrupt {LEXICON_FILE} or {META_FILE} ({exc}); {fix}") from None
        tagger = pycrfsuite.Tagger()
        try:
            tagger.open(str(directory / MODEL_FILE))
        except (OSError, ValueError) as exc:
            raise ModelError(f"{where}: cannot open {MODEL_FILE} ({exc}); {fix}") from None
        return cls(tagger, lex, meta, directory, keep=keep)

    #: sentences decoded together by the CRF + CNN tagger
    BATCH = 256

    def _tag_sentences(self, sentences: Sequence[str]) -> list[list[tuple[int, int, str, float]]]:
        # spans with CLUENER labels; confidence is the least marginal probability inside the span
        out: list[list[tuple[int, int, str, float]]] = [[] for _ in sentences]
        todo = [i for i, t in enumerate(sentences) if t.strip()]
        if self._experts is not None:
            # batches of similar lengths: decoding steps through the longest sentence of a batch
            todo.sort(key=lambda i: len(sentences[i]))
            tagged = []
            for k in range(0, len(todo), self.BATCH):
                tagged += self._experts.tag_many([sentences[i] for i in todo[k:k + self.BATCH]], self.lexicons)
        else:
            tagged = []
            tagger = self._tagger
            for i in todo:
                tagger.set(featurize(sentences[i], self.lexicons))
                tags = tagger.tag()
                # marginals only where a span is (the confidence is read nowhere else)
                tagged.append((tags, np.array([tagger.marginal(t, k) if t != "O" else 1.0
                                               for k, t in enumerate(tags)])))
        for i, (tags, marg) in zip(todo, tagged):
            text = sentences[i]
            for start, end, label in tags_to_spans(tags):
                conf = float(marg[start:end].min())
                # a Latin name may swallow the space after it ("MVGX Tech "); spans never end in space
                while end > start and text[end - 1].isspace():
                    end -= 1
                while start < end and text[start].isspace():
                    start += 1
                if end > start:
                    out[i].append((start, end, label, conf))
        return out

    def predict_cluener_many(self, texts: Sequence[str]) -> list[list[tuple[int, int, str, float]]]:
        """Gives :meth:`predict_cluener` for each text, tagging their sentences in batches."""
        pieces = [(k, s, e) for k, text in enumerate(texts) for s, e in iter_sentence_spans(text)]
        tagged = self._tag_sentences([texts[k][s:e] for k, s, e in pieces])
        out: list[list[tuple[int, int, str, float]]] = [[] for _ in texts]
        for (k, s, _e), spans in zip(pieces, tagged):
            out[k].extend((s + a, s + b, lab, conf) for a, b, lab, conf in spans)
        return out

    def predict_cluener(self, text: str) -> list[tuple[int, int, str, float]]:
        """Gives every span of ``text`` with its CLUENER label (all ten), offsets into ``text``."""
        return self.predict_cluener_many([text])[0]

    def predict_one(self, text: str) -> list[tuple[int, int, str, float]]:
        """Gives ``(start, end_exclusive, kg_label, confidence)`` spans of ``text``."""
        return [(s, e, LABEL_MAP[lab], round(conf, 4)) for s, e, lab, conf in self.predict_cluener(text)
                if lab in LABEL_MAP]

    def predict(self, texts: Iterable[str]) -> list[list[tuple[int, int, str, float]]]:
        """Gives, per text, ``(start, end_exclusive, kg_label, confidence)`` spans."""
        return [[(s, e, LABEL_MAP[lab], round(conf, 4)) for s, e, lab, conf in spans if lab in LABEL_MAP]
                for spans in self.predict_cluener_many(list(texts))]

    def iter_predict(self, texts: Iterable[str]) -> Iterator[list[tuple[int, int, str, float]]]:
        """Gives :meth:`predict`'s lists one text at a time."""
        for t in texts:
            yield self.predict_one(t)


class _Experts:
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

    def emissions_many(self, texts: Sequence[str], lex: FeatureLexicons) -> list[np.ndarray]:
        """Gives each text's ``(len, tags)`` emission scores: CRF state weights plus the weighted
        CNN log-probabilities. All texts go through the CNN together."""
        cut = get_jieba().cut
        cnn = self.cnn if self.cnn_weight else None
        columns = [raw_columns(t, lex, [w for w in cut(t, HMM=True) if w]) for t in texts]
        ids = column_ids(columns, self.tables)
        E = np.take(self.W, ids, axis=0).sum(axis=0)  # (templates, chars, tags) summed over templates
        if cnn is not None:
            enc = [encode_columns(t, c, cnn.chars, cnn.bigrams, cnn.suffix_labels)
                   for t, c in zip(texts, columns)]
            E += self.cnn_weight * cnn.log_probs_many(enc)[:, self.cnn_cols]
        bounds = np.cumsum([0, *map(len, texts)])
        return [E[a:b] for a, b in zip(bounds[:-1], bounds[1:])]

    def tag_many(self, texts: Sequence[str], lex: FeatureLexicons) -> list[tuple[list[str], np.ndarray]]:
        """Gives each text's best tags and each tag's marginal probability, decoding all texts at once (one NumPy step per
        position of the longest text rather than per position of every text)."""
        if not texts:
            return []
        # one BLAS thread: the stage's budget is per core, and kg extract -j runs one process per core
        with _blas_controller().limit(limits=1, user_api="blas"):
            Es = self.emissions_many(texts, lex)
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
            back[:k, t] = s.argmax(axis=1)
            score[:k] = s.max(axis=1) + E[:k, t]
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


@lru_cache(maxsize=1)
def default_model() -> NERModel:
    """Gives the packaged model, loaded once per process."""
    return NERModel.load()
