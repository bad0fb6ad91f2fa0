"""The NER stage's two experts: the NumPy CNN, and the CRF + CNN decoder against crfsuite's own."""
from __future__ import annotations

import json
import shutil
from importlib import resources

import numpy as np
import pytest

from kg.errors import ModelError
from kg.ner import NERModel, default_model
from kg.ner.cnn import MARKS, WORD_POS, CharCNN, encode
from kg.ner.features import FeatureLexicons, feature_ids, featurize
from kg.ner.files import CNN_FILE

SENTENCES = [
    "中信证券首席经济学家明明表示，降准的窗口已经打开。",
    "国家统计局新闻发言人付凌晖介绍了上月的经济数据。",
    "",
    "据警方介绍，深圳市公安局已立案调查。",
    "腾讯控股总裁刘炽平在业绩会上说。",
    "A",
]


def _tiny_cnn(seed: int = 0) -> CharCNN:
    # a random network with the real layout: enough to check the arithmetic, not the accuracy
    rng = np.random.default_rng(seed)
    chars = {"<pad>": 0, "<unk>": 1, **{c: i + 2 for i, c in enumerate("中国证券深圳市公安局")}}
    bigrams = {"<pad>": 0, "<unk>": 1, "中国": 2, "证券": 3, "公安": 4}
    tags = ["O", "B-name", "I-name", "E-name", "S-name"]
    suffix_labels = {"<pad>": 0, "O": 1, "GOV": 2}
    d, h, small = 6, 5, 2
    arrays = {"emb0": rng.normal(size=(len(chars), d)), "emb1": rng.normal(size=(len(bigrams), d)),
              "emb3": rng.normal(size=(len(WORD_POS), small)), "emb4": rng.normal(size=(len(MARKS), small)),
              "emb5": rng.normal(size=(len(suffix_labels), small))}
    for k in (0, 1, 3, 4, 5):
        arrays[f"emb{k}"][0] = 0
    dims = [3 * d + 3 * small, h, h]
    for k, dil in enumerate((1, 2)):
        arrays[f"conv{k}.w"] = rng.normal(size=(dims[k + 1], dims[k], 3))
        arrays[f"conv{k}.b"] = rng.normal(size=dims[k + 1])
        arrays[f"conv{k}.dil"] = np.array(dil)
    arrays["out.w"] = rng.normal(size=(len(tags), h))
    arrays["out.b"] = rng.normal(size=len(tags))
    return CharCNN(arrays, {"chars": chars, "bigrams": bigrams, "tags": tags, "suffix_labels": suffix_labels})


def test_cnn_batch_equals_one_sentence_at_a_time():
    cnn = _tiny_cnn()
    lex = FeatureLexicons(suffixes={"公安局": "GOV"})
    texts = [t for t in SENTENCES if t]
    enc = [cnn.encode(t, lex) for t in texts]
    stacked = cnn.log_probs_many(enc)
    assert stacked.shape == (sum(map(len, texts)), 5)
    row = 0
    for e in enc:
        alone = cnn.log_probs(e)
        np.testing.assert_allclose(stacked[row:row + len(e)], alone, rtol=1e-5, atol=1e-5)
        row += len(e)
    np.testing.assert_allclose(np.exp(stacked).sum(axis=1), 1.0, rtol=1e-5)


def test_cnn_sentence_does_not_see_its_neighbours():
    cnn = _tiny_cnn()
    lex = FeatureLexicons()
    a, b, c = (cnn.encode(t, lex) for t in ("中国证券", "深圳市", "公安局"))
    first = cnn.log_probs_many([a, b])[len(a):]
    second = cnn.log_probs_many([c, b])[len(c):]
    np.testing.assert_allclose(first, second, rtol=1e-5, atol=1e-6)


def test_encode_marks_words_and_lexicon_hits():
    lex = FeatureLexicons(titles=frozenset({"总经理"}), suffixes={"公安局": "GOV"})
    ids = encode("深圳市公安局总经理", {"深": 2}, {}, lex, {"<pad>": 0, "O": 1, "GOV": 2})
    assert ids.shape == (9, 6)
    assert ids[0, 0] == 2 and ids[1, 0] == 1  # known char, unknown char
    assert list(ids[3:6, 5]) == [2, 2, 2]  # the suffix's label over 公安局
    assert list(ids[6:9, 4]) == [2, 3, 4]  # B M E of the title word
    assert set(ids[:, 3]) <= {1, 2, 3, 4}  # word positions, never padding


@pytest.fixture(scope="module")
def packaged() -> NERModel:
    return default_model()


def test_packaged_model_has_both_experts(packaged):
    root = resources.files("kg").joinpath("models/ner")
    assert root.joinpath(CNN_FILE).is_file()
    meta = json.loads(root.joinpath("meta.json").read_text(encoding="utf-8"))
    assert packaged._experts is not None
    assert packaged._experts.cnn_weight == pytest.approx(meta["cnn_weight"]) and meta["cnn_weight"] > 0
    assert set(packaged._experts.labels) <= set(packaged._experts.cnn.tags)


def test_decoder_matches_crfsuite_when_the_cnn_is_off(packaged):
    # the NumPy Viterbi and forward-backward over the CRF's weights must give crfsuite's own tags
    # and marginals: the CNN then only adds its scores
    experts = packaged._experts
    saved = experts.cnn_weight
    experts.cnn_weight = 0.0
    try:
        texts = [t for t in SENTENCES if t]
        ours = experts.tag_many(texts, packaged.lexicons)
    finally:
        experts.cnn_weight = saved
    tagger = packaged._tagger
    for text, (tags, marg) in zip(texts, ours):
        tagger.set(featurize(text, packaged.lexicons))
        assert tags == tagger.tag(), text
        want = [tagger.marginal(t, i) for i, t in enumerate(tags)]
        np.testing.assert_allclose(marg, want, rtol=1e-3, atol=1e-4)


def test_batched_prediction_equals_one_text_at_a_time(packaged):
    # same spans; confidences equal up to float32 rounding (BLAS sums in another order in a batch)
    batch = packaged.predict_cluener_many(SENTENCES)
    alone = [packaged.predict_cluener(t) for t in SENTENCES]
    assert [[s[:3] for s in spans] for spans in batch] == [[s[:3] for s in spans] for spans in alone]
    for b, a in zip(batch, alone):
        np.testing.assert_allclose([s[3] for s in b], [s[3] for s in a], atol=1e-4)
    assert batch[2] == [] and any(batch) and all(0 < c <= 1 for spans in batch for *_x, c in spans)


def test_cnn_changes_the_decision_only_through_its_weight(packaged):
    experts = packaged._experts
    text = SENTENCES[3]
    saved = experts.cnn_weight
    try:
        experts.cnn_weight = 0.0
        crf = experts.emissions_many([text], packaged.lexicons)[0]
        experts.cnn_weight = 1.0
        both = experts.emissions_many([text], packaged.lexicons)[0]
    finally:
        experts.cnn_weight = saved
    lp = experts.cnn.log_probs(experts.cnn.encode(text, packaged.lexicons))[:, experts.cnn_cols]
    np.testing.assert_allclose(both - crf, lp, rtol=1e-4, atol=1e-4)


def test_corrupt_cnn_is_a_model_error(tmp_path):
    src = resources.files("kg").joinpath("models/ner")
    for name in ("model.crfsuite", "lexicons.json", "meta.json"):
        shutil.copyfile(str(src.joinpath(name)), tmp_path / name)
    (tmp_path / CNN_FILE).write_bytes(b"not a zip")
    with pytest.raises(ModelError, match="cnn.npz"):
        NERModel.load(tmp_path)
    (tmp_path / CNN_FILE).unlink()
    assert NERModel.load(tmp_path)._experts is None  # the CRF alone still works


def test_feature_ids_equal_the_feature_strings(packaged):
    experts = packaged._experts
    lex = packaged.lexicons
    for text in [t for t in SENTENCES if t]:
        by_string = [[experts.attrs.get(f, 0) for f in row] for row in featurize(text, lex)]
        by_column = np.array(feature_ids(text, lex, experts.tables)).T.tolist()
        assert by_column == by_string
