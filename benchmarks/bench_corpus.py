"""Throughput and peak memory of ``kg extract`` and ``kg graph`` at corpus scale, by runner.

    python benchmarks/bench_corpus.py --sizes 1000,10000 --runners jobs1,jobs2,dask
    python benchmarks/bench_corpus.py --fill-store --graph-only --sizes 1000,10000,100000
    python benchmarks/bench_corpus.py --sizes 200 --runners jobs1,jobs2 --no-model     # a quick check

The corpus of N documents is the real one (``../shared/data/corpus/finreport.jsonl``, 1,316 articles)
replicated: copies of its lines cycling, each with a distinct id ``<id>~<copy>``, written to ``--work``. For
each size and runner (``jobs1``: ``--jobs 1``; ``jobs2``: ``--jobs 2``; ``dask``: a 2-worker LocalCluster,
``--dask local --jobs 2``, reported as "not available" while ``kg extract`` has no ``--dask`` option) it
runs, each as a real ``python -m kg extract`` process:

* a full run, with a fresh ``--store`` and ``--out`` and ``--quiet``;
* an incremental run: the same command with the same store and out, and a second input file holding 1%
  more documents (further distinct copies); the script checks that ``from the store`` in its summary is
  N and that the store then holds N + 1% documents.

After the first runner's full run at each size (before its incremental run), ``python -m kg graph --store S
--out D`` (build the graph from the store and write every default format) is timed on its store, with the
sizes of the files written. ``--fill-store`` adds the same measurement on a store filled without extraction:
the real corpus (or its first ``--base`` articles) is extracted once, and its stored results are copied
under the ids, line numbers and content hashes that extracting the replicated corpus of size N would store
(``kg.store.Store`` through a ``Writer``); with ``--graph-only`` nothing else runs, so ``kg graph`` can be
measured at sizes whose extraction would take hours. Such rows say "filled from B extracted (no
extraction)". Where a filled and an extracted store of the same size both exist, the script says whether
their graph.json are identical.

Each command is timed by wall clock and by CPU (user + system seconds of the process and of the workers it
waited for, from ``wait4``: Unix only, left empty elsewhere); its memory is polled every 0.1 s with psutil:
the peak over time of the summed RSS of the whole process tree (pages shared between a parent and its forked
workers count once per process, so this is an upper bound) and the peak of the main process alone. Wall time
includes starting Python and loading the pipeline (a few seconds), which dominates at small sizes.
Characters are the lengths of the documents' texts as kg reads them. Prints a Markdown table for the README;
``--json`` writes every figure (rewritten after each measurement, so a long run that stops keeps what it
measured). Skips with a message when the corpus is absent. Not part of the test suite.
"""
from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import os
import platform
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "data" / "corpus" / "finreport.jsonl"
RUNNERS = {"jobs1": ["--jobs", "1"], "jobs2": ["--jobs", "2"], "dask": ["--dask", "local", "--jobs", "2"]}
#: seconds between two samples of the process tree's memory
INTERVAL = 0.1
MB = 1 << 20


# -- the replicated corpus ---------------------------------------------------------------------------------
def replica_id(doc_id: str, copy: int) -> str:
    """Gives the id of copy ``copy`` of the document ``doc_id`` (``<id>~<copy>``)."""
    return f"{doc_id}~{copy}"


def replicate(records: Sequence[dict], n: int, start: int = 0) -> Iterator[dict]:
    """Gives documents ``start`` to ``start + n - 1`` of the endless corpus that cycles through ``records``:
    document ``i`` is ``records[i % len(records)]`` with the id of copy ``i // len(records)``, so every
    id differs and a later ``start`` continues the same corpus with new ids."""
    if not records:
        raise ValueError("no records to replicate")
    for i in range(start, start + n):
        copy, record = divmod(i, len(records))
        yield {**records[record], "id": replica_id(records[record]["id"], copy)}


def write_corpus(records: Sequence[dict], path: Path, n: int, start: int = 0) -> Path:
    """Writes documents ``start`` to ``start + n - 1`` of the replicated corpus (:func:`replicate`) to
    ``path`` as JSON Lines; gives ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as fh:
        for record in replicate(records, n, start):
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def characters(lengths: Sequence[int], n: int, start: int = 0) -> int:
    """Gives the characters of documents ``start`` to ``start + n - 1`` of the replicated corpus, from the
    text length of each real document (in corpus order)."""
    cycles, rest = divmod(n, len(lengths))
    total = cycles * sum(lengths)
    first = start % len(lengths)
    for k in range(rest):
        total += lengths[(first + k) % len(lengths)]
    return total


def _read_corpus(path: Path) -> tuple[list[dict], list[int]]:
    """Gives the corpus's JSON records (each with an id) and the text length kg reads for each."""
    from kg.ingest import iter_documents
    from kg.records import Document

    records = []
    with path.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, start=1):
            if line.strip():
                record = json.loads(line)
                record.setdefault("id", f"{path.stem}#{number}")
                records.append(record)
    length = {d.id: len(d.text) for d in iter_documents(str(path)) if isinstance(d, Document)}
    return records, [length.get(r["id"], 0) for r in records]  # an unreadable line reads as no text


# -- measuring one command ---------------------------------------------------------------------------------
@dataclasses.dataclass
class Measured:
    """What one command took: wall and CPU seconds, peak memory, its exit status and output."""

    command: list[str]
    returncode: int
    wall_s: float
    cpu_s: float | None  # user + system of the process and the children it waited for
    peak_tree_mb: float  # the most that the process and all its descendants held at once (summed RSS)
    peak_main_mb: float  # the most the main process held
    processes: int  # the most processes alive at once in the tree
    stdout: str
    stderr: str


def _tree(process: psutil.Process) -> list[psutil.Process]:
    try:
        return [process, *process.children(recursive=True)]
    except psutil.Error:
        return [process]


def _rss(process: psutil.Process) -> int:
    try:
        return process.memory_info().rss
    except psutil.Error:  # gone between listing and reading
        return 0


def measure(command: Sequence[str], log: Path, *, interval: float = INTERVAL) -> Measured:
    """Runs ``command`` (its output to ``log``.out / .err) and gives its time and peak memory."""
    log.parent.mkdir(parents=True, exist_ok=True)
    out, err = log.with_suffix(".out"), log.with_suffix(".err")
    with out.open("w") as fo, err.open("w") as fe:
        t0 = time.perf_counter()
        proc = subprocess.Popen(list(command), stdout=fo, stderr=fe)
        main = psutil.Process(proc.pid)
        ended: list[tuple[float, float | None]] = []  # (when it ended, its CPU seconds), from the reaper
        reaper = threading.Thread(target=lambda: ended.append(_reap(proc)), daemon=True)
        reaper.start()
        peak_tree = peak_main = most = 0
        while not ended:
            sizes = [_rss(p) for p in _tree(main)]
            peak_tree = max(peak_tree, sum(sizes))
            peak_main = max(peak_main, sizes[0])
            most = max(most, sum(size > 0 for size in sizes))
            reaper.join(interval)
    (t1, cpu), = ended
    return Measured(list(command), proc.returncode, t1 - t0, cpu, peak_tree / MB, peak_main / MB, most,
                    out.read_text(encoding="utf-8", errors="replace"),
                    err.read_text(encoding="utf-8", errors="replace"))


def _reap(proc: subprocess.Popen) -> tuple[float, float | None]:
    """Waits for ``proc``; gives when it ended and the CPU seconds of it and the children it waited for."""
    if not hasattr(os, "wait4"):
        proc.wait()
        return time.perf_counter(), None
    _, status, usage = os.wait4(proc.pid, 0)
    t = time.perf_counter()
    proc.returncode = os.waitstatus_to_exitcode(status)
    return t, usage.ru_utime + usage.ru_stime


def _failure(m: Measured) -> str:
    lines = [line for line in (m.stderr + m.stdout).splitlines() if line.strip()]
    return f"exit {m.returncode}: {lines[-1].strip() if lines else 'no output'}"


def _kg(*args: str) -> list[str]:
    return [sys.executable, "-m", "kg", *args]


def dask_available() -> bool:
    """Gives whether ``kg extract`` has a ``--dask`` option (it is being added)."""
    done = subprocess.run(_kg("extract", "--help"), capture_output=True, text=True)
    return "--dask" in done.stdout


# -- runs ----------------------------------------------------------------------------------------------------
def _cpu(m: Measured) -> float | None:
    return None if m.cpu_s is None else round(m.cpu_s, 2)


def extract_row(size: int, runner: str, corpus: Path, folder: Path, chars: int, *, no_model: bool,
                runner_args: list[str]) -> dict:
    """Measures a full run of ``runner`` on ``corpus`` with a fresh store and out in ``folder``; gives the
    row (``status`` "ok", or why not)."""
    shutil.rmtree(folder, ignore_errors=True)
    row: dict = {"size": size, "runner": runner, "args": " ".join(runner_args + ["--no-model"] * no_model),
                 "documents": size, "characters": chars}
    full = measure(_kg("extract", str(corpus), *_extract_args(folder, runner_args, no_model), "--quiet"),
                   folder / "full")
    if full.returncode:
        return {**row, "status": f"failed: {_failure(full)}"}
    row.update(status="ok", wall_s=round(full.wall_s, 2), cpu_s=_cpu(full), docs_per_s=round(size / full.wall_s, 2),
               chars_per_s=round(chars / full.wall_s), peak_tree_mb=round(full.peak_tree_mb, 1),
               peak_main_mb=round(full.peak_main_mb, 1), processes=full.processes)
    return row


def incremental(row: dict, corpus: Path, extra: Path, folder: Path, n_extra: int, extra_chars: int, *,
                no_model: bool, runner_args: list[str]) -> None:
    """Measures the full run's command again with the same store and out and ``extra`` (``n_extra`` new
    documents) added, and checks that the other documents came from the store; adds it to ``row``."""
    from kg.store import Store

    args = _extract_args(folder, runner_args, no_model)
    inc = measure(_kg("extract", str(corpus), str(extra), *args), folder / "incremental")  # not quiet: the summary
    if inc.returncode:
        row["incremental"] = f"failed: {_failure(inc)}"
        return
    found = re.search(r"^from the store\s+(\d+)", inc.stdout, re.M)
    from_store = int(found.group(1)) if found else None
    with Store(folder / "store.sqlite") as s:
        stored = len(s)
    size = row["size"]
    row.update(incremental_documents=n_extra, incremental_wall_s=round(inc.wall_s, 2),
               incremental_cpu_s=_cpu(inc),
               incremental_chars_per_s=round(extra_chars / inc.wall_s),
               incremental_peak_tree_mb=round(inc.peak_tree_mb, 1), from_store=from_store, stored=stored,
               incremental_ok=from_store == size and stored == size + n_extra)


def _extract_args(folder: Path, runner_args: list[str], no_model: bool) -> list[str]:
    return ["--store", str(folder / "store.sqlite"), "--out", str(folder / "out"), *runner_args,
            *(["--no-model"] if no_model else [])]


#: what ``kg graph`` writes when measured (``--graph-formats``; None: kg's default formats)
GRAPH_FORMATS: str | None = None


def graph_row(size: int, source: str, store: Path, out: Path) -> dict:
    """Measures ``kg graph --store store --out out`` (kg's default formats, or ``--graph-formats``; its
    output beside ``out``); gives the row."""
    shutil.rmtree(out, ignore_errors=True)
    fmt = ["--formats", GRAPH_FORMATS] if GRAPH_FORMATS else []
    m = measure(_kg("graph", "--store", str(store), "--out", str(out), *fmt), out)
    row: dict = {"size": size, "source": source, "formats": GRAPH_FORMATS or "default"}
    if m.returncode:
        return {**row, "status": f"failed: {_failure(m)}"}
    counts = dict(re.findall(r"^(documents stored|people|organizations|claims|topics)\s+(\d+)", m.stdout, re.M))
    row.update(status="ok", documents=int(counts.get("documents stored", 0)), wall_s=round(m.wall_s, 2),
               cpu_s=_cpu(m), peak_tree_mb=round(m.peak_tree_mb, 1),
               peak_main_mb=round(m.peak_main_mb, 1),
               nodes={k: int(v) for k, v in counts.items() if k != "documents stored"},
               files_mb={p.name: round(p.stat().st_size / MB, 2) for p in sorted(out.iterdir()) if p.is_file()})
    return row


def _n_extra(size: int) -> int:
    return max(1, round(size / 100))


# -- a store filled without extraction -----------------------------------------------------------------------
def _fingerprint(store: Path) -> str:
    db = sqlite3.connect(f"{store.resolve().as_uri()}?mode=ro", uri=True)
    try:
        found = [r[0] for r in db.execute("SELECT DISTINCT fingerprint FROM documents")]
    finally:
        db.close()
    if len(found) != 1:
        raise SystemExit(f"bench_corpus: {store} holds {len(found)} pipeline fingerprints, expected one")
    return found[0]


def fill_store(base_corpus: Path, base_store: Path, store: Path, size: int, corpus: Path) -> int:
    """Fills ``store`` with ``size`` documents copied from ``base_store`` (the extraction of
    ``base_corpus``, whose ids are copy 0's): document ``i`` is base document ``i % B`` as copy ``i // B``,
    with the id, line number (of ``corpus``, the file that would hold them) and content hash that
    extracting that replicated corpus would store, listed as the store's latest run. Gives the rows written."""
    from kg.ingest import iter_documents
    from kg.nlp.result import portable_path
    from kg.records import DocResult, Document, Skipped
    from kg.store import Store, content_hash

    documents = [d for d in iter_documents(str(base_corpus)) if isinstance(d, Document)]
    fingerprint = _fingerprint(base_store)
    with Store(base_store) as s:
        outcomes = dict(s.outcomes(d.id for d in documents))
    store.unlink(missing_ok=True)
    with Store(store) as s, s.writer(fingerprint, every=1000, seconds=60.0, run=True) as writer:
        for i in range(size):
            copy, k = divmod(i, len(documents))
            document = documents[k]
            doc_id, path = replica_id(document.id.rsplit("~", 1)[0], copy), f"{corpus}:{i + 1}"
            outcome = outcomes.get(document.id)
            if isinstance(outcome, DocResult):
                # as kg extract writes it (run in this folder, as the commands here are)
                outcome = dataclasses.replace(outcome, doc_id=doc_id, path=portable_path(path))
            elif isinstance(outcome, Skipped):
                outcome = Skipped(path, outcome.reason)
            else:
                continue  # not stored: extracting it failed in a way the store did not keep
            writer.seen(doc_id)
            writer.add(doc_id, content_hash(dataclasses.replace(document, id=doc_id, path=path)), outcome)
    return writer.written


def _same_file(a: Path, b: Path) -> bool:
    def digest(p: Path) -> str:
        h = hashlib.sha256()
        with p.open("rb") as fh:
            for block in iter(lambda: fh.read(MB), b""):
                h.update(block)
        return h.hexdigest()
    return a.is_file() and b.is_file() and digest(a) == digest(b)


# -- the report ----------------------------------------------------------------------------------------------
def markdown_table(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """Gives a Markdown table (a header row, a rule, one line per row; ``None`` as an empty cell)."""
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    for row in rows:
        lines.append("| " + " | ".join("" if c is None else str(c) for c in row) + " |")
    return "\n".join(lines)


def _n(x: float | None, digits: int = 0) -> str | None:
    return None if x is None else f"{x:,.{digits}f}"


def extract_table(rows: Sequence[dict]) -> str:
    """Gives the extraction rows as a Markdown table."""
    headers = ["documents", "runner", "wall s", "CPU s", "docs/s", "chars/s", "peak tree RSS MB",
               "peak main RSS MB", "processes", "+1% incremental s", "from the store"]
    body = []
    for r in rows:
        if r.get("status") != "ok":
            body.append([f"{r['size']:,}", r["runner"], r["status"], *[None] * (len(headers) - 3)])
            continue
        if "incremental_wall_s" in r:
            inc = _n(r["incremental_wall_s"], 1)
            check = f"{r['from_store']:,}" + ("" if r["incremental_ok"] else f" (expected {r['size']:,}; "
                                              f"{r['stored']:,} stored)")
        else:
            inc, check = r.get("incremental"), None
        body.append([f"{r['size']:,}", r["runner"], _n(r["wall_s"], 1), _n(r["cpu_s"], 1), _n(r["docs_per_s"], 1),
                     _n(r["chars_per_s"]), _n(r["peak_tree_mb"]), _n(r["peak_main_mb"]), r["processes"], inc, check])
    return markdown_table(headers, body)


def graph_table(rows: Sequence[dict]) -> str:
    """Gives the ``kg graph`` rows as a Markdown table."""
    headers = ["documents", "store", "build + export s", "CPU s", "peak RSS MB", "graph.json MB", "graph.html MB",
               "nodes (people / orgs / claims / topics)"]
    body = []
    for r in rows:
        if r.get("status") != "ok":
            body.append([f"{r['size']:,}", r["source"], r["status"], *[None] * (len(headers) - 3)])
            continue
        nodes = " / ".join(f"{r['nodes'].get(k, 0):,}" for k in ("people", "organizations", "claims", "topics"))
        files = r["files_mb"]
        body.append([f"{r['size']:,}", r["source"], _n(r["wall_s"], 1), _n(r["cpu_s"], 1), _n(r["peak_tree_mb"]),
                     _n(files.get("graph.json"), 1), _n(files.get("graph.html"), 1), nodes])
    return markdown_table(headers, body)


def _machine() -> dict:
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                                cwd=ROOT).stdout.strip()
    except OSError:
        commit = ""
    return {"cpus": os.cpu_count(), "memory_gb": round(psutil.virtual_memory().total / (1 << 30), 1),
            "python": platform.python_version(), "platform": platform.platform(), "commit": commit,
            "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}


# -- main --------------------------------------------------------------------------------------------------
def _sizes(text: str) -> list[int]:
    try:
        sizes = [int(s.replace("_", "")) for s in text.split(",") if s.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r}: give whole numbers separated by commas, e.g. 1000,10000")
    if not sizes or min(sizes) < 1:
        raise argparse.ArgumentTypeError(f"{text!r}: give sizes of 1 or more")
    return sizes


def _runners(text: str) -> list[str]:
    names = [s.strip() for s in text.split(",") if s.strip()]
    bad = [n for n in names if n not in RUNNERS]
    if bad or not names:
        raise argparse.ArgumentTypeError(f"{','.join(bad) or text!r}: choose among {','.join(RUNNERS)}")
    return names


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=CORPUS, help=f"the real corpus (default: {CORPUS})")
    parser.add_argument("--work", type=Path, default=None,
                        help="folder for the replicated corpora, stores and outputs (default: a temporary "
                             "folder, removed at the end)")
    parser.add_argument("--sizes", type=_sizes, default=[1000, 10000, 100000],
                        help="documents per corpus, comma-separated (default: 1000,10000,100000)")
    parser.add_argument("--runners", type=_runners, default=list(RUNNERS),
                        help=f"comma-separated among {','.join(RUNNERS)} (default: all)")
    parser.add_argument("--dask-args", default=" ".join(RUNNERS["dask"]),
                        help=f"kg extract's options for the dask runner (default: {' '.join(RUNNERS['dask'])})")
    parser.add_argument("--no-model", action="store_true", help="pass --no-model to kg extract (rules only)")
    parser.add_argument("--fill-store", action="store_true",
                        help="also time kg graph on a store filled at each size by copying the stored results "
                             "of one extraction of the real corpus (no extraction at that size)")
    parser.add_argument("--base", type=int, default=None, metavar="N",
                        help="with --fill-store: extract only the corpus's first N articles once, and fill from "
                             "them (default: the whole corpus)")
    parser.add_argument("--graph-only", action="store_true",
                        help="with --fill-store: run no extraction at the sizes, only kg graph on filled stores")
    parser.add_argument("--graph-formats", default=None, metavar="LIST",
                        help="kg graph's --formats when it is measured (default: kg's default formats; at 100k "
                             "documents graph.html alone is gigabytes)")
    parser.add_argument("--json", type=Path, default=None, metavar="OUT.json", help="write every figure here")
    parser.add_argument("--keep", action="store_true",
                        help="keep each size's corpus, stores and outputs (default: removed once measured)")
    args = parser.parse_args(argv)
    global GRAPH_FORMATS
    GRAPH_FORMATS = args.graph_formats
    if args.graph_only and not args.fill_store:
        parser.error("--graph-only measures filled stores: add --fill-store")
    if args.base is not None and (args.base < 1 or not args.fill_store):
        parser.error("--base N needs --fill-store and N of 1 or more")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if not args.corpus.is_file():
        print(f"bench_corpus: {args.corpus} not found; this benchmark needs the shared corpus "
              f"(../shared beside the project) or --corpus PATH. Skipped.")
        return 0
    temp = args.work is None
    work = Path(tempfile.mkdtemp(prefix="kg-bench-corpus-")) if temp else args.work
    work = work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    records, lengths = _read_corpus(args.corpus)
    report: dict = {"machine": _machine(), "corpus": str(args.corpus), "corpus_documents": len(records),
                    "corpus_characters": sum(lengths), "model": not args.no_model, "extract": [], "graph": [],
                    "fill": None}
    print(f"corpus {args.corpus}: {len(records):,} documents, {sum(lengths):,} characters; work folder {work}; "
          f"model {'off' if args.no_model else 'on'}", flush=True)

    def save() -> None:
        if args.json:
            args.json.write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")

    runners = [] if args.graph_only else args.runners
    runner_args = {**RUNNERS, "dask": args.dask_args.split()}
    has_dask = "dask" in runners and dask_available()
    try:
        base = None
        if args.fill_store:
            base = _extract_base(records, args, work)
            report["fill"] = base[2]
            save()
        for size in args.sizes:
            folder = work / f"n{size}"
            corpus, extra = folder / "corpus.jsonl", folder / "extra.jsonl"
            chars, extra_chars = characters(lengths, size), characters(lengths, _n_extra(size), size)
            if runners:
                write_corpus(records, corpus, size)
                write_corpus(records, extra, _n_extra(size), start=size)
            graphed = None
            for runner in runners:
                if runner == "dask" and not has_dask:
                    row = {"size": size, "runner": runner, "status": "not available (kg extract has no --dask yet)"}
                else:
                    kwargs = {"no_model": args.no_model, "runner_args": runner_args[runner]}
                    row = extract_row(size, runner, corpus, folder / runner, chars, **kwargs)
                    if row["status"] == "ok":
                        if graphed is None:  # the graph of exactly N documents, before the incremental run
                            graphed = runner
                            grow = graph_row(size, f"extracted ({runner})", folder / runner / "store.sqlite",
                                             folder / "graph-extracted")
                            report["graph"].append(grow)
                            print(_line(grow), flush=True)
                        incremental(row, corpus, extra, folder / runner, _n_extra(size), extra_chars, **kwargs)
                report["extract"].append(row)
                save()
                print(_line(row), flush=True)
            if base is not None:
                base_corpus, base_store, fill = base
                filled = folder / "filled" / "store.sqlite"
                filled.parent.mkdir(parents=True, exist_ok=True)
                t = time.perf_counter()
                written = fill_store(base_corpus, base_store, filled, size, corpus)
                fill_s = time.perf_counter() - t
                source = f"filled from {fill['documents']:,} extracted (no extraction)"
                grow = graph_row(size, source, filled, folder / "graph-filled")
                grow.update(fill_s=round(fill_s, 1), filled_rows=written,
                            store_mb=round(filled.stat().st_size / MB, 1))
                if graphed is not None:
                    grow["same_graph_json_as_extracted"] = _same_file(folder / "graph-filled" / "graph.json",
                                                                      folder / "graph-extracted" / "graph.json")
                report["graph"].append(grow)
                save()
                print(_line(grow), flush=True)
            if not args.keep:
                shutil.rmtree(folder, ignore_errors=True)
    finally:
        if temp and not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    save()
    print()
    if report["extract"]:
        print(extract_table(report["extract"]))
        print()
    if report["graph"]:
        print(graph_table(report["graph"]))
    return 0


def _extract_base(records: Sequence[dict], args: argparse.Namespace, work: Path) -> tuple[Path, Path, dict]:
    """Extracts the corpus (or its first ``--base`` articles) once, as copy 0 of the replicated corpus;
    gives its file, its store and what it took."""
    n = min(args.base or len(records), len(records))
    folder = work / "base"
    corpus, store = write_corpus(records, folder / "corpus.jsonl", n), folder / "store.sqlite"
    shutil.rmtree(folder / "out", ignore_errors=True)
    store.unlink(missing_ok=True)
    m = measure(_kg("extract", str(corpus), "--store", str(store), "--out", str(folder / "out"), "--quiet",
                    *(["--no-model"] if args.no_model else [])), folder / "extract")
    if m.returncode:
        raise SystemExit(f"bench_corpus: extracting the base corpus failed ({_failure(m)})")
    fill = {"documents": n, "wall_s": round(m.wall_s, 2), "store_mb": round(store.stat().st_size / MB, 2)}
    print(f"base for --fill-store: {n:,} documents extracted once in {m.wall_s:.1f} s "
          f"(store {fill['store_mb']} MB)", flush=True)
    return corpus, store, fill


def _line(row: dict) -> str:
    if "runner" in row:
        head = f"[{row['size']:,} documents, {row['runner']}]"
        if row["status"] != "ok":
            return f"{head} {row['status']}"
        inc = (f"; +{row['incremental_documents']:,} incremental {row['incremental_wall_s']} s, from the store "
               f"{row['from_store']}, stored {row['stored']} ({'ok' if row['incremental_ok'] else 'WRONG'})"
               if "incremental_wall_s" in row else f"; incremental {row.get('incremental')}")
        return (f"{head} {row['wall_s']} s, {row['docs_per_s']} docs/s, {row['chars_per_s']:,} chars/s, peak tree "
                f"{row['peak_tree_mb']} MB, main {row['peak_main_mb']} MB, {row['processes']} processes{inc}")
    head = f"[{row['size']:,} documents, kg graph, {row['source']}]"
    if row["status"] != "ok":
        return f"{head} {row['status']}"
    same = row.get("same_graph_json_as_extracted")
    return (f"{head} {row['wall_s']} s, peak {row['peak_tree_mb']} MB, files {row['files_mb']}"
            + (f", filled in {row['fill_s']} s ({row['store_mb']} MB)" if "fill_s" in row else "")
            + ("" if same is None else f", graph.json identical to the extracted store's: {'yes' if same else 'NO'}"))


if __name__ == "__main__":
    sys.exit(main())
