"""The output folder changes all at once or not at all, one run at a time (kg.io.outset, kg.io.write_all)."""
from __future__ import annotations

import subprocess
import sys
import textwrap

import networkx as nx
import pytest

from kg import io
from kg.errors import KGError


def _graph(label: str) -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    G.add_node("person:甲", type="person", label=label, title="", orgs="", mentions=1)
    return G


def _snapshot(out):
    return {p.name: p.read_bytes() for p in out.iterdir() if p.is_file() and not p.name.startswith(".")}


def test_a_failing_format_leaves_the_previous_set_whole(tmp_path, monkeypatch):
    out = tmp_path / "out"
    io.write_all(_graph("旧"), out, formats=["html", "json", "claims"])
    before = _snapshot(out)

    def broken(G, path):
        raise KGError(f"{path}: disk full")

    monkeypatch.setitem(io.FORMATS, "claims", ("claims.csv", broken))
    with pytest.raises(KGError, match="disk full"):
        io.write_all(_graph("新"), out, formats=["html", "json", "claims"])  # html and json were written first
    assert _snapshot(out) == before  # not the new graph.html beside the old claims.csv
    assert sorted(p.name for p in out.iterdir()) == [".kg.lock", "claims.csv", "graph.html", "graph.json"]


def test_a_write_killed_midway_leaves_the_old_set_and_the_next_run_cleans_up(tmp_path):
    out = tmp_path / "out"
    io.write_all(_graph("旧"), out, formats=["json", "claims"])
    before = _snapshot(out)
    script = textwrap.dedent(f"""
        import os, networkx as nx
        from kg import io
        def die(G, path):
            os._exit(9)  # as abrupt as kill -9, after graph.json is written into the staging folder
        io.FORMATS["claims"] = ("claims.csv", die)
        G = nx.MultiDiGraph(); G.add_node("person:乙", type="person", label="新", title="", orgs="", mentions=1)
        io.write_all(G, {str(out)!r}, formats=["json", "claims"])
    """)
    assert subprocess.run([sys.executable, "-c", script]).returncode == 9
    assert _snapshot(out) == before
    assert any(p.name.startswith(".kg-staging-") for p in out.iterdir())  # what the killed run left
    (out / ".graph.json.0123abcd.tmp").write_text("half", encoding="utf-8")  # a killed writer's temp file
    io.write_all(_graph("再"), out, formats=["json", "claims"])
    assert sorted(p.name for p in out.iterdir()) == [".kg.lock", "claims.csv", "graph.json"]
    assert "再" in (out / "graph.json").read_text(encoding="utf-8")


def test_a_staging_folder_complete_but_not_moved_is_finished_by_the_next_write(tmp_path):
    out = tmp_path / "out"
    io.write_all(_graph("旧"), out, formats=["json"])
    staging = out / ".kg-staging-0000beef"
    staging.mkdir()
    (staging / "graph.json").write_text('{"new": true}', encoding="utf-8")
    (staging / ".ready").touch()  # killed between its renames
    from kg.io.outset import clean_stale, output_lock

    with output_lock(out):
        clean_stale(out)
    assert (out / "graph.json").read_text(encoding="utf-8") == '{"new": true}' and not staging.exists()


def test_folders_are_replaced_whole(tmp_path):
    out = tmp_path / "out"
    io.write_all(_graph("旧"), out, formats=["neo4j"])
    (out / "neo4j" / "stale.csv").write_text("old", encoding="utf-8")
    io.write_all(_graph("新"), out, formats=["neo4j"])
    assert not (out / "neo4j" / "stale.csv").exists() and (out / "neo4j" / "load.cypher").is_file()


def test_a_second_run_into_the_same_folder_is_refused(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import sys, time
        from kg.io.outset import output_lock
        with output_lock({str(out)!r}):
            print("held", flush=True)
            time.sleep(30)
    """)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(KGError, match="another kg run is writing into this folder"):
            io.write_all(_graph("新"), out, formats=["json"])
        assert not (out / "graph.json").exists()
    finally:
        holder.kill()
        holder.wait()
    io.write_all(_graph("新"), out, formats=["json"])  # the lock dies with its process
    assert (out / "graph.json").is_file()


def test_the_lock_is_reentrant_in_one_process(tmp_path):
    from kg.io.outset import output_lock

    with output_lock(tmp_path / "out"):
        paths = io.write_all(_graph("新"), tmp_path / "out", formats=["json"])  # kg extract holds it already
    assert paths == {"json": tmp_path / "out" / "graph.json"}
