"""What the real-article scripts share: their options, the shared scorer, the gold files of a split, and
kg run on one corpus article alone (used by score_finreport.py and reliability.py)."""
from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
GOLD = ROOT / "tests" / "fixtures" / "finreport"


def add_options(parser: argparse.ArgumentParser) -> None:
    """Adds --split, --corpus and --scorer."""
    parser.add_argument("--split", choices=("dev", "heldout", "calibration", "all"), default="dev")
    parser.add_argument("--batch", type=int, default=0, help="only the articles of this annotation batch (1, 2; 0 = all)")
    parser.add_argument("--corpus", type=Path, default=SHARED / "data" / "corpus" / "finreport.jsonl")
    parser.add_argument("--scorer", type=Path, default=SHARED / "tools" / "kgscore.py")


def check_inputs(args: argparse.Namespace, prog: str) -> bool:
    """Tells whether the corpus and the scorer exist; prints a one-line reason when not."""
    for path, what in ((args.corpus, "--corpus"), (args.scorer, "--scorer")):
        if not path.is_file():
            print(f"{prog}: {path}: not found; put ../shared beside the project or pass {what}", file=sys.stderr)
            return False
    return True


def load_scorer(path: Path) -> ModuleType:
    """Gives the shared scorer (kgscore.py) as a module."""
    spec = importlib.util.spec_from_file_location("kgscore", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def splits() -> dict[str, dict]:
    """Gives corpus id -> its entry of SPLIT.json (style, split)."""
    return {o["id"]: o for o in json.loads((GOLD / "SPLIT.json").read_text(encoding="utf-8"))}


def gold_files(split: str, batch: int = 0) -> Iterator[dict]:
    """Gives the gold of each article of ``split`` (dev, heldout, calibration or all), in corpus-id order;
    with ``batch``, only that annotation batch's (SPLIT.json ``batch``, 1 where absent)."""
    of = splits()
    for path in sorted(GOLD.glob("finreport-*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        for person in gold.get("people", []):  # the shared scorer needs both keys (check_gold.py insists too)
            for a in person.get("affiliations", []):
                a.setdefault("org", "")
                a.setdefault("title", "")
        entry = of.get(gold["doc"], {})
        if batch and entry.get("batch", 1) != batch:
            continue
        if split == "all" or entry.get("split") == split:
            yield gold


def corpus_lines(corpus: Path) -> dict[str, str]:
    """Gives corpus id -> its JSON line."""
    with corpus.open(encoding="utf-8") as f:
        return {json.loads(line)["id"]: line for line in f}


def speaker_key(gold: dict, norm):
    """Gives a function from a speaker's name to its comparable form: the gold's canonical organization
    name for any of its aliases, normalised by the shared scorer's ``norm``."""
    alias = {norm(a): norm(o["name"]) for o in gold.get("organizations", []) for a in (o["name"], *o.get("aliases", []))}
    return lambda name: alias.get(norm(name), norm(name))


def _run_one(nlp, line: str):
    """Gives kg's run report of one corpus line, read by kg's own JSONL reader and extracted on its own."""
    from kg.run import run

    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "article.jsonl"
        src.write_text(line, encoding="utf-8")
        return run([src], nlp=nlp)


def extract_one(nlp, line: str):
    """Gives the graph of one corpus line, read by kg's own JSONL reader and extracted on its own."""
    return _run_one(nlp, line).graph


def results_of_one(nlp, line: str) -> list:
    """Gives the DocResults of one corpus line, extracted on its own (as :func:`extract_one`)."""
    return list(_run_one(nlp, line).results)
