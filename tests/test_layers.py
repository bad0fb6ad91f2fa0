"""The import contract: each room of kg imports only the rooms below it.

Data flows files -> ``ingest`` -> ``Document`` -> ``nlp`` (with ``ner``, ``segment``) -> ``DocResult``
-> ``graph`` -> ``io`` / ``query``; ``run`` moves data between rooms and ``cli`` is glue. Every import
counts, including those inside functions, so a lazy import cannot hide a backwards edge.
"""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

KG = Path(__file__).resolve().parents[1] / "kg"

#: room -> the kg rooms it may import (itself always allowed)
ALLOWED: dict[str, set[str]] = {
    "errors": set(),
    "records": set(),
    "resources": {"errors"},
    "segment": {"resources", "errors"},
    "ingest": {"records", "resources", "errors"},
    "ner": {"segment", "resources", "records", "errors"},
    "nlp": {"ner", "segment", "resources", "records", "errors"},
    "graph": {"records", "errors"},
    "store": {"records", "errors"},
    "io": {"graph", "records", "resources", "errors"},
    "query": {"graph", "records", "errors"},
    "evaluate": {"graph", "records", "errors"},
    "notebook": {"graph", "io", "query", "records", "resources", "errors"},
    "run": {"ingest", "nlp", "graph", "store", "records", "errors"},
    "cli": {"run", "store", "io", "query", "evaluate", "ner", "nlp", "graph", "records", "resources", "errors"},
    "__init__": {"run", "nlp", "io", "errors"},
    "__main__": {"cli"},
}

#: third-party packages a room must never import (spaCy stays inside nlp and run)
FORBIDDEN: dict[str, set[str]] = {
    room: {"spacy", "thinc"} for room in ("errors", "records", "resources", "segment", "ingest", "ner", "graph",
                                          "store", "io", "query", "evaluate", "notebook")
}
#: training lives outside the package (training/kg_training) and kg never imports it
NEVER = {"kg_training", "torch", "gensim", "sklearn"}


def _room(module: str) -> str:
    parts = module.split(".")
    if parts == ["kg"]:
        return "__init__"
    return parts[1].removesuffix(".py")


def _module_of(path: Path) -> str:
    rel = path.relative_to(KG.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _imports(path: Path) -> list[tuple[int, str, list[str]]]:
    """Gives (line, imported module, imported names) for every import in the file, at any depth."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    module = _module_of(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(node.lineno, alias.name, []) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            out.append((node.lineno, target, [a.name for a in node.names]))
    return out


def _sources() -> list[Path]:
    return sorted(p for p in KG.rglob("*.py") if "__pycache__" not in p.parts)


def _violations() -> list[str]:
    bad = []
    for path in _sources():
        module = _module_of(path)
        room = "__init__" if module == "kg" else _room(module)
        where = f"{path.relative_to(KG.parent)}"
        for line, target, names in _imports(path):
            top = target.split(".")[0]
            if top in NEVER:
                bad.append(f"{where}:{line} imports {target} (training stays outside kg)")
            if top in FORBIDDEN.get(room, set()):
                bad.append(f"{where}:{line} imports {target} (room {room} must not import {top})")
            if top != "kg":
                continue
            if target == "kg":  # `from kg import x`: the room of each name
                targets = [f"kg.{n}" for n in names]
            else:
                targets = [target]
            for t in targets:
                other = _room(t)
                if other == room or other == "__init__" and t == "kg":
                    continue
                if other not in ALLOWED.get(room, set()) and t not in ("kg.__version__",):
                    bad.append(f"{where}:{line} imports {t} (room {room} may import {sorted(ALLOWED.get(room, set()))})")
            if room == "cli":
                bad += [f"{where}:{line} imports private {target}.{n}" for n in names
                        if n.startswith("_") and n != "__version__" and _room(target) != "cli"]
    return bad


def test_every_module_belongs_to_a_known_room():
    rooms = {"__init__" if _module_of(p) == "kg" else _room(_module_of(p)) for p in _sources()}
    assert rooms <= set(ALLOWED), f"rooms without a rule: {sorted(rooms - set(ALLOWED))}"


def test_rooms_import_only_the_rooms_below_them():
    assert _violations() == []


def test_the_contract_catches_a_backwards_import(tmp_path, monkeypatch):
    # the checker itself must be able to fail: a graph module that imports spaCy and the nlp room
    fake = tmp_path / "kg"
    (fake / "graph").mkdir(parents=True)
    (fake / "__init__.py").write_text("")
    (fake / "graph" / "__init__.py").write_text("def f():\n    import spacy\n    from kg.nlp import load\n")
    monkeypatch.setattr(sys.modules[__name__], "KG", fake)
    found = _violations()
    assert any("must not import spacy" in v for v in found)
    assert any("imports kg.nlp" in v for v in found)


@pytest.mark.parametrize("modules", ["kg.graph, kg.io, kg.query", "kg.ingest", "kg.ner", "kg.records, kg.segment",
                                     "kg.store"])
def test_lower_rooms_load_without_spacy(modules):
    code = f"import sys, {modules}; print(sorted({{m.split('.')[0] for m in sys.modules}} & {{'spacy', 'thinc'}}))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
