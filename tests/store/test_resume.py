"""A real ``kg extract`` killed with SIGKILL, then interrupted with Ctrl-C (SIGINT), then run again: every
document ends in the store exactly once and the graph equals an uninterrupted run's."""
from __future__ import annotations

import json
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import ROOT

N_COPIES = 8  # 8 copies of the 7 seed articles: 56 documents, about 3 s of rules


def _count(store: Path) -> int:
    if not store.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{store}?mode=ro", uri=True, timeout=1) as db:
            return db.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    except sqlite3.Error:  # not created yet
        return 0


def _extract(inputs: Path, out: Path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "kg", "extract", str(inputs), "--out", str(out), "--no-model",
                             *extra], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _stop_after_a_commit(proc: subprocess.Popen, store: Path, above: int, sig: int) -> int:
    """Sends ``sig`` once the store holds more than ``above`` documents; gives the count just before."""
    deadline = time.monotonic() + 60
    while (n := _count(store)) <= above:
        assert proc.poll() is None, f"kg extract ended before a commit: {proc.communicate()}"
        assert time.monotonic() < deadline, "no commit within 60 s"
        time.sleep(0.02)
    proc.send_signal(sig)
    proc.wait(timeout=60)
    return n


def test_kill_then_ctrl_c_then_resume_gives_every_document_once(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    seeds = sorted((ROOT / "seeds").iterdir())
    for i in range(N_COPIES):
        for seed in seeds:
            shutil.copy(seed, inputs / f"{i}_{seed.name}")
    total = N_COPIES * len(seeds)
    out = tmp_path / "out"
    store = out / "kg-store.sqlite"

    killed = _stop_after_a_commit(_extract(inputs, out), store, 0, signal.SIGKILL)
    after_kill = _count(store)
    assert 0 < after_kill < total, "the kill did not land midway; the test needs a slower run"
    assert after_kill >= killed  # nothing committed was lost

    interrupted = _extract(inputs, out)
    _stop_after_a_commit(interrupted, store, after_kill, signal.SIGINT)
    assert interrupted.returncode == 130
    message = interrupted.stderr.read()
    assert "run the same command again to resume" in message and "Traceback" not in message, message
    after_ctrl_c = _count(store)
    assert after_kill < after_ctrl_c

    final = _extract(inputs, out)
    stdout, stderr = final.communicate(timeout=120)
    assert final.returncode == 0, stderr
    assert f"from the store   {after_ctrl_c} " in stdout and f"processed {total - after_ctrl_c}" in stdout
    with sqlite3.connect(store) as db:
        ids = [r[0] for r in db.execute("SELECT doc_id FROM documents WHERE status = 'ok'")]
    assert sorted(ids) == sorted(p.name for p in inputs.iterdir())

    reference = _extract(inputs, tmp_path / "ref", "--no-store", "--quiet")
    assert reference.wait(timeout=120) == 0
    assert not (tmp_path / "ref" / "kg-store.sqlite").exists()
    resumed = json.loads((out / "graph.json").read_text(encoding="utf-8"))
    assert resumed == json.loads((tmp_path / "ref" / "graph.json").read_text(encoding="utf-8"))
