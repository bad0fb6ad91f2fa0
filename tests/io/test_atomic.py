"""kg.io.atomic and the writers around it: nothing half-written, the umask decides, errors name the fix."""
from __future__ import annotations

import os
import stat

import pytest
from tests.io.sample_graph import snapshot

from kg import io
from kg.errors import KGError
from kg.io import atomic


WRITERS = [
    ("graphml", "graph.graphml"), ("json", "graph.json"), ("claims", "claims.csv"),
    ("gexf", "graph.gexf"), ("html", "graph.html"), ("neo4j", "neo4j"),
]

@pytest.mark.parametrize(("fmt", "name"), WRITERS)
def test_writer_leaves_graph_unchanged_and_no_temp_files(graph, tmp_path, fmt, name):
    before = snapshot(graph)
    written = io.write_all(graph, tmp_path, formats=[fmt])
    assert written == {fmt: tmp_path / name}
    assert snapshot(graph) == before
    assert not [p for p in tmp_path.rglob("*") if p.name.endswith(".tmp")]
    # the umask, not mkstemp's 0600, decides the permissions
    target = written[fmt] / "nodes.csv" if fmt == "neo4j" else written[fmt]
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~_umask()



def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask



def test_non_scalar_attribute_is_a_kg_error(graph, tmp_path):
    graph.nodes["person:张朝晖@平安证券"]["orgs"] = ["平安证券"]
    with pytest.raises(KGError, match=r"person:张朝晖@平安证券.*'orgs' is list"):
        io.write_graphml(graph, tmp_path / "g.graphml")
    assert not list(tmp_path.iterdir())



def test_failed_write_keeps_the_old_file(graph, tmp_path, monkeypatch):
    path = tmp_path / "g.json"
    path.write_text("old", encoding="utf-8")

    def boom(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", boom)
    with pytest.raises(KGError, match=r"g\.json: write failed \(No space left on device\)"):
        io.write_json(graph, path)
    assert path.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["g.json"]



def test_unwritable_directory_is_a_kg_error(graph, tmp_path, monkeypatch):
    # Simulated, because root (as in CI containers) may write anywhere.
    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(atomic.os, "open", denied)
    with pytest.raises(KGError, match=r"g\.json: cannot write \(Permission denied\); make .* writable"):
        io.write_json(graph, tmp_path / "g.json")



def test_output_directory_that_is_a_file_is_a_kg_error(graph, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(KGError, match=r"file/out: cannot create the output directory"):
        io.write_all(graph, blocker / "out")
    with pytest.raises(KGError, match="is a directory"):
        io.write_json(graph, tmp_path)
