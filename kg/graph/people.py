"""Cross-document person identity: which (name, firm) pairs are the same person.

Across documents the same name at the same firm is one person; the same name at different firms stays two
people unless one document ties both firms to the name; a name with no firm joins the one person of that
name when there is exactly one.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from kg.records import DocResult

__all__ = ["People"]


class People:
    """Decides which (name, firm) pairs are the same person across documents (union-find)."""

    def __init__(self, results: Sequence[DocResult]) -> None:
        self.parent: dict[tuple[str, str], tuple[str, str]] = {}
        self.by_name: dict[str, set[tuple[str, str]]] = defaultdict(set)
        for r in results:
            for name in r.people:
                firms = self._firms(r, name)
                keys = [(name, f) for f in firms] or [(name, "")]
                for k in keys:
                    self._add(k)
                for k in keys[1:]:
                    self._union(keys[0], k)

    @staticmethod
    def _firms(r: DocResult, name: str) -> list[str]:
        current = [a.org for a in r.affiliations if a.person == name and a.org and not a.former]
        former = [a.org for a in r.affiliations if a.person == name and a.org and a.former]
        return list(dict.fromkeys(current + former))

    def _add(self, k: tuple[str, str]) -> None:
        if k not in self.parent:
            self.parent[k] = k
            if k[1]:
                self.by_name[k[0]].add(k)

    def _find(self, k: tuple[str, str]) -> tuple[str, str]:
        while self.parent[k] != k:
            self.parent[k] = self.parent[self.parent[k]]
            k = self.parent[k]
        return k

    def _union(self, a: tuple[str, str], b: tuple[str, str]) -> None:
        ra, rb = self._find(a), self._find(b)
        if ra != rb:
            self.parent[rb] = ra

    def node_id(self, r: DocResult, name: str) -> str:
        """Gives the person node id of ``name`` as document ``r`` names it."""
        firms = self._firms(r, name)
        if firms:
            root = self._find((name, firms[0]))
        else:
            roots = {self._find(k) for k in self.by_name.get(name, ())}
            root = next(iter(roots)) if len(roots) == 1 else (name, "")
        return f"person:{root[0]}@{root[1]}" if root[1] else f"person:{root[0]}"
