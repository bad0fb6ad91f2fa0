"""End-to-end throughput of ``kg extract`` beside jieba's bare segmentation, on the same text.

    python benchmarks/bench_extract.py                 # seeds/ and a folder of 50 copies of it
    python benchmarks/bench_extract.py --copies 200 --corpus ../shared/data/corpus/finreport.jsonl --limit 300

Reports characters per second for: jieba segmentation alone (kg's private tokenizer, same text),
the full pipeline with rules only, and the full pipeline with the NER model (where it ships).
Pipeline loading and the first document (lazy one-time loads) are timed separately and not counted
in throughput.
"""
from __future__ import annotations

import argparse
import shutil
import tempfile
import time
import warnings
from pathlib import Path

import jieba

ROOT = Path(__file__).resolve().parents[1]


def _rate(chars: int, seconds: float, cpu: float | None = None) -> str:
    # CPU time too: on a shared machine it is the steadier figure of the two
    also = f", {chars / cpu:,.0f} chars per CPU-second" if cpu else ""
    return f"{chars / seconds:>10,.0f} chars/s  ({chars:,} chars in {seconds:.2f} s{also})"


def bench(inputs: list[str], label: str, *, model: bool, limit: int | None = None) -> None:
    from kg.run import run
    from kg.ingest import iter_documents
    from kg.records import Document
    from kg.nlp import load
    from kg.segment import get_jieba

    docs = [d for d in iter_documents(inputs) if isinstance(d, Document)][:limit]
    chars = sum(len(d.text) for d in docs)
    tok = get_jieba()
    t, c = time.perf_counter(), time.process_time()
    for d in docs:
        list(jieba.Tokenizer.cut(tok, d.text))  # jieba's own code (kg's tokenizer cuts faster, same words)
    seg, seg_cpu = time.perf_counter() - t, time.process_time() - c
    t = time.perf_counter()
    nlp = load(model=model)
    loaded = time.perf_counter() - t
    t = time.perf_counter()
    run([docs[0].path.split(":")[0]] if docs[0].format != "jsonl" else inputs, nlp=nlp, limit=1)
    warm = time.perf_counter() - t  # lazy one-time loads (TF-IDF table, user dictionary, model)
    t, c = time.perf_counter(), time.process_time()
    report = run(inputs, nlp=nlp, limit=limit)
    total, total_cpu = time.perf_counter() - t, time.process_time() - c
    print(f"[{label}] {len(docs)} documents, model={'yes' if 'kg_ner' in nlp.pipe_names else 'no'}, "
          f"pipeline load {loaded:.2f} s, first document {warm:.2f} s (one-time loads)")
    print(f"  jieba segmentation   {_rate(chars, seg, seg_cpu)}")
    print(f"  kg extract (all)     {_rate(chars, total, total_cpu)}   claims={report.summary()['claims']}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seeds", default=str(ROOT / "seeds"))
    parser.add_argument("--copies", type=int, default=50)
    parser.add_argument("--corpus", default=None, help="a JSONL corpus to run as well")
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    for model in (False, True):
        bench([args.seeds], "seeds", model=model)
        with tempfile.TemporaryDirectory() as tmp:
            files = [p for p in Path(args.seeds).rglob("*") if p.is_file() and not p.name.startswith((".", "README"))]
            for i in range(args.copies):
                for f in files:
                    shutil.copy(f, Path(tmp) / f"{i:04d}_{f.name}")
            bench([tmp], f"{args.copies} copies of seeds", model=model)
        if args.corpus:
            bench([args.corpus], f"corpus {Path(args.corpus).name}", model=model, limit=args.limit)


if __name__ == "__main__":
    main()
