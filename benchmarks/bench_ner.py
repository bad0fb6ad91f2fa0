"""Speed, size and load time of the statistical NER stage, on one core.

Run: ``python benchmarks/bench_ner.py [--model DIR] [--corpus-chars N]``

Reports characters per CPU-second (and per wall-clock second) of ``NERModel.predict``
(feature extraction, jieba and the CRF included) on the CLUENER validation split (``--val FILE``, or
carved from ``../shared``'s train.json by kg-training) and on a slice of the finreport corpus when
``../shared/data`` is there, plus the model's size on disk and its load time.
"""
from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CLUENER = ROOT.parent / "shared" / "data" / "cluener" / "train.json"
CORPUS = ROOT.parent / "shared" / "data" / "corpus" / "finreport.jsonl"


def _one_thread() -> None:
    # the stage is single-threaded Python + crfsuite; keep any numeric library to one thread too
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")


def _rate(model, texts: list[str], repeat: int) -> tuple[float, float, int]:
    # wall-clock rate and CPU-time rate: on a shared machine the second is the one-core speed
    n_chars = sum(len(t) for t in texts)
    best_wall = best_cpu = float("inf")
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), time.process_time()
        model.predict(texts)
        best_wall = min(best_wall, time.perf_counter() - t0)
        best_cpu = min(best_cpu, time.process_time() - c0)
    return n_chars / best_wall, n_chars / best_cpu, n_chars


def main(argv: list[str] | None = None) -> int:
    """Gives 0 after printing the benchmark table."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", type=Path, default=None, help="model directory (default: the packaged model)")
    ap.add_argument("--val", type=Path, default=None,
                    help="CLUENER validation file, e.g. from kg-train split (default: carve it from ../shared)")
    ap.add_argument("--corpus-chars", type=int, default=300_000, help="characters of finreport to tag")
    ap.add_argument("--repeat", type=int, default=3, help="runs per measurement; the best is reported")
    ap.add_argument("--json", action="store_true", help="print one JSON object instead of a table")
    args = ap.parse_args(argv)
    _one_thread()

    t0 = time.perf_counter()
    from kg.ner import NERModel

    t_import = time.perf_counter() - t0
    t0 = time.perf_counter()
    model = NERModel.load(args.model)
    t_load = time.perf_counter() - t0
    t1 = time.perf_counter()
    model.predict_one("中信证券首席经济学家明明表示。")  # jieba's dictionary loads on first use
    t_warm = time.perf_counter() - t1
    size = sum(p.stat().st_size for p in model.path.iterdir() if p.is_file())
    report: dict = {"model_dir": str(model.path), "size_bytes": size, "import_s": round(t_import, 3),
                    "load_s": round(t_load, 3),
                    "first_call_s": round(t_warm, 3)}

    val = None
    if args.val is not None:
        from kg.ner.evaluate import read_cluener

        val = read_cluener(args.val)
    elif CLUENER.is_file():
        from kg.ner.evaluate import read_cluener
        from kg_training.cluener import train_val_split  # pip install -e training, or pass --val

        split = model.meta.get("split_seed")
        kwargs = {"seed": split} if split is not None else {}
        _, val = train_val_split(read_cluener(CLUENER), **kwargs)
    if val is not None:
        wall, cpu, n = _rate(model, [ex.text for ex in val], args.repeat)
        report["cluener_val"] = {"chars": n, "chars_per_s": round(wall), "chars_per_cpu_s": round(cpu)}
    if CORPUS.is_file():
        texts, n = [], 0
        with CORPUS.open(encoding="utf-8") as fh:
            for line in fh:
                text = json.loads(line).get("text") or ""
                texts.append(text)
                n += len(text)
                if n >= args.corpus_chars:
                    break
        wall, cpu, n = _rate(model, texts, args.repeat)
        report["finreport"] = {"docs": len(texts), "chars": n, "chars_per_s": round(wall),
                               "chars_per_cpu_s": round(cpu)}

    if args.json:
        print(json.dumps(report, ensure_ascii=False))
        return 0
    print(f"model          {report['model_dir']}")
    print(f"size on disk   {size / 1e6:.2f} MB")
    print(f"import         {t_import:.3f} s (kg.ner, crfsuite, NumPy, jieba modules)")
    print(f"load time      {t_load:.3f} s (+ {t_warm:.3f} s first call: jieba dictionary)")
    for key in ("cluener_val", "finreport"):
        if key in report:
            r = report[key]
            print(f"{key:<14} {r['chars_per_cpu_s']:>9,} chars per CPU-second, one thread "
                  f"({r['chars_per_s']:,} chars/s wall clock; {r['chars']:,} chars)")
        else:
            print(f"{key:<14} skipped: data not found beside the project")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
