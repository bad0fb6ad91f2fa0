"""Special files in the inputs (issue 11): symbolic link loops, broken links, FIFOs, sockets and devices
are skipped with a reason and never opened; the run goes on with the regular files.

All article text here is made up for the tests.
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from kg.ingest import iter_documents
from kg.records import Document, Skipped

pytestmark = pytest.mark.skipif(os.name != "posix", reason="FIFOs, sockets and symlink loops are POSIX")

ARTICLE = "标题\n华夏银行行长王明认为，今年经济将稳步回升。\n"


def reasons(results: list) -> dict[str, str]:
    return {Path(r.source).name: r.reason for r in results if isinstance(r, Skipped)}


@pytest.fixture()
def hostile_folder(tmp_path: Path) -> Path:
    root = tmp_path / "in"
    root.mkdir()
    (root / "a.txt").write_text(ARTICLE, encoding="utf-8")
    os.symlink("loop2", root / "loop1")
    os.symlink("loop1", root / "loop2")
    os.symlink("missing.txt", root / "broken")
    os.symlink(".", root / "self")  # a link to a folder is not followed, so no loop through it
    os.mkfifo(root / "fifo")
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        sock.bind(str(root / "sock"))
    except OSError:  # a path too long for AF_UNIX: the other cases still run
        pass
    yield root
    sock.close()


def test_a_folder_with_special_files_reads_the_regular_ones_and_names_the_rest(hostile_folder: Path) -> None:
    results = list(iter_documents(hostile_folder))  # a FIFO opened for reading would block here
    assert [r.id for r in results if isinstance(r, Document)] == ["a.txt"]
    why = reasons(results)
    assert "symbolic link loop" in why["loop1"] and "symbolic link loop" in why["loop2"]
    assert "broken symbolic link" in why["broken"]
    assert "named pipe (FIFO)" in why["fifo"]
    if (hostile_folder / "sock").exists():
        assert "socket" in why["sock"]
    assert "self" not in why


def test_named_special_files_are_skipped_too(hostile_folder: Path) -> None:
    results = list(iter_documents([hostile_folder / "loop1", hostile_folder / "fifo", "/dev/null"]))
    why = reasons(results)
    assert "symbolic link loop" in why["loop1"]
    assert "named pipe" in why["fifo"]
    assert "a device" in why["null"]
    assert not [r for r in results if isinstance(r, Document)]


def test_kg_extract_on_such_a_folder_finishes_with_one_line_each(hostile_folder: Path, tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "kg", "extract", str(hostile_folder), "--no-model", "--no-store",
                           "--out", str(tmp_path / "out"), "--quiet"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    skipped = [line for line in proc.stderr.splitlines() if line.startswith("kg: skipped")]
    assert len(skipped) >= 4 and all(str(hostile_folder) in line for line in skipped)
    assert (tmp_path / "out" / "graph.json").is_file()
