"""The statistical NER model, trained on CLUENER2020 and shipped inside the package.

A character CRF (python-crfsuite) and, when ``cnn.npz`` sits beside it, a character CNN whose
weighted tag log-probabilities are added to the CRF's scores before decoding
(:class:`kg.ner.decode.Experts`).

``default_model().predict(texts)`` gives, per text, ``(start, end_exclusive, label, confidence)``
with kg labels (PERSON, COMPANY, ORG, GOV, TITLE). Texts of any length work: they are cut into
sentences internally and the offsets shifted back. Training lives apart, in the ``kg-training``
distribution (``training/``); nothing here imports it.
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

from kg.errors import ModelError
from kg.ner.cnn import CharCNN
from kg.ner.decode import Experts
from kg.ner.features import DocumentWords, FeatureLexicons, featurize
from kg.ner.files import CNN_FILE, DEFAULT_MODEL_RESOURCE, LEXICON_FILE, META_FILE, MODEL_FILE
from kg.ner.tags import LABEL_MAP, iter_sentence_spans, tags_to_spans

__all__ = ["NERModel", "default_model"]

#: how to make a model directory (the trainer is a separate distribution, see training/README.md)
_RETRAIN = "kg-train crf --data train.json --out DIR (training/README.md)"


class NERModel:
    """A loaded CRF tagger with its frozen feature lexicons."""

    def __init__(self, tagger: pycrfsuite.Tagger, lexicons: FeatureLexicons, meta: dict, path: Path,
                 *, keep: ExitStack | None = None) -> None:
        self._tagger = tagger
        self.lexicons = lexicons
        self.meta = meta
        self.path = path
        self._keep = keep  # holds an extracted resource file open for the tagger's lifetime
        self._experts: Experts | None = None
        cnn_path = path / CNN_FILE
        if cnn_path.is_file():
            try:
                self._experts = Experts(tagger, CharCNN.load(cnn_path), float(meta.get("cnn_weight", 1.0)))
            except (OSError, ValueError, KeyError) as exc:
                raise ModelError(f"{path}: cannot read {CNN_FILE} ({exc}); retrain it with "
                                 "kg-train cnn or remove it to use the CRF alone") from None

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
                                 f"(pip install -e .) or train one with {_RETRAIN}") from None
            where = "kg/models/ner (packaged)"
        else:
            directory = Path(path)
            where = str(directory)
        directory = Path(directory)
        fix = (f"retrain it with {_RETRAIN}, or pass --model with a directory that has "
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

    def _tag_sentences(self, sentences: Sequence[str], words: Sequence[Sequence[str] | None]
                       ) -> list[list[tuple[int, int, str, float]]]:
        # spans with CLUENER labels; confidence is the least marginal probability inside the span
        out: list[list[tuple[int, int, str, float]]] = [[] for _ in sentences]
        todo = [i for i, t in enumerate(sentences) if t.strip()]
        if self._experts is not None:
            # batches of similar lengths: decoding steps through the longest sentence of a batch
            todo.sort(key=lambda i: len(sentences[i]))
            tagged = []
            for k in range(0, len(todo), self.BATCH):
                part = todo[k:k + self.BATCH]
                tagged += self._experts.tag_many([sentences[i] for i in part], self.lexicons,
                                                 [words[i] for i in part])
        else:
            tagged = []
            tagger = self._tagger
            for i in todo:
                tagger.set(featurize(sentences[i], self.lexicons, words[i]))
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

    def predict_cluener_many(self, texts: Sequence[str], words: Sequence[Sequence | None] | None = None
                             ) -> list[list[tuple[int, int, str, float]]]:
        """Gives :meth:`predict_cluener` for each text, tagging their sentences in batches.

        ``words[k]``, when given, holds the ``(start, end, ...)`` offsets of the non-space jieba words
        of ``texts[k]`` (the tokenizer's :class:`kg.records.Word` records): sentences are then not
        segmented again where jieba would give them the same words alone (the same output, faster).
        """
        pieces = [(k, s, e) for k, text in enumerate(texts) for s, e in iter_sentence_spans(text)]
        known = [None if words is None or words[k] is None else DocumentWords(text, words[k])
                 for k, text in enumerate(texts)]
        tagged = self._tag_sentences([texts[k][s:e] for k, s, e in pieces],
                                     [None if known[k] is None else known[k].of(s, e) for k, s, e in pieces])
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

    def predict(self, texts: Iterable[str], words: Sequence[Sequence | None] | None = None
                ) -> list[list[tuple[int, int, str, float]]]:
        """Gives, per text, ``(start, end_exclusive, kg_label, confidence)`` spans; ``words`` as in
        :meth:`predict_cluener_many`."""
        return [[(s, e, LABEL_MAP[lab], round(conf, 4)) for s, e, lab, conf in spans if lab in LABEL_MAP]
                for spans in self.predict_cluener_many(list(texts), words)]

    def iter_predict(self, texts: Iterable[str]) -> Iterator[list[tuple[int, int, str, float]]]:
        """Gives :meth:`predict`'s lists one text at a time."""
        for t in texts:
            yield self.predict_one(t)


@lru_cache(maxsize=1)
def default_model() -> NERModel:
    """Gives the packaged model, loaded once per process."""
    return NERModel.load()
