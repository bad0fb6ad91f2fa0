"""Memory of a corpus run, phase by phase: does it grow with the corpus beyond the graph itself?

    python benchmarks/bench_memory.py --sizes 500,2000,4000 --no-model
    python benchmarks/bench_memory.py --sizes 1000 --no-store          # the in-memory run, for comparison

For each size, one fresh process runs ``kg.run.run`` over the real corpus (``../shared/data/corpus/
finreport.jsonl``) replicated to N documents with distinct ids (as ``bench_corpus.py`` does), in this
process (``--jobs 1``), with a fresh store (or none with ``--no-store``). It samples this process's RSS
after every document (through the run's progress callback) and reports: RSS after loading the pipeline,
the peak during extraction (the part that must stay flat: results go to the store as they come), the RSS
once the graph is built (the graph itself), and the peak of the whole run (``ru_maxrss``). Not part of the
test suite.
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "data" / "corpus" / "finreport.jsonl"


def _replicate(corpus: Path, size: int, path: Path) -> None:
    lines = [ln for ln in corpus.read_text(encoding="utf-8").splitlines() if ln.strip()]
    with path.open("w", encoding="utf-8") as out:
        for i in range(size):
            obj = json.loads(lines[i % len(lines)])
            obj["id"] = f"{obj.get('id') or i}~{i // len(lines)}"
            out.write(json.dumps(obj, ensure_ascii=False) + "\n")


def _child(corpus: str, store: str | None, model: bool) -> None:
    import psutil

    import kg.run
    from kg.nlp import load

    me = psutil.Process()
    mb = lambda: me.memory_info().rss / 2**20  # noqa: E731
    nlp = load(model=model)
    loaded = mb()
    peak = {"extract": loaded, "n": 0}

    def progress(_outcome, _chars):
        peak["n"] += 1
        if peak["n"] % 10 == 0:
            peak["extract"] = max(peak["extract"], mb())

    report = kg.run.run(corpus, nlp=nlp, store=store, progress=progress)
    print(json.dumps({"documents": peak["n"], "loaded_mb": round(loaded, 1),
                      "extract_peak_mb": round(peak["extract"], 1), "after_graph_mb": round(mb(), 1),
                      "run_peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
                      "nodes": report.graph.number_of_nodes(), "edges": report.graph.number_of_edges(),
                      "seconds": round(report.seconds, 1)}))


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--sizes", default="500,2000", help="documents per run, comma-separated")
    p.add_argument("--no-model", action="store_true", help="rules only (faster; memory is about results)")
    p.add_argument("--no-store", action="store_true", help="keep results in memory (kg.run.run without store=)")
    p.add_argument("--corpus", type=Path, default=CORPUS)
    p.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.child:
        _child(args.child[0], None if args.child[1] == "-" else args.child[1], not args.no_model)
        return 0
    if not args.corpus.is_file():
        print(f"Skipped: {args.corpus} is absent")
        return 0
    print("| documents | store | loaded MB | extraction peak MB | after graph MB | run peak MB | nodes | s |")
    print("|---|---|---|---|---|---|---|---|")
    for size in (int(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            corpus = Path(tmp) / "c.jsonl"
            _replicate(args.corpus, size, corpus)
            store = "-" if args.no_store else str(Path(tmp) / "s.sqlite")
            cmd = [sys.executable, __file__, "--child", str(corpus), store, *(["--no-model"] if args.no_model else [])]
            r = json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout.strip().splitlines()[-1])
            print(f"| {r['documents']:,} | {'no' if args.no_store else 'yes'} | {r['loaded_mb']:,.0f} | "
                  f"{r['extract_peak_mb']:,.0f} | {r['after_graph_mb']:,.0f} | {r['run_peak_mb']:,.0f} | "
                  f"{r['nodes']:,} | {r['seconds']} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
