"""The statistical NER model: a character CRF trained on CLUENER2020, shipped inside the package.

``default_model().predict(texts)`` gives, per text, ``(start, end_exclusive, label, confidence)``
with kg labels (PERSON, COMPANY, ORG, GOV, TITLE). Texts of any length work: they are cut into
sentences internally and the offsets shifted back.
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from functools import lru_cache
from importlib import resources
from pathlib import Path

import pycrfsuite

from kg.errors import ModelError
from kg.nlp.ner_data import LABEL_MAP
from kg.nlp.ner_features import FeatureLexicons, featurize, iter_sentence_spans
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

    def _tag_sentence(self, text: str) -> list[tuple[int, int, str, float]]:
        # spans with CLUENER labels; confidence is the least marginal probability inside the span
        if not text.strip():
            return []
        tagger = self._tagger
        tagger.set(featurize(text, self.lexicons))
        tags = tagger.tag()
        out = []
        for start, end, label in tags_to_spans(tags):
            conf = min(tagger.marginal(tags[i], i) for i in range(start, end))
            # a Latin name may swallow the space after it ("MVGX Tech "); spans never end in space
            while end > start and text[end - 1].isspace():
                end -= 1
            while start < end and text[start].isspace():
                start += 1
            if end > start:
                out.append((start, end, label, conf))
        return out

    def predict_cluener(self, text: str) -> list[tuple[int, int, str, float]]:
        """Gives every span of ``text`` with its CLUENER label (all ten), offsets into ``text``."""
        out = []
        for s, e in iter_sentence_spans(text):
            out.extend((s + a, s + b, lab, conf) for a, b, lab, conf in self._tag_sentence(text[s:e]))
        return out

    def predict_one(self, text: str) -> list[tuple[int, int, str, float]]:
        """Gives ``(start, end_exclusive, kg_label, confidence)`` spans of ``text``."""
        return [(s, e, LABEL_MAP[lab], round(conf, 4)) for s, e, lab, conf in self.predict_cluener(text)
                if lab in LABEL_MAP]

    def predict(self, texts: Iterable[str]) -> list[list[tuple[int, int, str, float]]]:
        """Gives, per text, ``(start, end_exclusive, kg_label, confidence)`` spans."""
        return [self.predict_one(t) for t in texts]

    def iter_predict(self, texts: Iterable[str]) -> Iterator[list[tuple[int, int, str, float]]]:
        """Gives :meth:`predict`'s lists one text at a time."""
        for t in texts:
            yield self.predict_one(t)


@lru_cache(maxsize=1)
def default_model() -> NERModel:
    """Gives the packaged model, loaded once per process."""
    return NERModel.load()
