"""Trains the NER stage's second expert, the dilated character CNN of ``kg/nlp/ner_cnn.py``.

Steps (fixed seeds throughout):

1. word2vec (gensim, one worker) character and character-pair embeddings pretrained on unlabelled
   text: the finreport corpus's articles and the training part of CLUENER train.json (never its
   validation split);
2. the CNN trained with torch on the same training part (per-character cross-entropy over the
   CRF's BIOES tags);
3. the weights saved as NumPy arrays in ``MODEL_DIR/cnn.npz`` (float16), with the vocabularies;
   kg runs the network with NumPy, so torch is needed only here.

Needs the training extra: ``pip install -e ".[train]"`` (torch, gensim). Run after
``kg train-ner`` (the CNN reuses that model's frozen lexicons):

    python training/train_cnn.py --model-dir kg/models/ner \
        --data ../shared/data/cluener/train.json --corpus ../shared/data/corpus/finreport.jsonl
"""
from __future__ import annotations

import argparse
import io
import json
import os
import random
import sys
import time
from collections import Counter
from pathlib import Path


def corpus_sentences(path: Path) -> list[str]:
    """Gives the sentences of the titles and texts of a JSON-lines corpus."""
    from kg.nlp.ner_features import iter_sentence_spans

    out = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                obj = json.loads(line)
                for field in ("title", "text"):
                    text = obj.get(field) or ""
                    out.extend(text[s:e] for s, e in iter_sentence_spans(text))
    return out


def main(argv: list[str] | None = None) -> int:
    if os.environ.get("PYTHONHASHSEED") != "0" and argv is None:
        # gensim seeds its initial vectors with Python's string hash: fix it, or runs differ
        os.environ["PYTHONHASHSEED"] = "0"
        os.execv(sys.executable, [sys.executable, *sys.argv])
    from kg.nlp.ner_data import CLUENER_LABELS, DEFAULT_SPLIT_SEED, DEFAULT_VAL_FRACTION

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--model-dir", type=Path, required=True, help="the CRF model directory (cnn.npz goes there)")
    ap.add_argument("--data", type=Path, required=True, help="CLUENER train.json")
    ap.add_argument("--corpus", type=Path, default=None, help="unlabelled JSON lines for the embeddings")
    ap.add_argument("--split-seed", type=int, default=DEFAULT_SPLIT_SEED)
    ap.add_argument("--val-fraction", type=float, default=DEFAULT_VAL_FRACTION)
    ap.add_argument("--epochs", type=int, default=20)
    ap.add_argument("--dim", type=int, default=64, help="character and pair embedding size")
    ap.add_argument("--hidden", type=int, default=128)
    ap.add_argument("--dilations", default="1,2,3")
    ap.add_argument("--dropout", type=float, default=0.3)
    ap.add_argument("--lr", type=float, default=2e-3)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--max-bigrams", type=int, default=80000)
    ap.add_argument("--freeze", action="store_true", help="keep the pretrained embeddings fixed")
    ap.add_argument("--smoothing", type=float, default=0.0, help="label smoothing of the loss")
    ap.add_argument("--weight-decay", type=float, default=0.0)
    ap.add_argument("--weight", type=float, default=0.3,
                    help="weight of the CNN's log-probabilities against the CRF's scores (default: 0.3)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--cache", type=Path, default=None,
                    help="directory to keep the pretrained embeddings in between runs (same data and seed)")
    args = ap.parse_args(argv)

    import numpy as np
    import torch
    from gensim.models import Word2Vec
    from torch import nn

    from kg.nlp.ner_cnn import CNN_FILE, MARKS, WORD_POS, encode
    from kg.nlp.ner_data import read_cluener, train_val_split
    from kg.nlp.ner_features import FeatureLexicons
    from kg.nlp.ner_train import LEXICON_FILE, spans_to_tags, tags_to_spans

    random.seed(args.seed)
    np.random.seed(args.seed)
    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    t0 = time.perf_counter()

    lex = FeatureLexicons.from_json(json.loads((args.model_dir / LEXICON_FILE).read_text(encoding="utf-8")))
    train, val = train_val_split(read_cluener(args.data), fraction=args.val_fraction, seed=args.split_seed)
    raw = [ex.text for ex in train]
    if args.corpus is not None:
        raw += corpus_sentences(args.corpus)
    print(f"{len(raw):,} unlabelled sentences for the embeddings", file=sys.stderr)

    # 1. pretrained embeddings
    from gensim.models import KeyedVectors

    source = "corpus" if args.corpus is not None else "train"
    cached = ([args.cache / f"{kind}-{args.dim}-{args.seed}-{source}.kv" for kind in ("chars", "pairs")]
              if args.cache else [])
    if cached and all(p.is_file() for p in cached):
        wv_c, wv_b = (KeyedVectors.load(str(p)) for p in cached)
    else:
        wv_c = Word2Vec([list(s) for s in raw], vector_size=args.dim, window=5, min_count=2, sg=1,
                        epochs=5, workers=1, seed=args.seed).wv
        wv_b = Word2Vec([[a + b for a, b in zip("^" + s, s + "$")] for s in raw], vector_size=args.dim,
                        window=5, min_count=3, sg=1, epochs=5, workers=1, seed=args.seed).wv
        if cached:
            args.cache.mkdir(parents=True, exist_ok=True)
            wv_c.save(str(cached[0]))
            wv_b.save(str(cached[1]))
    print(f"word2vec done in {time.perf_counter() - t0:.0f} s", file=sys.stderr)

    train_chars = Counter(ch for s in (ex.text for ex in train) for ch in s)
    chars = {"<pad>": 0, "<unk>": 1}
    for ch in sorted(set(wv_c.index_to_key) | set(train_chars)):
        chars[ch] = len(chars)
    train_pairs = Counter(a + b for ex in train for a, b in zip("^" + ex.text, ex.text + "$"))
    keep = set(wv_b.index_to_key[:args.max_bigrams]) | {p for p, c in train_pairs.items() if c >= 2}
    bigrams = {"<pad>": 0, "<unk>": 1}
    for p in sorted(keep):
        bigrams[p] = len(bigrams)
    suffix_labels = {"<pad>": 0, "O": 1}
    for tag in sorted(set(lex.suffixes.values())):
        suffix_labels[tag] = len(suffix_labels)
    tags = ["O"] + [f"{p}-{lab}" for lab in CLUENER_LABELS for p in "BIES"]
    tag_id = {t: i for i, t in enumerate(tags)}

    def table(vocab: dict[str, int], wv) -> np.ndarray:
        rng = np.random.default_rng(args.seed)
        m = rng.normal(0, 0.1, (len(vocab), args.dim)).astype(np.float32)
        m[0] = 0
        for w, i in vocab.items():
            if w in wv.key_to_index:
                v = wv[w]
                m[i] = v / (np.linalg.norm(v) + 1e-9)
        return m

    def data(examples):
        xs, ys = [], []
        for ex in examples:
            xs.append(encode(ex.text, chars, bigrams, lex, suffix_labels))
            ys.append(np.array([tag_id[t] for t in spans_to_tags(len(ex.text), ex.spans, "BIOES")]))
        return xs, ys

    xtr, ytr = data(train)
    xva, _ = data(val)
    print(f"encoded in {time.perf_counter() - t0:.0f} s; {len(chars):,} chars, {len(bigrams):,} pairs",
          file=sys.stderr)

    dil = [int(d) for d in args.dilations.split(",")]
    small = 8

    class Net(nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.emb = nn.ModuleList([
                nn.Embedding.from_pretrained(torch.from_numpy(table(chars, wv_c)), freeze=args.freeze, padding_idx=0),
                nn.Embedding.from_pretrained(torch.from_numpy(table(bigrams, wv_b)), freeze=args.freeze, padding_idx=0),
                None, nn.Embedding(len(WORD_POS), small, padding_idx=0),
                nn.Embedding(len(MARKS), small, padding_idx=0),
                nn.Embedding(len(suffix_labels), small, padding_idx=0)])
            dims = [args.dim * 3 + small * 3] + [args.hidden] * len(dil)
            self.convs = nn.ModuleList([nn.Conv1d(dims[k], dims[k + 1], 3, padding=d, dilation=d)
                                        for k, d in enumerate(dil)])
            self.out = nn.Linear(args.hidden, len(tags))
            self.drop = nn.Dropout(args.dropout)

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

    net = Net()
    opt = torch.optim.AdamW([p for p in net.parameters() if p.requires_grad], lr=args.lr,
                            weight_decay=args.weight_decay)
    sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=args.epochs)
    lossf = nn.CrossEntropyLoss(ignore_index=-100, label_smoothing=args.smoothing)

    def batch(xs, ys=None):
        T = max(len(x) for x in xs)
        ids = np.zeros((len(xs), T, 6), dtype=np.int64)
        y = np.full((len(xs), T), -100, dtype=np.int64)
        for i, x in enumerate(xs):
            ids[i, :len(x)] = x
            if ys is not None:
                y[i, :len(x)] = ys[i]
        mask = torch.from_numpy((ids[:, :, 0] > 0).astype(np.float32))
        return torch.from_numpy(ids), mask, torch.from_numpy(y)

    def evaluate() -> float:
        from kg.nlp.ner_data import LABEL_MAP, score_spans

        net.eval()
        preds = []
        with torch.no_grad():
            for i in range(0, len(xva), 256):
                ids, mask, _ = batch(xva[i:i + 256])
                out = net(ids, mask).argmax(-1).numpy()
                for j, x in enumerate(xva[i:i + 256]):
                    preds.append(tags_to_spans([tags[k] for k in out[j, :len(x)]]))
        net.train()
        _, macro = score_spans([ex.spans for ex in val], preds, list(LABEL_MAP))
        return macro

    order = list(range(len(xtr)))
    rng = random.Random(args.seed)
    for epoch in range(args.epochs):
        rng.shuffle(order)
        total = 0.0
        t1 = time.perf_counter()
        for i in range(0, len(order), args.batch):
            idx = order[i:i + args.batch]
            ids, mask, y = batch([xtr[k] for k in idx], [ytr[k] for k in idx])
            logits = net(ids, mask)
            loss = lossf(logits.reshape(-1, len(tags)), y.reshape(-1))
            opt.zero_grad()
            loss.backward()
            opt.step()
            total += float(loss.detach()) * len(idx)
        sched.step()
        msg = f"epoch {epoch + 1}: loss {total / len(order):.4f} ({time.perf_counter() - t1:.0f} s)"
        if val:
            msg += f", validation macro F1 (CNN alone, argmax) {evaluate():.4f}"
        print(msg, file=sys.stderr)

    arrays = {}
    for k in (0, 1, 3, 4, 5):  # 2 (right pairs) shares 1's table
        arrays[f"emb{k}"] = net.table_for(k).weight.detach().numpy().astype(np.float16)
    for k, (conv, d) in enumerate(zip(net.convs, dil)):
        arrays[f"conv{k}.w"] = conv.weight.detach().numpy().astype(np.float16)
        arrays[f"conv{k}.b"] = conv.bias.detach().numpy().astype(np.float32)
        arrays[f"conv{k}.dil"] = np.array(d)
    arrays["out.w"] = net.out.weight.detach().numpy().astype(np.float16)
    arrays["out.b"] = net.out.bias.detach().numpy().astype(np.float32)
    vocab = {"chars": chars, "bigrams": bigrams, "tags": tags, "suffix_labels": suffix_labels,
             "params": {k: (str(v) if isinstance(v, Path) else v) for k, v in vars(args).items()}}
    arrays["vocab"] = np.frombuffer(json.dumps(vocab, ensure_ascii=False).encode("utf-8"), dtype=np.uint8)
    buf = io.BytesIO()
    np.savez_compressed(buf, **arrays)
    tmp = args.model_dir / (CNN_FILE + ".tmp")
    tmp.write_bytes(buf.getvalue())
    tmp.replace(args.model_dir / CNN_FILE)
    print(f"wrote {args.model_dir / CNN_FILE} in {time.perf_counter() - t0:.0f} s", file=sys.stderr)

    from kg.nlp.ner_train import CARD_FILE, META_FILE, _validate, _write_meta, model_card

    meta = json.loads((args.model_dir / META_FILE).read_text(encoding="utf-8"))
    meta["kind"] = "crfsuite-char+cnn"
    meta["cnn_weight"] = args.weight
    meta["cnn"] = {"epochs": args.epochs, "dim": args.dim, "hidden": args.hidden, "dilations": dil,
                   "dropout": args.dropout, "lr": args.lr, "batch": args.batch, "freeze": args.freeze,
                   "smoothing": args.smoothing, "weight_decay": args.weight_decay, "seed": args.seed,
                   "max_bigrams": args.max_bigrams, "pretrained_on": "finreport corpus + CLUENER training part"
                   if args.corpus is not None else "CLUENER training part",
                   "validation_macro_f1_alone": round(evaluate(), 4) if val else None,
                   "seconds": round(time.perf_counter() - t0, 1)}
    _write_meta(args.model_dir, meta)
    if val:
        meta["validation"] = _validate(args.model_dir, val)
        _write_meta(args.model_dir, meta)
        print(f"validation macro F1, CRF + CNN: {meta['validation']['macro_f1']:.4f}", file=sys.stderr)
    (args.model_dir / CARD_FILE).write_text(model_card(meta), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
