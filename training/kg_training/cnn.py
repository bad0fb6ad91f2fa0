"""Trains the NER model's second expert, the dilated character CNN run by :mod:`kg.ner.cnn`.

Steps (fixed seeds throughout), each a function below:

1. :func:`pretrain_embeddings`: word2vec (gensim, one worker) character and character-pair
   embeddings on unlabelled text: the finreport corpus's articles and the training part of CLUENER
   train.json (never its validation split);
2. :func:`fit`: the CNN trained with torch on the same training part (per-character cross-entropy
   over the CRF's BIOES tags);
3. :func:`export_npz`: the weights saved as NumPy arrays in ``MODEL_DIR/cnn.npz`` (float16), with the
   vocabularies; kg runs the network with NumPy, so torch is needed only here.

Needs the ``cnn`` extra of kg-training (torch, gensim). Run after ``kg-train crf`` (the CNN reuses
that model's frozen lexicons); :func:`train_cnn` runs the steps, ``kg-train cnn`` calls it. gensim
seeds its vectors with Python's string hash, so runs repeat only with ``PYTHONHASHSEED=0`` (the
command sets it).
"""
from __future__ import annotations

import io
import json
import random
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np

from kg.ner.cnn import MARKS, WORD_POS, encode
from kg.ner.evaluate import Example, read_cluener, score_spans
from kg.ner.features import FeatureLexicons
from kg.ner.files import CARD_FILE, CNN_FILE, LEXICON_FILE, META_FILE
from kg.ner.tags import CLUENER_LABELS, LABEL_MAP, iter_sentence_spans, spans_to_tags, tags_to_spans
from kg_training.atomic import write_bytes, write_text
from kg_training.card import model_card
from kg_training.cluener import DEFAULT_SPLIT_SEED, DEFAULT_VAL_FRACTION, train_val_split
from kg_training.crf import validate, write_meta

__all__ = ["CNNSettings", "Vocabularies", "build_vocabularies", "corpus_sentences", "export_npz", "fit",
           "pretrain_embeddings", "train_cnn"]

#: embedding size of the word-position and lexicon-mark inputs
SMALL = 8


@dataclass(frozen=True)
class CNNSettings:
    """How to train the CNN (field order is the order ``cnn.npz`` records them in)."""

    split_seed: int = DEFAULT_SPLIT_SEED
    val_fraction: float = DEFAULT_VAL_FRACTION
    epochs: int = 20
    dim: int = 64  # character and pair embedding size
    hidden: int = 128
    dilations: str = "1,2,3"  # comma-separated, one convolution each
    dropout: float = 0.3
    lr: float = 2e-3
    batch: int = 32
    max_bigrams: int = 80000
    freeze: bool = False  # keep the pretrained embeddings fixed
    smoothing: float = 0.0  # label smoothing of the loss
    weight_decay: float = 0.0
    weight: float = 0.3  # weight of the CNN's log-probabilities against the CRF's scores
    seed: int = 0
    threads: int = 2

    @property
    def dilation_list(self) -> list[int]:
        """Gives the dilations as integers."""
        return [int(d) for d in self.dilations.split(",")]


@dataclass(frozen=True)
class Vocabularies:
    """The network's input and output vocabularies, saved in ``cnn.npz``."""

    chars: dict[str, int]
    bigrams: dict[str, int]
    suffix_labels: dict[str, int]
    tags: list[str]


def corpus_sentences(path: Path) -> list[str]:
    """Gives the sentences of the titles and texts of a JSON-lines corpus."""
    out = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                obj = json.loads(line)
                for field in ("title", "text"):
                    text = obj.get(field) or ""
                    out.extend(text[s:e] for s, e in iter_sentence_spans(text))
    return out


def pretrain_embeddings(raw: Sequence[str], settings: CNNSettings, *, source: str,
                        cache: Path | None = None) -> tuple[Any, Any]:
    """Gives word2vec ``KeyedVectors`` of characters and of character pairs trained on ``raw``;
    kept in ``cache`` (named by size, seed and ``source``) between runs when given."""
    from gensim.models import KeyedVectors, Word2Vec

    s = settings
    cached = [cache / f"{kind}-{s.dim}-{s.seed}-{source}.kv" for kind in ("chars", "pairs")] if cache else []
    if cached and all(p.is_file() for p in cached):
        wv_c, wv_b = (KeyedVectors.load(str(p)) for p in cached)
        return wv_c, wv_b
    wv_c = Word2Vec([list(t) for t in raw], vector_size=s.dim, window=5, min_count=2, sg=1,
                    epochs=5, workers=1, seed=s.seed).wv
    wv_b = Word2Vec([[a + b for a, b in zip("^" + t, t + "$")] for t in raw], vector_size=s.dim,
                    window=5, min_count=3, sg=1, epochs=5, workers=1, seed=s.seed).wv
    if cache is not None:
        cache.mkdir(parents=True, exist_ok=True)
        wv_c.save(str(cached[0]))
        wv_b.save(str(cached[1]))
    return wv_c, wv_b


def build_vocabularies(train: Sequence[Example], wv_c: Any, wv_b: Any, lex: FeatureLexicons,
                       max_bigrams: int) -> Vocabularies:
    """Gives the vocabularies: characters and pairs of the embeddings and the training part, the
    lexicons' suffix labels, and the CRF's BIOES tags over all ten CLUENER labels."""
    train_chars = Counter(ch for t in (ex.text for ex in train) for ch in t)
    chars = {"<pad>": 0, "<unk>": 1}
    for ch in sorted(set(wv_c.index_to_key) | set(train_chars)):
        chars[ch] = len(chars)
    train_pairs = Counter(a + b for ex in train for a, b in zip("^" + ex.text, ex.text + "$"))
    keep = set(wv_b.index_to_key[:max_bigrams]) | {p for p, c in train_pairs.items() if c >= 2}
    bigrams = {"<pad>": 0, "<unk>": 1}
    for p in sorted(keep):
        bigrams[p] = len(bigrams)
    suffix_labels = {"<pad>": 0, "O": 1}
    for tag in sorted(set(lex.suffixes.values())):
        suffix_labels[tag] = len(suffix_labels)
    tags = ["O"] + [f"{p}-{lab}" for lab in CLUENER_LABELS for p in "BIES"]
    return Vocabularies(chars, bigrams, suffix_labels, tags)


def embedding_table(vocab: dict[str, int], wv: Any, dim: int, seed: int) -> np.ndarray:
    """Gives a ``(len(vocab), dim)`` table: the normalised pretrained vector where there is one, else
    small random values; row 0 (padding) is zero."""
    rng = np.random.default_rng(seed)
    m = rng.normal(0, 0.1, (len(vocab), dim)).astype(np.float32)
    m[0] = 0
    for w, i in vocab.items():
        if w in wv.key_to_index:
            v = wv[w]
            m[i] = v / (np.linalg.norm(v) + 1e-9)
    return m


def encode_examples(examples: Sequence[Example], vocab: Vocabularies, lex: FeatureLexicons
                    ) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Gives the network's input ids and the BIOES tag ids of each example."""
    tag_id = {t: i for i, t in enumerate(vocab.tags)}
    xs, ys = [], []
    for ex in examples:
        xs.append(encode(ex.text, vocab.chars, vocab.bigrams, lex, vocab.suffix_labels))
        ys.append(np.array([tag_id[t] for t in spans_to_tags(len(ex.text), ex.spans, "BIOES")]))
    return xs, ys


def build_net(settings: CNNSettings, vocab: Vocabularies, char_table: np.ndarray, pair_table: np.ndarray):
    """Gives the torch network: six embeddings (left and right pairs share one), the dilated residual
    convolutions and a linear layer over the tags."""
    import torch
    from torch import nn

    s = settings
    dil = s.dilation_list

    class Net(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.emb = nn.ModuleList([
                nn.Embedding.from_pretrained(torch.from_numpy(char_table), freeze=s.freeze, padding_idx=0),
                nn.Embedding.from_pretrained(torch.from_numpy(pair_table), freeze=s.freeze, padding_idx=0),
                None, nn.Embedding(len(WORD_POS), SMALL, padding_idx=0),
                nn.Embedding(len(MARKS), SMALL, padding_idx=0),
                nn.Embedding(len(vocab.suffix_labels), SMALL, padding_idx=0)])
            dims = [s.dim * 3 + SMALL * 3] + [s.hidden] * len(dil)
            self.convs = nn.ModuleList([nn.Conv1d(dims[k], dims[k + 1], 3, padding=d, dilation=d)
                                        for k, d in enumerate(dil)])
            self.out = nn.Linear(s.hidden, len(vocab.tags))
            self.drop = nn.Dropout(s.dropout)

        def table_for(self, k: int) -> nn.Embedding:
            return self.emb[1] if k == 2 else self.emb[k]  # left and right pairs share one table

        def forward(self, ids: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
            x = torch.cat([self.table_for(k)(ids[:, :, k]) for k in range(6)], dim=2)
            x = self.drop(x).transpose(1, 2)  # (B, C, T)
            m = mask.unsqueeze(1)
            for layer, conv in enumerate(self.convs):
                h = torch.relu(conv(x)) * m
                x = h + x if layer else h
                x = self.drop(x)
            return self.out(x.transpose(1, 2))

    return Net()


def _batch(xs: Sequence[np.ndarray], ys: Sequence[np.ndarray] | None = None):
    import torch

    T = max(len(x) for x in xs)
    ids = np.zeros((len(xs), T, 6), dtype=np.int64)
    y = np.full((len(xs), T), -100, dtype=np.int64)
    for i, x in enumerate(xs):
        ids[i, :len(x)] = x
        if ys is not None:
            y[i, :len(x)] = ys[i]
    mask = torch.from_numpy((ids[:, :, 0] > 0).astype(np.float32))
    return torch.from_numpy(ids), mask, torch.from_numpy(y)


def evaluate_alone(net, xva: Sequence[np.ndarray], val: Sequence[Example], tags: Sequence[str]) -> float:
    """Gives the macro F1 of the CNN alone (argmax tags, no CRF) on the validation examples."""
    import torch

    net.eval()
    preds = []
    with torch.no_grad():
        for i in range(0, len(xva), 256):
            ids, mask, _ = _batch(xva[i:i + 256])
            out = net(ids, mask).argmax(-1).numpy()
            for j, x in enumerate(xva[i:i + 256]):
                preds.append(tags_to_spans([tags[k] for k in out[j, :len(x)]]))
    net.train()
    _, macro = score_spans([ex.spans for ex in val], preds, list(LABEL_MAP))
    return macro


def fit(net, xtr: Sequence[np.ndarray], ytr: Sequence[np.ndarray], settings: CNNSettings, n_tags: int,
        *, after_epoch: Callable[[], float] | None = None) -> None:
    """Trains ``net`` in place (AdamW, cosine schedule, shuffled with ``settings.seed``), printing each
    epoch's loss and, when given, ``after_epoch()``'s validation score."""
    import torch
    from torch import nn

    s = settings
    opt = torch.optim.AdamW([p for p in net.parameters() if p.requires_grad], lr=s.lr, weight_decay=s.weight_decay)
    sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=s.epochs)
    lossf = nn.CrossEntropyLoss(ignore_index=-100, label_smoothing=s.smoothing)
    order = list(range(len(xtr)))
    rng = random.Random(s.seed)
    for epoch in range(s.epochs):
        rng.shuffle(order)
        total = 0.0
        t1 = time.perf_counter()
        for i in range(0, len(order), s.batch):
            idx = order[i:i + s.batch]
            ids, mask, y = _batch([xtr[k] for k in idx], [ytr[k] for k in idx])
            logits = net(ids, mask)
            loss = lossf(logits.reshape(-1, n_tags), y.reshape(-1))
            opt.zero_grad()
            loss.backward()
            opt.step()
            total += float(loss.detach()) * len(idx)
        sched.step()
        msg = f"epoch {epoch + 1}: loss {total / len(order):.4f} ({time.perf_counter() - t1:.0f} s)"
        if after_epoch is not None:
            msg += f", validation macro F1 (CNN alone, argmax) {after_epoch():.4f}"
        print(msg, file=sys.stderr)


def export_npz(net, settings: CNNSettings, vocab: Vocabularies, params: dict) -> bytes:
    """Gives the bytes of ``cnn.npz``: float16 weights, float32 biases, the dilations and the
    vocabularies (with ``params``, the run's settings) as UTF-8 JSON."""
    arrays = {}
    for k in (0, 1, 3, 4, 5):  # 2 (right pairs) shares 1's table
        arrays[f"emb{k}"] = net.table_for(k).weight.detach().numpy().astype(np.float16)
    for k, (conv, d) in enumerate(zip(net.convs, settings.dilation_list)):
        arrays[f"conv{k}.w"] = conv.weight.detach().numpy().astype(np.float16)
        arrays[f"conv{k}.b"] = conv.bias.detach().numpy().astype(np.float32)
        arrays[f"conv{k}.dil"] = np.array(d)
    arrays["out.w"] = net.out.weight.detach().numpy().astype(np.float16)
    arrays["out.b"] = net.out.bias.detach().numpy().astype(np.float32)
    vocab_json = {"chars": vocab.chars, "bigrams": vocab.bigrams, "tags": vocab.tags,
                  "suffix_labels": vocab.suffix_labels, "params": params}
    arrays["vocab"] = np.frombuffer(json.dumps(vocab_json, ensure_ascii=False).encode("utf-8"), dtype=np.uint8)
    buf = io.BytesIO()
    np.savez_compressed(buf, **arrays)
    return buf.getvalue()


def train_cnn(model_dir: Path, data: Path, settings: CNNSettings = CNNSettings(), *,
              corpus: Path | None = None, cache: Path | None = None) -> dict:
    """Gives the model's updated metadata after training the CNN beside the CRF in ``model_dir``
    (written by ``kg-train crf``) and writing ``cnn.npz``, ``meta.json`` and ``README.md`` there.

    Args:
        model_dir: the CRF model directory; its frozen lexicons are the CNN's too.
        data: CLUENER train.json (the same split as the CRF's: ``settings.split_seed``, ``val_fraction``).
        settings: the network and its training.
        corpus: unlabelled JSON lines (title/text) added to the embeddings' text.
        cache: directory keeping the pretrained embeddings between runs (same data and seed).
    """
    import torch

    s = settings
    random.seed(s.seed)
    np.random.seed(s.seed)
    torch.manual_seed(s.seed)
    torch.set_num_threads(s.threads)
    t0 = time.perf_counter()

    lex = FeatureLexicons.from_json(json.loads((model_dir / LEXICON_FILE).read_text(encoding="utf-8")))
    train, val = train_val_split(read_cluener(data), fraction=s.val_fraction, seed=s.split_seed)
    raw = [ex.text for ex in train]
    if corpus is not None:
        raw += corpus_sentences(corpus)
    print(f"{len(raw):,} unlabelled sentences for the embeddings", file=sys.stderr)

    wv_c, wv_b = pretrain_embeddings(raw, s, source="corpus" if corpus is not None else "train", cache=cache)
    print(f"word2vec done in {time.perf_counter() - t0:.0f} s", file=sys.stderr)

    vocab = build_vocabularies(train, wv_c, wv_b, lex, s.max_bigrams)
    xtr, ytr = encode_examples(train, vocab, lex)
    xva, _ = encode_examples(val, vocab, lex)
    print(f"encoded in {time.perf_counter() - t0:.0f} s; {len(vocab.chars):,} chars, {len(vocab.bigrams):,} pairs",
          file=sys.stderr)

    net = build_net(s, vocab, embedding_table(vocab.chars, wv_c, s.dim, s.seed),
                    embedding_table(vocab.bigrams, wv_b, s.dim, s.seed))
    score = (lambda: evaluate_alone(net, xva, val, vocab.tags)) if val else None
    fit(net, xtr, ytr, s, len(vocab.tags), after_epoch=score)

    params = {"model_dir": str(model_dir), "data": str(data), "corpus": None if corpus is None else str(corpus),
              **asdict(s), "cache": None if cache is None else str(cache)}
    write_bytes(model_dir / CNN_FILE, export_npz(net, s, vocab, params))
    print(f"wrote {model_dir / CNN_FILE} in {time.perf_counter() - t0:.0f} s", file=sys.stderr)

    meta = json.loads((model_dir / META_FILE).read_text(encoding="utf-8"))
    meta["kind"] = "crfsuite-char+cnn"
    meta["cnn_weight"] = s.weight
    meta["cnn"] = {"epochs": s.epochs, "dim": s.dim, "hidden": s.hidden, "dilations": s.dilation_list,
                   "dropout": s.dropout, "lr": s.lr, "batch": s.batch, "freeze": s.freeze,
                   "smoothing": s.smoothing, "weight_decay": s.weight_decay, "seed": s.seed,
                   "max_bigrams": s.max_bigrams, "pretrained_on": "finreport corpus + CLUENER training part"
                   if corpus is not None else "CLUENER training part",
                   "validation_macro_f1_alone": round(score(), 4) if score else None,
                   "seconds": round(time.perf_counter() - t0, 1)}
    write_meta(model_dir, meta)
    if val:
        meta["validation"] = validate(model_dir, val)
        write_meta(model_dir, meta)
        print(f"validation macro F1, CRF + CNN: {meta['validation']['macro_f1']:.4f}", file=sys.stderr)
    write_text(model_dir / CARD_FILE, model_card(meta))
    return meta
