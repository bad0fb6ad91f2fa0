"""Runs every notebook in notebooks/ top to bottom, as Jupyter would, and checks that no cell fails.

Each notebook is read from a temporary copy and executed with nbclient (kernel ``python3``, the working
directory set to ``notebooks/``); the executed copy is written beside it under pytest's tmp_path, so the
committed notebooks and their outputs are never touched. Skipped when nbclient, nbformat or ipykernel is
missing (``pip install -e ".[test]"`` installs them).
"""
from __future__ import annotations

import shutil

import pytest

nbformat = pytest.importorskip("nbformat", reason="nbformat is not installed (pip install nbformat)")
nbclient = pytest.importorskip("nbclient", reason="nbclient is not installed (pip install nbclient)")
pytest.importorskip("ipykernel", reason="ipykernel is not installed (pip install ipykernel)")
pytest.importorskip("matplotlib", reason="matplotlib is not installed; the notebooks draw with it")
pytest.importorskip("pandas", reason="pandas is not installed; the notebooks show DataFrames")

from tests.conftest import ROOT

NOTEBOOKS = ROOT / "notebooks"
TIMEOUT_S = 300


def test_the_readme_notebooks_exist():
    names = {p.name for p in NOTEBOOKS.glob("*.ipynb")}
    assert {"01-seed-walkthrough.ipynb", "02-corpus-queries.ipynb"} <= names


@pytest.mark.parametrize("name", sorted(p.name for p in NOTEBOOKS.glob("*.ipynb")))
def test_notebook_runs_top_to_bottom(name, tmp_path, monkeypatch):
    monkeypatch.setenv("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    copy = tmp_path / name
    shutil.copyfile(NOTEBOOKS / name, copy)
    nb = nbformat.read(copy, as_version=4)
    client = nbclient.NotebookClient(
        nb,
        timeout=TIMEOUT_S,
        startup_timeout=120,
        kernel_name="python3",
        resources={"metadata": {"path": str(NOTEBOOKS)}},
    )
    try:
        client.execute()
    except nbclient.exceptions.CellExecutionError as exc:
        pytest.fail(f"{name}: a cell failed\n{exc}")
    finally:
        nbformat.write(nb, copy)  # the executed copy, to look at when something went wrong
    errors = [
        f"cell {i}: {out.get('ename')}: {out.get('evalue')}"
        for i, cell in enumerate(nb.cells)
        if cell.cell_type == "code"
        for out in cell.get("outputs", [])
        if out.get("output_type") == "error"
    ]
    assert errors == [], f"{name}: {errors}"
    ran = [c for c in nb.cells if c.cell_type == "code"]
    assert ran and all(c.get("execution_count") for c in ran), f"{name}: not every code cell ran"


def test_notebooks_read_files_through_the_repository_root():
    """A notebook that opens seeds/ or tests/ by a relative path only works when started in one folder."""
    for path in NOTEBOOKS.glob("*.ipynb"):
        nb = nbformat.read(path, as_version=4)
        source = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
        assert "nb.repo_root()" in source, f"{path.name}: find the checkout with kg.notebook.repo_root()"
        for relative in ('"seeds/', "'seeds/", '"../', "'../"):
            assert relative not in source, f"{path.name}: {relative!r} depends on the working directory"


def test_notebooks_import_only_kg_and_the_allowed_libraries():
    allowed = {"kg", "pandas", "matplotlib", "networkx", "tempfile", "warnings", "pathlib"}
    for path in NOTEBOOKS.glob("*.ipynb"):
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            if cell.cell_type != "code":
                continue
            for line in cell.source.splitlines():
                words = line.split()
                if words[:1] in (["import"], ["from"]) and len(words) > 1:
                    top = words[1].split(".")[0]
                    assert top in allowed, f"{path.name}: imports {words[1]}; notebooks import from kg"
